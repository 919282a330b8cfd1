"""Recording a contact on a resident's behalf: the usual intake (app.feedback.services), so it
gets a reference, its acknowledgement, a case when it is a complaint, classification and its
repeat link like every other item, plus who captured it and whether it was resolved then."""
from app.feedback import services as feedback
from app.org.models import ServiceArea
from app.people.models import Person
from app.people.services import find_or_create
from app.queue import transaction


class ContactRefused(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def record_contact(*, actor, channel, kind, service_id, text, resolved, person=None, name="",
                   email="", phone="", acknowledge=True):
    """Record one assisted contact for `person` (or the resident found or created from name,
    email and phone) in one transaction; returns the item, with `acknowledgement_queued` set."""
    service = ServiceArea.get_or_none(ServiceArea.id == service_id, ServiceArea.active == True)  # noqa: E712
    if service is None:
        raise ContactRefused("Select the service it is about", field="service")
    with transaction():
        if person is None:
            person = find_or_create(name=name, email=email, phone=phone)
            if person is None:  # a name alone: a resident we can only write to or call back later
                person = Person.create(name=name)
        item = feedback.record_feedback(kind=kind, channel=channel, text=text, service=service,
                                        person=person, actor=actor, captured_by=actor.id,
                                        first_contact_resolved=resolved)
        wanted = acknowledge and person.email and person.preferred_contact != "none"
        item.acknowledgement_queued = feedback.acknowledge(item, person.email if wanted else "", person.name)
    return item
