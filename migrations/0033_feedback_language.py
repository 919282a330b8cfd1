"""Feedback in other languages (classifiers.language): the language each item is written in
(BCP 47, "" unknown) and how sure the identifier was; and on each prediction why the models
are unsure whatever their scores say ("language": written in a language they were not trained on)."""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('feedback_item', 'language', CharField(max_length=20, default='')),
        migrator.add_column('feedback_item', 'language_confidence', FloatField(null=True)),
        migrator.add_column('prediction', 'unsure', CharField(max_length=20, default='')),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column('prediction', 'unsure'),
        migrator.drop_column('feedback_item', 'language_confidence'),
        migrator.drop_column('feedback_item', 'language'),
    )
