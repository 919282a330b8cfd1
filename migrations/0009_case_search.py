"""Full-text search across cases and feedback (app.cases.search).

What is searched: feedback_item.text and put_right, feedback_update.text, case_record.title and
the bodies of case_event rows of kind note / call / email_in.

SQLite: one contentless FTS5 table `case_search` (no second copy of residents' words; the
snippets are cut from the source rows). Its rowid is source id * 4 + source kind
(0 item, 1 update, 2 case title, 3 case event), kept current by triggers.
PostgreSQL: GIN expression indexes on to_tsvector('english', ...) of the same columns; the
queries repeat the exact expressions so the indexes are used.
"""
from peewee import *

EVENT_KINDS = "('note', 'call', 'email_in')"

# (table, source kind, the text indexed, a condition on the row, the columns it depends on)
SOURCES = [
    ("feedback_item", 0, "{r}.text || char(10) || {r}.put_right", "", "text, put_right"),
    ("feedback_update", 1, "{r}.text", "", "text"),
    ("case_record", 2, "{r}.title", "", "title"),
    ("case_event", 3, "{r}.body", "{r}.kind IN " + EVENT_KINDS, "kind, body"),
]

POSTGRES_INDEXES = [
    "CREATE INDEX feedback_item_search ON feedback_item "
    "USING GIN (to_tsvector('english', text || ' ' || put_right))",
    "CREATE INDEX feedback_update_search ON feedback_update USING GIN (to_tsvector('english', text))",
    "CREATE INDEX case_record_search ON case_record USING GIN (to_tsvector('english', title))",
    "CREATE INDEX case_event_search ON case_event USING GIN (to_tsvector('english', body)) "
    "WHERE kind IN " + EVENT_KINDS,
]


def _sqlite_statements():
    yield ("CREATE VIRTUAL TABLE case_search USING fts5(body, content='', contentless_delete=1, "
           "tokenize='porter unicode61 remove_diacritics 2')")
    for table, kind, text, condition, columns in SOURCES:
        rowid = "{r}.id * 4 + %d" % kind
        insert = "INSERT INTO case_search(rowid, body) VALUES (%s, %s);" % (
            rowid.format(r="new"), text.format(r="new"))
        delete = "DELETE FROM case_search WHERE rowid = %s;" % rowid.format(r="old")
        when_new = " WHEN " + condition.format(r="new") if condition else ""
        when_old = " WHEN " + condition.format(r="old") if condition else ""
        yield f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table}{when_new} BEGIN {insert} END"
        yield f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table}{when_old} BEGIN {delete} END"
        # An update may move an event in or out of the searched kinds: delete, then re-add.
        yield (f"CREATE TRIGGER {table}_search_au AFTER UPDATE OF {columns} ON {table} BEGIN "
               f"DELETE FROM case_search WHERE rowid = {rowid.format(r='old')}; "
               f"INSERT INTO case_search(rowid, body) SELECT {rowid.format(r='new')}, "
               f"{text.format(r='new')} WHERE {condition.format(r='new') or '1'}; END")
        yield (f"INSERT INTO case_search(rowid, body) SELECT {rowid.format(r=table)}, "
               f"{text.format(r=table)} FROM {table} WHERE {condition.format(r=table) or '1'}")


def up(migrator, db):
    statements = POSTGRES_INDEXES if isinstance(db, PostgresqlDatabase) else list(_sqlite_statements())
    for sql in statements:
        db.execute_sql(sql)


def down(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        for name in ("feedback_item_search", "feedback_update_search", "case_record_search",
                     "case_event_search"):
            db.execute_sql(f"DROP INDEX IF EXISTS {name}")
        return
    for table, *_ in SOURCES:
        for suffix in ("ai", "ad", "au"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_search_{suffix}")
    db.execute_sql("DROP TABLE IF EXISTS case_search")
