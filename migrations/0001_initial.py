"""Initial schema: service areas, people, feedback items, audit log, staff accounts.

A frozen copy of the models as they were: later changes go in later migrations.
"""
import datetime

from peewee import *

SERVICE_AREAS = [
    ("adult-social-care", "Adult Social Care", "Care and support for adults, carers and assessments."),
    ("childrens-services", "Children's Services", "Early help, social care and support for families."),
    ("highways", "Highways", "Roads, pavements, potholes, gritting and drainage."),
    ("street-lighting", "Street Lighting", "Street lights, illuminated signs and bollards."),
    ("parking", "Parking", "Permits, penalty charge notices and car parks."),
    ("waste-recycling", "Waste & Recycling", "Household waste recycling centres and waste disposal."),
    ("blue-badge", "Blue Badge", "Blue Badge applications, renewals and enforcement."),
    ("concessionary-fares", "Concessionary Fares", "Older person's and disabled person's bus passes."),
    ("school-admissions", "School Admissions", "Applying for school places, appeals and transfers."),
    ("registration", "Registration (births, deaths, marriages)",
     "Registering births and deaths, ceremonies and certificates."),
    ("council-tax", "Council Tax", "Bills, discounts, exemptions and payments."),
    ("libraries", "Libraries", "Library branches, mobile libraries and online services."),
]

SQLITE_APPEND_ONLY = [
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
]
POSTGRES_APPEND_ONLY = [
    "CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$",
    "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
    "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()",
]


def up(migrator, db):
    class AuditEvent(Model):
        at = DateTimeField(index=True)
        actor_id = IntegerField(index=True, null=True)
        actor_label = CharField(max_length=200, default='system')
        action = CharField(index=True, max_length=80)
        object_type = CharField(max_length=60, default='')
        object_id = CharField(max_length=60, default='')
        summary = TextField(default='')
        details = TextField(default='{}')
        ip = CharField(max_length=64, default='')
        class Meta:
            database = db
            table_name = 'audit_event'
            indexes = ((('object_type', 'object_id'), False),)
    db.create_tables([AuditEvent])

    class Counter(Model):
        name = CharField(primary_key=True, max_length=60)
        value = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'counter'
    db.create_tables([Counter])

    class ServiceArea(Model):
        slug = CharField(unique=True, max_length=60)
        name = CharField(unique=True, max_length=120)
        description = TextField(default='')
        position = IntegerField(default=0)
        active = BooleanField(default=True)
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'service_area'
    db.create_tables([ServiceArea])

    class Person(Model):
        name = CharField(max_length=200, default='')
        email = CharField(index=True, null=True, max_length=320)
        phone = CharField(index=True, null=True, max_length=40)
        preferred_contact = CharField(max_length=20, default='')
        postal_address = TextField(default='')
        created_at = DateTimeField()
        anonymised_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'person'
    db.create_tables([Person])

    class FeedbackItem(Model):
        reference = CharField(unique=True, max_length=20)
        kind = CharField(index=True, max_length=20)
        channel = CharField(index=True, max_length=20)
        text = TextField()
        service = ForeignKeyField(ServiceArea, null=True, on_delete='SET NULL')
        person = ForeignKeyField(Person, null=True, on_delete='SET NULL')
        anonymous = BooleanField(default=False)
        status = CharField(index=True, max_length=20, default='received')
        received_at = DateTimeField(index=True)
        created_at = DateTimeField()
        is_demo = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'feedback_item'
            indexes = ((('service', 'received_at'), False),)
    db.create_tables([FeedbackItem])

    class LoginAttempt(Model):
        at = DateTimeField(index=True)
        email = CharField(index=True, max_length=320)
        ip = CharField(index=True, max_length=64)
        succeeded = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'login_attempt'
    db.create_tables([LoginAttempt])

    class User(Model):
        email = CharField(unique=True, max_length=320)
        name = CharField(max_length=200)
        role = CharField(index=True, max_length=30)
        password_hash = CharField()
        active = BooleanField(default=True)
        must_change_password = BooleanField(default=False)
        is_demo = BooleanField(default=False)
        created_at = DateTimeField()
        last_login_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'staff_user'
    db.create_tables([User])

    class StaffSession(Model):
        token_hash = CharField(unique=True, max_length=64)
        user = ForeignKeyField(User, on_delete='CASCADE')
        created_at = DateTimeField()
        last_seen_at = DateTimeField()
        ip = CharField(max_length=64, default='')
        class Meta:
            database = db
            table_name = 'staff_session'
    db.create_tables([StaffSession])

    class UserService(Model):
        user = ForeignKeyField(User, on_delete='CASCADE')
        service = ForeignKeyField(ServiceArea, on_delete='CASCADE')
        class Meta:
            database = db
            table_name = 'staff_user_service'
            indexes = ((('user', 'service'), True),)
    db.create_tables([UserService])

    is_postgres = isinstance(db, PostgresqlDatabase)
    for sql in POSTGRES_APPEND_ONLY if is_postgres else SQLITE_APPEND_ONLY:
        db.execute_sql(sql)

    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    ServiceArea.insert_many([
        {"slug": slug, "name": name, "description": description, "position": position,
         "created_at": now}
        for position, (slug, name, description) in enumerate(SERVICE_AREAS)
    ]).execute()


def down(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql("DROP FUNCTION IF EXISTS audit_event_append_only() CASCADE")
    migrator.migrate(migrator.drop_table('staff_user_service'))
    migrator.migrate(migrator.drop_table('staff_session'))
    migrator.migrate(migrator.drop_table('staff_user'))
    migrator.migrate(migrator.drop_table('login_attempt'))
    migrator.migrate(migrator.drop_table('feedback_item'))
    migrator.migrate(migrator.drop_table('person'))
    migrator.migrate(migrator.drop_table('service_area'))
    migrator.migrate(migrator.drop_table('counter'))
    migrator.migrate(migrator.drop_table('audit_event'))

