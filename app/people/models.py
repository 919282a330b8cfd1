from peewee import CharField, DateTimeField, TextField

from app.db import BaseModel, utcnow


class Person(BaseModel):
    """A resident known by email and/or phone. Personal data: every field but the
    timestamps. Collect only what a form needs."""

    name = CharField(max_length=200, default="")
    email = CharField(max_length=320, null=True, index=True)  # stored lower-cased
    phone = CharField(max_length=40, null=True, index=True)  # digits, leading + kept
    preferred_contact = CharField(max_length=20, default="")  # email / phone / post / none
    postal_address = TextField(default="")
    language = CharField(max_length=8, default="en")  # letters and emails go in this language (app.i18n)
    created_at = DateTimeField(default=utcnow)
    anonymised_at = DateTimeField(null=True)

    class Meta:
        table_name = "person"
        personal_data = ("name", "email", "phone", "postal_address")

    def __str__(self):
        return self.name or self.email or self.phone or f"Person {self.id}"
