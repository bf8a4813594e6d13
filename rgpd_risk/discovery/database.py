"""Reading database tables through SQLAlchemy, read-only, sampling inside the database.

Supported and tested: PostgreSQL (``TABLESAMPLE BERNOULLI ... REPEATABLE`` on large tables,
``setseed`` + ``ORDER BY random()`` on small ones), SQLite (a seeded hash of ``rowid`` in
``ORDER BY``), DuckDB (``USING SAMPLE reservoir(n ROWS) REPEATABLE (seed)``). Other
dialects get a plain ``LIMIT``. Connections are opened read-only where the driver allows
(SQLite ``mode=ro``, DuckDB ``read_only``, PostgreSQL ``default_transaction_read_only``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final
from urllib.parse import quote

import polars as pl

from rgpd_risk.discovery.sources import BATCH_ROWS, ScanError, ScanUnit

SYSTEM_SCHEMAS: Final[frozenset[str]] = frozenset(
    {"information_schema", "pg_catalog", "pg_toast", "pg_temp_1", "pg_toast_temp_1"}
)


def is_database_url(source: object) -> bool:
    """Tell whether a source string is a database URL.

    Examples
    --------
    >>> is_database_url("sqlite:///x.db"), is_database_url("data/clients.csv")
    (True, False)
    """
    return isinstance(source, str) and "://" in source and not source.startswith("file://")


def _engine(url: str) -> Any:
    import sqlalchemy as sa

    u = sa.engine.make_url(url)
    backend = u.get_backend_name()
    kwargs: dict[str, Any] = {}
    if backend == "sqlite" and u.database and u.database != ":memory:":
        # An SQLite URI filename: the driver appends the URL's other query parameters after
        # "?", so mode=ro goes in the query (replacing any mode the URL gave), not in the path.
        path = u.database
        if not path.startswith("file:"):
            path = "file:" + path.replace("%", "%25").replace("?", "%3F").replace("#", "%23")
        u = u.set(database=path, query={**u.query, "mode": "ro", "uri": "true"})
    elif backend == "duckdb":
        kwargs["connect_args"] = {"read_only": True}
    elif backend == "postgresql":
        kwargs["connect_args"] = {"options": "-c default_transaction_read_only=on"}
    return sa.create_engine(u, **kwargs)


_SECRET_KEYS = r"password|passwd|pwd|pass|secret|token|api_?key|access_?key|sslpassword|auth"
_CREDENTIALS_RE = re.compile(r"(?P<head>[A-Za-z][\w+.-]*:/*[^\s:/@'\"]*:)(?P<secret>[^\s@'\"/]*)@")
_QUERY_SECRET_RE = re.compile(rf"(?P<head>[?&;](?:{_SECRET_KEYS})=)(?P<secret>[^&;\s'\"]*)", re.IGNORECASE)
_DSN_SECRET_RE = re.compile(rf"(?P<head>\b(?:{_SECRET_KEYS})\s*=\s*)(?P<secret>'[^']*'|[^\s&;,)]+)", re.IGNORECASE)


def hide_credentials(text: str) -> str:
    """Mask every password written in a text: in a URL (``scheme://user:secret@host``), in its
    query (``?password=secret``) or in a connection string (``password=secret``).

    Examples
    --------
    >>> hide_credentials("postgresql+psycopg://bob:s3cr%40t@db.local/app failed")
    'postgresql+psycopg://bob:***@db.local/app failed'
    >>> hide_credentials("postgresql:/bob:s3cr3t@db/app: no such file")  # a mistyped URL, read as a path
    'postgresql:/bob:***@db/app: no such file'
    >>> hide_credentials("sqlite:///x.db?mode=ro&password=s3cr3t"), hide_credentials("host=h password='a b'")
    ('sqlite:///x.db?mode=ro&password=***', 'host=h password=***')
    """
    text = _CREDENTIALS_RE.sub(lambda m: f"{m['head']}***@", str(text))
    text = _QUERY_SECRET_RE.sub(lambda m: f"{m['head']}***", text)
    return _DSN_SECRET_RE.sub(lambda m: f"{m['head']}***", text)


def display_url(url: str) -> str:
    """Render a URL with its password hidden (in the URL, its query or, when the URL cannot
    be parsed, wherever it looks like one).

    Examples
    --------
    >>> display_url("postgresql://bob:secret@localhost/db")
    'postgresql://bob:***@localhost/db'
    >>> display_url("postgresql://bob:secret@[::1/db")  # not a valid URL: masked all the same
    'postgresql://bob:***@[::1/db'
    """
    import sqlalchemy as sa

    try:
        shown = sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # unparsable: the text itself, masked
        shown = url
    return hide_credentials(shown)


def _secrets_hidden(text: str, url: str) -> str:
    """A driver's message with the URL's password hidden, wherever the driver quoted it."""
    import sqlalchemy as sa

    try:
        password = sa.engine.make_url(url).password
    except Exception:
        password = None
    text = str(text).replace(url, display_url(url))
    if password and len(str(password)) >= 4:  # a shorter one would mask ordinary letters
        for form in {str(password), quote(str(password), safe="")}:
            text = text.replace(form, "***")
    return hide_credentials(text)


def database_units(url: str, schema: str | None = None) -> list[ScanUnit]:
    """List the tables of a database (every non-system schema, or the chosen one)."""
    import sqlalchemy as sa

    try:
        engine = _engine(url)
        insp = sa.inspect(engine)
        backend = engine.dialect.name
        if schema is not None:
            schemas: list[str | None] = [schema]
        elif backend == "postgresql":
            schemas = [s for s in insp.get_schema_names() if s not in SYSTEM_SCHEMAS and not s.startswith("pg_")]
        else:
            schemas = [None]
        units = []
        for sch in schemas:
            for table in sorted(insp.get_table_names(schema=sch)):
                name = f"{sch}.{table}" if sch and backend == "postgresql" or schema else table
                units.append(ScanUnit("db", display_url(url), name, url, schema=sch))
        engine.dispose()
    except ScanError:
        raise
    except Exception as exc:
        reason = _secrets_hidden(str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__, url)
        raise ScanError(f"{display_url(url)}: cannot list tables ({reason})") from None
    return units


def _qualified(engine: Any, unit: ScanUnit) -> str:
    prep = engine.dialect.identifier_preparer
    table = unit.table.split(".", 1)[1] if unit.schema and "." in unit.table else unit.table
    if not unit.schema:
        return prep.quote(table)
    qualified = f"{prep.quote_schema(unit.schema)}.{prep.quote(table)}"
    if engine.dialect.name == "duckdb":  # a file named like a schema makes "x.t" ambiguous
        import sqlalchemy as sa

        with engine.connect() as conn:
            catalog = conn.execute(sa.text("SELECT current_database()")).scalar()
        qualified = f"{prep.quote(str(catalog))}.{qualified}"
    return qualified


def _to_frame(columns: list[str], rows: list[Any]) -> pl.DataFrame:
    data = [tuple(r) for r in rows]
    try:
        return pl.DataFrame(data, schema=columns, orient="row", infer_schema_length=None)
    except Exception:  # heterogeneous driver types: fall back to text
        return pl.DataFrame(
            [tuple(None if v is None else str(v) for v in r) for r in data],
            schema={c: pl.Utf8 for c in columns},
            orient="row",
        )


def sample_query(backend: str, table_sql: str, n: int, seed: int, estimate: float | None) -> list[str]:
    """SQL statements drawing a seeded sample of ``n`` rows inside the database.

    Examples
    --------
    >>> sample_query("duckdb", '"t"', 100, 7, None)
    ['SELECT * FROM "t" USING SAMPLE reservoir(100 ROWS) REPEATABLE (7)']
    """
    if backend == "duckdb":
        return [f"SELECT * FROM {table_sql} USING SAMPLE reservoir({n} ROWS) REPEATABLE ({seed})"]
    if backend == "postgresql":
        if estimate and estimate > 10 * n:
            pct = min(100.0, 100.0 * 3 * n / estimate)
            return [f"SELECT * FROM {table_sql} TABLESAMPLE BERNOULLI ({pct:.6f}) REPEATABLE ({seed}) LIMIT {n}"]
        return [f"SELECT setseed({(seed % 1000) / 1000.0})", f"SELECT * FROM {table_sql} ORDER BY random() LIMIT {n}"]
    if backend == "sqlite":
        h = f"((rowid * 2654435761 + {seed * 40503 + 1}) % 2147483647)"
        return [f"SELECT * FROM {table_sql} ORDER BY (({h} * {h}) % 2147483647), rowid LIMIT {n}"]
    return [f"SELECT * FROM {table_sql} LIMIT {n}"]


def read_table_sample(unit: ScanUnit, n: int, seed: int) -> tuple[pl.DataFrame, int]:
    """Sample a table inside the database; return the sample and the row count."""
    import sqlalchemy as sa

    engine = _engine(unit.location)
    backend = engine.dialect.name
    table_sql = _qualified(engine, unit)
    try:
        with engine.connect() as conn:
            estimate = None
            if backend == "postgresql":
                estimate = conn.execute(
                    sa.text("SELECT reltuples FROM pg_class WHERE oid = to_regclass(:t)"), {"t": table_sql}
                ).scalar()
            if estimate is not None and estimate > 1_000_000:
                total = int(estimate)
            else:
                total = int(conn.execute(sa.text(f"SELECT count(*) FROM {table_sql}")).scalar() or 0)
            statements = sample_query(backend, table_sql, n, seed, estimate)
            try:
                result = None
                for stmt in statements:
                    result = conn.execute(sa.text(stmt))
                assert result is not None
            except Exception:
                if backend != "sqlite":
                    raise
                conn.rollback()  # WITHOUT ROWID table: deterministic first rows
                result = conn.execute(sa.text(f"SELECT * FROM {table_sql} LIMIT {n}"))
            columns = list(result.keys())
            frame = _to_frame(columns, result.fetchall())
            conn.rollback()
    except ScanError:
        raise
    except Exception as exc:
        reason = _secrets_hidden(str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__, unit.location)
        raise ScanError(f"{unit.source} table {unit.table}: cannot be sampled ({reason})") from None
    finally:
        engine.dispose()
    return frame, total


def iter_table_batches(unit: ScanUnit, batch_rows: int = BATCH_ROWS) -> Iterator[pl.DataFrame]:
    """Stream every row of a table in batches (server-side cursor where supported)."""
    import sqlalchemy as sa

    engine = _engine(unit.location)
    try:
        with engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=batch_rows).execute(
                sa.text(f"SELECT * FROM {_qualified(engine, unit)}")
            )
            columns = list(result.keys())
            empty = True
            while rows := result.fetchmany(batch_rows):
                empty = False
                yield _to_frame(columns, rows)
            if empty:
                yield pl.DataFrame(schema={c: pl.Utf8 for c in columns})
    except Exception as exc:
        reason = _secrets_hidden(str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__, unit.location)
        raise ScanError(f"{unit.source} table {unit.table}: cannot be read ({reason})") from None
    finally:
        engine.dispose()
