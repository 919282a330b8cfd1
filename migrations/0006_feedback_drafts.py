"""The 3Cs journey's drafts: a resident's answers between pages, kept on the server
(a complaint is too long for a cookie) and found by a token in the session."""
from peewee import *


def up(migrator, db):
    class FeedbackDraft(Model):
        token_hash = CharField(max_length=64, unique=True)
        answers = TextField(default='{}')
        created_at = DateTimeField()
        updated_at = DateTimeField(index=True)
        class Meta:
            database = db
            table_name = 'feedback_draft'
    db.create_tables([FeedbackDraft])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('feedback_draft'))
