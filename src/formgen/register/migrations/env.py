"""Alembic's environment for the register: runs on the connection formgen hands it, each
migration in its own transaction (on SQLite too: the engine begins transactions itself)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, transaction_per_migration=True, transactional_ddl=True,
                  render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
