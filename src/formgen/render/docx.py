"""DOCX rendering with docxtpl, through the shared sandboxed environment."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from formgen.render.env import environment


def render_docx(template: Path, templates_root: Path, context: dict[str, Any],
                title: str, author: str, when: dt.datetime) -> bytes:
    """Fill a DOCX template and return the document's bytes, with neutral metadata."""
    doc = DocxTemplate(str(template))
    doc.render(context, jinja_env=environment(templates_root), autoescape=True)
    props = doc.docx.core_properties
    for name in ("subject", "keywords", "comments", "category", "last_modified_by", "identifier",
                 "content_status", "language", "version"):
        setattr(props, name, "")
    # python-docx (like Word) holds at most 255 characters in a core property.
    props.title, props.author = _property(title), _property(author)
    props.created = props.modified = when.replace(tzinfo=None)
    props.last_printed = when.replace(tzinfo=None)
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return _normalise_zip(buffer.getvalue(), when)


def _property(text: str, limit: int = 255) -> str:
    """A document property value within `limit` characters (cut with an ellipsis)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite the zip with one timestamp so the same input gives the same bytes."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()
