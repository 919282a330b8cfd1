"""Root-cause actions (app.actions): the action tracker and its themes; case links become real
links to actions. Every follow-up action typed at closing before this becomes a *proposed*
action of the case's service, titled and described by what was typed, linked to its case:
none is lost. Residents' permission to quote their words (feedback items and survey
responses); answers given before the question existed count as no."""
import datetime

from peewee import *


def _models(db):
    class ServiceArea(Model):
        class Meta:
            database = db
            table_name = 'service_area'

    class User(Model):
        class Meta:
            database = db
            table_name = 'staff_user'

    class Topic(Model):
        class Meta:
            database = db
            table_name = 'topic'

    class CaseRecord(Model):
        service_id = IntegerField(null=True)

        class Meta:
            database = db
            table_name = 'case_record'

    class Action(Model):
        title = CharField(max_length=200)
        description = TextField(default='')
        service = ForeignKeyField(ServiceArea, null=True, on_delete='SET NULL')
        owner = ForeignKeyField(User, null=True, on_delete='SET NULL')
        due_on = DateField(null=True, index=True)
        status = CharField(max_length=20, default='proposed', index=True)
        dropped_reason = TextField(default='')
        public_summary = TextField(default='')
        owner_note = TextField(default='')
        done_at = DateTimeField(null=True, index=True)
        created_at = DateTimeField()
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL', backref='created')
        updated_at = DateTimeField()
        is_demo = BooleanField(default=False)

        class Meta:
            database = db
            table_name = 'action'
            legacy_table_names = False
            indexes = ((('service', 'status'), False),)

    class ActionTheme(Model):
        action = ForeignKeyField(Action, on_delete='CASCADE')
        topic = ForeignKeyField(Topic, on_delete='CASCADE')
        period_start = DateField()
        period_end = DateField()

        class Meta:
            database = db
            table_name = 'action_theme'
            legacy_table_names = False
            indexes = ((('action', 'topic'), False),)

    class NewLink(Model):
        case = ForeignKeyField(CaseRecord, on_delete='CASCADE')
        action = ForeignKeyField(Action, on_delete='CASCADE')
        description = TextField(default='')
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = 'case_action_link_new'
            legacy_table_names = False
            indexes = ((('case', 'action'), True),)

    return Action, ActionTheme, NewLink, CaseRecord


def up(migrator, db):
    Action, ActionTheme, NewLink, CaseRecord = _models(db)
    db.create_tables([Action, ActionTheme])
    db.create_tables([NewLink])
    old = db.execute_sql('SELECT id, case_id, action_id, description, created_at '
                         'FROM case_action_link ORDER BY id').fetchall()
    services = dict(db.execute_sql('SELECT id, service_id FROM case_record').fetchall())
    for link_id, case_id, action_id, description, created_at in old:
        text = (description or '').strip() or 'Follow-up action from a closed case'
        if isinstance(created_at, str):
            created_at = datetime.datetime.fromisoformat(created_at)
        action = Action.create(title=_title(text), description=text, service=services.get(case_id),
                               status='proposed', created_at=created_at, updated_at=created_at)
        NewLink.create(id=link_id, case=case_id, action=action.id, description=description or '',
                       created_at=created_at)
    db.execute_sql('DROP TABLE case_action_link')
    for index in db.get_indexes('case_action_link_new'):
        if not index.name.endswith('_pkey') and not index.name.startswith('sqlite_'):
            db.execute_sql(f'DROP INDEX {index.name}')
    db.execute_sql('ALTER TABLE case_action_link_new RENAME TO case_action_link')
    if db.__class__.__name__.startswith('Postgres'):
        db.execute_sql("SELECT setval(pg_get_serial_sequence('case_action_link', 'id'), "
                       "COALESCE((SELECT MAX(id) FROM case_action_link), 0) + 1, false)")
    db.execute_sql('CREATE INDEX case_action_link_case_id ON case_action_link (case_id)')
    db.execute_sql('CREATE INDEX case_action_link_action_id ON case_action_link (action_id)')
    db.execute_sql('CREATE UNIQUE INDEX case_action_link_case_id_action_id '
                   'ON case_action_link (case_id, action_id)')
    migrator.migrate(
        migrator.add_column('feedback_item', 'quote_consent', BooleanField(default=False)),
        migrator.add_column('survey_response', 'quote_consent', BooleanField(default=False)),
    )


def _title(text):
    first = text.splitlines()[0].strip()
    return first if len(first) <= 200 else first[:197].rstrip() + '...'


def down(migrator, db):
    raise NotImplementedError('actions cannot be folded back into case links')
