"""The full-text index: an FTS5 table on SQLite, a GIN index over a tsvector on PostgreSQL."""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_searchdocument_fts "
    "USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')",
    # Rows removed by a cascade (a wijk or a content type deleted) leave nothing behind in the index.
    "CREATE TRIGGER IF NOT EXISTS search_searchdocument_fts_delete AFTER DELETE ON search_searchdocument "
    "BEGIN DELETE FROM search_searchdocument_fts WHERE rowid = old.id; END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_searchdocument_fts_delete",
    "DROP TABLE IF EXISTS search_searchdocument_fts",
]


PG_BASE_CONFIGS = [
    "simple", "dutch", "english", "german", "french", "spanish", "italian", "portuguese", "danish", "swedish",
    "norwegian", "finnish", "turkish",
]


def _try(schema_editor, sql):
    """Run one statement in a savepoint; False when the database refuses it (no rights, no contrib)."""
    from django.db import DatabaseError, transaction

    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute(sql)
        return True
    except DatabaseError:
        return False


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_UP:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        # Both are trusted extensions (PostgreSQL 13+); without them search still works (accents are then
        # folded in Python, and the GIN index covers the vector alone).
        if _try(schema_editor, "CREATE EXTENSION IF NOT EXISTS unaccent"):
            # wp_<config>: unaccent before the stemmer, so "cafe" finds "café" and the snippet marks it.
            for base in PG_BASE_CONFIGS:
                stemmer = "simple" if base == "simple" else f"{base}_stem"
                _try(schema_editor, f"DROP TEXT SEARCH CONFIGURATION IF EXISTS wp_{base}")
                _try(
                    schema_editor,
                    f"CREATE TEXT SEARCH CONFIGURATION wp_{base} (COPY = pg_catalog.{base}); "
                    f"ALTER TEXT SEARCH CONFIGURATION wp_{base} "
                    f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}",
                )
        if _try(schema_editor, "CREATE EXTENSION IF NOT EXISTS btree_gin"):
            schema_editor.execute(
                "CREATE INDEX IF NOT EXISTS search_wijk_vector_gin "
                "ON search_searchdocument USING gin (wijk_id, search_vector)"
            )
        else:
            schema_editor.execute(
                "CREATE INDEX IF NOT EXISTS search_wijk_vector_gin "
                "ON search_searchdocument USING gin (search_vector)"
            )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_DOWN:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_wijk_vector_gin")
        for base in PG_BASE_CONFIGS:
            schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS wp_{base}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
