"""The language a letter to post was written in (the resident's, when it was written): it is
printed in that language even if the resident's language changes before it is printed. Letters
already recorded take their resident's language now, as they were printed until this."""
from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column('postal_letter', 'language', CharField(max_length=8, default='en')))
    db.execute_sql(
        "UPDATE postal_letter SET language = (SELECT person.language FROM case_record "
        "JOIN person ON person.id = case_record.person_id WHERE case_record.id = postal_letter.case_id) "
        "WHERE EXISTS (SELECT 1 FROM case_record JOIN person ON person.id = case_record.person_id "
        "WHERE case_record.id = postal_letter.case_id AND person.language <> '')")

def down(migrator, db):
    migrator.migrate(migrator.drop_column('postal_letter', 'language'))
