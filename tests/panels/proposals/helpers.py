"""Shared by the proposal tests: a date three weeks ahead as the form's boxes, and the form."""
import datetime

from tests.web import get_page

AHEAD = datetime.date.today() + datetime.timedelta(days=21)


def date_fields(name, value):
    return {f"{name}_day": str(value.day), f"{name}_month": str(value.month), f"{name}_year": str(value.year)}


def proposal_form(service_id, **changes):
    data = {"title": "Open Oakhurst library on Sundays", "what_would_change": "Oakhurst library would open 1pm to 4pm.",
            "why": "Residents said they cannot visit on weekdays.", "service": str(service_id),
            "question_1": "Which hours suit you?", **date_fields("closes_on", AHEAD)}
    data.update(changes)
    return data


def get(client, url, status=200):
    return get_page(client, url, status)


def member_client(app, member):
    from tests.panels.members import sign_in_member

    client = app.test_client()
    sign_in_member(client, member)
    return client


def post(client, url, data, token_from="/panel/"):
    """POST `data` to a form action, with the CSRF token of the page `token_from`."""
    from tests.web import csrf_token

    return client.post(url, data=dict(data, csrf_token=csrf_token(client, token_from)))
