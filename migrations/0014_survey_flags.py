"""Surveys: which one residents are invited to when their complaint case closes (chosen on
the survey's settings page; COMPLAINT_SURVEY_ID still overrides it), and which are demo data
(so `demo seed --force` replaces only those)."""
from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column('survey', 'after_complaints', BooleanField(default=False)))
    migrator.migrate(migrator.add_column('survey', 'is_demo', BooleanField(default=False)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('survey', 'after_complaints'))
    migrator.migrate(migrator.drop_column('survey', 'is_demo'))
