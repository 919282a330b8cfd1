"""The officer's review of a subject access export (app/privacy/redaction.py): words to redact
and records to withhold."""
from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column('subject_access_request', 'redactions', TextField(default='')))
    migrator.migrate(migrator.add_column('subject_access_request', 'withheld', TextField(default='[]')))
    migrator.migrate(migrator.add_column('subject_access_request', 'reviewed_at', DateTimeField(null=True)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('subject_access_request', 'reviewed_at'))
    migrator.migrate(migrator.drop_column('subject_access_request', 'withheld'))
    migrator.migrate(migrator.drop_column('subject_access_request', 'redactions'))
