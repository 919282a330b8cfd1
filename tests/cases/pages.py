"""Reading the case pages as an officer would: sign in, open a case, read its deadlines.
Shared by the case page, case action and walkthrough tests."""
import re

from app.cases import services
from tests.factories import create_feedback, create_user
from tests.web import sign_in

PASSWORD = "correct horse battery staple"


def signed_in(app, role="complaints_officer", **kwargs):
    """A test client signed in as a new member of staff (the user is `client.user`)."""
    user = create_user(role=role, password=PASSWORD, **kwargs)
    client = app.test_client()
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    client.user = user
    return client


def new_case(text="The pothole on Mill Lane burst my tyre.", **kwargs):
    item = create_feedback(text=text, **kwargs)
    return services.case_of(item), item


def page(client, case):
    response = client.get(f"/staff/cases/{case.id}")
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def deadlines_shown(html):
    """{(stage, what): (due date, state)} for every row of the case page's deadline table."""
    rows = re.findall(r'<tr class="govuk-table__row" id="deadline-(\d)-(\w+)">(.*?)</tr>', html, re.S)
    shown = {}
    for stage, what, row in rows:
        cells = [text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        shown[(int(stage), what)] = (cells[1], cells[2])
    return shown


def deadline_state(html, stage, what):
    shown = deadlines_shown(html)
    assert (stage, what) in shown, f"no deadline row for stage {stage} {what}"
    return shown[(stage, what)]
