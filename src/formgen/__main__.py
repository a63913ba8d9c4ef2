"""Entry point for `python -m formgen`."""

from formgen.cli import main

main()
