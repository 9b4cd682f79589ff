"""Fill a database with a realistic load of wijken, members, posts, likes and events, for the benchmarks.

    .venv/bin/python bench/generate.py --tier small     # 10 wijken, 2,000 members, 10k posts, 25k likes, 500 events
    .venv/bin/python bench/generate.py --tier large     # 1,000 wijken, 200k members, 2M posts, 5M likes, 100k events

It writes into the database the settings point at (SQLITE_PATH or DATABASE_URL), with bulk inserts, and prints
how long each step took. Members have no usable password; the benchmark logs in one member per wijk it makes
with a known password (see `bench/load.py`).
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkplatform.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from wijkplatform.accounts.models import User  # noqa: E402
from wijkplatform.community.models import Like, Post  # noqa: E402
from wijkplatform.core.tenancy import cross_wijk  # noqa: E402
from wijkplatform.events.models import Event, Occurrence  # noqa: E402
from wijkplatform.wijken.models import Membership, Wijk  # noqa: E402

TIERS = {
    "small": {"wijken": 10, "members": 2_000, "posts": 10_000, "likes": 25_000, "events": 500},
    "medium": {"wijken": 100, "members": 20_000, "posts": 200_000, "likes": 500_000, "events": 10_000},
    "large": {"wijken": 1_000, "members": 200_000, "posts": 2_000_000, "likes": 5_000_000, "events": 100_000},
}
BENCH_PASSWORD = "bench-password-2026"
BATCH = 5_000
TEXTS = [
    "Wie heeft er een ladder te leen? Ik wil zaterdag de dakgoot schoonmaken.",
    "Dank aan de buren die gisteren de straat hebben geveegd na de storm!",
    "Tip: de bakker op de hoek heeft vanaf vandaag weer verse stroopwafels.",
    "Gezocht: vrijwilligers voor het opknappen van de speeltuin, zaterdag om tien uur.",
    "Te geef: een kinderfiets, zo goed als nieuw. Wie kan hem gebruiken?",
    "Does anyone know when the community garden opens again after the winter?",
    "Thank you to everyone who came to the street party, it was wonderful.",
]
ZONES = ["Europe/Amsterdam", "Africa/Johannesburg", "Australia/Melbourne", "America/Sao_Paulo", "Asia/Jakarta"]


def step(label, func):
    started = time.perf_counter()
    result = func()
    print(f"{label:<28} {time.perf_counter() - started:8.1f} s", flush=True)
    return result


def chunks(iterable, size=BATCH):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def generate(tier, prefix):
    spec = TIERS[tier]
    rng = random.Random(2026)
    password = make_password(BENCH_PASSWORD)
    now = timezone.now()

    def make_wijken():
        Wijk.objects.bulk_create(
            Wijk(slug=f"{prefix}-{n}", name=f"Benchwijk {n}", city="Benchstad", country="NL",
                 time_zone=ZONES[n % len(ZONES)], language="nl",
                 latitude=50 + (n % 100) / 10, longitude=4 + (n // 100) / 10)
            for n in range(spec["wijken"])
        )
        return list(Wijk.objects.filter(slug__startswith=f"{prefix}-").order_by("pk").values_list("pk", flat=True))

    wijk_ids = step("wijken", make_wijken)
    per_wijk = spec["members"] // len(wijk_ids)

    def make_members():
        for batch in chunks(User(email=f"{prefix}.{n}@bench.invalid", display_name=f"Buur {n}", password=password)
                            for n in range(spec["members"])):
            User.objects.bulk_create(batch)
        users = list(User.objects.filter(email__endswith="@bench.invalid", email__startswith=f"{prefix}.")
                     .order_by("pk").values_list("pk", flat=True))
        for batch in chunks(Membership(wijk_id=wijk_ids[index // per_wijk % len(wijk_ids)], user_id=user_id)
                            for index, user_id in enumerate(users)):
            Membership.objects.bulk_create(batch)
        return users

    users = step("members", make_members)

    def members_of(index):
        start = index * per_wijk
        return users[start:start + per_wijk]

    def make_posts():
        per = spec["posts"] // len(wijk_ids)

        def rows():
            for index, wijk_id in enumerate(wijk_ids):
                people = members_of(index)
                for n in range(per):
                    yield Post(wijk_id=wijk_id, author_id=people[n % len(people)], text=TEXTS[n % len(TEXTS)],
                               kind="message", audience="public")

        for batch in chunks(rows()):
            Post.objects.bulk_create(batch)

    step("posts", make_posts)

    def make_likes():
        per_post = max(1, spec["likes"] // spec["posts"])
        extra = spec["likes"] - per_post * spec["posts"]

        def rows():
            for index, wijk_id in enumerate(wijk_ids):
                people = members_of(index)
                posts = Post.objects.filter(wijk_id=wijk_id).values_list("pk", flat=True).iterator(chunk_size=BATCH)
                for n, post_id in enumerate(posts):
                    likes = per_post + (1 if n < extra / len(wijk_ids) else 0)
                    start = rng.randrange(len(people))
                    for k in range(min(likes, len(people))):
                        yield Like(wijk_id=wijk_id, post_id=post_id, user_id=people[(start + k) % len(people)])

        with cross_wijk("the benchmark generator fills every wijk"):
            for batch in chunks(rows()):
                Like.objects.bulk_create(batch)

    step("likes", make_likes)

    def make_events():
        per = spec["events"] // len(wijk_ids)

        def rows():
            for index, wijk_id in enumerate(wijk_ids):
                people = members_of(index)
                for n in range(per):
                    starts = now + datetime.timedelta(days=n % 60 - 20, hours=n % 10)
                    yield Event(wijk_id=wijk_id, title=f"Buurtactiviteit {n}", description="Kom ook!",
                                starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), address="Plein 1",
                                organiser_id=people[n % len(people)])

        for batch in chunks(rows()):
            Event.objects.bulk_create(batch)
        with cross_wijk("the benchmark generator fills every wijk"):
            dates = (Occurrence(wijk_id=e.wijk_id, event_id=e.pk, original_start=e.starts_at, starts_at=e.starts_at,
                                ends_at=e.ends_at)
                     for e in Event.objects.filter(wijk_id__in=wijk_ids).only("pk", "wijk_id", "starts_at", "ends_at")
                     .iterator(chunk_size=BATCH))
            for batch in chunks(dates):
                Occurrence.objects.bulk_create(batch)

    step("events", make_events)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            step("analyze", lambda: cursor.execute("ANALYZE"))
    return wijk_ids


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tier", choices=sorted(TIERS), default="small")
    parser.add_argument("--prefix", default="bench", help="slug prefix of the wijken it makes")
    args = parser.parse_args()
    if Wijk.objects.filter(slug__startswith=f"{args.prefix}-").exists():
        sys.exit(f"There are {args.prefix}-* wijken already: use an empty database or another --prefix.")
    print(f"tier {args.tier} on {connection.vendor}: {TIERS[args.tier]}")
    with transaction.atomic():
        total = time.perf_counter()
        generate(args.tier, args.prefix)
    print(f"{'total':<28} {time.perf_counter() - total:8.1f} s")


if __name__ == "__main__":
    main()
