"""Building surveys for the tests: plain functions that make whatever is missing."""
import re

from tests.factories import create_user, service
from tests.web import sign_in

PASSWORD = "correct horse battery staple"
ALL_KINDS = [
    dict(kind="csat", text="How satisfied were you?", required=True),
    dict(kind="nps", text="How likely are you to recommend us?", required=False),
    dict(kind="ces", text="How easy was it?", required=False),
    dict(kind="rating", text="Rate the library", required=False),
    dict(kind="single", text="Which branch?", required=True, options="Banbury\nBicester\nWitney"),
    dict(kind="multiple", text="What did you use?", required=False, options="Books\nComputers\nPrinting"),
    dict(kind="yes_no", text="Did you get what you needed?", required=True),
    dict(kind="short_text", text="One word for us", required=False),
    dict(kind="long_text", text="Anything else?", required=False),
]


def create_survey(*, questions=None, publish=True, anonymous=True, service_slug="libraries",
                  title="Library visit survey", **fields):
    from surveys import services, versions

    survey = services.create_survey(title=title, service=service(service_slug), anonymous=anonymous,
                                    welcome_text=fields.pop("welcome_text", "Tell us about your visit."),
                                    thank_you_text=fields.pop("thank_you_text", "We read every answer."),
                                    **fields)
    for question in ALL_KINDS if questions is None else questions:
        versions.add_question(survey, **dict({"help_text": "", "options": ""}, **question))
    if publish:
        versions.publish(survey)
    return survey


def create_touchpoint(survey=None, *, name="Banbury library desk", channel="in_person"):
    from surveys.touchpoints import create_touchpoint as make

    return make(survey or create_survey(), name=name, channel=channel)


def signed_in(app, role="administrator", services=()):
    user = create_user(role=role, password=PASSWORD, services=services)
    client = app.test_client()
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    client.user = user
    return client


def field(question):
    return f"q_{question.key}"


def question_keys(survey):
    from surveys import services, versions

    found = {}
    for q in versions.questions(services.live_version(survey)):
        found.setdefault(q.kind, q)  # the first question of each kind
    return found


def good_answers(survey):
    """Valid answers to whichever of ALL_KINDS the live version still has, all at once
    (ALL_KINDS is 9 questions, so 2 pages: posting as the last page sends them together)."""
    values = {"csat": "4", "nps": "10", "ces": "6", "rating": "5", "single": "Bicester",
              "multiple": ["Books", "Printing"], "yes_no": "yes", "short_text": "Brilliant",
              "long_text": "The staff at the desk were very kind."}
    return dict({field(q): values[kind] for kind, q in question_keys(survey).items()}, page="99")


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
