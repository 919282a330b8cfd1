"""The language each panel applicant and member reads (app.i18n): the page's language when they
applied, changed on the member's settings page. Their emails go in it. Those already there are
English."""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('panel_application', 'language', CharField(max_length=8, default='en')),
        migrator.add_column('panel_member', 'language', CharField(max_length=8, default='en')),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column('panel_member', 'language'),
        migrator.drop_column('panel_application', 'language'),
    )
