"""Casework: cases, the feedback items in them, their stages and clock pauses, decision
points, the append-only timeline, links to root-cause actions and round-robin cursors.

A frozen copy of the models as they were: later changes go in later migrations.
The models here name their indexes after their tables (legacy_table_names = False), as
the app models do: "case_stage" is a table, so Case.stage's index cannot take that name.

The timeline (case_event) refuses UPDATE and DELETE like audit_event, with one
exception: its rows go when their whole case is deleted (ON DELETE CASCADE).
"""
from peewee import *

SQLITE_APPEND_ONLY = [
    "CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event "
    "BEGIN SELECT RAISE(ABORT, 'case_event is append-only'); END",
    "CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event "
    "WHEN EXISTS (SELECT 1 FROM case_record WHERE case_record.id = OLD.case_id) "
    "BEGIN SELECT RAISE(ABORT, 'case_event is append-only'); END",
]
POSTGRES_APPEND_ONLY = [
    "CREATE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM case_record WHERE id = OLD.case_id) "
    "THEN RETURN OLD; END IF; "
    "RAISE EXCEPTION 'case_event is append-only'; END $$",
    "CREATE TRIGGER case_event_no_change BEFORE UPDATE OR DELETE ON case_event "
    "FOR EACH ROW EXECUTE FUNCTION case_event_append_only()",
    "CREATE TRIGGER case_event_no_truncate BEFORE TRUNCATE ON case_event "
    "FOR EACH STATEMENT EXECUTE FUNCTION case_event_append_only()",
]


def up(migrator, db):
    class FeedbackItem(Model):
        class Meta:
            database = db
            table_name = 'feedback_item'

    class Person(Model):
        class Meta:
            database = db
            table_name = 'person'

    class ServiceArea(Model):
        class Meta:
            database = db
            table_name = 'service_area'

    class User(Model):
        class Meta:
            database = db
            table_name = 'staff_user'

    class AssignmentCursor(Model):
        service = ForeignKeyField(ServiceArea, unique=True, on_delete='CASCADE')
        last_user_id = IntegerField(null=True)
        updated_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'case_assignment_cursor'
            legacy_table_names = False
    db.create_tables([AssignmentCursor])

    class Case(Model):
        reference = CharField(unique=True, max_length=20)
        kind = CharField(index=True, max_length=20, default='complaint')
        status = CharField(index=True, max_length=20, default='open')
        stage = IntegerField(index=True, default=1)
        title = CharField(max_length=200, default='')
        service = ForeignKeyField(ServiceArea, null=True, on_delete='SET NULL')
        person = ForeignKeyField(Person, null=True, on_delete='SET NULL')
        anonymous = BooleanField(default=False)
        assigned_to = ForeignKeyField(User, null=True, on_delete='SET NULL')
        urgent = BooleanField(index=True, default=False)
        special_category = BooleanField(index=True, default=False)
        channel = CharField(index=True, max_length=20, default='web')
        received_at = DateTimeField(index=True)
        created_at = DateTimeField()
        next_due_on = DateTimeField(index=True, null=True)
        next_due_what = CharField(max_length=40, default='')
        paused = BooleanField(index=True, default=False)
        closed_at = DateTimeField(index=True, null=True)
        outcome = CharField(max_length=20, default='')
        remedy_apology = BooleanField(default=False)
        remedy_action = TextField(default='')
        remedy_financial_pence = IntegerField(null=True)
        root_cause = CharField(index=True, max_length=20, default='')
        lessons_learnt = TextField(default='')
        ombudsman = CharField(max_length=20, default='')
        ombudsman_referred_at = DateTimeField(null=True)
        ombudsman_outcome = TextField(default='')
        ombudsman_decided_at = DateTimeField(null=True)
        merged_into = ForeignKeyField('self', null=True, on_delete='SET NULL')
        is_demo = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'case_record'
            legacy_table_names = False
            indexes = ((('status', 'next_due_on'), False), (('assigned_to', 'status'), False),
                       (('service', 'status'), False))
    db.create_tables([Case])

    class CaseActionLink(Model):
        case = ForeignKeyField(Case, on_delete='CASCADE')
        action_id = IntegerField(index=True, null=True)
        description = TextField(default='')
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'case_action_link'
            legacy_table_names = False
    db.create_tables([CaseActionLink])

    class CaseEvent(Model):
        case = ForeignKeyField(Case, on_delete='CASCADE')
        at = DateTimeField(index=True)
        kind = CharField(max_length=20)
        actor = ForeignKeyField(User, null=True, on_delete='SET NULL')
        summary = CharField(max_length=300, default='')
        body = TextField(default='')
        item_id = IntegerField(null=True)
        outbox_id = IntegerField(null=True)
        inbound_id = IntegerField(null=True)
        stage = IntegerField(null=True)
        class Meta:
            database = db
            table_name = 'case_event'
            legacy_table_names = False
            indexes = ((('case', 'at'), False),)
    db.create_tables([CaseEvent])

    class CaseItem(Model):
        case = ForeignKeyField(Case, on_delete='CASCADE')
        item = ForeignKeyField(FeedbackItem, unique=True, on_delete='CASCADE')
        linked_at = DateTimeField()
        linked_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        reason = CharField(max_length=200, default='')
        class Meta:
            database = db
            table_name = 'case_item'
            legacy_table_names = False
    db.create_tables([CaseItem])

    class CaseStage(Model):
        case = ForeignKeyField(Case, on_delete='CASCADE')
        number = IntegerField()
        started_at = DateTimeField()
        handler = ForeignKeyField(User, null=True, on_delete='SET NULL')
        acknowledged_at = DateTimeField(null=True)
        extension_days = IntegerField(default=0)
        extension_reason = TextField(default='')
        extended_at = DateTimeField(null=True)
        responded_at = DateTimeField(null=True)
        escalation_reason = TextField(default='')
        class Meta:
            database = db
            table_name = 'case_stage'
            legacy_table_names = False
            indexes = ((('case', 'number'), True),)
    db.create_tables([CaseStage])

    class ClockPause(Model):
        case = ForeignKeyField(Case, on_delete='CASCADE')
        stage = IntegerField()
        started_at = DateTimeField()
        ended_at = DateTimeField(null=True)
        reason = TextField(default='')
        class Meta:
            database = db
            table_name = 'case_clock_pause'
            legacy_table_names = False
    db.create_tables([ClockPause])

    class DecisionPoint(Model):
        case = ForeignKeyField(Case, on_delete='CASCADE')
        stage = IntegerField()
        position = IntegerField(default=0)
        point = TextField()
        decision = CharField(max_length=20, default='')
        reasons = TextField(default='')
        class Meta:
            database = db
            table_name = 'case_decision_point'
            legacy_table_names = False
    db.create_tables([DecisionPoint])

    is_postgres = isinstance(db, PostgresqlDatabase)
    for sql in POSTGRES_APPEND_ONLY if is_postgres else SQLITE_APPEND_ONLY:
        db.execute_sql(sql)


def down(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql("DROP FUNCTION IF EXISTS case_event_append_only() CASCADE")
    migrator.migrate(migrator.drop_table('case_decision_point'))
    migrator.migrate(migrator.drop_table('case_clock_pause'))
    migrator.migrate(migrator.drop_table('case_stage'))
    migrator.migrate(migrator.drop_table('case_item'))
    migrator.migrate(migrator.drop_table('case_event'))
    migrator.migrate(migrator.drop_table('case_action_link'))
    migrator.migrate(migrator.drop_table('case_record'))
    migrator.migrate(migrator.drop_table('case_assignment_cursor'))
