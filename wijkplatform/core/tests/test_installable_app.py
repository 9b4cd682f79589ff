"""The platform installs as an app and shows visited pages offline (the offline part: e2e/test_offline.py)."""


def test_manifest_describes_an_installable_app(client, db):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_pages_link_the_manifest_and_register_the_service_worker(client, db):
    page = client.get("/").content.decode()
    assert 'rel="manifest"' in page and "core/app.js" in page


def test_service_worker_is_served_from_the_root_with_an_offline_page(client, db):
    response = client.get("/sw.js")
    assert response["Content-Type"].startswith("application/javascript")
    body = response.content.decode()
    assert "/offline/" in body and "caches.match" in body
    assert client.get("/offline/").status_code == 200
