"""Shared by the contacts tests: a signed-in client per role, and the contact form's answers."""
from tests.factories import create_user, service
from tests.web import sign_in, submit

PASSWORD = "a long test password for contacts"
NEW = "/staff/contacts/new"
FETCH = {"X-Requested-With": "fetch"}  # as contacts.js asks for the lookup fragment


def signed_in(app, role="contact_adviser", **kwargs):
    user = create_user(role=role, password=PASSWORD, **kwargs)
    client = app.test_client()
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    client.user = user
    return client


def answers(**changes):
    data = {"channel": "phone", "query": "", "person": "new", "name": "Ann Example",
            "email": "ann@example.com", "phone": "", "kind": "complaint",
            "service": str(service("highways").id), "text": "The pothole on Mill Lane is back.",
            "resolved": "no", "action": "record"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def record(client, **changes):
    return submit(client, NEW, answers(**changes))
