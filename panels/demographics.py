"""The demographic questions a panel applicant may answer, and their categories.

Four dimensions have fixed categories, the ones the 2021 Census publishes for England and
Wales, so a council can copy its census figures straight into the population profile. The
fifth, `area`, is the council's own: its categories are the areas it enters in the
population profile (wards, towns or districts), so the form asks only when there are some.

Stored values are the short keys below (an area is stored by its name). Two answers are not
categories and are always counted apart: PREFER_NOT ("Prefer not to say") and "" (the
question was not answered, or the applicant did not consent to being asked).
"""
from app.languages import N_
from panels.models import PopulationShare

PREFER_NOT = "prefer_not_to_say"
PREFER_NOT_LABEL = N_("Prefer not to say")  # N_: translated where residents read it
NOT_ANSWERED_LABEL = "Not answered"

DIMENSIONS = {
    "age_band": "Age",
    "sex": "Sex",
    "ethnicity": "Ethnic group",
    "disability": "Disability",
    "area": "Area",
}

QUESTIONS = {
    "age_band": N_("What is your age?"),
    "sex": N_("What is your sex?"),
    "ethnicity": N_("What is your ethnic group?"),
    "disability": N_("Are your day-to-day activities limited because of a health problem or disability "
                     "which has lasted, or is expected to last, at least 12 months?"),
    "area": N_("Which area do you live in?"),
}

FIXED_CATEGORIES = {
    "age_band": [
        ("16-24", N_("16 to 24")), ("25-34", N_("25 to 34")), ("35-44", N_("35 to 44")), ("45-54", N_("45 to 54")),
        ("55-64", N_("55 to 64")), ("65-74", N_("65 to 74")), ("75+", N_("75 or over")),
    ],
    "sex": [("female", N_("Female")), ("male", N_("Male"))],
    "ethnicity": [
        ("asian", N_("Asian, Asian British or Asian Welsh")),
        ("black", N_("Black, Black British, Black Welsh, Caribbean or African")),
        ("mixed", N_("Mixed or Multiple ethnic groups")),
        ("white", N_("White")),
        ("other", N_("Other ethnic group")),
    ],
    "disability": [
        ("limited_a_lot", N_("Yes, limited a lot")),
        ("limited_a_little", N_("Yes, limited a little")),
        ("not_limited", N_("No")),
    ],
}

AREA_NAME_LIMIT = 120


def area_categories():
    """The council's areas, from its population profile, by name."""
    rows = (PopulationShare.select(PopulationShare.category)
            .where(PopulationShare.dimension == "area").order_by(PopulationShare.category))
    return [(row.category, row.category) for row in rows]


def categories(dimension):
    """[(stored value, label)] for one dimension, without "Prefer not to say"."""
    if dimension == "area":
        return area_categories()
    return list(FIXED_CATEGORIES[dimension])


def choices(dimension):
    """The answers the application form offers for one dimension."""
    return categories(dimension) + [(PREFER_NOT, PREFER_NOT_LABEL)]


def label(dimension, value):
    """The words for a stored answer."""
    if value == PREFER_NOT:
        return PREFER_NOT_LABEL
    if not value:
        return NOT_ANSWERED_LABEL
    return dict(categories(dimension)).get(value, value)


def asked_dimensions():
    """The dimensions the form asks about: `area` only once the council has entered areas."""
    return [name for name in DIMENSIONS if name != "area" or area_categories()]
