"""Fictional residents for the demo: names, example.* emails and phone numbers from
Ofcom's drama ranges (07700 900xxx mobiles, 01632 960xxx landlines), none of
which can reach a real person. Some residents write in more than once.
"""
import re

from app.demo import phrases as p

MOBILE_PREFIX, LANDLINE_PREFIX = "07700 900", "01632 960"
# The same ranges as stored by app.people.services.normalise_phone.
DEMO_PHONE_PREFIXES = ("+447700900", "+441632960")


def is_demo_contact(email, phone):
    """True for an address or number that only demo data uses."""
    if email and email.rsplit("@", 1)[-1].lower() in p.EMAIL_DOMAINS:
        return True
    return bool(phone) and not email and phone.startswith(DEMO_PHONE_PREFIXES)


class Residents:
    """A growing pool of residents; `for_item` picks a new or returning one."""

    def __init__(self, rng, reuse_chance=0.22):
        self.rng = rng
        self.reuse_chance = reuse_chance
        self.people = []
        self._emails, self._phones = set(), set()

    def add(self, name, email=None, phone=None):
        """Register a resident given in full (the scenarios' repeat complainer)."""
        person = _person(len(self.people), name, email, phone)
        self._emails.add(email)
        self._phones.add(phone)
        self.people.append(person)
        return person

    def for_item(self, channel, allow_reuse=True):
        """A resident who could have used `channel`: returning (sometimes) or new."""
        if allow_reuse and self.people and self.rng.random() < self.reuse_chance:
            reachable = [person for person in self.people if _can_use(person, channel)]
            if reachable:
                return self.rng.choice(reachable)
        return self.new(channel)

    def new(self, channel):
        rng = self.rng
        first, last = rng.choice(p.RESIDENT_FIRST_NAMES), rng.choice(p.SURNAMES)
        wants_phone = channel in ("phone", "in_person") or rng.random() < 0.4
        wants_email = channel not in ("phone", "in_person") or rng.random() < 0.6
        phone = self._phone() if wants_phone else None
        email = self._email(first, last) if wants_email else None
        if rng.random() < 0.07:
            first, last = first, ""  # some give only a first name
        return self.add(f"{first} {last}".strip(), email, phone)

    def _email(self, first, last):
        rng = self.rng
        first, last = _plain(first), _plain(last)
        local = rng.choice((
            f"{first}.{last}", f"{first[0]}{last}", f"{first}{last}{rng.randint(1, 99)}",
            f"{last}.{first[0]}", f"{first}_{last}{rng.randint(60, 99)}", f"{first}{rng.randint(1, 9)}",
        ))
        domain = rng.choice(p.EMAIL_DOMAINS)
        email, suffix = f"{local}@{domain}", 2
        while email in self._emails:
            email, suffix = f"{local}{suffix}@{domain}", suffix + 1
        return email

    def _phone(self):
        prefix = MOBILE_PREFIX if self.rng.random() < 0.75 else LANDLINE_PREFIX
        while True:
            phone = f"{prefix}{self.rng.randint(0, 999):03d}"
            if phone not in self._phones:
                return phone


def _person(index, name, email, phone):
    return {
        "key": f"resident-{index + 1:03d}",
        "name": name,
        "email": email,
        "phone": phone,
        "preferred_contact": "email" if email else "phone",
    }


def _can_use(person, channel):
    if channel in ("email", "web", "qr_survey"):
        return bool(person["email"])
    if channel == "phone":
        return bool(person["phone"])
    return True


def _plain(word):
    return re.sub(r"[^a-z]", "", word.lower())
