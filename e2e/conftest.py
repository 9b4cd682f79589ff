"""Browser tests: Playwright for Python driving Debian's Chromium against the live test server.

They are skipped, with a clear reason, where no Chromium is installed (`.ci/run` installs it).
Screenshots of every journey step go to test-artifacts/ (desktop and a 360 px phone).
"""

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}

# Playwright's sync API runs an event loop; Django refuses database calls from a thread with one.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if not CHROMIUM:
                item.add_marker(pytest.mark.skip(reason="browser tests skipped: Chromium is not installed "
                                                        "(apt-get install chromium, or set CHROMIUM_PATH)"))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def page(request, browser, live_server, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    context = browser.new_context(viewport=VIEWPORTS[request.param], base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.viewport_name = request.param
    page.shots = ARTIFACTS / request.node.originalname
    yield page
    context.close()


def shot(page, name):
    """Save a screenshot of the current step as a test artefact."""
    page.shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(page.shots / f"{name}-{page.viewport_name}.png"), full_page=True)


def assert_accessible(page):
    """axe-core on the current page: no serious or critical violation."""
    page.evaluate(AXE.read_text())  # evaluate, not a script tag: the page's CSP would block that
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], f"accessibility violations on {page.url}:\n" + "\n".join(bad)
