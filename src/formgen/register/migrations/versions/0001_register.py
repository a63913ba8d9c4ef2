"""The register of issued documents: institutions, documents, parties (guarantors), counters.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

CURRENT = sa.text("status = 'wydany'")


def upgrade() -> None:
    op.create_table(
        "institutions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(100), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("institution_id", sa.Integer, sa.ForeignKey("institutions.id"), nullable=False),
        sa.Column("form", sa.String(100), nullable=False),
        sa.Column("case_id", sa.String(200), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("doc_date", sa.Date, nullable=False),
        sa.Column("kind", sa.String(40)),
        sa.Column("section", sa.String(60)),
        sa.Column("number", sa.String(60)),
        sa.Column("person_key", sa.String(200)),
        sa.Column("person_name", sa.String(300)),
        sa.Column("person_pesel", sa.String(11)),
        sa.Column("person_birth", sa.Date),
        sa.Column("subject_key", sa.String(200)),
        sa.Column("subject_name", sa.String(300)),
        sa.Column("granted", sa.Numeric(12, 2)),
        sa.Column("tax", sa.Numeric(12, 2)),
        sa.Column("paid", sa.Numeric(12, 2)),
        sa.Column("paid_to", sa.String(300)),
        sa.Column("limit_used", sa.Numeric(12, 2)),
        sa.Column("ends_on", sa.Date),
        sa.Column("repaid_on", sa.Date),
        sa.Column("exception", sa.Text),
        sa.Column("details", sa.Text),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("files", sa.Text, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("superseded_by", sa.Integer, sa.ForeignKey("documents.id")),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
    op.create_index("ux_documents_current", "documents", ["institution_id", "form", "case_id"], unique=True,
                    sqlite_where=CURRENT, postgresql_where=CURRENT)
    op.create_index("ix_documents_person", "documents", ["institution_id", "person_key", "year"])
    op.create_index("ix_documents_kind", "documents", ["institution_id", "year", "kind"])
    op.create_table(
        "parties",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("person_key", sa.String(200), nullable=False),
        sa.Column("person_name", sa.String(300), nullable=False),
    )
    op.create_index("ix_parties_person", "parties", ["role", "person_key"])
    op.create_table(
        "counters",
        sa.Column("institution_id", sa.Integer, sa.ForeignKey("institutions.id"), nullable=False),
        sa.Column("series", sa.String(40), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("last", sa.Integer, nullable=False),
        sa.UniqueConstraint("institution_id", "series", "year", name="uq_counters"),
    )


def downgrade() -> None:
    op.drop_table("counters")
    op.drop_table("parties")
    op.drop_table("documents")
    op.drop_table("institutions")
