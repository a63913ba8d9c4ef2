"""The register's tables (SQLAlchemy Core). The migrations in migrations/versions create them;
this module is what the queries are written against, and a test checks the two agree."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

metadata = MetaData()

ISSUED = "wydany"
SUPERSEDED = "zastapiony"

institutions = Table(
    "institutions", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(100), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("institution_id", Integer, ForeignKey("institutions.id"), nullable=False),
    Column("form", String(100), nullable=False),
    Column("case_id", String(200), nullable=False),
    Column("year", Integer, nullable=False),
    Column("doc_date", Date, nullable=False),
    Column("kind", String(40)),  # the benefit kind or 'pozyczka': what the cross-case rules count
    Column("section", String(60)),  # the fund plan's part it is paid from
    Column("number", String(60)),  # the number it was given (decision, agreement, card)
    Column("person_key", String(200)),  # "pesel:…" or "name:…|birth date": who it concerns
    Column("person_name", String(300)),
    Column("person_pesel", String(11)),
    Column("person_birth", Date),
    Column("subject_key", String(200)),  # the child of an organised-holiday subsidy
    Column("subject_name", String(300)),
    Column("granted", Numeric(12, 2)),
    Column("tax", Numeric(12, 2)),
    Column("paid", Numeric(12, 2)),
    Column("paid_to", String(300)),
    Column("limit_used", Numeric(12, 2)),  # the part of the yearly tax-free limit it used
    Column("ends_on", Date),  # a loan's last installment
    Column("repaid_on", Date),  # a loan repaid early (recorded later)
    Column("exception", Text),  # §20 ust. 1: why a loan was granted within the waiting time
    Column("details", Text),  # JSON: what only some forms have (a fund plan's parts)
    Column("content_hash", String(64), nullable=False),
    Column("files", Text, nullable=False),  # JSON: output path -> sha256
    Column("status", String(12), nullable=False),
    Column("superseded_by", Integer, ForeignKey("documents.id")),
    Column("recorded_at", DateTime, nullable=False),
    Index("ux_documents_current", "institution_id", "form", "case_id", unique=True,
          sqlite_where=text("status = 'wydany'"), postgresql_where=text("status = 'wydany'")),
    Index("ix_documents_person", "institution_id", "person_key", "year"),
    Index("ix_documents_kind", "institution_id", "year", "kind"),
)

parties = Table(
    "parties", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("role", String(20), nullable=False),  # 'poreczyciel'
    Column("person_key", String(200), nullable=False),
    Column("person_name", String(300), nullable=False),
    Index("ix_parties_person", "role", "person_key"),
)

counters = Table(
    "counters", metadata,
    Column("institution_id", Integer, ForeignKey("institutions.id"), nullable=False),
    Column("series", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("last", Integer, nullable=False),
    UniqueConstraint("institution_id", "series", "year", name="uq_counters"),
)

# Numbers taken for documents that were then not issued (refused by a rule across cases, a
# render or write that failed): the next documents of the series get them, lowest first, so
# that a register's numbering has no gaps.
released = Table(
    "released_numbers", metadata,
    Column("institution_id", Integer, ForeignKey("institutions.id"), nullable=False),
    Column("series", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("n", Integer, nullable=False),
    UniqueConstraint("institution_id", "series", "year", "n", name="uq_released_numbers"),
)
