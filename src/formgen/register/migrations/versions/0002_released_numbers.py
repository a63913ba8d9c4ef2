"""Numbers given back: taken for a document that was then not issued, given to the next one.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "released_numbers",
        sa.Column("institution_id", sa.Integer, sa.ForeignKey("institutions.id"), nullable=False),
        sa.Column("series", sa.String(40), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.UniqueConstraint("institution_id", "series", "year", "n", name="uq_released_numbers"),
    )


def downgrade() -> None:
    op.drop_table("released_numbers")
