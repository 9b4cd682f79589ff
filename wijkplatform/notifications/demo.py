"""Demo notifications: the resident of each demo wijk has a few, and chose a daily digest."""

from .models import DigestSetting, Notification, NotificationPreference

TEXT = {
    "nl": [
        ("reply", "Sanne Verbeek reageerde op je vraag over de rommelmarkt", "reporter"),
        ("mention", "Ria Janssen noemde je in een bericht over het Point", "point_host"),
        ("story_status", "Het verhaal over de Zwaanshals staat online", "editor"),
    ],
    "en": [
        ("reply", "Nadia replied to your question about the street clean-up", "reporter"),
        ("mention", "Your name came up in a post about the community garden", "point_host"),
        ("story_status", "The story about the laneway mural is published", "editor"),
    ],
}


def populate(*, wijk, people):
    resident = people["resident"]
    texts = TEXT["nl"] if (wijk.language or "").startswith("nl") else TEXT["en"]
    for kind, title, actor_role in texts:
        Notification.objects.in_wijk(wijk).get_or_create(
            wijk=wijk,
            recipient=resident,
            kind=kind,
            title=title,
            defaults={"url": wijk.get_absolute_url(), "actor": people[actor_role], "body": ""},
        )
    NotificationPreference.objects.in_wijk(wijk).get_or_create(
        wijk=wijk, user=resident, kind="story_status", defaults={"channel": "digest"}
    )
    DigestSetting.objects.in_wijk(wijk).get_or_create(wijk=wijk, user=resident, defaults={"period": "daily"})
