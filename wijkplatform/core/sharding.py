"""The plan for sharding the database by wijk on Citus (docs/scale-out.md): `manage.py citus_plan` prints it.

- every wijk-scoped table is distributed by `wijk_id`, all co-located, so the rows of one wijk (a post, its
  comments, likes, reports) live on the same node and every query the platform makes (always with
  `wijk_id`, enforced by the tenancy guard in tests) goes to one node;
- every global table (GLOBAL_MODELS: people, the wijken themselves, organisations, the Academy) becomes a
  reference table, copied to every node, so joins from a wijk's rows to them stay on the node;
- Django's own bookkeeping tables (migrations, sessions, admin log) stay on the coordinator.

Citus wants the distribution column in every primary key, unique constraint and foreign key between
distributed tables. Unique constraints already start with wijk (core/tests/test_tenancy.py); the plan
widens the primary keys to (wijk_id, id) and the foreign keys between wijk-scoped tables to
(wijk_id, <fk>) -> (wijk_id, id). Django keeps using `id` (a bigint from one sequence, unique on its own).
"""

from django.apps import apps

from .tenancy import wijk_scoped_models

COORDINATOR_ONLY = {"django_migrations", "django_session", "django_admin_log"}


def _quote(name):
    return '"' + name.replace('"', '""') + '"'


def table_kinds():
    """{table: "distributed" | "reference" | "local"} for every table Django manages."""
    scoped = set(wijk_scoped_models())
    kinds = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        table = model._meta.db_table
        if table in COORDINATOR_ONLY:
            kinds[table] = "local"
        elif model in scoped:
            kinds[table] = "distributed"
        else:
            kinds[table] = "reference"
    kinds["django_migrations"] = "local"
    return kinds


def scoped_foreign_keys():
    """(table, column, parent table) for every foreign key from a wijk-scoped table to another one."""
    scoped = set(wijk_scoped_models())
    keys = []
    for model in scoped:
        for field in model._meta.local_fields:
            if field.is_relation and field.many_to_one and field.related_model in scoped:
                keys.append((model._meta.db_table, field.column, field.related_model._meta.db_table))
    return sorted(keys)


def citus_statements():
    kinds = table_kinds()
    distributed = sorted(t for t, kind in kinds.items() if kind == "distributed")
    reference = sorted(t for t, kind in kinds.items() if kind == "reference")
    out = ["CREATE EXTENSION IF NOT EXISTS citus;", "-- 1. global tables: a copy on every node"]
    out += [f"SELECT create_reference_table('{t}');" for t in reference]
    out.append("-- 2. wijk-scoped tables: the primary key includes wijk_id")
    for table in distributed:
        out.append(
            f"ALTER TABLE {_quote(table)} DROP CONSTRAINT {_quote(table + '_pkey')}, "
            f"ADD PRIMARY KEY (wijk_id, id);"
        )
    out.append("-- 3. foreign keys between wijk-scoped tables include wijk_id (drop the Django ones first)")
    for table, column, parent in scoped_foreign_keys():
        out.append(
            f"ALTER TABLE {_quote(table)} ADD FOREIGN KEY (wijk_id, {_quote(column)}) "
            f"REFERENCES {_quote(parent)} (wijk_id, id);"
        )
    out.append("-- 4. distribute by wijk_id, every wijk-scoped table co-located with the first")
    for number, table in enumerate(distributed):
        colocate = "'none'" if number == 0 else f"'{distributed[0]}'"
        out.append(f"SELECT create_distributed_table('{table}', 'wijk_id', colocate_with => {colocate});")
    return out
