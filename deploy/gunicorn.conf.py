"""gunicorn for the WijkPlatform: `gunicorn -c deploy/gunicorn.conf.py wijkplatform.wsgi`."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
worker_class = "sync" if threads == 1 else "gthread"
timeout = 30
graceful_timeout = 30
keepalive = 5
# A new worker costs about a second of CPU (importing the platform, then its first pages) and starts with
# nothing kept in its memory (people, pages: core/pagecache.py). Recycling after 2,000 requests cost a third
# to a half of the throughput under load, and a p95 near a second (docs/performance.md); the soak showed no
# leak without recycling (docs/reliability.md). So a worker is recycled only now and then (max_requests plus
# up to the jitter), as a safety net.
max_requests = 50_000
max_requests_jitter = 5_000
accesslog = None  # the platform logs each request itself (JSON, with the request id)
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    # Prometheus multiprocess mode: every worker writes its counters into this directory; empty it at start.
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        os.makedirs(directory, exist_ok=True)
        for name in os.listdir(directory):
            os.remove(os.path.join(directory, name))


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
