"""Rendering: one sandboxed Jinja environment feeding both the DOCX and the HTML/PDF path."""
