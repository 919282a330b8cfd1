"""Staff choose which services' monthly lessons-learnt reports they receive; administrators
choose for others."""
from app.audit.models import AuditEvent
from reports.delivery import services
from reports.delivery.models import Subscription
from tests.cases.pages import signed_in
from tests.factories import create_user, service
from tests.web import csrf_token

URL = "/staff/reports/subscriptions"


def _save(client, ids, url=URL):
    return client.post(url, data={"services": [str(i) for i in ids], "csrf_token": csrf_token(client, url)})


def test_a_service_lead_subscribes_to_their_own_services_only(app):
    client = signed_in(app, "service_lead", services=["highways", "street-lighting"])
    lead = client.user
    page = client.get(URL).get_data(as_text=True)
    assert "Your monthly reports" in page and "Highways" in page and "Parking" not in page
    response = _save(client, [service("highways").id])
    assert response.status_code == 302
    assert "You will now receive Highways" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert services.subscribers(service("highways")) == [lead]
    refused = _save(client, [service("parking").id])
    assert refused.status_code == 200 and "Select services from the list" in refused.get_data(as_text=True)
    assert services.subscribed_ids(lead) == {service("highways").id}
    assert AuditEvent.select().where(AuditEvent.action == "reports.subscriptions_changed").count() == 1


def test_an_administrator_subscribes_someone_else_and_others_cannot(app):
    client = signed_in(app, "administrator")
    admin = client.user
    lead = create_user("service_lead", services=["parking"])
    url = f"{URL}?user={lead.id}"
    assert f"Monthly reports for {lead.name}" in client.get(url).get_data(as_text=True)
    assert _save(client, [service("parking").id], url).status_code == 302
    assert services.subscribers(service("parking")) == [lead]
    assert Subscription.get().created_by_id == admin.id
    assert signed_in(app, "complaints_officer").get(url).status_code == 404
    assert signed_in(app, "panel_facilitator").get(URL).status_code == 403
    for bad in ("abc", "0", "99999999999999", str(admin.id + 1000)):
        assert client.get(f"{URL}?user={bad}").status_code == 404


def test_a_lead_who_leaves_a_service_stops_receiving_its_report(app):
    from app.auth.models import UserService

    lead = create_user("service_lead", services=["libraries"])
    services.set_subscriptions(lead, [service("libraries").id], actor=lead)
    UserService.delete().where(UserService.user == lead).execute()
    assert services.subscribers(service("libraries")) == []
