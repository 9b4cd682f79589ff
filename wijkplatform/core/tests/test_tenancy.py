import pytest
from django.urls import reverse

from wijkplatform.core.capabilities import ROLES
from wijkplatform.core.models import WijkScopedModel
from wijkplatform.core.tenancy import cross_wijk, unclassified_models, wijk_scoped_models
from wijkplatform.core.testing import leakwalk
from wijkplatform.core.testing.factories import member
from wijkplatform.core.testing.tenancy_guard import TenancyLeak
from wijkplatform.wijken.models import Membership


def test_every_model_is_wijk_scoped_or_explicitly_global():
    assert unclassified_models() == []


def test_wijk_scoped_tables_lead_their_unique_constraints_with_wijk():
    for model in wijk_scoped_models():
        for constraint in model._meta.constraints:
            fields = getattr(constraint, "fields", ())
            if fields:
                assert fields[0] == "wijk", f"{model._meta.label}: {constraint.name} must start with wijk"
        for index in model._meta.indexes:
            assert index.fields[0] in ("wijk", "-wijk"), f"{model._meta.label}: index must start with wijk"


def test_wijk_scoped_tables_are_ready_to_shard_by_wijk():
    """Citus (docs/scale-out.md) distributes by wijk_id: every uniqueness must include it, leading."""
    for model in wijk_scoped_models():
        label = model._meta.label
        assert model._meta.get_field("wijk").column == "wijk_id", f"{label}: the wijk column must be wijk_id"
        for fields in model._meta.unique_together:
            assert fields[0] == "wijk", f"{label}: unique_together {fields} must start with wijk"
        for field in model._meta.local_fields:
            assert not (field.unique and not field.primary_key), (
                f"{label}.{field.name} is unique on its own: make it a UniqueConstraint starting with wijk"
            )


def test_database_unique_indexes_of_wijk_scoped_tables_start_with_wijk_id(db):
    """The same, read back from the database itself (also catches constraints added by hand in migrations)."""
    from django.db import connection

    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for model in wijk_scoped_models():
            if model._meta.db_table not in tables:
                continue
            for name, info in connection.introspection.get_constraints(cursor, model._meta.db_table).items():
                if info["unique"] and not info["primary_key"] and info["columns"]:
                    assert info["columns"][0] == "wijk_id", f"{model._meta.label}: {name} {info['columns']}"


def test_in_wijk_refuses_a_missing_wijk(db):
    with pytest.raises(ValueError):
        Membership.objects.in_wijk(None)


def test_guard_fails_an_unscoped_query(alice):
    with pytest.raises(TenancyLeak):
        list(Membership.objects.filter(user=alice))


def test_guard_allows_a_scoped_query_and_a_declared_cross_wijk_read(wijk, alice):
    assert Membership.objects.in_wijk(wijk).filter(user=alice).count() == 1
    with cross_wijk("test"):
        assert Membership.objects.filter(user=alice).count() == 1


def test_wijk_scoped_base_model_adds_wijk():
    assert all(issubclass(m, WijkScopedModel) and m._meta.get_field("wijk") for m in wijk_scoped_models())


@pytest.mark.parametrize("path", ["start", "academy", "accounts", "api", "admin", "static", "media", "healthz"])
def test_reserved_slugs_can_never_be_a_wijk(db, path):
    from django.core.exceptions import ValidationError

    from wijkplatform.wijken.models import Wijk

    wijk = Wijk(slug=path, name="X", city="X", country="NL")
    with pytest.raises(ValidationError) as error:
        wijk.full_clean()
    assert "slug" in error.value.message_dict


def test_unknown_wijk_is_a_friendly_404(client, db):
    response = client.get("/no-such-wijk/")
    assert response.status_code == 404
    assert b"We could not find this page" in response.content


def test_no_page_of_one_wijk_leaks_into_another(client, wijk, other_wijk):
    """The walker: every URL under /<wijk>/, asked under another wijk's address, for a member with every role."""
    author = member(wijk, *ROLES, display_name="Author in A")
    insider_b = member(other_wijk, *ROLES, display_name="Everything in B")
    client.force_login(insider_b)
    problems = leakwalk.walk(client, wijk_a=wijk, wijk_b=other_wijk, marker="LEAK-MARKER-7f3a", author_a=author)
    assert problems == []


def test_the_walker_reaches_the_wijk_pages():
    names = {name for name, _args in leakwalk.wijk_url_patterns()}
    assert {"wijken:home", "wijken:members", "wijken:person"} <= names
    assert reverse("wijken:home", kwargs={"wijk_slug": "x"}) == "/x/"
