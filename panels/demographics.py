"""The demographic questions a panel applicant may answer, and their categories.

Four dimensions have fixed categories, the ones the 2021 Census publishes for England and
Wales, so a council can copy its census figures straight into the population profile. The
fifth, `area`, is the council's own: its categories are the areas it enters in the
population profile (wards, towns or districts), so the form asks only when there are some.

Stored values are the short keys below (an area is stored by its name). Two answers are not
categories and are always counted apart: PREFER_NOT ("Prefer not to say") and "" (the
question was not answered, or the applicant did not consent to being asked).
"""
from panels.models import PopulationShare

PREFER_NOT = "prefer_not_to_say"
PREFER_NOT_LABEL = "Prefer not to say"
NOT_ANSWERED_LABEL = "Not answered"

DIMENSIONS = {
    "age_band": "Age",
    "sex": "Sex",
    "ethnicity": "Ethnic group",
    "disability": "Disability",
    "area": "Area",
}

QUESTIONS = {
    "age_band": "What is your age?",
    "sex": "What is your sex?",
    "ethnicity": "What is your ethnic group?",
    "disability": "Are your day-to-day activities limited because of a health problem or disability "
                  "which has lasted, or is expected to last, at least 12 months?",
    "area": "Which area do you live in?",
}

FIXED_CATEGORIES = {
    "age_band": [
        ("16-24", "16 to 24"), ("25-34", "25 to 34"), ("35-44", "35 to 44"), ("45-54", "45 to 54"),
        ("55-64", "55 to 64"), ("65-74", "65 to 74"), ("75+", "75 or over"),
    ],
    "sex": [("female", "Female"), ("male", "Male")],
    "ethnicity": [
        ("asian", "Asian, Asian British or Asian Welsh"),
        ("black", "Black, Black British, Black Welsh, Caribbean or African"),
        ("mixed", "Mixed or Multiple ethnic groups"),
        ("white", "White"),
        ("other", "Other ethnic group"),
    ],
    "disability": [
        ("limited_a_lot", "Yes, limited a lot"),
        ("limited_a_little", "Yes, limited a little"),
        ("not_limited", "No"),
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
