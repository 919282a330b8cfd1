"""Staff sign-in security (app/auth): two-factor sign-in (the authenticator secret, the last
accepted 30-second step, when it was set up), one-time recovery codes stored hashed, and the
hashes of each member of staff's previous passwords so a change cannot reuse them."""
from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column('staff_user', 'totp_secret', CharField(max_length=64, default='')))
    migrator.migrate(migrator.add_column('staff_user', 'totp_last_step', IntegerField(default=0)))
    migrator.migrate(migrator.add_column('staff_user', 'totp_enabled_at', DateTimeField(null=True)))

    class User(Model):
        class Meta:
            database = db
            table_name = 'staff_user'

    class RecoveryCode(Model):
        user = ForeignKeyField(User, on_delete='CASCADE', backref='+')
        token_hash = CharField(max_length=64, unique=True)
        created_at = DateTimeField()
        used_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = 'staff_recovery_code'

    class PasswordHistory(Model):
        user = ForeignKeyField(User, on_delete='CASCADE', backref='+')
        password_hash = CharField(max_length=255)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = 'staff_password_history'

    db.create_tables([RecoveryCode, PasswordHistory])


def down(migrator, db):
    db.execute_sql('DROP TABLE staff_password_history')
    db.execute_sql('DROP TABLE staff_recovery_code')
    migrator.migrate(migrator.drop_column('staff_user', 'totp_enabled_at'))
    migrator.migrate(migrator.drop_column('staff_user', 'totp_last_step'))
    migrator.migrate(migrator.drop_column('staff_user', 'totp_secret'))
