"""Case schemas (pydantic models) and context builders of the forms, grouped by regulation."""
