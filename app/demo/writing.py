"""Writing one resident's text: pick templates, fill the slots, then make it read
like a person wrote it (length, lower case, missing punctuation, spelling) and
frame it for the channel (an email's greeting, a call handler's note).

Every choice comes from the `random.Random` passed in, so it is repeatable.
"""
import re

from app.demo import phrases as p
from app.demo.texts_accounts import TEXTS as ACCOUNT_TEXTS
from app.demo.texts_people import TEXTS as PEOPLE_TEXTS
from app.demo.texts_streets import TEXTS as STREET_TEXTS

SERVICE_TEXTS = {**STREET_TEXTS, **PEOPLE_TEXTS, **ACCOUNT_TEXTS}
KIND_KEYS = {
    "complaint": "complaint",
    "compliment": "compliment",
    "comment": "comment",
    "service_request": "request",
}
TYPED_BY_STAFF = ("phone", "in_person")


def slots(rng):
    """One text's slot values: a text mentions one road, one place, one member of staff."""
    road, road2 = rng.sample(p.ROADS, 2)
    school, school2 = rng.sample(p.SCHOOLS, 2)
    weeks = rng.randint(3, 14)
    return {
        "road": road, "road2": road2, "place": rng.choice(p.PLACES),
        "house": rng.randint(1, 140), "staff": rng.choice(p.STAFF_FIRST_NAMES),
        "weeks": weeks, "weeks2": weeks + rng.randint(2, 6), "days": rng.randint(3, 12),
        "n": rng.randint(2, 6), "minutes": rng.choice((25, 40, 45, 50, 60, 90)),
        "amount": f"£{rng.randint(8, 240)}.{rng.choice((0, 50, 99, 20, 75)):02d}",
        "fee": f"£{rng.randint(2, 18)}.{rng.choice((0, 40, 50, 80)):02d}",
        "years": rng.randint(6, 45), "year": rng.randint(1978, 2021),
        "month": rng.choice(p.MONTHS), "weekday": rng.choice(p.WEEKDAYS),
        "library": rng.choice(p.LIBRARIES), "school": school, "school2": school2,
        "car_park": rng.choice(p.CAR_PARKS), "hwrc": rng.choice(p.RECYCLING_CENTRES),
        "route": rng.choice(p.BUS_ROUTES), "relative": rng.choice(p.RELATIVES),
        "relative_f": rng.choice(p.RELATIVES_F), "relative_m": rng.choice(p.RELATIVES_M),
        "child": rng.choice(p.CHILDREN),
    }


def compose(rng, service, kind, channel, signer=None):
    """A complete text for `service` (a slug) and `kind`, as received on `channel`.
    `signer` is the resident's first name, used to sign some emails."""
    values = slots(rng)
    paragraphs = _paragraphs(rng, SERVICE_TEXTS[service], kind)
    text = "\n\n".join(" ".join(s.format(**values) for s in para) for para in paragraphs)
    if channel not in TYPED_BY_STAFF:
        text = restyle(rng, text, channel, kind)
    return frame(rng, text, channel, signer, values)


def _paragraphs(rng, material, kind):
    """Sentences (templates), grouped into paragraphs, for one text."""
    if kind == "complaint":
        return _complaint(rng, material)
    main = rng.choice(material[KIND_KEYS[kind]])
    if kind == "compliment":
        if rng.random() < 0.12:
            return [[rng.choice(p.SHORT_PRAISE)]]
        extras = [e for e in p.PRAISE_EXTRAS if "{staff}" not in main or "{staff}" not in e]
        return [[main] + _maybe(rng, 0.45, extras)]
    if kind == "comment":
        if rng.random() < 0.1:
            return [[rng.choice(material["short"])]]
        return [[main] + _maybe(rng, 0.3, p.COMMENT_EXTRAS + p.PRAISE_EXTRAS[:3])]
    return [[main] + _maybe(rng, 0.45, p.REQUEST_EXTRAS)]


def _complaint(rng, material):
    """A few words, a few sentences, several paragraphs, or the whole saga."""
    tier = rng.choices(("short", "medium", "long", "saga"), weights=(12, 53, 27, 8))[0]
    if tier == "short":
        return [[rng.choice(material["short"])]]
    main = rng.choice(material["complaint"])
    if tier == "medium":
        return [[main] + _maybe(rng, 0.6, material["detail"] + p.COMPLAINT_EXTRAS)]
    details = rng.sample(material["detail"], min(2, len(material["detail"])))
    extras = rng.sample(p.COMPLAINT_EXTRAS, rng.randint(1, 3))
    paragraphs = [[main, details[0]], details[1:] + extras[:1]]
    if tier == "saga":
        start = rng.randint(0, 2)
        paragraphs.insert(1, list(p.COMPLAINT_HISTORY[start:start + rng.randint(3, 4)]))
    if len(extras) > 1:
        paragraphs.append(extras[1:])
    return paragraphs


def _maybe(rng, chance, options):
    return [rng.choice(options)] if rng.random() < chance else []


def restyle(rng, text, channel, kind):
    """Make a typed text look typed by a resident in a hurry (some of the time)."""
    casual = {"web": 0.3, "qr_survey": 0.45, "email": 0.15}.get(channel, 0.0)
    roll = rng.random()
    if roll < casual:
        text = _casual(rng, text)
    elif kind == "complaint" and roll < casual + 0.07:
        text = _shout(rng, text)
    if rng.random() < 0.22:
        text = misspell(rng, text)
    return text


def _casual(rng, text):
    text = text.lower()
    if rng.random() < 0.6:
        text = re.sub(r"(\w)'(\w)", r"\1\2", text)  # dont, its, cant
    if rng.random() < 0.5:
        text = re.sub(r"[.,!?;](?=\s|$)", "", text)  # no punctuation at all
    else:
        text = text.rstrip(".")
    return text


def _shout(rng, text):
    """One sentence in capitals, as angry residents do."""
    sentences = re.split(r"(?<=[.!?]) ", text)
    index = rng.randrange(len(sentences))
    sentences[index] = sentences[index].upper()
    return " ".join(sentences)


def misspell(rng, text):
    """Swap one or two words present in the text for a common misspelling."""
    found = [word for word in p.MISSPELLINGS if re.search(rf"\b{word}\b", text, re.I)]
    for word in rng.sample(found, min(len(found), rng.randint(1, 2))):
        text = re.sub(rf"\b{word}\b", p.MISSPELLINGS[word], text, count=1, flags=re.I)
    return text


def frame(rng, text, channel, signer, values):
    """The text as it arrived: greetings on emails, notes around calls and visits."""
    if channel == "email":
        return _email(rng, text, signer)
    if channel == "phone":
        return rng.choice(p.PHONE_NOTES).format(text=text)
    if channel == "in_person":
        return rng.choice(p.IN_PERSON_NOTES).format(text=text, library=values["library"])
    if channel == "web" and "\n\n" in text and rng.random() < 0.4:
        return f"{text}\n\n{rng.choice(p.SIGN_OFFS)}"
    return text


def _email(rng, text, signer):
    roll = rng.random()
    if roll < 0.6:
        sign_off = rng.choice(p.SIGN_OFFS)
        if signer:
            sign_off = f"{sign_off}\n{signer}"
        text = f"{rng.choice(p.OPENERS)}\n\n{text}\n\n{sign_off}"
    elif roll < 0.7:
        text = f"{text}\n\n{rng.choice(p.EMAIL_FOOTERS)}"
    return text
