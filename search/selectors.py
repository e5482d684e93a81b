"""Search: the current partnership's actions, progress updates, indicators, audits, findings and
recommendations matching a query, best first, a page at a time, with the matched words marked.

On PostgreSQL the matching is full-text (``websearch_to_tsquery`` with the English configuration, so
"trained" finds "training", quoted phrases and ``-word`` work as on a web search engine), ranked by
``ts_rank`` over each kind's weighted document (:func:`search.kinds.document`, stored in its table and
served by its GIN index); the passages come from ``ts_headline``. On SQLite (``make run``), which has
none of these, every word must appear somewhere in the object (ignoring case), a match in the heading
ranks first, and the passage is cut and marked in Python (:mod:`search.highlight`).

Whatever the data, a page costs a fixed number of queries: one counting each kind's matches and reading the
page's keys in rank order (a union of the kinds, found and ranked once), and one per kind shown on the page.
A page past the last reads the last page's keys with one query more.

A page of results is kept per partnership until its next write (``neglect_portal.fragments``, decision 49):
what matches is the same for every member of a partnership, and finding and ranking a common word's ten
thousand matches is most of the page's time. A second look, the same search again or back from a result, reads
none of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, CharField, Count, F, FloatField, Q, Value, When
from django.db.models.functions import Concat
from django.utils import timezone

from neglect_portal import fragments
from search import highlight
from search.forms import query_words
from search.kinds import BY_NAME, CONFIG, KINDS, Kind, StoredDocument

PAGE_SIZE = 20


@dataclass
class Result:
    kind: Kind
    title: str
    excerpt: str
    caption: str
    url: str


@dataclass
class SearchResults:
    query: str
    counts: dict[str, int]
    kind: Kind | None
    page: object = None  # a Django Page of Result
    paginator: Paginator | None = None
    kinds: list[tuple[Kind, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.paginator.count if self.paginator else 0

    @property
    def page_range(self):
        return self.paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1)


def full_text() -> bool:
    """Whether the database has PostgreSQL's full-text search (SQLite, for ``make run``, has not)."""
    return connection.vendor == "postgresql"


def search(partnership, query: str, kind: str | None = None, page_number=1) -> SearchResults:
    """Page ``page_number`` of what matches ``query`` among what members of ``partnership`` read.

    ``kind`` (a name of :data:`search.kinds.KINDS`) narrows the results to one kind; the counts are of
    every kind either way. ``query`` is a checked search (``SearchForm``). A page asked for by its number
    is kept until the partnership's next write.
    """
    kind = kind if kind in BY_NAME else None
    page = str(page_number)
    if not (page.isdigit() and len(page) < 6):  # "last", or nonsense: found afresh, not kept
        return _search(partnership, query, kind, page_number)
    kept = fragments.fragment(
        "search",
        partnership.pk,
        timezone.localdate(),
        (query, kind, page),
        lambda: _plain(_search(partnership, query, kind, page_number)),
    )
    return _unplain(query, kept)


def _search(partnership, query, kind, page_number) -> SearchResults:
    engine = FullText(query) if full_text() else Fallback(query)
    matching = {k.name: engine.matching(k, k.visible(partnership)) for k in KINDS}
    start = (_page_guess(page_number) - 1) * PAGE_SIZE
    counts, first_keys = engine.counts_and_keys(matching, kind, start, PAGE_SIZE)
    chosen = BY_NAME.get(kind) if counts.get(kind) else None
    shown = {chosen.name: matching[chosen.name]} if chosen else matching
    total = counts[chosen.name] if chosen else sum(counts.values())
    ranked = RankedResults(engine, shown, total, read={start: first_keys[chosen.name if chosen else None]})
    return _results(query, counts, chosen, Paginator(ranked, PAGE_SIZE), page_number)


def _results(query, counts, chosen, paginator, page_number) -> SearchResults:
    return SearchResults(
        query=query,
        counts=counts,
        kind=chosen,
        page=paginator.get_page(page_number),
        paginator=paginator,
        kinds=[(k, counts[k.name]) for k in KINDS if counts[k.name]],
    )


def _plain(results: SearchResults) -> dict:
    """A page of results as plain values, to keep: the kinds by name, the results as tuples."""
    return {
        "counts": results.counts,
        "kind": results.kind.name if results.kind else None,
        "number": results.page.number,
        "results": [(r.kind.name, r.title, r.excerpt, r.caption, r.url) for r in results.page],
    }


def _unplain(query, kept: dict) -> SearchResults:
    chosen = BY_NAME[kept["kind"]] if kept["kind"] else None
    counts = kept["counts"]
    total = counts[chosen.name] if chosen else sum(counts.values())
    page = [Result(BY_NAME[name], *rest) for name, *rest in kept["results"]]
    return _results(query, counts, chosen, Paginator(KeptPage(total, page), PAGE_SIZE), kept["number"])


class _Counted:
    """Results the paginator reads as a list of ``total`` items, without reading them to count."""

    total: int

    def count(self):
        return self.total

    def __len__(self):
        return self.total


class KeptPage(_Counted):
    """One kept page of results for the paginator: its length is the total, its slice the page."""

    def __init__(self, total, page):
        self.total, self.page = total, page

    def __getitem__(self, page):
        return self.page


def _page_guess(page_number) -> int:
    """The page asked for, as the paginator will most likely read it (it has the last word)."""
    text = str(page_number)
    return int(text) if text.isdigit() and 0 < len(text) < 6 and int(text) > 0 else 1


class RankedResults(_Counted):
    """The results of several kinds as one list for the paginator: its length is known, a slice reads one
    page of keys in rank order (unless ``read`` has them already, by the page's start) and then each kind's
    objects on it."""

    def __init__(self, engine, matching, total, read=None):
        self.engine, self.matching, self.total, self.read = engine, matching, total, read or {}

    def __getitem__(self, page):
        if not self.total:
            return []
        if page.start in self.read:
            keys = self.read[page.start][: page.stop - page.start]
        else:
            keys = self.engine.page_keys(self.matching, page.start, page.stop)
        objects = {}
        for name in dict.fromkeys(row["kind_name"] for row in keys):
            wanted = [row["key"] for row in keys if row["kind_name"] == name]
            objects[name] = self.engine.shown(BY_NAME[name], self.matching[name], wanted)
        return [objects[row["kind_name"]][row["key"]] for row in keys if row["key"] in objects[row["kind_name"]]]


class Engine:
    """What the two ways of searching share: counting and paging through unions of the kinds."""

    def __init__(self, query):
        self.query = query
        self.words = query_words(query)

    def counts(self, matching) -> dict[str, int]:
        parts = [
            queryset.order_by().values(kind_name=Value(name, output_field=CharField())).annotate(n=Count("pk"))
            for name, queryset in matching.items()
        ]
        found = {row["kind_name"]: row["n"] for row in parts[0].union(*parts[1:], all=True)}
        return {name: found.get(name, 0) for name in matching}

    def page_keys(self, matching, start, stop):
        union = self._ranked(matching)
        return list(union.order_by("-score", "kind_name", "-key")[start:stop])

    def _ranked(self, matching):
        parts = [
            queryset.order_by().values(kind_name=Value(name, output_field=CharField()), key=F("pk"), score=F("rank"))
            for name, queryset in matching.items()
        ]
        return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]

    def counts_and_keys(self, matching, kind, start, size):
        """Each kind's number of matches, and the ``size`` keys from ``start`` in rank order of every kind (under
        None) and of ``kind`` alone: in one query, which finds and ranks the matches once."""
        found, params = self._ranked(matching).query.get_compiler(connection=connection).as_sql()
        page = "SELECT kind_name, key, score, %s AS part FROM found{where} ORDER BY score DESC, kind_name, key DESC"
        sql = (
            f"WITH found AS MATERIALIZED ({found}) "  # noqa: S608 (Django's SQL and its parameters)
            "SELECT kind_name, NULL, NULL, 'count', COUNT(*) FROM found GROUP BY kind_name"
            f" UNION ALL SELECT *, NULL FROM ({page.format(where='')} LIMIT %s OFFSET %s) AS everywhere"
            f" UNION ALL SELECT *, NULL FROM ({page.format(where=' WHERE kind_name = %s')} LIMIT %s OFFSET %s) AS one"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, "all", size, start, "kind", kind or "", size, start])
            rows = cursor.fetchall()
        counts = dict.fromkeys(matching, 0)
        keys = {None: [], kind: []}
        for name, key, _score, part, n in sorted(rows, key=lambda row: (-(row[2] or 0), row[0], -(row[1] or 0))):
            if part == "count":
                counts[name] = n
            else:
                keys[None if part == "all" else kind].append({"kind_name": name, "key": key})
        return counts, keys

    def shown(self, kind, matching, keys) -> dict[int, Result]:
        objects = self.with_passages(kind, matching.filter(pk__in=keys).select_related(*kind.related))
        return {obj.pk: self.result(kind, obj) for obj in objects}

    def result(self, kind, obj) -> Result:
        return Result(
            kind=kind,
            title=kind.title(obj, obj.heading_html),
            excerpt=obj.excerpt_html,
            caption=kind.caption(obj),
            url=kind.url(obj),
        )


def _joined(fields):
    """The fields as one text, a space between them, for ``ts_headline``."""
    if len(fields) == 1:
        return F(fields[0])
    parts = []
    for name in fields:
        parts += [F(name), Value(" ")]
    return Concat(*parts[:-1], output_field=CharField())


class FullText(Engine):
    """PostgreSQL: ``websearch_to_tsquery``, ``ts_rank`` and ``ts_headline`` over each kind's document."""

    def __init__(self, query):
        super().__init__(query)
        self.tsquery = SearchQuery(query, config=CONFIG, search_type="websearch")

    def matching(self, kind, queryset):
        # The stored document: read, not rebuilt, for the match (through its GIN index), the count and the rank.
        vector = StoredDocument()
        return queryset.annotate(document=vector, rank=SearchRank(vector, self.tsquery)).filter(document=self.tsquery)

    def with_passages(self, kind, queryset):
        options = {"config": CONFIG, "start_sel": highlight.START, "stop_sel": highlight.STOP}
        annotations = {}
        if kind.heading:
            annotations["heading_text"] = SearchHeadline(
                _joined(kind.heading), self.tsquery, highlight_all=True, **options
            )
        annotations["excerpt_text"] = SearchHeadline(
            _joined(kind.body), self.tsquery, max_words=35, min_words=15, **options
        )
        objects = list(queryset.annotate(**annotations))
        for obj in objects:
            body = " ".join(getattr(obj, name) or "" for name in kind.body)
            obj.heading_html = highlight.marked(getattr(obj, "heading_text", ""))
            obj.excerpt_html = highlight.marked(highlight.with_ellipses(obj.excerpt_text, body))
        return objects


class Fallback(Engine):
    """SQLite: every word somewhere in the object, ignoring case; a match in the heading ranks first."""

    def matching(self, kind, queryset):
        fields = kind.heading + kind.body
        for word in self.words:
            queryset = queryset.filter(_any(fields, word))
        heading = Q()
        for word in self.words:
            heading &= _any(kind.heading, word) if kind.heading else Q(pk__in=[])
        rank = Case(When(heading, then=Value(1.0)), default=Value(0.5), output_field=FloatField())
        return queryset.annotate(rank=rank)

    def with_passages(self, kind, queryset):
        objects = list(queryset)
        for obj in objects:
            heading = " ".join(getattr(obj, name) or "" for name in kind.heading)
            body = " ".join(getattr(obj, name) or "" for name in kind.body)
            obj.heading_html = highlight.highlight(heading, self.words)
            obj.excerpt_html = highlight.highlight(highlight.excerpt(body, self.words), self.words)
        return objects


def _any(fields, word) -> Q:
    condition = Q(pk__in=[])
    for name in fields:
        condition |= Q(**{f"{name}__icontains": word})
    return condition
