"""formgen: validated case data to DOCX and PDF forms."""

__version__ = "0.1.0"
