"""Load run on loopback: gunicorn with the production settings and deploy/gunicorn.conf.py, wrk against the main
pages and API calls.

    .venv/bin/python bench/load.py                     # the database the environment points at
    SQLITE_PATH=/tmp/bench.sqlite3 .venv/bin/python bench/load.py --seconds 10
    DATABASE_URL=postgres://postgres@127.0.0.1/bench .venv/bin/python bench/load.py

Fill the database first with bench/generate.py. For every page it prints requests/s, p50/p95/p99 latency,
queries per request (the first, after a change to the whole wijk; after another member liked a post; and the
next), the throughput as a ratio to a minimal Django view on the same stack, the CPU time gunicorn (master and
workers) and PostgreSQL spent per request (read from /proc, when they run on this machine), and the page
weight (HTML, CSS and JS as a browser gets them, compressed).
The ceiling is the median of three runs of the minimal view (before, halfway, after); a member's page is set
against the minimal view with the same member's session, a visitor's page against it without. A member's page is also set against the minimal view
behind `login_required` (`/__minimal_member__`), which only finds out who the member is: the most any page
for a member can reach. `--only feed` runs only the pages whose label holds "feed" (and the ceilings).
Needs `wrk` (apt-get install wrk).
"""

import argparse
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def server_env(args):
    env = dict(os.environ)
    env.update({
        "PRODUCTION": "true", "SECRET_KEY": "bench-secret-key-not-for-production-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "false", "BENCH": "true",
        "DEBUG": "false", "LOG_LEVEL": "WARNING", "DJANGO_SETTINGS_MODULE": "wijkplatform.settings",
        # The load comes from one address: the API's rate limits would measure themselves, not the pages.
        "API_RATE_PER_ADDRESS": "100000000/min", "API_RATE_PER_TOKEN": "100000000/min",
    })
    return env


def fetch(port, path, cookie="", gzip_ok=False):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "127.0.0.1"}
    if cookie:
        headers["Cookie"] = cookie
    if gzip_ok:
        headers["Accept-Encoding"] = "gzip"
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), body


def wait_for(port, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if fetch(port, "/__minimal__")[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not come up")


def member_cookie(env, prefix):
    """A session of a member of the first bench wijk, made directly in the session store, with the CSRF cookie
    a member's browser has had since the login form (without it, every answer would make and set a new one)."""
    code = (
        "import django; django.setup();"
        "from importlib import import_module; from django.conf import settings;"
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY;"
        "from wijkplatform.wijken.models import Membership, Wijk;"
        f"wijk = Wijk.objects.get(slug='{prefix}-0');"
        "user = Membership.objects.in_wijk(wijk).select_related('user').first().user;"
        "store = import_module(settings.SESSION_ENGINE).SessionStore();"
        "store[SESSION_KEY] = str(user.pk); store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0];"
        "store[HASH_SESSION_KEY] = user.get_session_auth_hash(); store.save();"
        "from django.utils.crypto import get_random_string;"
        "print(settings.SESSION_COOKIE_NAME + '=' + store.session_key + '; '"
        " + settings.CSRF_COOKIE_NAME + '=' + get_random_string(32))"
    )
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip().splitlines()[-1]


def sample_ids(env, prefix):
    code = (
        "import django, json; django.setup();"
        "from wijkplatform.wijken.models import Wijk; from wijkplatform.community.models import Post;"
        "from wijkplatform.events.models import Event;"
        f"wijk = Wijk.objects.get(slug='{prefix}-0');"
        "print(json.dumps({'post': Post.objects.in_wijk(wijk).order_by('-pk').first().pk,"
        " 'event': Event.objects.in_wijk(wijk).order_by('-pk').first().pk}))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def change_the_whole_wijk(env, prefix):
    """What a new setting of the wijk or a member's new name does: nothing kept of the wijk's pages is used again."""
    code = (
        "import django; django.setup();"
        "from wijkplatform.core import pagecache; from wijkplatform.wijken.models import Wijk;"
        f"pagecache.wijks_changed([Wijk.objects.get(slug='{prefix}-0').pk])"
    )
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)


def like_by_another_member(env, prefix, post_id):
    """A like given and taken back by another member of the first bench wijk: the most common write to a wijk."""
    code = (
        "import django; django.setup();"
        "from wijkplatform.community import services; from wijkplatform.community.models import Post;"
        "from wijkplatform.wijken.models import Membership, Wijk;"
        f"wijk = Wijk.objects.get(slug='{prefix}-0'); post = Post.objects.in_wijk(wijk).get(pk={post_id});"
        "person = Membership.objects.in_wijk(wijk).select_related('user').order_by('pk')[1].user;"
        "services.like_toggle(wijk=wijk, post=post, by=person); services.like_toggle(wijk=wijk, post=post, by=person)"
    )
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)


def postmaster_pid():
    """The process id of the PostgreSQL server DATABASE_URL points at, when it runs on this machine."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return None
    import psycopg

    with psycopg.connect(url) as connection:
        backend = connection.execute("SELECT pg_backend_pid()").fetchone()[0]
    try:
        return int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])  # its parent
    except (OSError, IndexError, ValueError):
        return None  # not on this machine


def cpu_seconds(parent):
    """CPU time used so far by a process and its children (PostgreSQL's server and its backends, gunicorn's
    master and its workers, those that ended too); 0 when it is not on this machine."""
    if parent is None:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid, rest = stat.read_text().split(" ", 1)
            values = rest.rsplit(")", 1)[1].split()
            if int(pid) == parent:
                total += sum(int(value) for value in values[11:15])  # utime, stime; its ended children's too
            elif int(values[1]) == parent:
                total += int(values[11]) + int(values[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / ticks


def run_wrk(port, path, seconds, connections, cookie=""):
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency",
               "-s", str(ROOT / "bench" / "wrk_report.lua"), "-H", "Host: 127.0.0.1"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def page_weight(port, path, cookie):
    """Bytes a browser downloads for the page: gzip'd HTML plus the compressed CSS and JS it links."""
    _status, _headers, html = fetch(port, path, cookie)
    total = len(gzip.compress(html))
    for asset in sorted(set(re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html))):
        _status, headers, body = fetch(port, asset.decode(), gzip_ok=True)
        total += len(body)
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--prefix", default="bench")
    parser.add_argument("--output", help="also write the table (Markdown) to this file")
    parser.add_argument("--only", help="run only the pages whose label contains this text (and the ceilings)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    env = server_env(args)
    python = sys.executable
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    # The deployed configuration (its timeouts, its recycling of workers, no access log of its own), with the
    # number of workers and the address of this run.
    server = subprocess.Popen(
        [python, "-m", "gunicorn", "wijkplatform.wsgi", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
         "-w", str(args.workers), "-b", f"127.0.0.1:{args.port}", "--log-level", "warning"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        wait_for(args.port)
        cookie = member_cookie(env, args.prefix)
        postmaster = postmaster_pid()
        ids = sample_ids(env, args.prefix)
        w = f"{args.prefix}-0"
        targets = [
            ("directory /", "/", ""),
            ("wijk home", f"/{w}/", ""),
            ("feed", f"/{w}/feed/", ""),
            ("feed (member)", f"/{w}/feed/", cookie),
            ("post", f"/{w}/feed/{ids['post']}/", ""),
            ("events", f"/{w}/events/", ""),
            ("event", f"/{w}/events/{ids['event']}/", ""),
            ("stories", f"/{w}/stories/", ""),
            ("points", f"/{w}/points/", ""),
            ("API posts", f"/api/v1/wijken/{w}/posts", ""),
            ("API events", f"/api/v1/wijken/{w}/events", ""),
            # The same main pages for a logged-in member: never stored whole, parts kept (core/pagecache.py).
            ("wijk home (member)", f"/{w}/", cookie),
            ("post (member)", f"/{w}/feed/{ids['post']}/", cookie),
            ("events (member)", f"/{w}/events/", cookie),
            ("event (member)", f"/{w}/events/{ids['event']}/", cookie),
            ("stories (member)", f"/{w}/stories/", cookie),
            ("points (member)", f"/{w}/points/", cookie),
        ]
        if args.only:
            targets = [target for target in targets if args.only in target[0]]
        # The ceiling is measured before, halfway and after, and its median taken: on a shared machine one
        # run of it can be far off. A member's page is also set against the minimal view with a session.
        half = len(targets) // 2
        ceiling = ("minimal Django view (ceiling)", "/__minimal__", "")
        member_ceiling = ("minimal Django view, member (ceiling)", "/__minimal__", cookie)
        login_ceiling = ("minimal view behind login_required", "/__minimal_member__", cookie)
        ceilings_run = [ceiling, member_ceiling, login_ceiling]
        plan = [*ceilings_run, *targets[:half], *ceilings_run, *targets[half:], *ceilings_run]
        rows, ceilings, login_runs = [], {"": [], cookie: []}, []
        for label, path, session in plan:
            if not path.startswith("/__"):
                fetch(args.port, path, session)  # what is kept of the person and of no wijk (courses) is there
                change_the_whole_wijk(env, args.prefix)
            status, headers, _body = fetch(args.port, path, session)
            # The first request finds nothing of the wijk kept (it comes after a change to the whole wijk); the
            # second comes after someone liked a post (what is kept of other parts stays); the next shows the
            # page once kept.
            counts = [headers.get("X-Queries", "-")]
            if not path.startswith("/__"):
                like_by_another_member(env, args.prefix, ids["post"])
                counts.append(fetch(args.port, path, session)[1].get("X-Queries", "-"))
            counts.append(fetch(args.port, path, session)[1].get("X-Queries", "-"))
            queries = " / ".join(counts)
            db_before, web_before = cpu_seconds(postmaster), cpu_seconds(server.pid)
            result = run_wrk(args.port, path, args.seconds, args.connections, session)
            served = max(1, result["requests"])
            result["db_ms"] = (cpu_seconds(postmaster) - db_before) * 1000 / served
            result["web_ms"] = (cpu_seconds(server.pid) - web_before) * 1000 / served
            if path == "/__minimal__":
                ceilings[session].append(result["rps"])
            elif path == "/__minimal_member__":
                login_runs.append(result["rps"])
            weight = page_weight(args.port, path, session) if not path.startswith(("/api", "/__")) else None
            rows.append((label, path, session, status, result, queries, weight))
            print(f"{label:<38} {status} {result['rps']:8.1f} req/s  p50 {result['p50']:6.1f}  p95 {result['p95']:6.1f}"
                  f"  p99 {result['p99']:6.1f} ms  queries {queries:>11}  db {result['db_ms']:.2f} ms  web {result['web_ms']:.2f} ms"
                  f"  {'' if weight is None else f'{weight / 1024:.1f} KB'}", flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    medians = {session: statistics.median(runs) for session, runs in ceilings.items()}
    login_median = statistics.median(login_runs)
    table = ["| page | status | req/s | p50 ms | p95 ms | p99 ms | queries (first / after a like / next) | of ceiling | of login_required view"
             " | web CPU ms/request | database CPU ms/request | weight (compressed) |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for session, runs in ceilings.items():
        who = "a member" if session else "a visitor"
        table.append(f"| ceiling for {who}: median of {', '.join(f'{run:.0f}' for run in runs)} | | "
                     f"{medians[session]:.0f} | | | | | 100% | | | | |")
    table.append(f"| minimal view behind login_required: median of {', '.join(f'{run:.0f}' for run in login_runs)}"
                 f" | | {login_median:.0f} | | | | | {login_median / medians[cookie]:.0%} | 100% | | | |")
    for label, path, session, status, result, queries, weight in rows:
        if path in ("/__minimal__", "/__minimal_member__"):
            continue
        of_login = f"{result['rps'] / login_median:.0%}" if session else ""
        table.append(f"| {label} `{path}` | {status} | {result['rps']:.0f} | {result['p50']:.1f} | {result['p95']:.1f} |"
                     f" {result['p99']:.1f} | {queries} | {result['rps'] / medians[session]:.0%} | {of_login} |"
                     f" {result['web_ms']:.2f} | {result['db_ms']:.2f} | {'' if weight is None else f'{weight / 1024:.1f} KB'} |")
    print("\n".join(table))
    if args.output:
        Path(args.output).write_text("\n".join(table) + "\n")


if __name__ == "__main__":
    main()
