"""Opening the register: the engine (SQLite in WAL mode with transactions formgen begins
itself, or PostgreSQL) and the migrations to the current schema, each in one transaction."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from formgen.errors import FormgenError
from formgen.i18n import _

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_SECONDS = 60  # how long a writer waits for another process's transaction (SQLite)
_LOCK = threading.Lock()
ADVISORY_KEY = 0x666F726D67656E  # "formgen": PostgreSQL's lock while the schema is updated


def engine_for(url: str) -> Engine:
    """An engine for the register at `url`; SQLite gets WAL, a busy timeout and real
    transactions (pysqlite would otherwise begin none before DDL and begin lazily before DML)."""
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": BUSY_SECONDS})
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise FormgenError(_("register: cannot use the URL {url}: {error}").format(
            url=hide_password(url), error=exc)) from None
    except ImportError as exc:
        raise FormgenError(_("register: {module} is needed for {url} (pip install 'formgen[postgres]')").format(
            module=exc.name, url=hide_password(url))) from None
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # formgen emits BEGIN itself (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # IMMEDIATE takes the write lock at once: two processes never both read, then both try to
    # write (which SQLite answers with an error instead of waiting).
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def hide_password(url: str) -> str:
    """A URL as it may be printed: without its password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return _("(unreadable URL)")


def alembic_config(script_location: Path = MIGRATIONS) -> Config:
    """Alembic's configuration for the register's migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(script_location))
    return config


def current_revision(engine: Engine) -> str | None:
    """The schema revision the register is at (None: empty)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision(script_location: Path = MIGRATIONS) -> str | None:
    """The newest schema revision this formgen knows."""
    return ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()


def migrate(engine: Engine, script_location: Path = MIGRATIONS) -> None:
    """Bring the register to the newest schema; each migration commits or leaves nothing."""
    if current_revision(engine) == head_revision(script_location):
        return
    config = alembic_config(script_location)
    with _LOCK, engine.connect() as connection:
        postgres = connection.dialect.name == "postgresql"
        if postgres:  # two processes opening a new register: one migrates, the other waits
            connection.exec_driver_sql(f"SELECT pg_advisory_lock({ADVISORY_KEY})")
            connection.commit()
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
        except OperationalError as exc:
            raise FormgenError(_("register: cannot update the schema: {error}").format(error=exc.orig)) from None
        finally:
            if postgres:
                connection.rollback()
                connection.exec_driver_sql(f"SELECT pg_advisory_unlock({ADVISORY_KEY})")
                connection.commit()
