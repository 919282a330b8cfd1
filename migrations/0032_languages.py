"""The language each resident chose (app.i18n): emails and letters about their feedback go in
it. Residents already known are English."""
from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column('person', 'language', CharField(max_length=8, default='en')))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('person', 'language'))
