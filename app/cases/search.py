"""Finding cases and feedback: by reference, by person, and by the words in them.

Results are cases (an item in a case is found as its case) and feedback items in no case,
always narrowed by app.cases.access to what the user may see (special-category cases only for
officers). Free text runs on SQLite FTS5 (the contentless `case_search` table) or on
PostgreSQL full-text search (GIN indexes on to_tsvector('english', ...)); migration 0009 makes
both. The query is reduced to plain words before it reaches either engine, so search syntax,
quotes, NUL bytes or a very long query can never cause an error.
"""
import re
from dataclasses import dataclass, field

from app.cases import access
from app.cases.models import Case, CaseEvent, CaseItem
from app.db import db, is_postgres
from app.feedback.models import FeedbackItem, FeedbackUpdate
from app.people.models import Person
from app.people.services import normalise_email, normalise_phone

LIMIT = 50
MAX_QUERY = 200  # characters kept from what was typed
MAX_TERMS = 12
SNIPPET = 160  # characters of context shown
# The PostgreSQL expression indexes made by migration 0009 (tests/core/test_migrations knows them).
SEARCH_INDEXES = ("feedback_item_search", "feedback_update_search", "case_record_search",
                  "case_event_search")
SOURCES = {0: "item", 1: "update", 2: "title", 3: "event"}
REFERENCE = re.compile(r"\bHRD[-\s]?(\d{4})[-\s]?(\d{1,6})\b", re.I)
CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
WORD = re.compile(r"\w+")
# Words PostgreSQL's english configuration ignores: ignored on SQLite too, so both agree.
STOPWORDS = frozenset("""a about above after again against all am an and any are as at be because
been before being below between both but by can did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours ourselves
out over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which while
who whom why will with you your yours yourself yourselves""".split())


@dataclass
class Result:
    what: str  # "case" or "item"
    matched: str  # "reference", "person" or "text"
    case: Case = None
    item: FeedbackItem = None
    snippet: list = field(default_factory=list)  # [(text, is_match)]
    items: list = field(default_factory=list)  # a case's feedback items, oldest first

    @property
    def reference(self):
        return (self.case or self.item).reference

    @property
    def kind_label(self):
        return self.case.kind_label if self.case else self.item.kind_label

    @property
    def status_label(self):
        return self.case.status_label if self.case else self.item.status_label

    @property
    def received_at(self):
        return (self.case or self.item).received_at


def clean(query):
    """What was typed, made safe: no control characters (NUL included) or lone surrogates,
    one space between words, at most MAX_QUERY characters."""
    query = str(query or "")[:MAX_QUERY * 4].encode("utf-8", "ignore").decode("utf-8")  # no lone surrogates
    query = CONTROL.sub(" ", query)
    return " ".join(query.split())[:MAX_QUERY]


def terms(query):
    """The words searched for: lower case, no stopwords, no repeats, at most MAX_TERMS."""
    words = []
    for word in WORD.findall(clean(query).lower()):
        word = word.strip("_")[:40]
        if word and word not in STOPWORDS and word not in words:
            words.append(word)
    return words[:MAX_TERMS]


def search(user, query, limit=LIMIT):
    """Everything `user` may see that matches `query`: exact reference first, then the
    person's cases and feedback, then the best text matches."""
    query = clean(query)
    if not query:
        return []
    results, seen = [], set()
    for found in (by_reference(user, query), by_person(user, query, limit),
                  by_text(user, query, limit)):
        for result in found:
            key = (result.what, (result.case or result.item).id)
            if key not in seen:
                seen.add(key)
                results.append(result)
    return _with_items(results[:limit])


def _with_items(results):
    """Fill each case result's `items`, so the results link to the feedback as well as the case."""
    ids = [r.case.id for r in results if r.case is not None]
    found = {}
    if ids:
        for link in (CaseItem.select(CaseItem, FeedbackItem).join(FeedbackItem).where(CaseItem.case.in_(ids))
                     .order_by(FeedbackItem.received_at, FeedbackItem.id)):
            found.setdefault(link.case_id, []).append(link.item)
    for result in results:
        if result.case is not None:
            result.items = found.get(result.case.id, [])
    return results


def normalise_reference(query):
    match = REFERENCE.search(query or "")
    return f"HRD-{match.group(1)}-{int(match.group(2)):06d}" if match else None


def by_reference(user, query):
    reference = normalise_reference(query)
    if reference is None:
        return []
    case = access.visible_cases(user).where(Case.reference == reference).first()
    if case is None:
        link = (CaseItem.select(CaseItem.case).join(FeedbackItem)
                .where(FeedbackItem.reference == reference).first())
        case = access.visible_cases(user).where(Case.id == link.case_id).first() if link else None
    if case is not None:
        return [Result("case", "reference", case=case, snippet=_opening(case=case))]
    item = _loose_items(user).where(FeedbackItem.reference == reference).first()
    return [Result("item", "reference", item=item, snippet=_opening(item=item))] if item else []


def people_matching(query, limit=LIMIT):
    """Person ids for an email address, a phone number or part of a name."""
    if "@" in query:
        condition = Person.email == normalise_email(query)
    elif re.fullmatch(r"\+?[\d\s().-]{6,}", query) and len(re.sub(r"\D", "", query)) >= 6:
        condition = Person.phone == normalise_phone(query)
    elif len(query) >= 3 and re.search(r"[^\W\d_]", query):
        condition = Person.name.contains(query)  # case-insensitive (ILIKE / LIKE)
    else:
        return []
    return [p.id for p in Person.select(Person.id).where(condition & Person.anonymised_at.is_null())
            .order_by(Person.id).limit(limit)]


def by_person(user, query, limit=LIMIT):
    people = people_matching(query, limit)
    if not people:
        return []
    via_items = (CaseItem.select(CaseItem.case).join(FeedbackItem)
                 .where(FeedbackItem.person.in_(people)))
    cases = (access.visible_cases(user).where(Case.person.in_(people) | Case.id.in_(via_items))
             .order_by(Case.received_at.desc(), Case.id.desc()).limit(limit))
    items = (_loose_items(user).where(FeedbackItem.person.in_(people))
             .order_by(FeedbackItem.received_at.desc(), FeedbackItem.id.desc()).limit(limit))
    found = [Result("case", "person", case=c, snippet=_opening(case=c)) for c in cases]
    found += [Result("item", "person", item=i, snippet=_opening(item=i)) for i in items]
    return sorted(found, key=lambda r: r.received_at, reverse=True)[:limit]


def _loose_items(user):
    """Items in no case that `user` may see."""
    return access.visible_items(user).where(FeedbackItem.id.not_in(CaseItem.select(CaseItem.item)))


# -- free text ------------------------------------------------------------------------------

SQLITE_HITS = """hits AS MATERIALIZED (
  SELECT rowid % 4 AS source, rowid / 4 AS ref_id, bm25(case_search) AS score
  FROM case_search WHERE case_search MATCH {p})"""

POSTGRES_HITS = """hits AS (
  SELECT 0 AS source, id AS ref_id,
         -ts_rank(to_tsvector('english', text || ' ' || put_right), plainto_tsquery('english', {p})) AS score
  FROM feedback_item WHERE to_tsvector('english', text || ' ' || put_right) @@ plainto_tsquery('english', {p})
  UNION ALL
  SELECT 1, id, -ts_rank(to_tsvector('english', text), plainto_tsquery('english', {p}))
  FROM feedback_update WHERE to_tsvector('english', text) @@ plainto_tsquery('english', {p})
  UNION ALL
  SELECT 2, id, -ts_rank(to_tsvector('english', title), plainto_tsquery('english', {p}))
  FROM case_record WHERE to_tsvector('english', title) @@ plainto_tsquery('english', {p})
  UNION ALL
  SELECT 3, id, -ts_rank(to_tsvector('english', body), plainto_tsquery('english', {p}))
  FROM case_event WHERE kind IN ('note', 'call', 'email_in')
    AND to_tsvector('english', body) @@ plainto_tsquery('english', {p}))"""

# Lower scores are better on both engines (bm25 is negative; ts_rank is negated above).
RANKED = """
, case_hits AS (
  SELECT ci.case_id AS case_id, h.source AS source, h.ref_id AS ref_id, h.score AS score
  FROM hits h JOIN case_item ci ON ci.item_id = h.ref_id WHERE h.source = 0
  UNION ALL SELECT ci.case_id, h.source, h.ref_id, h.score FROM hits h
  JOIN feedback_update u ON u.id = h.ref_id JOIN case_item ci ON ci.item_id = u.item_id WHERE h.source = 1
  UNION ALL SELECT h.ref_id, h.source, h.ref_id, h.score FROM hits h WHERE h.source = 2
  UNION ALL SELECT e.case_id, h.source, h.ref_id, h.score FROM hits h
  JOIN case_event e ON e.id = h.ref_id WHERE h.source = 3
), item_hits AS (
  SELECT h.ref_id AS item_id, h.source AS source, h.ref_id AS ref_id, h.score AS score
  FROM hits h WHERE h.source = 0
  UNION ALL SELECT u.item_id, h.source, h.ref_id, h.score FROM hits h
  JOIN feedback_update u ON u.id = h.ref_id WHERE h.source = 1
), ranked AS (
  SELECT 'case' AS what, case_id AS id, source, ref_id, score,
         ROW_NUMBER() OVER (PARTITION BY case_id ORDER BY score, source, ref_id) AS n
  FROM case_hits WHERE case_id IN ({cases})
  UNION ALL
  SELECT 'item', item_id, source, ref_id, score,
         ROW_NUMBER() OVER (PARTITION BY item_id ORDER BY score, source, ref_id)
  FROM item_hits WHERE item_id NOT IN (SELECT item_id FROM case_item) AND item_id IN ({items})
)
SELECT what, id, source, ref_id FROM ranked WHERE n = 1 ORDER BY score, what, id LIMIT {p}"""


def by_text(user, query, limit=LIMIT):
    words = terms(query)
    if not words:
        return []
    return _results(db.execute_sql(*text_query(user, words, limit)).fetchall(), words)


def text_query(user, words, limit=LIMIT):
    """The SQL and parameters finding `words` (plain words, from terms()) for `user`."""
    cases_sql, cases_params = access.visible_cases(user, Case.select(Case.id)).sql()
    items_sql, items_params = access.visible_items(user, FeedbackItem.select(FeedbackItem.id)).sql()
    p = db.obj.param
    if is_postgres():
        hits, hit_params = POSTGRES_HITS.format(p=p), [" ".join(words)] * 8
    else:  # each word quoted: FTS5 sees no syntax at all
        hits, hit_params = SQLITE_HITS.format(p=p), [" ".join(f'"{w}"' for w in words)]
    sql = "WITH " + hits + RANKED.format(cases=cases_sql, items=items_sql, p=p)
    return sql, hit_params + cases_params + items_params + [limit]


def _results(rows, words):
    case_ids = [i for what, i, _, _ in rows if what == "case"]
    item_ids = [i for what, i, _, _ in rows if what == "item"]
    cases = {c.id: c for c in Case.select().where(Case.id.in_(case_ids))} if case_ids else {}
    items = {i.id: i for i in FeedbackItem.select().where(FeedbackItem.id.in_(item_ids))} if item_ids else {}
    texts = _source_texts([(source, ref_id) for _, _, source, ref_id in rows])
    found = []
    for what, ident, source, ref_id in rows:
        text = texts.get((source, ref_id), "")
        if what == "case" and ident in cases:
            found.append(Result("case", "text", case=cases[ident], snippet=snippet(text, words)))
        elif what == "item" and ident in items:
            found.append(Result("item", "text", item=items[ident], snippet=snippet(text, words)))
    return found


def _source_texts(pairs):
    """{(source, id): the text that matched} for the rows found."""
    wanted = {}
    for source, ref_id in pairs:
        wanted.setdefault(source, set()).add(ref_id)
    texts = {}
    if wanted.get(0):
        for row in FeedbackItem.select(FeedbackItem.id, FeedbackItem.text, FeedbackItem.put_right).where(
                FeedbackItem.id.in_(wanted[0])):
            texts[(0, row.id)] = "\n".join(t for t in (row.text, row.put_right) if t)
    for source, model, column in ((1, FeedbackUpdate, FeedbackUpdate.text), (2, Case, Case.title),
                                  (3, CaseEvent, CaseEvent.body)):
        if wanted.get(source):
            for row in model.select(model.id, column).where(model.id.in_(wanted[source])):
                texts[(source, row.id)] = getattr(row, column.name)
    return texts


def _opening(case=None, item=None):
    """The snippet for a reference or person match: the case's title, else its first words."""
    if case is not None:
        if case.title:
            return [(case.title, False)]
        item = (FeedbackItem.select().join(CaseItem).where(CaseItem.case == case)
                .order_by(FeedbackItem.received_at, FeedbackItem.id).first())
    return snippet(item.text if item else "", [])


def snippet(text, words, width=SNIPPET):
    """A window of `text` around the first word found, as [(text, is_match)] segments."""
    text = " ".join((text or "").split())
    stems = sorted({w[:max(4, len(w) - 3)] if len(w) > 5 else w for w in words}, key=len, reverse=True)
    pattern = re.compile(r"\b(?:%s)\w*" % "|".join(map(re.escape, stems)), re.I) if stems else None
    first = pattern.search(text) if pattern else None
    start = max(0, (first.start() if first else 0) - width // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    window = text[start:start + width]
    segments, at = [], 0
    for match in (pattern.finditer(window) if pattern else ()):
        if match.start() > at:
            segments.append((window[at:match.start()], False))
        segments.append((match.group(0), True))
        at = match.end()
    if at < len(window):
        segments.append((window[at:], False))
    if start:
        segments.insert(0, ("…", False))
    if start + width < len(text):
        segments.append(("…", False))
    return segments
