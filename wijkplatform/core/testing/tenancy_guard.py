"""A database wrapper for tests: fails any query on a wijk-scoped table that does not constrain wijk_id.

It reads SQL as text, which is crude but catches the bug that matters: a SELECT or UPDATE on a wijk's table
with no `wijk_id` in its WHERE (or JOIN ... ON) clause. Inserts carry wijk_id by construction; deletes
follow a read that went through the wijk.
"""

import re

from wijkplatform.core.tenancy import cross_wijk_allowed, wijk_scoped_models

TABLE_RE = re.compile(r'(?:FROM|JOIN|UPDATE)\s+"?(\w+)"?', re.IGNORECASE)


class TenancyLeak(AssertionError):
    pass


class TenancyGuard:
    def __init__(self):
        self.scoped_tables = {m._meta.db_table for m in wijk_scoped_models()}
        self.paused = 0

    def __call__(self, execute, sql, params, many, context):
        if not self.paused and not cross_wijk_allowed():
            self.check(sql)
        return execute(sql, params, many, context)

    def check(self, sql):
        head = sql.lstrip()[:10].upper()
        # Deletes follow a read that went through the wijk (a cascade, or the test database being emptied).
        if not head.startswith(("SELECT", "UPDATE")):
            return
        tables = {t for t in TABLE_RE.findall(sql) if t in self.scoped_tables}
        if not tables:
            return
        # Everything after the first FROM's table list: joins and conditions.
        constraint = sql.split(" WHERE ", 1)[1] if " WHERE " in sql else ""
        joins = " ".join(re.findall(r"JOIN .*? ON \((.*?)\)", sql))
        if "wijk_id" not in constraint and "wijk_id" not in joins:
            raise TenancyLeak(
                f"query on wijk-scoped table(s) {sorted(tables)} does not constrain wijk_id; "
                f"pass the wijk (`.in_wijk(wijk)`) or wrap a deliberate cross-wijk read in "
                f"`cross_wijk(reason)`:\n{sql}"
            )
