# ruff: noqa: S103, S603, S607 - a test helper running the PostgreSQL binaries of this machine
"""Throw-away PostgreSQL clusters for tests: a primary and streaming replicas on loopback ports.

Uses the server binaries of the machine (/usr/lib/postgresql/<version>/bin). Run as root, the servers run
as the `postgres` user (PostgreSQL refuses to run as root). `find_bindir()` returns None when there are no
binaries, so tests can skip with a clear reason. bench/faults.py uses it too (one primary, made durable with
`conf`, restarted under load).
"""

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time

import psycopg


def find_bindir():
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0,
    )
    for bindir in reversed(candidates):
        if all(os.path.exists(os.path.join(bindir, tool)) for tool in ("initdb", "pg_ctl", "pg_basebackup")):
            return bindir
    found = shutil.which("pg_ctl")
    return os.path.dirname(found) if found and shutil.which("initdb") else None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Clusters:
    """Start a primary, then replicas of it; `stop()` ends them all and removes their files.

    `root`: the directory for the data directories, sockets and logs (created; default: a new temp dir)."""

    def __init__(self, bindir, root=None):
        self.bindir = bindir
        self.as_postgres = os.geteuid() == 0
        if root is None:
            self.root = tempfile.mkdtemp(prefix="wp-pg-")
        else:
            self.root = str(root)
            os.makedirs(self.root)
        os.chmod(self.root, 0o755)
        self.running = []  # data directories
        if self.as_postgres:
            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)

    def run(self, tool, *args, timeout=60):
        command = [os.path.join(self.bindir, tool), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.root)
        if result.returncode != 0:
            raise RuntimeError(f"{tool} failed: {result.stdout}\n{result.stderr}")
        return result.stdout

    def log_path(self, datadir):
        return os.path.join(self.root, f"{os.path.basename(datadir)}.log")

    def _start(self, datadir, port):
        self.run("pg_ctl", "-D", datadir, "-l", self.log_path(datadir), "-w", "-t", "30", "-o", f"-p {port}", "start")
        self.running.append(datadir)

    def start_primary(self, port=None, conf=""):
        """Start the primary on `port` (default: a free one) and return the port. The settings are for tests
        (no fsync); `conf` is appended to postgresql.conf, so its lines override them."""
        datadir = os.path.join(self.root, "primary")
        port = port or free_port()
        self.run("initdb", "-D", datadir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        with open(os.path.join(datadir, "postgresql.conf"), "a") as conf_file:
            conf_file.write(
                "\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.root}'\n"
                "wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "shared_buffers = 32MB\nmax_connections = 40\n"
            )
            conf_file.write(conf)
        self._start(datadir, port)
        self.primary_port = port
        self.primary_dir = datadir
        return port

    def start_replica(self, name="replica"):
        datadir = os.path.join(self.root, name)
        port = free_port()
        self.run(
            "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.primary_port),
            "-U",
            "postgres",
            "-D",
            datadir,
            "-R",
            "-X",
            "stream",
            "--no-sync",
            "-c",
            "fast",
        )
        self._start(datadir, port)
        return port, datadir

    def restart(self, datadir, mode="fast", timeout=60):
        """`pg_ctl restart`: the same port and options (postmaster.opts), sessions ended as `mode` says."""
        self.run(
            "pg_ctl",
            "-D",
            datadir,
            "-l",
            self.log_path(datadir),
            "-m",
            mode,
            "-w",
            "-t",
            str(timeout),
            "restart",
            timeout=timeout + 30,
        )

    def stop_one(self, datadir, mode="immediate"):
        self.run("pg_ctl", "-D", datadir, "-m", mode, "-w", "stop")
        self.running.remove(datadir)

    def stop(self):
        for datadir in list(self.running):
            with contextlib.suppress(Exception):
                self.stop_one(datadir)
        shutil.rmtree(self.root, ignore_errors=True)


def sql(port, query, params=None):
    with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres", autocommit=True) as conn:
        cursor = conn.execute(query, params)
        return cursor.fetchall() if cursor.description else None


def wait_for(predicate, timeout=15, step=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if predicate():
                return True
        time.sleep(step)
    return False
