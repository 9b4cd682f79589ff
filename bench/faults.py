"""Fault runs under load, and a soak: the platform run as production runs it, parts of it broken while it serves.

    .venv/bin/python bench/faults.py                                  # all three faults, then a 10-minute soak
    .venv/bin/python bench/faults.py --fault pg --soak-minutes 0      # one fault, no soak
    .venv/bin/python bench/faults.py --fault worker --soak-minutes 2 --keep   # keep the temp dir (logs, data)

What it starts, all on loopback, all its own (it never touches the machine's PostgreSQL on 5432 or Redis on
6379, which other test runs use), and all stopped again at the end, on Ctrl-C or on an error:

- a PostgreSQL cluster (initdb into a temp dir, `pg_ctl` on a free port; as the `postgres` user when run as
  root; started by core/testing/pgcluster.py as the tests start theirs, but durable), migrated and filled
  with `bench/generate.py --tier small` (10 wijken, 2,000 members, 10k posts);
- a `redis-server` on a free port (`--save "" --appendonly no`): cache, sessions (cached_db) and the broker;
- an SMTP sink (aiosmtpd, in this process) that records every email it receives (`--smtp-delay` per message);
- gunicorn with the production settings and `deploy/gunicorn.conf.py` (PRODUCTION=true, DATABASE_URL and
  REDIS_URL at the servers above, EMAIL_HOST at the sink), a Celery worker and celery beat (the outbox is
  sent by a task queued when a change commits, and by beat every 60 s: `notifications/schedule.py`), and a
  supervisor that starts the worker or beat again when one exits by itself, as systemd's `Restart=always`
  does in deploy/systemd (each such exit is printed: it is a finding);
- the load: wrk over the main pages and API calls (anonymous, and a member's session), and a Python driver
  whose members log in through the real login form and then write: posts that mention a neighbour (a
  notification and an email), comments on each other's posts (a notification and an email to the author),
  likes and RSVPs. Every post and comment carries a unique marker; likes and RSVPs are (member, object) pairs.

Each fault runs under that load: `--before` seconds of load, the fault, `--after` seconds of load, then the
load stops and the emails get up to `--drain` seconds to arrive. The faults: (pg) `pg_ctl restart -m fast`;
(redis) Redis stopped for `--redis-down` seconds while the worker is sending an email, and started again,
empty; (worker) the Celery worker and its pool killed with SIGKILL while an email is being sent, a new
worker started. For each it prints responses by
status (5xx inside the fault window, from the fault until the part is back, and outside it), writes
acknowledged to the client (a redirect to the right page) against what the database holds afterwards,
notifications and emails expected against stored and received, and how long recovery took.

The soak: `--soak-minutes` of the same mixed load, the RSS of every gunicorn worker, the Celery worker (with
its pool), beat, PostgreSQL and Redis sampled every 15 s; it prints the series and the growth between minute
2 and the end. At the very end all markers are counted once more (`--final-drain` at most), so an email that
was late (a claim left by a killed worker) is told apart from one that is lost.

Needs: `wrk` (apt-get install wrk), `redis-server`, PostgreSQL server binaries under /usr/lib/postgresql/*/bin,
and the dev extras of pyproject (aiosmtpd). The machine's load matters: figures from a shared 2-core machine
are noisy. Results go to docs/reliability.md by hand.
"""

import argparse
import asyncio
import contextlib
import datetime
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from email import message_from_bytes
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wijkplatform.core.testing import pgcluster  # noqa: E402 - after the path: PostgreSQL as the tests start it

PYTHON = sys.executable
BENCH_PASSWORD = "bench-password-2026"  # bench/generate.py
# In a notification email the text of the post or comment starts a line; a digest lists posts as "- title"
# and a reply names the post in its title: those mention a marker without being its email.
LEADING_MARKER_RE = re.compile(r"^FX\d{6}[pc]\b", re.MULTILINE)
PREFIX = "bench"
# The environment of the platform's processes: what would point them elsewhere is dropped.
DROPPED_ENV = ("DATABASE_URL", "DATABASE_REPLICA_URLS", "REDIS_URL", "CELERY_BROKER_URL", "SQLITE_PATH",
               "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "AWS_STORAGE_BUCKET_NAME", "CELERY_METRICS_PORT",
               "PROMETHEUS_MULTIPROC_DIR", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "DATABASE_TEST_NAME")


def log(message):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if predicate():
                return True
        time.sleep(step)
    return False


def find_pg_bindir():
    bindir = pgcluster.find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) not found under "
                         "/usr/lib/postgresql/*/bin")
    return bindir


# --- processes: /proc, without psutil ---------------------------------------------------------------------


def process_table():
    """{pid: (ppid, rss_kb, name)} of every process on the machine."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        table[int(entry)] = (ppid, rss, name)
    return table


def pss_mb(pid):
    """Proportional set size: shared pages (PostgreSQL's shared buffers) counted once over the processes."""
    with contextlib.suppress(OSError, StopIteration, ValueError):
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        return int(next(line for line in rollup if line.startswith("Pss:")).split()[1]) / 1024
    return 0.0


def descendants(table, pid):
    children = [p for p, (ppid, _rss, _name) in table.items() if ppid == pid]
    found = list(children)
    for child in children:
        found += descendants(table, child)
    return found


def stop_group(process, timeout=20, sig=signal.SIGTERM):
    """Stop a process started in its own session, with all it started; SIGKILL when it does not go."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    # Children that outlived their leader (a prefork pool) are in the same group.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


# --- the SMTP sink ----------------------------------------------------------------------------------------


class Sink:
    """A real SMTP server (aiosmtpd) on loopback that remembers which markers arrived, when and how often."""

    def __init__(self, delay):
        self.delay = delay
        self.port = free_port()
        self.lock = threading.Lock()
        self.arrivals = {}  # (marker, recipient) -> [time, ...]
        self.total = 0
        self.other = 0  # emails without a marker (digests, reminders)
        self.controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.delay:
            await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.original_content)
        text = ""
        for part in message.walk():
            if part.get_content_maintype() == "text":
                payload = part.get_payload(decode=True) or b""
                text += "\n" + payload.decode(part.get_content_charset() or "utf-8", "replace")
        markers = set(LEADING_MARKER_RE.findall(text))
        now = time.time()
        with self.lock:
            self.total += 1
            if not markers:
                self.other += 1
            for marker in markers:
                for recipient in envelope.rcpt_tos:
                    self.arrivals.setdefault((marker, recipient.lower()), []).append(now)
        return "250 OK"

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            with contextlib.suppress(Exception):
                self.controller.stop()
            self.controller = None

    def snapshot(self):
        with self.lock:
            return {key: list(times) for key, times in self.arrivals.items()}


# --- the platform: PostgreSQL, Redis, gunicorn, the Celery worker and beat -------------------------------


class Stack:
    def __init__(self, args):
        self.args = args
        self.root = Path(tempfile.mkdtemp(prefix="wp-faults-"))
        os.chmod(self.root, 0o755)
        self.bindir = find_pg_bindir()
        self.pg_dir = self.root / "pg"
        self.pg_data = None  # the data directory, once started
        self.pg_port = free_port()
        self.pg = None  # core/testing/pgcluster.py's Clusters, with one cluster: the primary
        self.redis_port = free_port()
        self.web_port = free_port()
        self.redis = self.gunicorn = self.worker = self.beat = None
        self.sink = Sink(args.smtp_delay)
        self.worker_generation = 0
        self.logs = self.root / "logs"
        self.logs.mkdir()

    # PostgreSQL

    def start_pg(self):
        # In self.pg_dir (kept with --keep; the server's log is pg/primary.log). Durable as in production, unlike
        # the test defaults: an acknowledged commit must survive the restart.
        self.pg = pgcluster.Clusters(self.bindir, root=self.pg_dir)
        self.pg.start_primary(
            port=self.pg_port,
            conf="fsync = on\nsynchronous_commit = on\nfull_page_writes = on\n"
            "max_connections = 100\nshared_buffers = 64MB\n",
        )
        self.pg_data = Path(self.pg.primary_dir)
        self.sql("CREATE DATABASE wijk", dbname="postgres")

    def restart_pg(self):
        self.pg.restart(self.pg.primary_dir, mode="fast")

    def stop_pg(self):
        if self.pg and self.pg.running:
            with contextlib.suppress(Exception):
                self.pg.stop_one(self.pg.primary_dir, mode="fast")

    def postmaster_pid(self):
        if self.pg_data is None:
            return None
        with contextlib.suppress(OSError, ValueError):
            return int((self.pg_data / "postmaster.pid").read_text().splitlines()[0])
        return None

    def sql(self, query, params=None, dbname="wijk"):
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.pg_port, user="postgres", dbname=dbname,
                             autocommit=True, connect_timeout=5) as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else None

    # Redis

    def start_redis(self):
        self.redis = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
             "no", "--daemonize", "no", "--dir", str(self.root), "--logfile", str(self.logs / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        if not wait_until(self.redis_ping, 15):
            raise RuntimeError("redis-server did not come up")

    def redis_ping(self):
        with socket.create_connection(("127.0.0.1", self.redis_port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

    def redis_command(self, *words):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.redis_port, socket_timeout=2).execute_command(*words)

    def stop_redis(self):
        stop_group(self.redis, timeout=10)
        self.redis = None

    # The platform

    def env(self):
        env = {key: value for key, value in os.environ.items() if key not in DROPPED_ENV}
        env.update({
            "PRODUCTION": "true", "SECRET_KEY": "faults-secret-key-not-for-production-0123456789abcdef",
            "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "false", "DEBUG": "false",
            "LOG_LEVEL": "WARNING", "DJANGO_SETTINGS_MODULE": "wijkplatform.settings", "PYTHONUNBUFFERED": "1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg_port}/wijk",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(self.sink.port),
            "SITE_URL": f"http://127.0.0.1:{self.web_port}",
            "MEDIA_ROOT": str(self.root / "media"), "PRIVATE_MEDIA_ROOT": str(self.root / "private"),
            "PROMETHEUS_MULTIPROC_DIR": str(self.root / "metrics"),
            "GUNICORN_BIND": f"127.0.0.1:{self.web_port}", "WEB_CONCURRENCY": str(self.args.web_workers),
            # The whole load comes from one address: the API's limit per address would answer it with 429s.
            "API_RATE_PER_ADDRESS": "100000/min",
        })
        return env

    def manage(self, *args, timeout=900):
        started = time.perf_counter()
        result = subprocess.run([PYTHON, *args], env=self.env(), cwd=ROOT, capture_output=True, text=True,
                                timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        return time.perf_counter() - started, result.stdout

    def spawn(self, name, command):
        log_file = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - the process writes to it until it ends
        try:
            return subprocess.Popen(command, env=self.env(), cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        finally:
            log_file.close()

    def start_gunicorn(self):
        command = [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "wijkplatform.wsgi"]
        if self.args.no_recycle:
            command += ["--max-requests", "0"]
        self.gunicorn = self.spawn("gunicorn", command)

        def up():
            return http_request(self.web_port, "GET", f"/{PREFIX}-0/", timeout=5)[0] == 200

        if not wait_until(up, 60, step=0.5):
            raise RuntimeError("gunicorn did not come up: see " + str(self.logs / "gunicorn.log"))

    def start_worker(self, wait=True):
        self.worker_generation += 1
        name = f"worker{self.worker_generation}"
        self.worker = self.spawn(name, [
            PYTHON, "-m", "celery", "-A", "wijkplatform", "worker", "--loglevel=INFO",
            f"--concurrency={self.args.worker_concurrency}", "--max-tasks-per-child=500",
            f"--hostname={name}@%h",
        ])
        log_path = self.logs / f"{name}.log"
        if wait and not wait_until(lambda: "ready." in log_path.read_text(errors="replace"), 60, step=0.1):
            raise RuntimeError(f"the Celery worker did not come up: see {log_path}")

    def kill_worker(self):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait(timeout=10)

    def start_beat(self):
        self.beat = self.spawn("beat", [PYTHON, "-m", "celery", "-A", "wijkplatform", "beat", "--loglevel=INFO",
                                        f"--schedule={self.root / 'celerybeat-schedule'}"])

    def stop(self):
        self.sink.stop()
        for process in (self.gunicorn, self.beat, self.worker):
            with contextlib.suppress(Exception):
                stop_group(process, timeout=30)
        with contextlib.suppress(Exception):
            self.stop_redis()
        self.stop_pg()

    def remove(self):
        shutil.rmtree(self.root, ignore_errors=True)

    # Memory

    def memory(self):
        """RSS in MB of each part: the gunicorn master and each worker, the Celery worker and pool, beat, ..."""
        table = process_table()
        mb = {}

        def rss(pid):
            return table[pid][1] / 1024 if pid in table else 0.0

        if self.gunicorn is not None:
            mb["gunicorn master"] = rss(self.gunicorn.pid)
            workers = descendants(table, self.gunicorn.pid)
            mb["gunicorn workers"] = {pid: rss(pid) for pid in workers}
        if self.worker is not None:
            pool = descendants(table, self.worker.pid)
            mb["celery worker"] = rss(self.worker.pid)
            mb["celery pool"] = {pid: rss(pid) for pid in pool}
        if self.beat is not None:
            mb["celery beat"] = rss(self.beat.pid)
        postmaster = self.postmaster_pid()
        if postmaster:
            mb["postgres postmaster"] = rss(postmaster)
            backends = descendants(table, postmaster)
            mb["postgres all"] = rss(postmaster) + sum(rss(p) for p in backends)
            mb["postgres all (PSS)"] = pss_mb(postmaster) + sum(pss_mb(p) for p in backends)
        if self.redis is not None:
            mb["redis"] = rss(self.redis.pid)
        return mb


# --- HTTP ---------------------------------------------------------------------------------------------------


def http_request(port, method, path, cookies=None, form=None, timeout=30):
    """One request; returns (status, Location, body). Updates `cookies` (a dict) from Set-Cookie."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in cookies.items())
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
    finally:
        conn.close()
    if cookies is not None:
        for header in response.msg.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for key, morsel in jar.items():
                if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                    cookies.pop(key, None)
                else:
                    cookies[key] = morsel.value
    return response.status, response.getheader("Location", "") or "", data


def login(port, email):
    """Log a member in through the real login form (allauth); returns their cookies."""
    cookies = {}
    http_request(port, "GET", "/accounts/login/", cookies)
    status, location, _body = http_request(port, "POST", "/accounts/login/", cookies, {
        "login": email, "password": BENCH_PASSWORD, "csrfmiddlewaretoken": cookies.get("csrftoken", ""),
    })
    if status != 302 or "login" in location or "sessionid" not in cookies:
        raise RuntimeError(f"could not log in {email}: {status} {location}")
    return cookies


# --- the reads: wrk with a Lua script that counts statuses per second ------------------------------------

WRK_LUA = r"""
paths = {}
counts = {}
threads = {}
delay_ms = 0
cookie = ""
index = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  delay_ms = tonumber(args[1])
  cookie = args[2]
  for i = 3, #args do table.insert(paths, args[i]) end
  index = math.random(#paths)
end

function delay()
  return delay_ms
end

function request()
  index = index % #paths + 1
  local path = paths[index]
  local headers = {["Host"] = "127.0.0.1"}
  if string.sub(path, 1, 1) == "~" then
    path = string.sub(path, 2)
    headers["Cookie"] = cookie
  end
  return wrk.format("GET", path, headers)
end

-- One flat table (second * 1000 + status): wrk's thread:get() crashes on nested tables.
function response(status, headers, body)
  local key = os.time() * 1000 + status
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("counts")) do merged[key] = (merged[key] or 0) + n end
  end
  local parts = {}
  for key, n in pairs(merged) do table.insert(parts, string.format('"%d": %d', key, n)) end
  local e = summary.errors
  io.write(string.format(
    'FAULTS_JSON {"requests": %d, "seconds": %.3f, "p50": %.1f, "p99": %.1f, "max": %.1f, '
    .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, "buckets": {%s}}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect, e.read, e.write, e.status, e.timeout, table.concat(parts, ", ")))
end
"""


class Reads:
    def __init__(self, stack, paths, cookie, connections, delay_ms):
        self.stack, self.paths, self.cookie = stack, paths, cookie
        self.connections, self.delay_ms = connections, delay_ms
        self.script = stack.root / "faults.lua"
        self.script.write_text(WRK_LUA)
        self.process = None

    def start(self):
        command = ["wrk", f"-t{min(2, self.connections)}", f"-c{self.connections}", "-d3600s", "--timeout", "10s",
                   "-s", str(self.script), f"http://127.0.0.1:{self.stack.web_port}", "--", str(self.delay_ms),
                   self.cookie, *self.paths]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        start_new_session=True)

    def stop(self):
        """SIGINT: wrk stops, prints its summary and the per-second counts."""
        if self.process is None:
            return None
        self.process.send_signal(signal.SIGINT)
        try:
            out, err = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
        self.process = None
        line = next((row for row in out.splitlines() if row.startswith("FAULTS_JSON ")), None)
        if line is None:
            raise RuntimeError(f"wrk gave no figures:\n{out}\n{err}")
        result = json.loads(line[len("FAULTS_JSON "):])
        buckets = {}
        for key, n in result["buckets"].items():
            second, status = divmod(int(key), 1000)
            buckets.setdefault(second, {})[status] = n
        result["buckets"] = buckets
        return result

    def kill(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


# --- the writes: members, logged in, posting, commenting, liking and answering events ---------------------


class Driver:
    SHARES = (("post", 0.2), ("comment", 0.2), ("like", 0.35), ("rsvp", 0.25))
    POST_BUDGET = 18  # per member per hour: the platform allows 20 (community.services.RATE_LIMITS)
    COMMENT_BUDGET = 50  # of 60

    def __init__(self, port, members, neighbours, occurrences, rate, threads, seed=2026):
        self.port = port
        self.members = members  # [{"id", "email", "wijk", "cookies"}]
        self.neighbours = neighbours  # wijk -> [(user id, display name, email)]: the people mentioned
        self.occurrences = occurrences  # wijk -> [occurrence id]
        self.rate, self.threads = rate, threads
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.phase = None  # None: paused
        self.stopping = False
        self.writes = []
        self.posts = {wijk: [] for wijk in occurrences}  # acknowledged posts: (post id, author id, email)
        self.liked, self.answered = set(), set()
        self.counter = 0
        self.workers = []

    def start(self):
        groups = [self.members[n::self.threads] for n in range(self.threads)]
        for n, group in enumerate(groups):
            thread = threading.Thread(target=self.loop, args=(group, random.Random(n)), daemon=True)
            thread.start()
            self.workers.append(thread)

    def stop(self):
        self.stopping = True
        for thread in self.workers:
            thread.join(timeout=40)

    def next_marker(self, kind):
        with self.lock:
            self.counter += 1
            return f"FX{self.counter:06d}{kind[0]}"

    def loop(self, members, rng):
        interval = self.threads / self.rate
        while not self.stopping:
            phase = self.phase
            if phase is None:
                time.sleep(0.2)
                continue
            started = time.monotonic()
            member = rng.choice(members)
            kind = rng.choices([k for k, _ in self.SHARES], weights=[w for _, w in self.SHARES])[0]
            with contextlib.suppress(Exception):
                self.write(phase, member, kind, rng)
            time.sleep(max(0.0, interval - (time.monotonic() - started)) * rng.uniform(0.5, 1.5))

    def budget_left(self, member, what, budget):
        now = time.time()
        member[what] = [t for t in member.get(what, []) if t > now - 3600]
        return len(member[what]) < budget

    def write(self, phase, member, kind, rng):
        wijk = member["wijk"]
        with self.lock:
            own_posts = list(self.posts[wijk])
        if kind == "comment":
            candidates = [p for p in own_posts if p[1] != member["id"]]
            if not candidates or not self.budget_left(member, "comments", self.COMMENT_BUDGET):
                kind = "like"
        if kind == "like":
            with self.lock:
                candidates = [p for p in own_posts if (member["id"], p[0]) not in self.liked]
            if not candidates:
                kind = "post"
        if kind == "rsvp":
            with self.lock:
                free = [o for o in self.occurrences[wijk] if (member["id"], o) not in self.answered]
            if not free:
                kind = "post"
        if kind == "post" and not self.budget_left(member, "posts", self.POST_BUDGET):
            return
        record = {"phase": phase, "kind": kind, "member": member["id"], "wijk": wijk}
        form = {"csrfmiddlewaretoken": member["cookies"].get("csrftoken", "")}
        if kind == "post":
            mentioned, name, email = rng.choice(self.neighbours[wijk])
            marker = self.next_marker("post")
            form.update({"kind": "message", "category": "general", "audience": "public",
                         "text": f"{marker} Wie helpt er zaterdag mee met de buurttuin? Vraag het @{name} gerust."})
            path = f"/{wijk}/feed/new/"
            record.update(marker=marker, recipient=mentioned, email=email)
            member["posts"].append(time.time())
        elif kind == "comment":
            post_id, author, email = rng.choice(candidates)
            marker = self.next_marker("comment")
            form["text"] = f"{marker} Goed plan, ik kom helpen met een schep en een kruiwagen."
            path = f"/{wijk}/feed/{post_id}/comment/"
            record.update(marker=marker, recipient=author, email=email, post=post_id)
            member["comments"].append(time.time())
        elif kind == "like":
            post_id, _author, _email = rng.choice(candidates)
            with self.lock:
                self.liked.add((member["id"], post_id))
            path = f"/{wijk}/feed/{post_id}/like/"
            record.update(key=(member["id"], post_id))
        else:
            occurrence = rng.choice(free)
            with self.lock:
                self.answered.add((member["id"], occurrence))
            status = rng.choice(["going", "going", "maybe"])
            form["status"] = status
            path = f"/{wijk}/events/date/{occurrence}/rsvp/"
            record.update(key=(member["id"], occurrence), answer=status)
        record["t0"] = time.time()
        try:
            status, location, _body = http_request(self.port, "POST", path, member["cookies"], form, timeout=30)
        except Exception as error:  # noqa: BLE001 - a refused or timed-out request is a figure, not a crash
            status, location = None, f"{type(error).__name__}: {error}"
        record.update(t1=time.time(), status=status, location=location)
        record["outcome"] = self.outcome(kind, status, location)
        if record["outcome"] == "ack" and kind == "post":
            found = re.search(r"/feed/(\d+)/", location)
            if found:
                with self.lock:
                    self.posts[wijk].append((int(found.group(1)), member["id"], member["email"].lower()))
        with self.lock:
            self.writes.append(record)

    @staticmethod
    def outcome(kind, status, location):
        if status is None:
            return "error"
        if status >= 500:
            return "5xx"
        if "/accounts/login" in location:
            return "logged out"
        if status in (301, 302, 303):
            if kind in ("post", "comment") and "/feed/" not in location:
                return "odd redirect"
            return "ack"
        return f"{status}"


# --- a supervisor: what systemd's Restart=always does for the worker and beat (deploy/systemd) ---------------


class Supervisor:
    """Starts the Celery worker or beat again within a second when it exits by itself, and says so.

    The fault `worker` kills and restarts the worker itself: it holds `lock` meanwhile.
    """

    def __init__(self, stack):
        self.stack = stack
        self.lock = threading.Lock()
        self.events = []  # (time, part, exit code, last CRITICAL/ERROR line of its log)
        self.stopping = False
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.stopping = True
        self.thread.join(timeout=10)

    def loop(self):
        while not self.stopping:
            time.sleep(0.5)
            with self.lock:
                if self.stopping:
                    return
                for part in ("worker", "beat"):
                    process = getattr(self.stack, part)
                    if process is None or process.poll() is None:
                        continue
                    name = f"worker{self.stack.worker_generation}" if part == "worker" else "beat"
                    lines = (self.stack.logs / f"{name}.log").read_text(errors="replace").splitlines()
                    why = next((line for line in reversed(lines) if "CRITICAL" in line), "")
                    self.events.append((time.time(), part, process.returncode, why[:300]))
                    log(f"supervisor: the Celery {part} exited by itself (code {process.returncode}); "
                        f"starting it again. {why[:200]}")
                    stop_group(process, timeout=5)  # its pool, if any is left
                    if part == "worker":
                        self.stack.start_worker(wait=False)
                    else:
                        self.stack.start_beat()

    def since(self, t):
        return [event for event in self.events if event[0] >= t]


# --- a probe: one page every 0.25 s, /healthz every second -------------------------------------------------


class Probe:
    def __init__(self, port, path):
        self.port, self.path = port, path
        self.page, self.health = [], []  # (t0, t1, status or None)
        self.stopping = False
        self.threads = []

    def start(self):
        for target, interval, series in ((self.path, 0.25, self.page), ("/healthz", 1.0, self.health)):
            thread = threading.Thread(target=self.loop, args=(target, interval, series), daemon=True)
            thread.start()
            self.threads.append(thread)

    def loop(self, path, interval, series):
        while not self.stopping:
            t0 = time.time()
            try:
                status = http_request(self.port, "GET", path, timeout=10)[0]
            except Exception:  # noqa: BLE001
                status = None
            series.append((t0, time.time(), status))
            time.sleep(max(0.0, interval - (time.time() - t0)))

    def stop(self):
        self.stopping = True
        for thread in self.threads:
            thread.join(timeout=15)


# --- counting -------------------------------------------------------------------------------------------------


def good(status):
    return status is not None and 200 <= status < 400


def recovery(series, t_inject):
    """From a probe series: (first failure, last failure, first success after the last failure), relative."""
    after = [(t0, t1, s) for t0, t1, s in series if t1 >= t_inject]
    failures = [(t0, t1) for t0, t1, s in after if not good(s)]
    if not failures:
        return None
    last = failures[-1][1]
    back = next((t1 for t0, t1, s in after if t0 >= last and good(s)), None)
    return (failures[0][0] - t_inject, last - t_inject, None if back is None else back - t_inject, len(failures))


def count_reads(result, window):
    start, end = int(window[0]), int(window[1])
    figures = {"requests": 0, "ok": 0, "4xx": 0, "5xx in": 0, "5xx out": 0, "last 5xx": None, "statuses": {}}
    for second, bucket in result["buckets"].items():
        for status, n in bucket.items():
            figures["requests"] += n
            figures["statuses"][status] = figures["statuses"].get(status, 0) + n
            if status >= 500:
                inside = start <= second <= end
                figures["5xx in" if inside else "5xx out"] += n
                if not inside:
                    figures["last 5xx"] = max(figures["last 5xx"] or 0, second - window[1])
            elif status >= 400:
                figures["4xx"] += n
            else:
                figures["ok"] += n
    errors = result["errors"]
    figures["socket errors"] = errors["connect"] + errors["read"] + errors["write"] + errors["timeout"]
    figures["rps"] = result["requests"] / max(result["seconds"], 0.001)
    figures["p50"], figures["p99"] = result["p50"], result["p99"]
    return figures


def count_series(records, window):
    """Requests of the driver or the probe: by outcome, 5xx and failures inside and outside the window."""
    figures = {"requests": len(records), "ok": 0, "4xx": 0, "5xx in": 0, "5xx out": 0, "errors in": 0,
               "errors out": 0, "last bad": None}
    for t0, t1, status in records:
        inside = t1 >= window[0] and t0 <= window[1]
        if good(status):
            figures["ok"] += 1
        elif status is not None and 400 <= status < 500:
            figures["4xx"] += 1
        else:
            what = "5xx" if status is not None else "errors"
            figures[f"{what} {'in' if inside else 'out'}"] += 1
            if not inside and t0 > window[1]:
                figures["last bad"] = max(figures["last bad"] or 0, t1 - window[1])
    took = sorted(1000 * (t1 - t0) for t0, t1, _status in records)
    figures["latency"] = (took[len(took) // 2], took[int(len(took) * 0.99)], took[-1]) if took else (0, 0, 0)
    inside = sorted(1000 * (t1 - t0) for t0, t1, _status in records if t1 >= window[0] and t0 <= window[1])
    figures["latency in window"] = (inside[len(inside) // 2], inside[-1], len(inside)) if inside else None
    return figures


class Ledger:
    """What the database holds for the driver's writes, and what reached the SMTP sink."""

    def __init__(self, stack, driver):
        self.stack, self.driver = stack, driver

    def database(self):
        sql = self.stack.sql
        member_ids = [m["id"] for m in self.driver.members]
        posts = {row[0][:9] for row in sql("SELECT text FROM community_post WHERE text LIKE 'FX%%'")}
        comments = {row[0][:9] for row in sql("SELECT text FROM community_comment WHERE text LIKE 'FX%%'")}
        likes = set(sql("SELECT user_id, post_id FROM community_like WHERE user_id = ANY(%s)", [member_ids]))
        rsvps = {(u, o): s for u, o, s in sql(
            "SELECT user_id, occurrence_id, status FROM events_rsvp WHERE user_id = ANY(%s)", [member_ids])}
        notifications = {}
        for body, recipient, kind in sql(
                "SELECT body, recipient_id, kind FROM notifications_notification WHERE body LIKE 'FX%%'"):
            notifications.setdefault(body[:9], []).append((recipient, kind))
        outbox = {}
        for body, to_email, status, attempts, claimed in sql(
                "SELECT body, to_email, status, attempts, claimed_at FROM notifications_outboxmessage "
                "WHERE body LIKE '%%FX%%'"):
            for found in LEADING_MARKER_RE.finditer(body):
                outbox.setdefault((found.group(0), to_email.lower()), []).append((status, attempts, claimed))
        return {"posts": posts, "comments": comments, "likes": likes, "rsvps": rsvps,
                "notifications": notifications, "outbox": outbox}

    @staticmethod
    def stored(record, db):
        kind = record["kind"]
        if kind == "post":
            return record["marker"] in db["posts"]
        if kind == "comment":
            return record["marker"] in db["comments"]
        if kind == "like":
            return record["key"] in db["likes"]
        status = db["rsvps"].get(record["key"])
        return status == record["answer"] or (record["answer"] == "going" and status == "waiting")

    def tally(self, records, db, mail):
        writes = {}
        for kind in ("post", "comment", "like", "rsvp"):
            mine = [r for r in records if r["kind"] == kind]
            acked = [r for r in mine if r["outcome"] == "ack"]
            unacked = [r for r in mine if r["outcome"] != "ack"]
            writes[kind] = {
                "attempted": len(mine), "acknowledged": len(acked),
                "stored": sum(1 for r in acked if self.stored(r, db)),
                "lost": [r.get("marker") or r.get("key") for r in acked if not self.stored(r, db)],
                "stored unacknowledged": sum(1 for r in unacked if self.stored(r, db)),
                "refused": {o: sum(1 for r in unacked if r["outcome"] == o) for o in {r["outcome"] for r in unacked}},
            }
        expected = [r for r in records if r["outcome"] == "ack" and r["kind"] in ("post", "comment")]
        notified = sum(1 for r in expected if any(rec == r["recipient"] for rec, _k in db["notifications"].get(
            r["marker"], [])))
        delivered = [r for r in expected if (r["marker"], r["email"]) in mail]
        duplicates = sum(len(mail[(r["marker"], r["email"])]) - 1 for r in delivered)
        missing = [(r["marker"], r["email"]) for r in expected if (r["marker"], r["email"]) not in mail]
        return {
            "writes": writes,
            "notifications": {"expected": len(expected), "stored": notified},
            "emails": {"expected": len(expected), "delivered": len(delivered), "duplicates": duplicates,
                       "missing": missing,
                       "missing outbox": {m: db["outbox"].get(m, [("no outbox row", 0, None)]) for m in missing}},
            "last email": max((max(mail[(r["marker"], r["email"])]) for r in delivered), default=None),
        }


# --- logs: what went wrong, counted ---------------------------------------------------------------------------


class Logs:
    """Errors the platform logged since a mark: gunicorn's JSON lines, the workers' and beat's text lines."""

    def __init__(self, directory):
        self.directory = directory
        self.offsets = {}

    def mark(self):
        self.offsets = {path: path.stat().st_size for path in self.directory.glob("*.log")}

    def since_mark(self):
        found = {}
        for path in sorted(self.directory.glob("*.log")):
            with open(path, "rb") as handle:
                handle.seek(self.offsets.get(path, 0))
                text = handle.read().decode("utf-8", "replace")
            for line in text.splitlines():
                summary = None
                if line.startswith("{"):
                    with contextlib.suppress(ValueError):
                        entry = json.loads(line)
                        if entry.get("level") in ("ERROR", "CRITICAL"):
                            exception = entry.get("exception", "").strip().splitlines()
                            summary = f"{entry.get('logger')}: {entry.get('message', '')[:80]}" + (
                                f" [{exception[-1][:140]}]" if exception else "")
                elif "ERROR" in line or "CRITICAL" in line or "WORKER TIMEOUT" in line:
                    summary = re.sub(r"^\[[^\]]*\]\s*", "", line)[:200]
                    summary = re.sub(r"\b[0-9a-f]{8}-[0-9a-f-]{27}\b", "<id>", summary)
                if summary:
                    key = f"{path.stem}: {summary}"
                    found[key] = found.get(key, 0) + 1
        return found


# --- the run -----------------------------------------------------------------------------------------------


class Run:
    def __init__(self, args):
        self.args = args
        self.stack = Stack(args)
        self.reads = self.driver = self.probe = self.ledger = None
        self.logs = Logs(self.stack.logs)
        self.results = {}
        self.soak = None
        self.supervisor = None

    def setup(self):
        stack, args = self.stack, self.args
        log(f"temp dir {stack.root}; PostgreSQL :{stack.pg_port}, Redis :{stack.redis_port}, "
            f"gunicorn :{stack.web_port}, SMTP :{stack.sink.port}")
        stack.start_pg()
        stack.start_redis()
        stack.sink.start()
        seconds, _out = stack.manage("manage.py", "migrate", "--noinput", "-v0")
        log(f"migrated in {seconds:.0f} s")
        seconds, _out = stack.manage("bench/generate.py", "--tier", "small", "--prefix", PREFIX)
        log(f"bench/generate.py --tier small in {seconds:.0f} s")
        stack.manage("manage.py", "collectstatic", "--noinput", "-v0")
        members, neighbours, occurrences = [], {}, {}
        per_wijk = max(1, args.members // args.wijken)
        for n in range(args.wijken):
            slug = f"{PREFIX}-{n}"
            people = stack.sql(
                "SELECT u.id, u.email, u.display_name FROM accounts_user u JOIN wijken_membership m "
                "ON m.user_id = u.id JOIN wijken_wijk w ON w.id = m.wijk_id WHERE w.slug = %s "
                "AND m.status = 'active' ORDER BY u.id", [slug])
            members += [{"id": uid, "email": email, "wijk": slug, "posts": [], "comments": []}
                        for uid, email, _name in people[:per_wijk]]
            neighbours[slug] = [(uid, name, email.lower()) for uid, email, name in people[per_wijk + 1:]]
            occurrences[slug] = [row[0] for row in stack.sql(
                "SELECT o.id FROM events_occurrence o JOIN wijken_wijk w ON w.id = o.wijk_id WHERE w.slug = %s "
                "AND NOT o.cancelled AND o.ends_at > now() + interval '1 day' ORDER BY o.id", [slug])]
        reader = stack.sql("SELECT u.id, u.email FROM accounts_user u JOIN wijken_membership m ON m.user_id = u.id "
                           "JOIN wijken_wijk w ON w.id = m.wijk_id WHERE w.slug = %s ORDER BY u.id DESC LIMIT 1",
                           [f"{PREFIX}-0"])[0]
        # Their addresses are verified (mandatory verification): they log in through the form like anyone.
        stack.sql('INSERT INTO account_emailaddress (user_id, email, verified, "primary") '
                  "SELECT id, email, true, true FROM accounts_user WHERE id = ANY(%s)",
                  [[m["id"] for m in members] + [reader[0]]])
        stack.start_gunicorn()
        stack.start_worker()
        stack.start_beat()
        self.supervisor = Supervisor(stack)
        self.supervisor.start()
        for member in members:
            member["cookies"] = login(stack.web_port, member["email"])
        reader_cookies = login(stack.web_port, reader[1])
        log(f"{len(members)} members and a reader logged in through /accounts/login/")
        cookie = "; ".join(f"{k}={v}" for k, v in reader_cookies.items())
        w = f"{PREFIX}-0"
        post = stack.sql(f"SELECT p.id FROM community_post p JOIN wijken_wijk w ON w.id = p.wijk_id "
                         f"WHERE w.slug = '{w}' ORDER BY p.id DESC LIMIT 1")[0][0]
        event = stack.sql(f"SELECT e.id FROM events_event e JOIN wijken_wijk w ON w.id = e.wijk_id "
                          f"WHERE w.slug = '{w}' ORDER BY e.id DESC LIMIT 1")[0][0]
        paths = ["/", f"/{w}/", f"/{w}/feed/", f"~/{w}/feed/", f"/{w}/feed/{post}/", f"/{w}/events/",
                 f"/{w}/events/{event}/", f"/{w}/stories/", f"/{w}/points/", f"/api/v1/wijken/{w}/posts",
                 f"/api/v1/wijken/{w}/events", f"~/{w}/notifications/"]
        for path in paths:
            status = http_request(stack.web_port, "GET", path.lstrip("~"),
                                  reader_cookies if path.startswith("~") else None)[0]
            if status != 200:
                log(f"  read path {path} answers {status}: left out of the read mix")
        paths = [p for p in paths if http_request(stack.web_port, "GET", p.lstrip("~"),
                                                  reader_cookies if p.startswith("~") else None)[0] == 200]
        self.reads = Reads(stack, paths, cookie, args.read_connections, args.read_delay_ms)
        self.driver = Driver(stack.web_port, members, neighbours, occurrences, args.write_rate, args.write_threads)
        self.driver.start()
        self.probe = Probe(stack.web_port, f"/{w}/")
        self.probe.start()
        self.ledger = Ledger(stack, self.driver)
        log(f"read mix: {len(paths)} paths over {args.read_connections} connections "
            f"({args.read_delay_ms} ms pause each); writes: {args.write_rate}/s from {args.write_threads} threads")

    # one fault

    def inject_pg(self):
        self.stack.restart_pg()
        return {}

    def sending(self):
        return self.stack.sql("SELECT count(*) FROM notifications_outboxmessage WHERE status = 'sending'")[0][0]

    def inject_redis(self):
        # While the worker holds a task (it is sending an email): the case a broker outage must survive.
        busy = wait_until(lambda: self.sending() > 0, 30, step=0.02)
        self.stack.stop_redis()
        time.sleep(self.args.redis_down)
        self.stack.start_redis()
        return {"stopped while the worker was sending": busy}

    def inject_worker(self):
        stack = self.stack
        # Mid-run: wait (a little) until the worker holds an email it is sending.
        sending = wait_until(lambda: self.sending() > 0, 30, step=0.02)
        held = self.sending()
        with self.supervisor.lock:
            alive = stack.worker.poll() is None
            stack.kill_worker()
            killed = time.time()
            unacked = stack.redis_command("HLEN", "unacked")
            time.sleep(self.args.worker_restart_delay)
            stack.start_worker()
        if not alive:
            log("fault worker: the worker was not running when it was to be killed")
        return {"killed while sending": sending, "emails held by the killed worker": held,
                "unacked tasks in Redis after the kill": unacked, "killed at": killed}

    def fault(self, name):
        args, stack, driver = self.args, self.stack, self.driver
        inject = {"pg": self.inject_pg, "redis": self.inject_redis, "worker": self.inject_worker}[name]
        log(f"fault {name}: {args.before} s of load first")
        self.logs.mark()
        phase_start = time.time()
        first_write = len(driver.writes)
        self.reads.start()
        driver.phase = name
        time.sleep(args.before)
        t_inject = time.time()
        log(f"fault {name}: injected")
        notes = inject()
        t_back = time.time()
        log(f"fault {name}: the part is back after {t_back - t_inject:.1f} s; {args.after} s more load")
        time.sleep(args.after)
        driver.phase = None
        time.sleep(1)
        t_load_end = time.time()
        reads = self.reads.stop()
        time.sleep(2)  # writes in flight finish
        with driver.lock:
            records = [r for r in driver.writes[first_write:] if r["phase"] == name]
        log(f"fault {name}: load stopped; waiting up to {args.drain} s for the emails")
        expected = {(r["marker"], r["email"]) for r in records
                    if r["outcome"] == "ack" and r["kind"] in ("post", "comment")}
        drained = wait_until(lambda: expected <= set(stack.sink.snapshot()), args.drain, step=1)
        db = self.ledger.database()
        tally = self.ledger.tally(records, db, stack.sink.snapshot())
        window = (t_inject, t_back)
        page = [(t0, t1, s) for t0, t1, s in self.probe.page if t_inject - args.before <= t0 <= t_load_end]
        health = [(t0, t1, s) for t0, t1, s in self.probe.health if t_inject - args.before <= t0 <= t_load_end]
        result = {
            "window": t_back - t_inject, "window_start": t_inject, "notes": notes, "drained": drained,
            "reads": count_reads(reads, window),
            "writes http": count_series([(r["t0"], r["t1"], r["status"]) for r in records], window),
            "probe": count_series(page, window),
            "page recovery": recovery(page, t_inject), "health recovery": recovery(health, t_inject),
            "write recovery": recovery([(r["t0"], r["t1"], r["status"] if r["outcome"] == "ack" else None)
                                        for r in records], t_inject),
            "tally": tally,
            "drain": None if tally["last email"] is None else tally["last email"] - t_load_end,
            "errors logged": self.logs.since_mark(),
            "restarts": self.supervisor.since(phase_start),
            "markers": expected, "records": records,
        }
        self.results[name] = result
        self.print_fault(name, result)

    # the soak

    def soak_run(self):
        args, stack, driver = self.args, self.stack, self.driver
        minutes = args.soak_minutes
        log(f"soak: {minutes} minutes of mixed load, memory every {args.sample_seconds} s")
        self.logs.mark()
        phase_start = time.time()
        first_write = len(driver.writes)
        self.reads.start()
        driver.phase = "soak"
        started = time.time()
        samples = []
        while time.time() - started < minutes * 60:
            samples.append((time.time() - started, stack.memory()))
            time.sleep(max(0.0, args.sample_seconds - ((time.time() - started) % args.sample_seconds)))
        samples.append((time.time() - started, stack.memory()))
        driver.phase = None
        time.sleep(1)
        reads = self.reads.stop()
        time.sleep(2)
        with driver.lock:
            records = [r for r in driver.writes[first_write:] if r["phase"] == "soak"]
        expected = {(r["marker"], r["email"]) for r in records
                    if r["outcome"] == "ack" and r["kind"] in ("post", "comment")}
        drained = wait_until(lambda: expected <= set(stack.sink.snapshot()), args.drain, step=1)
        tally = self.ledger.tally(records, self.ledger.database(), stack.sink.snapshot())
        window = (0, 0)  # no fault: every 5xx is outside a window
        self.soak = {"samples": samples, "reads": count_reads(reads, window), "tally": tally, "drained": drained,
                     "writes http": count_series([(r["t0"], r["t1"], r["status"]) for r in records], window),
                     "errors logged": self.logs.since_mark(), "markers": expected,
                     "restarts": self.supervisor.since(phase_start)}
        self.print_soak()

    def final(self):
        """Count every marker once more, after waiting for late emails (a claim a killed worker left)."""
        stack = self.stack
        expected = set()
        for result in [*self.results.values(), *([self.soak] if self.soak else [])]:
            expected |= result["markers"]
        def unsettled():
            """Marked emails the outbox has not marked sent: waiting, or claimed by a worker (maybe a dead one)."""
            return stack.sql("SELECT count(*) FROM notifications_outboxmessage WHERE status IN ('pending', "
                             "'sending') AND body ~ '(^|\\n)FX[0-9]{6}[pc]'")[0][0]

        missing = expected - set(stack.sink.snapshot())
        waiting = unsettled()
        if (missing or waiting) and self.args.final_drain:
            log(f"final count: {len(missing)} emails not received yet, {waiting} not marked sent in the outbox; "
                f"waiting up to {self.args.final_drain} s")
            started = time.time()
            wait_until(lambda: expected <= set(stack.sink.snapshot()) and not unsettled(), self.args.final_drain,
                       step=5)
            log(f"final count: waited {time.time() - started:.0f} s")
        mail = stack.sink.snapshot()
        db = self.ledger.database()
        print("\n## Final count, all phases (after the final wait)\n")
        print("| phase | emails expected | received | duplicates | still missing (outbox state) |")
        print("| --- | ---: | ---: | ---: | --- |")
        phases = list(self.results.items()) + ([("soak", self.soak)] if self.soak else [])
        for name, result in phases:
            markers = result["markers"]
            got = [m for m in markers if m in mail]
            dup = sum(len(mail[m]) - 1 for m in got)
            still = sorted(markers - set(mail))
            states = {}
            for marker in still:
                for status, _attempts, _claimed in db["outbox"].get(marker, [("no outbox row", 0, None)]):
                    states[status] = states.get(status, 0) + 1
            print(f"| {name} | {len(markers)} | {len(got)} | {dup} | {len(still)} {states or ''} |")
        print(f"\nOutbox: {unsettled()} marked emails not marked sent. SMTP sink: {stack.sink.total} emails in all, "
              f"{stack.sink.other} that are no post's or comment's notification (digests, reminders).")

    # printing

    def print_fault(self, name, r):
        title = {"pg": "PostgreSQL restarted (pg_ctl restart -m fast)",
                 "redis": f"Redis stopped for {self.args.redis_down} s, started again (empty)",
                 "worker": "Celery worker killed with SIGKILL, a new one started"}[name]
        print(f"\n## Fault {name}: {title}\n")
        print(f"Fault window (injected until the part is back): {r['window']:.1f} s. {r['notes'] or ''}\n")
        print("| traffic | requests | 2xx/3xx | 4xx | 5xx in window | 5xx outside | errors/timeouts | notes |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        rd = r["reads"]
        print(f"| reads (wrk) | {rd['requests']} | {rd['ok']} | {rd['4xx']} | {rd['5xx in']} | {rd['5xx out']} | "
              f"{rd['socket errors']} | {rd['rps']:.0f} req/s, p50 {rd['p50']:.0f} ms, p99 {rd['p99']:.0f} ms"
              + "".join(f"; {n} × {status}" for status, n in sorted(rd["statuses"].items()) if status >= 400)
              + (f"; last 5xx {rd['last 5xx']:+.0f} s after the part was back" if rd["last 5xx"] else "") + " |")
        for label, key in (("writes (members)", "writes http"), ("probe (wijk home)", "probe")):
            s = r[key]
            p50, p99, most = s["latency"]
            print(f"| {label} | {s['requests']} | {s['ok']} | {s['4xx']} | {s['5xx in']} | {s['5xx out']} | "
                  f"{s['errors in']} in, {s['errors out']} out | p50 {p50:.0f} ms, p99 {p99:.0f} ms, max {most:.0f} ms"
                  + ("; in the window: {2} requests, p50 {0:.0f} ms, max {1:.0f} ms".format(*s["latency in window"])
                     if s["latency in window"] else "")
                  + (f"; last failure {s['last bad']:+.1f} s after the part was back" if s["last bad"] else "") + " |")
        print()
        print("| write | attempted | acknowledged | stored | acknowledged, not stored | stored, not acknowledged |"
              " not acknowledged |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
        for kind, w in r["tally"]["writes"].items():
            print(f"| {kind} | {w['attempted']} | {w['acknowledged']} | {w['stored']} | {len(w['lost'])} | "
                  f"{w['stored unacknowledged']} | {w['refused'] or ''} |")
        t = r["tally"]
        e = t["emails"]
        print(f"\nNotifications expected {t['notifications']['expected']}, stored {t['notifications']['stored']}. "
              f"Emails expected {e['expected']}, received {e['delivered']} (duplicates {e['duplicates']}) "
              f"{'' if r['drained'] else f'— NOT all within the {self.args.drain} s drain'}"
              + (f"; the last {r['drain']:.0f} s after the load stopped" if r["drain"] is not None else ""))
        if e["missing"]:
            print(f"Missing after the drain: {len(e['missing'])}: "
                  + ", ".join(f"{m[0]} {e['missing outbox'][m]}" for m in e["missing"][:10]))
        for label in ("page recovery", "health recovery", "write recovery"):
            rec = r[label]
            if rec is None:
                print(f"{label}: no failure")
            else:
                first, last, back, n = rec
                print(f"{label}: {n} failed, first {first:+.1f} s, last {last:+.1f} s, OK again "
                      + ("never" if back is None else f"{back:+.1f} s") + " after the injection")
        print_restarts(r["restarts"], r.get("window_start"))
        if r["errors logged"]:
            print("Errors logged:")
            for line, n in sorted(r["errors logged"].items(), key=lambda item: -item[1])[:15]:
                print(f"  {n:5d} × {line}")
        sys.stdout.flush()

    def print_soak(self):
        s = self.soak
        samples = s["samples"]
        print(f"\n## Soak: {self.args.soak_minutes} minutes\n")
        rd, w = s["reads"], s["writes http"]
        print(f"Reads: {rd['requests']} ({rd['rps']:.0f} req/s, p50 {rd['p50']:.0f} ms, p99 {rd['p99']:.0f} ms), "
              f"{rd['5xx out']} 5xx, {rd['socket errors']} socket errors"
              f"{''.join(f', {n} × {status}' for status, n in sorted(rd['statuses'].items()) if status >= 400)}. Writes: {w['requests']}, {w['ok']} acknowledged,"
              f" {w['5xx out']} 5xx, {w['errors out']} errors, p50 {w['latency'][0]:.0f} ms, "
              f"p99 {w['latency'][1]:.0f} ms.")
        for kind, wr in s["tally"]["writes"].items():
            print(f"  {kind}: {wr['acknowledged']} acknowledged, {wr['stored']} stored, {len(wr['lost'])} lost")
        e = s["tally"]["emails"]
        print(f"  emails: expected {e['expected']}, received {e['delivered']}, duplicates {e['duplicates']}")
        print("\n| t (s) | gunicorn master | gunicorn workers (each) | celery worker + pool | beat | postgres (all, RSS) "
              "| postgres (all, PSS) | redis |")
        print("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
        for t, m in samples:
            workers = " ".join(f"{v:.0f}" for _pid, v in sorted(m.get("gunicorn workers", {}).items()))
            celery = m.get("celery worker", 0) + sum(m.get("celery pool", {}).values())
            print(f"| {t:.0f} | {m.get('gunicorn master', 0):.0f} | {workers} | {celery:.0f} | "
                  f"{m.get('celery beat', 0):.0f} | {m.get('postgres all', 0):.0f} | "
                  f"{m.get('postgres all (PSS)', 0):.0f} | {m.get('redis', 0):.0f} |")
        growth = soak_growth(samples)
        if growth:
            print(f"\nGrowth from {growth['from']} to {growth['to']}, medians of the samples (MB):")
            for part, (a, b) in growth["parts"].items():
                print(f"  {part:<34} {a:8.1f} -> {b:8.1f}  ({b - a:+.1f}, {100 * (b - a) / a if a else 0:+.0f} %)")
            print(f"  gunicorn worker pids seen: {growth['worker pids']}"
                  + (" (no recycling: --max-requests 0)" if self.args.no_recycle else
                     " (deploy/gunicorn.conf.py recycles a worker after max_requests)"))
        print_restarts(s["restarts"], None)
        if s["errors logged"]:
            print("Errors logged:")
            for line, n in sorted(s["errors logged"].items(), key=lambda item: -item[1])[:15]:
                print(f"  {n:5d} × {line}")
        sys.stdout.flush()

    def close(self):
        for part in (self.supervisor, self.probe, self.driver):
            if part is not None:
                with contextlib.suppress(Exception):
                    part.stop()
        if self.reads is not None:
            self.reads.kill()
        self.stack.stop()
        if self.args.keep:
            log(f"kept {self.stack.root} (logs in {self.stack.logs})")
        else:
            self.stack.remove()


def print_restarts(events, t_inject):
    for t, part, code, why in events:
        when = f" ({t - t_inject:+.1f} s after the injection)" if t_inject else ""
        print(f"**The Celery {part} exited by itself** (code {code}){when} and was started again by the "
              f"supervisor (as systemd's Restart=always would): {why}")


def soak_growth(samples):
    """Each part's RSS in minute 2 against the last minute: the median of the samples in each.

    Groups of processes (gunicorn workers, the Celery pool) as their sum and their largest member: a worker
    that was just recycled (max_requests) is small for a few seconds and would hide a leak in the mean.
    """
    if len(samples) < 2:
        return None
    last = samples[-1][0]
    first = [m for t, m in samples if 60 <= t <= 120] or [min(samples, key=lambda s: abs(s[0] - 120))[1]]
    final = [m for t, m in samples if t >= last - 60] or [samples[-1][1]]

    def flat(m):
        out = {}
        for key, value in m.items():
            if isinstance(value, dict):
                out[f"{key} (sum)"] = sum(value.values())
                out[f"{key} (largest)"] = max(value.values(), default=0)
            else:
                out[key] = value
        return out

    def median(values):
        values = sorted(values)
        return values[len(values) // 2] if values else 0.0

    a, b = [flat(m) for m in first], [flat(m) for m in final]
    parts = {key: (median(x.get(key, 0) for x in a), median(x.get(key, 0) for x in b)) for key in a[0]}
    pids = set()
    for _t, m in samples:
        pids |= set(m.get("gunicorn workers", {}))
    return {"from": "minute 2", "to": f"the last minute (t {max(0, last - 60):.0f}-{last:.0f} s)", "parts": parts,
            "worker pids": len(pids)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fault", choices=["pg", "redis", "worker", "all", "none"], default="all")
    parser.add_argument("--soak-minutes", type=float, default=10, help="0 to skip the soak")
    parser.add_argument("--keep", action="store_true", help="leave the temp dir (data, logs) behind")
    parser.add_argument("--before", type=int, default=20, help="seconds of load before each fault")
    parser.add_argument("--after", type=int, default=40, help="seconds of load after the part is back")
    parser.add_argument("--drain", type=int, default=180, help="seconds for the emails to arrive after the load")
    parser.add_argument("--final-drain", type=int, default=1200, help="at most this long for late emails at the end")
    parser.add_argument("--redis-down", type=int, default=20)
    parser.add_argument("--worker-restart-delay", type=float, default=1.0)
    parser.add_argument("--web-workers", type=int, default=3, help="gunicorn workers (WEB_CONCURRENCY)")
    parser.add_argument("--worker-concurrency", type=int, default=2, help="Celery pool size")
    parser.add_argument("--no-recycle", action="store_true", help="gunicorn --max-requests 0 (for leak hunting)")
    parser.add_argument("--members", type=int, default=24, help="members writing (they log in: at most 29)")
    parser.add_argument("--wijken", type=int, default=2, help="wijken the writing members are spread over")
    parser.add_argument("--write-rate", type=float, default=2.0, help="writes per second, all threads together")
    parser.add_argument("--write-threads", type=int, default=4)
    parser.add_argument("--read-connections", type=int, default=4)
    parser.add_argument("--read-delay-ms", type=int, default=20, help="pause of each wrk connection per request")
    parser.add_argument("--smtp-delay", type=float, default=0.05, help="seconds the SMTP sink takes per email")
    parser.add_argument("--sample-seconds", type=int, default=15)
    args = parser.parse_args()
    for tool in ("wrk", "redis-server"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is not installed (apt-get install {'wrk' if tool == 'wrk' else 'redis-server'})")
    if args.members > 29:
        raise SystemExit("--members: at most 29 (allauth allows 30 logins a minute from one address)")

    def terminate(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGHUP, terminate)
    run = Run(args)
    try:
        started = time.time()
        print(f"# bench/faults.py, {datetime.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, "
              f"{' '.join(sys.argv[1:]) or '(defaults)'}")
        run.setup()
        faults = ["pg", "redis", "worker"] if args.fault == "all" else [] if args.fault == "none" else [args.fault]
        for name in faults:
            run.fault(name)
        if args.soak_minutes > 0:
            run.soak_run()
        run.final()
        log(f"done in {(time.time() - started) / 60:.1f} minutes")
    finally:
        run.close()


if __name__ == "__main__":
    main()
