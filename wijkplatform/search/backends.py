"""The search interface and its two backends: SQLite FTS5 (embedded default) and PostgreSQL full text.

    backend = get_backend()
    backend.index(document)      # after saving a SearchDocument
    backend.remove(document)     # before deleting one
    backend.search(wijk=..., query="...", kinds=[...], members=True, limit=20, offset=0) -> Results

Snippets are safe HTML: the stored text is escaped first, then the matched words are wrapped in <mark>.
Every query constrains the wijk.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F, TextField, Value
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import SearchDocument

START, STOP = "\x02", "\x03"
MAX_TERMS = 12
MAX_QUERY = 200

# PostgreSQL text search configurations by the wijk's language; anything else uses "simple".
PG_CONFIGS = {
    "nl": "dutch",
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "da": "danish",
    "sv": "swedish",
    "no": "norwegian",
    "fi": "finnish",
    "tr": "turkish",
}


def fold(text):
    """Lower case without accents: "Café" -> "cafe"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def terms_of(query):
    """The words of a query, folded, at most MAX_TERMS."""
    return re.findall(r"[^\W_]+", fold(query[:MAX_QUERY]))[:MAX_TERMS]


def dutch_stem(word):
    """A light Dutch stemmer for SQLite, which has none: fietsen -> fiets, katten -> kat, huisjes -> huis."""
    for suffix in ("tjes", "jes", "tje", "je"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    if word.endswith("en") and len(word) > 5:
        word = word[:-2]
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
            word = word[:-1]
        return word
    if word.endswith(("s", "'s")) and len(word) > 4 and not word.endswith("ss"):
        return word.rstrip("'s") if word.endswith("'s") else word[:-1]
    return word


def english_stem(word):
    for suffix in ("ing", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def highlight(text):
    """Escape the text, then turn the highlight markers into <mark>."""
    escaped = escape(text or "")
    escaped = escaped.replace(START, "<mark>").replace(STOP, "</mark>")
    # Unbalanced markers (a snippet cut inside a match) must not leave an open tag.
    opened = escaped.count("<mark>") - escaped.count("</mark>")
    return mark_safe(escaped + "</mark>" * max(opened, 0))  # noqa: S308 - escaped above


def clean_marked(text):
    return (text or "").replace(START, "").replace(STOP, "")


@dataclass
class Hit:
    pk: int
    kind: str
    title: str
    url: str
    published_at: object
    public: bool
    title_html: str
    snippet: str
    score: float = 0.0


@dataclass
class Results:
    hits: list
    has_more: bool
    kind_counts: dict = field(default_factory=dict)


class SearchBackend:
    vendor = ""

    def index(self, document):  # pragma: no cover - interface
        raise NotImplementedError

    def remove(self, document):  # pragma: no cover - interface
        raise NotImplementedError

    def search(self, *, wijk, query, kinds=None, members=False, limit=20, offset=0):  # pragma: no cover
        raise NotImplementedError


class SQLiteFTS5Backend(SearchBackend):
    """An FTS5 table (`search_searchdocument_fts`, rowid = document id) next to the documents table."""

    vendor = "sqlite"
    table = "search_searchdocument_fts"

    def index(self, document):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [document.pk])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {self.table} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
                [document.pk, document.title, document.body],
            )

    def remove(self, document):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [document.pk])  # noqa: S608

    def match_expression(self, wijk, query):
        stem = dutch_stem if (wijk.language or "").startswith("nl") else english_stem
        parts = []
        for term in terms_of(query):
            stemmed = stem(term)
            # Prefix match on the stem: "fiets" finds "fietsen" and "fietsenmaker".
            parts.append(f'"{stemmed}"*' if len(stemmed) >= 3 else f'"{stemmed}"')
        return " ".join(parts)

    def _where(self, wijk, match, kinds, members):
        where = [f"{self.table} MATCH %s", "d.wijk_id = %s"]
        params = [match, wijk.pk]
        if not members:
            where.append("d.public = 1")
        if kinds:
            where.append("d.kind IN (" + ", ".join(["%s"] * len(kinds)) + ")")
            params.extend(kinds)
        return " AND ".join(where), params

    def search(self, *, wijk, query, kinds=None, members=False, limit=20, offset=0):
        match = self.match_expression(wijk, query)
        if not match:
            return Results(hits=[], has_more=False)
        join = (
            f"FROM {self.table} "
            f"JOIN search_searchdocument d ON (d.id = {self.table}.rowid AND d.wijk_id = %s)"
        )
        where, params = self._where(wijk, match, kinds, members)
        sql = (
            "SELECT d.id, d.kind, d.title, d.url, d.published_at, d.public, "
            f"highlight({self.table}, 0, char(2), char(3)), "
            f"snippet({self.table}, 1, char(2), char(3), '…', 24), "
            f"bm25({self.table}, 8.0, 1.0) AS score "
            f"{join} WHERE {where} ORDER BY score, d.published_at DESC LIMIT %s OFFSET %s"
        )
        facet_where, facet_params = self._where(wijk, match, None, members)
        facet_sql = f"SELECT d.kind, COUNT(*) {join} WHERE {facet_where} GROUP BY d.kind"
        with connection.cursor() as cursor:
            cursor.execute(sql, [wijk.pk, *params, limit + 1, offset])
            rows = cursor.fetchall()
            cursor.execute(facet_sql, [wijk.pk, *facet_params])
            kind_counts = dict(cursor.fetchall())
        published = SearchDocument._meta.get_field("published_at")
        hits = []
        for pk, kind, title, url, published_at, public, title_marked, snippet, score in rows[:limit]:
            if isinstance(published_at, str):
                published_at = published.to_python(published_at)
            if published_at is not None and timezone.is_naive(published_at):
                published_at = timezone.make_aware(published_at, datetime.UTC)  # SQLite stores UTC
            hits.append(
                Hit(
                    pk=pk,
                    kind=kind,
                    title=title,
                    url=url,
                    published_at=published_at,
                    public=bool(public),
                    title_html=highlight(title_marked),
                    snippet=highlight(snippet),
                    score=-score,
                )
            )
        return Results(hits=hits, has_more=len(rows) > limit, kind_counts=kind_counts)


class PostgresBackend(SearchBackend):
    """A tsvector column with a GIN index; the wijk's language picks the configuration (stemming).

    Accents: when the `unaccent` extension is there, a configuration `wp_<name>` runs it before the
    stemmer (so snippets keep their accents and still highlight); otherwise text is folded in Python.
    """

    vendor = "postgresql"

    def __init__(self):
        self._configs = {}

    def config_for(self, wijk):
        base = PG_CONFIGS.get((wijk.language or "").split("-")[0], "simple")
        if base not in self._configs:
            self._configs[base] = self._ensure_unaccent_config(base)
        return self._configs[base]

    def _ensure_unaccent_config(self, base):
        """`wp_<base>` (unaccent, then the stemmer; made by migration 0002) or None when it is not there."""
        name = f"wp_{base}"
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [name])
            return name if cursor.fetchone() else None

    def _config_and_fold(self, wijk):
        config = self.config_for(wijk)
        if config:
            return config, False
        return PG_CONFIGS.get((wijk.language or "").split("-")[0], "simple"), True

    def index(self, document):
        from django.contrib.postgres.search import SearchVector

        config, python_fold = self._config_and_fold(document.wijk)
        title = fold(document.title) if python_fold else document.title
        body = fold(document.body) if python_fold else document.body
        vector = SearchVector(
            Value(title, output_field=TextField()), weight="A", config=config
        ) + SearchVector(Value(body, output_field=TextField()), weight="B", config=config)
        SearchDocument.objects.in_wijk(document.wijk).filter(pk=document.pk).update(search_vector=vector)

    def remove(self, document):
        pass  # the vector lives on the document row itself

    def tsquery(self, wijk, words):
        """Every word must match, as itself (stemmed by the configuration) or by the prefix of its light stem.

        The prefix covers what the Snowball stemmer leaves apart: it stems "fiets" to "fiet" but "fietsen"
        to "fiets", so "fietsen" alone would not find "fiets"; "fiets:*" (stemmed to "fiet:*") does.
        Words are letters and digits only, so nothing in them is tsquery syntax.
        """
        stem = dutch_stem if (wijk.language or "").startswith("nl") else english_stem
        parts = []
        for word in words:
            light = stem(word)
            parts.append(f"({word} | {light}:*)" if len(light) >= 3 else word)
        return " & ".join(parts)

    def search(self, *, wijk, query, kinds=None, members=False, limit=20, offset=0):
        from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

        words = terms_of(query)
        if not words:
            return Results(hits=[], has_more=False)
        config, python_fold = self._config_and_fold(wijk)
        search_query = SearchQuery(self.tsquery(wijk, words), config=config, search_type="raw")
        documents = SearchDocument.objects.in_wijk(wijk).filter(search_vector=search_query)
        if not members:
            documents = documents.filter(public=True)
        kind_counts = dict(documents.order_by().values_list("kind").annotate(n=Count("id")))
        if kinds:
            documents = documents.filter(kind__in=kinds)
        headline_options = {
            "config": config,
            "start_sel": START,
            "stop_sel": STOP,
        }
        # Without unaccent the vector was built from text folded in Python: the search finds "café" for
        # "cafe", but the snippet cannot mark it (a known limit of that fallback).
        title_source, body_source = F("title"), F("body")
        rows = list(
            documents.annotate(
                score=SearchRank(F("search_vector"), search_query),
                title_marked=SearchHeadline(
                    title_source, search_query, highlight_all=True, **headline_options
                ),
                snippet_marked=SearchHeadline(
                    body_source,
                    search_query,
                    max_words=30,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                    **headline_options,
                ),
            )
            .order_by("-score", "-published_at", "-id")
            .values(
                "pk",
                "kind",
                "title",
                "url",
                "published_at",
                "public",
                "title_marked",
                "snippet_marked",
                "score",
            )[offset : offset + limit + 1]
        )
        hits = [
            Hit(
                pk=row["pk"],
                kind=row["kind"],
                title=row["title"],
                url=row["url"],
                published_at=row["published_at"],
                public=row["public"],
                title_html=highlight(row["title_marked"]),
                snippet=highlight(row["snippet_marked"]),
                score=row["score"],
            )
            for row in rows[:limit]
        ]
        return Results(hits=hits, has_more=len(rows) > limit, kind_counts=kind_counts)


_BACKENDS = {}


def get_backend():
    vendor = connection.vendor
    if vendor not in _BACKENDS:
        if vendor == "sqlite":
            _BACKENDS[vendor] = SQLiteFTS5Backend()
        elif vendor == "postgresql":
            _BACKENDS[vendor] = PostgresBackend()
        else:
            raise NotImplementedError(f"no search backend for {vendor}")
    return _BACKENDS[vendor]
