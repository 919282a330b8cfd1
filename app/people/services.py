"""Finding and recording residents."""
import re

from app.people.models import Person


def normalise_email(email):
    email = (email or "").strip()
    return email.lower() or None


def normalise_phone(phone):
    phone = (phone or "").strip()
    digits = re.sub(r"[^\d]", "", phone)
    if not digits:
        return None
    if phone.startswith("+"):
        return "+" + digits
    if digits.startswith("0") and len(digits) >= 10:
        return "+44" + digits[1:]
    return digits


def find_or_create(*, name="", email=None, phone=None, preferred_contact=""):
    """The person with this email (or else phone), created if new. None when anonymous."""
    email, phone = normalise_email(email), normalise_phone(phone)
    if not email and not phone:
        return None
    person = None
    if email:
        person = Person.get_or_none(Person.email == email)
    if person is None and phone:
        person = Person.get_or_none(Person.phone == phone)
    if person is None:
        return Person.create(name=name or "", email=email, phone=phone,
                             preferred_contact=preferred_contact)
    changed = False
    for attr, value in (("name", name), ("email", email), ("phone", phone),
                        ("preferred_contact", preferred_contact)):
        if value and not getattr(person, attr):
            setattr(person, attr, value)
            changed = True
    if changed:
        person.save()
    return person
