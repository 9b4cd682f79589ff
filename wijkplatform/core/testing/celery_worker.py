"""A real worker of the platform's Celery app in its own process, for tests that kill it or break its broker."""

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]  # the checkout


def start_worker(log_path, *options, **environment):
    """`celery -A wijkplatform worker` with these options, its output in `log_path`: (process, open log file).

    `environment` is added to this process's own (broker address, visibility timeout, ...)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wijkplatform.settings", **environment}
    env.pop("CELERY_METRICS_PORT", None)  # no metrics server in a test worker
    command = [sys.executable, "-m", "celery", "-A", "wijkplatform", "worker", "--loglevel=INFO", *options]
    log = open(log_path, "wb")  # noqa: SIM115 - closed with the process
    worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603 - our own command
    return worker, log


def stop_worker(worker, log, timeout=20):
    """SIGTERM (a warm shutdown), SIGKILL if it takes longer than `timeout`; then close its log."""
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)
    log.close()
