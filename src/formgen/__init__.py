"""formgen: validated case data to DOCX and PDF forms.

The library is the pipeline; the command line only prints its reports:

    from formgen import Project, build, bundles, Options
    report = build(Project(), [Path("cases")], Path("build"), options=Options(jobs=2))
    for result in report.failed: ...

Names are imported on first use, so `formgen --help` starts fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API = {
    "build": "formgen.pipeline", "bundles": "formgen.pipeline", "check": "formgen.pipeline",
    "collect": "formgen.pipeline", "render_case": "formgen.pipeline", "Options": "formgen.pipeline",
    "Report": "formgen.pipeline", "Result": "formgen.pipeline", "Progress": "formgen.pipeline",
    "Project": "formgen.project", "Protection": "formgen.bundle", "check_bundle": "formgen.verify",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'formgen' has no attribute {name!r}")
