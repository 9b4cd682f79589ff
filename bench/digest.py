"""How long the weekly digest takes to build and to send, for many members, to a real SMTP server.

    SQLITE_PATH=/tmp/digest.sqlite3 .venv/bin/python manage.py migrate
    SQLITE_PATH=/tmp/digest.sqlite3 .venv/bin/python bench/digest.py --members 100000 --wijken 100
    # or on PostgreSQL (an empty database)
    DATABASE_URL=postgres://postgres@127.0.0.1/digest .venv/bin/python bench/digest.py --members 100000

It fills the database with `--wijken` wijken of members (each with a week of posts and events to tell about),
then times the two halves of the weekly digest: `digests_send` (one personal email per member into the
outbox, as the hourly beat task does) and the outbox sender (`outbox_send_pending`, as the worker does) to
an SMTP server on loopback (aiosmtpd) that counts what it receives. It prints the time of each step and
the rates; a benchmark that prints figures, not a test.
"""

import argparse
import datetime
import os
import socket
import sys
import threading
import time
from pathlib import Path


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SMTP_PORT = free_port()
os.environ.update({"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(SMTP_PORT), "CELERY_BROKER_URL": ""})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkplatform.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import logging  # noqa: E402

import django  # noqa: E402

django.setup()
logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every SMTP command

from aiosmtpd.controller import Controller  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from wijkplatform.accounts.models import User  # noqa: E402
from wijkplatform.community.models import Post  # noqa: E402
from wijkplatform.events.models import Event, Occurrence  # noqa: E402
from wijkplatform.notifications.digests import digests_send  # noqa: E402
from wijkplatform.notifications.models import OutboxMessage  # noqa: E402
from wijkplatform.notifications.services import outbox_send_pending  # noqa: E402
from wijkplatform.wijken.models import Membership, Wijk  # noqa: E402

BATCH = 5_000


class Counter:
    """The SMTP server's handler: counts every message it accepts."""

    def __init__(self):
        self.received = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        with self.lock:
            self.received += 1
        return "250 OK"


def step(label, func):
    started = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - started
    print(f"{label:<34} {seconds:8.1f} s", flush=True)
    return result, seconds


def fill(*, prefix, wijken, members):
    now = timezone.now()
    Wijk.objects.bulk_create(
        Wijk(slug=f"{prefix}-{n}", name=f"Digestwijk {n}", city="Benchstad", country="NL", language="nl")
        for n in range(wijken)
    )
    wijk_ids = list(Wijk.objects.filter(slug__startswith=f"{prefix}-").order_by("pk").values_list("pk", flat=True))
    for start in range(0, members, BATCH):
        User.objects.bulk_create(
            User(email=f"{prefix}.{n}@bench.invalid", display_name=f"Buur {n}", password="!")
            for n in range(start, min(members, start + BATCH))
        )
    users = list(
        User.objects.filter(email__startswith=f"{prefix}.", email__endswith="@bench.invalid")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    per_wijk = max(1, members // wijken)
    for start in range(0, len(users), BATCH):
        Membership.objects.bulk_create(
            Membership(wijk_id=wijk_ids[min(index // per_wijk, wijken - 1)], user_id=user_id)
            for index, user_id in enumerate(users[start : start + BATCH], start)
        )
    # What a wijk has to tell in a week: a dozen posts and three events ahead.
    Post.objects.bulk_create(
        Post(wijk_id=wijk_id, author_id=users[index * per_wijk], text=f"Bericht {n} van deze week", kind="message",
             audience="public")
        for index, wijk_id in enumerate(wijk_ids)
        for n in range(12)
    )
    events = Event.objects.bulk_create(
        Event(wijk_id=wijk_id, title=f"Buurtactiviteit {n}", description="Kom ook!",
              starts_at=now + datetime.timedelta(days=n + 1), ends_at=now + datetime.timedelta(days=n + 1, hours=2),
              address="Plein 1", organiser_id=users[index * per_wijk])
        for index, wijk_id in enumerate(wijk_ids)
        for n in range(3)
    )
    Occurrence.objects.bulk_create(
        Occurrence(wijk_id=e.wijk_id, event_id=e.pk, original_start=e.starts_at, starts_at=e.starts_at,
                   ends_at=e.ends_at)
        for e in events
    )


def send_all():
    """The worker's loop: batches of the outbox until nothing is due."""
    sent = 0
    while True:
        counts = outbox_send_pending(limit=500)
        sent += counts["sent"]
        if not any(counts.values()):
            return sent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--wijken", type=int, default=100)
    parser.add_argument("--prefix", default="digest")
    args = parser.parse_args()
    if Wijk.objects.filter(slug__startswith=f"{args.prefix}-").exists():
        sys.exit(f"There are {args.prefix}-* wijken already: use an empty database or another --prefix.")
    from django.db import connection

    print(f"weekly digest for {args.members:,} members in {args.wijken} wijken on {connection.vendor}")
    with transaction.atomic():
        step("fill the database", lambda: fill(prefix=args.prefix, wijken=args.wijken, members=args.members))
    counter = Counter()
    server = Controller(counter, hostname="127.0.0.1", port=SMTP_PORT)
    server.start()
    try:
        # Building ends by waking the sender once (in-process here: a first batch is sent inside this step).
        built, build_seconds = step("build digests into the outbox", lambda: digests_send(period="weekly"))
        sent, send_seconds = step("send the outbox over SMTP", send_all)
    finally:
        server.stop()
    waiting = OutboxMessage.objects.filter(wijk__slug__startswith=f"{args.prefix}-").exclude(status="sent").count()
    print(f"{'digests built':<34} {built:8,}  ({built / build_seconds:,.0f}/s)")
    print(f"{'emails sent by the send step':<34} {sent:8,}  ({sent / send_seconds:,.0f}/s)")
    print(f"{'emails the SMTP server received':<34} {counter.received:8,}")
    print(f"{'not sent':<34} {waiting:8,}")
    print(f"{'total':<34} {build_seconds + send_seconds:8.1f} s")


if __name__ == "__main__":
    main()
