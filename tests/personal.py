"""Finding personal data anywhere in a database: every column of every table is read."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from bot.schema import metadata


def personal_data(
    session: Session,
    texts: Iterable[str] = (),
    user_ids: Iterable[int] = (),
) -> list[str]:
    """ "table.column = value" for every stored value that holds one of ``texts`` (names,
    phone numbers) or equals one of ``user_ids``, in every table the database has."""
    wanted = [t for t in texts if t]
    ids = set(user_ids)
    present = set(inspect(session.connection()).get_table_names())
    found = []
    for table in metadata().sorted_tables:
        if table.name not in present:
            continue
        for row in session.execute(select(table)).mappings():
            for column, value in row.items():
                hit = (isinstance(value, str) and any(t in value for t in wanted)) or (
                    isinstance(value, int) and not isinstance(value, bool) and value in ids
                )
                if hit:
                    found.append(f"{table.name}.{column} = {value!r}")
    return found
