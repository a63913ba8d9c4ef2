"""Reading case files: YAML and CSV readers that keep every value a string and remember lines."""
