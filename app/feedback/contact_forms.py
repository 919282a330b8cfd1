"""The journey's contact page and, for a complaint that gave a way to reply but chose "Do not
contact me", the question whether they are sure. A postal address is address lines, a town
and a UK postcode, checked by its shape only (no look-up)."""
import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, RadioField, StringField, TelField
from wtforms.validators import InputRequired, Optional, StopValidation

from app.feedback.fields import MaxChars, ResidentForm, no_nul, one_of, options
from app.feedback.fields import text_of as _text

CONTACT_CHOICES = [("email", _l("Email")), ("phone", _l("Phone")), ("post", _l("Post")),
                   ("none", _l("Do not contact me"))]
PHONE_CHARS = set("0123456789 +()-.")
ADDRESS_LINE = 100
ADDRESS_PARTS = ("address_line_1", "address_line_2", "address_town", "address_postcode")
CONTACT_FIELDS = ("name", "email", "phone") + ADDRESS_PARTS + ("preferred_contact",)
# The shape of a UK postcode (outward code, inward code), written without spaces.
POSTCODE = re.compile(r"^(GIR|[A-PR-UWYZ][A-HK-Y]?[0-9][A-Z0-9]?)(0AA|[0-9][ABD-HJLNP-UW-Z]{2})$")


def valid_email(form, field):
    value = _text(field.data).strip()
    if not value:
        return
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise StopValidation(gettext("Enter an email address in the correct format, like name@example.com"))


def valid_phone(form, field):
    value = _text(field.data).strip()
    digits = sum(ch.isdigit() for ch in value)
    if value and (not set(value) <= PHONE_CHARS or not 7 <= digits <= 15):
        raise StopValidation(gettext("Enter a telephone number, like 01632 960 001, 07700 900 982 "
                                     "or +44 808 157 0192"))


class ContactForm(ResidentForm):
    """Who they are and how to reply: email, phone, a postal address (address lines, town and
    a UK postcode checked by its shape), and the way they prefer. A complaint needs a way to
    reply: an email address, a phone number or a postal address. Post needs a name and an
    address."""

    name = StringField(_l("Your name (optional)"), validators=[no_nul, MaxChars(200, _l("Your name"))])
    email = EmailField(_l("Email address"), validators=[
        no_nul, MaxChars(320, _l("Email address")), valid_email])
    phone = TelField(_l("Phone number"), validators=[no_nul, MaxChars(40, _l("Phone number")), valid_phone])
    address_line_1 = StringField(_l("Address line 1"), validators=[
        no_nul, MaxChars(ADDRESS_LINE, _l("Address line 1"))])
    address_line_2 = StringField(_l("Address line 2 (optional)"), validators=[
        no_nul, MaxChars(ADDRESS_LINE, _l("Address line 2"))])
    address_town = StringField(_l("Town or city"), validators=[
        no_nul, MaxChars(ADDRESS_LINE, _l("Town or city"))])
    address_postcode = StringField(_l("Postcode"), validators=[no_nul, MaxChars(16, _l("Postcode"))])
    preferred_contact = RadioField(_l("How would you like us to contact you?"),
                                   choices=options(CONTACT_CHOICES), validate_choice=False,
                                   validators=[Optional(), one_of(
                                       _l("Select how you would like us to contact you"))])
    kind = ""

    def validate(self, extra_validators=None):
        if not super().validate(extra_validators):
            return False
        email, phone = _text(self.email.data).strip(), _text(self.phone.data).strip()
        wanted = self.preferred_contact.data
        address_given = any(_text(self.data[part]).strip() for part in ADDRESS_PARTS)
        if wanted == "post" and not address_given:
            self.address_line_1.errors.append(gettext("Enter your postal address, or choose another way "
                                                      "to contact you"))
        elif address_given or wanted == "post":
            self._check_address()
        if self.kind == "complaint" and not (email or phone or address_given):
            self.email.errors.append(gettext("Enter an email address, phone number or postal address so "
                                             "we can reply to your complaint"))
        elif wanted == "email" and not email:
            self.email.errors.append(gettext("Enter an email address, or choose another way to contact you"))
        elif wanted == "phone" and not phone:
            self.phone.errors.append(gettext("Enter a phone number, or choose another way to contact you"))
        by_post = wanted == "post" or (self.kind == "complaint" and address_given and not (email or phone))
        if by_post and not _text(self.name.data).strip():
            self.name.errors.append(gettext("Enter your name, so we can address our letters to you"))
        return not any(field.errors for field in self)

    def _check_address(self):
        if not _text(self.address_line_1.data).strip():
            self.address_line_1.errors.append(
                gettext("Enter address line 1, typically the building and street"))
        if not _text(self.address_town.data).strip():
            self.address_town.errors.append(gettext("Enter town or city"))
        postcode = _text(self.address_postcode.data)
        if not postcode.strip():
            self.address_postcode.errors.append(gettext("Enter postcode"))
        elif normalise_postcode(postcode) is None:
            self.address_postcode.errors.append(gettext("Enter a full UK postcode, like AA3 1AB"))

    @staticmethod
    def initial(answers):
        found = {name: answers.get(name) for name in CONTACT_FIELDS}
        if not any(found[part] for part in ADDRESS_PARTS):
            found.update(_address_parts(str(answers.get("postal_address") or "")))
        return found

    def answers(self):
        found = {name: _text(getattr(self, name).data) for name in CONTACT_FIELDS
                 if name != "preferred_contact"}
        return dict(found, preferred_contact=self.preferred_contact.data or "",
                    postal_address=postal_address(found))


def normalise_postcode(text):
    """'sw1a1aa' -> 'SW1A 1AA'; None when it is not the shape of a UK postcode (no look-up)."""
    squashed = re.sub(r"\s+", "", _text(text)).upper()
    match = POSTCODE.match(squashed)
    return f"{match.group(1)} {match.group(2)}" if match else None


def _address_parts(text):
    """A draft's address from before it was asked for in parts (one box), in parts, so that
    nothing typed is lost: first line, middle lines, last line as the town, and a postcode."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return {}
    postcode = lines.pop() if normalise_postcode(lines[-1]) else ""
    town = lines.pop() if len(lines) > 1 else ""
    return {"address_line_1": lines[0] if lines else "", "address_line_2": ", ".join(lines[1:]),
            "address_town": town, "address_postcode": postcode}


def postal_address(answers):
    """The address block as one text, a line each, the postcode last ("" when none given)."""
    if not any(str(answers.get(part) or "").strip() for part in ADDRESS_PARTS):
        return ""
    postcode = answers.get("address_postcode") or ""
    lines = [str(answers.get(part) or "").strip() for part in ADDRESS_PARTS[:3]]
    lines.append(normalise_postcode(postcode) or str(postcode).strip())
    return "\n".join(line for line in lines if line)


NO_CONTACT_CHOICES = {"none": _l("Yes, do not contact me"), "email": _l("No, email me"),
                      "phone": _l("No, phone me"), "post": _l("No, write to me by post")}
NO_CONTACT_UNANSWERED = _l("Select whether we may contact you about your complaint")


class NoContactForm(ResidentForm):
    """A complaint that gave a way to reply but chose "Do not contact me": are they sure?
    Choosing a way to reply here changes how they want us to contact them."""

    choice = RadioField(_l("What would you like us to do?"), choices=[], validate_choice=False,
                        validators=[InputRequired(NO_CONTACT_UNANSWERED), one_of(NO_CONTACT_UNANSWERED)])

    def set_given(self, given):
        """`given`: the ways to reply the resident gave ("email", "phone", "post")."""
        self.choice.choices = options([("none", NO_CONTACT_CHOICES["none"])] +
                                      [(way, NO_CONTACT_CHOICES[way]) for way in given])

    @staticmethod
    def initial(answers):
        return {"choice": "none" if answers.get("no_contact_confirmed") else None}

    def answers(self):
        if self.choice.data == "none":
            return {"no_contact_confirmed": True}
        return {"preferred_contact": self.choice.data, "no_contact_confirmed": False}
