"""The periodic jobs of the agenda, for celery beat. Plain data: settings.py may import it.

In settings.py: `from wijkplatform.events.schedule import BEAT_SCHEDULE as EVENTS_BEAT` and add
`**EVENTS_BEAT` to `CELERY_BEAT_SCHEDULE`.
"""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Every hour: each wijk gets its reminders once it is 09:00 or later there (each date is reminded once).
    "events-send-reminders": {"task": "events.send_reminders", "schedule": crontab(minute=5)},
    # Every night: recurring events get their dates stored up to about six months ahead.
    "events-extend-occurrences": {
        "task": "events.extend_occurrences",
        "schedule": crontab(hour=3, minute=15),
    },
    # Every night: unconfirmed guest RSVPs whose link expired go, and old guests' addresses are forgotten.
    "events-tidy-guest-rsvps": {"task": "events.tidy_guest_rsvps", "schedule": crontab(hour=3, minute=45)},
}
