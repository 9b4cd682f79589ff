"""Platform staff see and manage everything through the admin."""

import pytest
from django.contrib import admin
from django.urls import reverse

from wijkplatform.core.testing.factories import member


@pytest.fixture
def some_content(wijk, other_wijk):
    member(wijk, "reporter")
    member(other_wijk, "editor")


def test_staff_open_every_admin_list_and_add_page(client, staff, some_content):
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 200
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        response = client.get(reverse("admin:{}_{}_changelist".format(*info)))
        assert response.status_code == 200, info
        assert client.get(reverse("admin:{}_{}_add".format(*info))).status_code in (200, 403), info


def test_members_of_a_wijk_never_reach_the_admin(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("admin:index"), follow=True).status_code == 403
