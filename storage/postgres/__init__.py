"""The PostgreSQL backend (`storage.postgres.repository`), in modules whose imports form a DAG:
`limits` and `migrate` stand alone, `rows` knows the tables, `owners` (units of work, reminder
claims) builds on `rows`, and `repository` on all of them."""

from __future__ import annotations

from storage.postgres.migrate import MIGRATIONS, migrate
from storage.postgres.repository import PostgresRepository

__all__ = ["MIGRATIONS", "PostgresRepository", "migrate"]
