"""Lighthouse scores of the main pages of the demo wijk Oude Noorden.

    .venv/bin/python bench/lighthouse.py [--keep] [--out DIR]

Builds a throw-away copy of the platform with demo data (migrate + `manage.py demo` into a temporary
SQLITE_PATH, static files collected into the same temporary folder), serves it with gunicorn on a free
loopback port, DEBUG off, and runs Lighthouse (node_modules/.bin/lighthouse, `npm install` first) with its
default mobile profile on the wijk home, the feed, an event page and a story page. Prints the four scores
(performance, accessibility, best practices, SEO) per page; the JSON reports go to test-artifacts/lighthouse/.

Chromium is Debian's (/usr/bin/chromium, or CHROME_PATH): Lighthouse never downloads a browser.
Nothing in var/ is touched: the database, media and static files all live in the temporary folder.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
LIGHTHOUSE = str(ROOT / "node_modules" / ".bin" / "lighthouse")
WIJK = "oude-noorden"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync --no-first-run"
)

SETTINGS = """from wijkplatform.settings import *  # noqa: F403

STATIC_ROOT = {static!r}  # collected here, not in var/static
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer on {url} within {timeout} s")


def first_link(base, path, pattern):
    """The first link on a page that matches the pattern: the demo's event and story ids are not fixed."""
    with urllib.request.urlopen(base + path, timeout=10) as response:
        html = response.read().decode()
    match = re.search(pattern, html)
    if not match:
        raise SystemExit(f"no link like {pattern} on {path}")
    return match.group(0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, reports)")
    parser.add_argument(
        "--out", default=str(ROOT / "test-artifacts" / "lighthouse"), help="folder for the JSON reports"
    )
    args = parser.parse_args()

    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not chrome:
        raise SystemExit("no Chromium found: install it (apt-get install chromium) or set CHROME_PATH")
    if not os.path.exists(LIGHTHOUSE):
        raise SystemExit("Lighthouse is not installed: run `npm install` (it is a devDependency in package.json)")

    tmp = Path(tempfile.mkdtemp(prefix="wijk-lighthouse-"))
    (tmp / "lh_settings.py").write_text(SETTINGS.format(static=str(tmp / "static")))
    env = {
        **os.environ,
        "PYTHONPATH": f"{tmp}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "lh_settings",
        "SQLITE_PATH": str(tmp / "db.sqlite3"),
        "MEDIA_ROOT": str(tmp / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp / "private"),
        "DEBUG": "false",
        "CHROME_PATH": chrome,
    }
    for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        env.pop(name, None)  # always the self-contained set-up: SQLite, in-process cache, eager tasks

    def manage(*command):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)

    print("preparing a demo platform in", tmp, file=sys.stderr)
    manage("migrate", "--noinput")
    manage("demo")
    manage("collectstatic", "--noinput")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            GUNICORN,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--access-logfile",
            "-",
            "--log-level",
            "warning",
            "wijkplatform.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=open(tmp / "server.log", "w"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"{base}/{WIJK}/")
        pages = {
            "wijk home": f"/{WIJK}/",
            "feed": f"/{WIJK}/feed/",
            "event": first_link(base, f"/{WIJK}/events/", rf"/{WIJK}/events/date/\d+/"),
            "story": first_link(base, f"/{WIJK}/stories/", rf"/{WIJK}/stories/\d+/"),
        }
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        rows = []
        for name, path in pages.items():
            report = out / f"{name.replace(' ', '-')}.json"
            command = [
                LIGHTHOUSE,
                base + path,
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
            ]
            result = subprocess.run(command, env=env, capture_output=True, text=True)
            if result.returncode != 0 or not report.exists():
                print(result.stderr[-2000:], file=sys.stderr)
                raise SystemExit(f"lighthouse failed on {path} (exit code {result.returncode})")
            data = json.loads(report.read_text())
            scores = {c: data["categories"][c]["score"] for c in CATEGORIES}
            rows.append((name, path, scores, data))

        print(f"Lighthouse {rows[0][3]['lighthouseVersion']}, default mobile profile, {base}")
        print(f"{'page':<10} {'path':<34} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}")
        for name, path, scores, _ in rows:
            values = " ".join(f"{'-' if s is None else round(s * 100):>5}" for s in scores.values())
            print(f"{name:<10} {path:<34} {values}")
        for name, _path, _scores, data in rows:  # what keeps a score below 100, for the report
            failing = [
                a["id"]
                for c in CATEGORIES
                for ref in data["categories"][c]["auditRefs"]
                if ref["weight"] > 0 and (a := data["audits"][ref["id"]])["score"] is not None and a["score"] < 0.9
            ]
            print(f"  {name}: audits below 0.9: {', '.join(sorted(set(failing))) or 'none'}")
    finally:
        server.terminate()
        server.wait(timeout=20)
        if args.keep:
            print("kept", tmp, file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
