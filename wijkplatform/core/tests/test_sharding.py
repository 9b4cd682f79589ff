"""The schema is ready to be sharded by wijk on Citus (docs/scale-out.md)."""

from django.apps import apps
from django.core.management import call_command

from wijkplatform.core.sharding import citus_statements, scoped_foreign_keys, table_kinds
from wijkplatform.core.tenancy import wijk_scoped_models


def test_no_global_table_points_at_a_wijk_scoped_one():
    """A reference table (copied to every node) cannot have a foreign key into a distributed table."""
    scoped = set(wijk_scoped_models())
    for model in apps.get_models(include_auto_created=True):
        if model in scoped:
            continue
        for field in model._meta.local_fields:
            if field.is_relation and field.related_model in scoped:
                raise AssertionError(f"{model._meta.label}.{field.name} points into a wijk's rows")


def test_wijk_scoped_models_have_no_many_to_many_without_wijk():
    """An automatic many-to-many table has no wijk_id: use an explicit through model that is wijk-scoped."""
    for model in wijk_scoped_models():
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            assert through in wijk_scoped_models(), (
                f"{model._meta.label}.{field.name}: through model needs wijk"
            )


def test_every_table_has_a_place_in_the_plan():
    kinds = table_kinds()
    for model in wijk_scoped_models():
        assert kinds[model._meta.db_table] == "distributed"
    assert kinds["accounts_user"] == kinds["wijken_wijk"] == "reference"
    assert kinds["django_session"] == "local"
    statements = "\n".join(citus_statements())
    for table, kind in kinds.items():
        if kind == "distributed":
            assert f"create_distributed_table('{table}', 'wijk_id'" in statements
        elif kind == "reference":
            assert f"create_reference_table('{table}')" in statements
    for table, column, parent in scoped_foreign_keys():
        assert (
            f'ALTER TABLE "{table}" ADD FOREIGN KEY (wijk_id, "{column}") REFERENCES "{parent}"' in statements
        )


def test_the_command_prints_the_plan(capsys):
    call_command("citus_plan")
    out = capsys.readouterr().out
    assert out.startswith("CREATE EXTENSION IF NOT EXISTS citus;")
    assert "create_distributed_table" in out
