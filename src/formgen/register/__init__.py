"""The register of issued documents: what every document produced in a workspace was (form,
case, person, amounts, dates, file hashes), kept in SQLite or PostgreSQL through SQLAlchemy Core,
with its schema versioned by Alembic; the regulation's rules across cases read it."""
