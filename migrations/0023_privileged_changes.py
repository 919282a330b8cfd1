"""One privileged, audited path through the append-only tables (audit_event, case_event) for
retention and erasure (app.privacy.privileged): while a `privileged_change` row exists, the
append-only triggers let rows be updated and deleted. The row is inserted and removed inside
one transaction, so no other connection ever sees it; TRUNCATE stays forbidden."""
from peewee import *

SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_event_no_update", "DROP TRIGGER IF EXISTS audit_event_no_delete",
               "DROP TRIGGER IF EXISTS case_event_no_update", "DROP TRIGGER IF EXISTS case_event_no_delete"]
SQLITE_NEW = [
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    "WHEN NOT EXISTS (SELECT 1 FROM privileged_change) "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    "WHEN NOT EXISTS (SELECT 1 FROM privileged_change) "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
    "CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event "
    "WHEN NOT EXISTS (SELECT 1 FROM privileged_change) "
    "BEGIN SELECT RAISE(ABORT, 'case_event is append-only'); END",
    "CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event "
    "WHEN EXISTS (SELECT 1 FROM case_record WHERE case_record.id = OLD.case_id) "
    "AND NOT EXISTS (SELECT 1 FROM privileged_change) "
    "BEGIN SELECT RAISE(ABORT, 'case_event is append-only'); END",
]
SQLITE_OLD = [
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
    "CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event "
    "BEGIN SELECT RAISE(ABORT, 'case_event is append-only'); END",
    "CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event "
    "WHEN EXISTS (SELECT 1 FROM case_record WHERE case_record.id = OLD.case_id) "
    "BEGIN SELECT RAISE(ABORT, 'case_event is append-only'); END",
]
POSTGRES_NEW = [
    "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP <> 'TRUNCATE' AND EXISTS (SELECT 1 FROM privileged_change) THEN "
    "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END IF; "
    "RAISE EXCEPTION 'audit_event is append-only'; END $$",
    "CREATE OR REPLACE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM case_record WHERE id = OLD.case_id) "
    "THEN RETURN OLD; END IF; "
    "IF TG_OP <> 'TRUNCATE' AND EXISTS (SELECT 1 FROM privileged_change) THEN "
    "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END IF; "
    "RAISE EXCEPTION 'case_event is append-only'; END $$",
]
POSTGRES_OLD = [
    "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$",
    "CREATE OR REPLACE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM case_record WHERE id = OLD.case_id) "
    "THEN RETURN OLD; END IF; "
    "RAISE EXCEPTION 'case_event is append-only'; END $$",
]


def up(migrator, db):
    class PrivilegedChange(Model):
        reason = TextField()
        actor_id = IntegerField(null=True)
        started_at = DateTimeField()

        class Meta:
            database = db
            table_name = 'privileged_change'
            legacy_table_names = False

    db.create_tables([PrivilegedChange])
    if isinstance(db, PostgresqlDatabase):
        for sql in POSTGRES_NEW:
            db.execute_sql(sql)
    else:
        for sql in SQLITE_DROP + SQLITE_NEW:
            db.execute_sql(sql)


def down(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        for sql in POSTGRES_OLD:
            db.execute_sql(sql)
    else:
        for sql in SQLITE_DROP + SQLITE_OLD:
            db.execute_sql(sql)
    db.execute_sql('DROP TABLE privileged_change')
