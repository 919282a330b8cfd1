"""Writing actions: each change in one transaction with its audit entry."""
from app.actions.models import Action
from app.audit import services as audit
from app.db import utcnow
from app.queue import transaction


def title_from(text):
    first = text.strip().splitlines()[0].strip()
    return first if len(first) <= 200 else first[:197].rstrip() + "..."


def propose_from_case(case, text, *, actor=None, at=None):
    """A follow-up typed at a case's closing: a proposed action of the case's service, linked to
    the case (its link keeps the words typed)."""
    from app.cases.models import CaseActionLink

    at = at or utcnow()
    with transaction():
        action = Action.create(title=title_from(text), description=text.strip(), service=case.service_id,
                               status="proposed", created_at=at, updated_at=at, created_by=actor)
        CaseActionLink.create(case=case, action=action, description=text.strip(), created_at=at)
        audit.record("action.proposed", actor=actor, obj=action, summary=f"Action proposed from case {case.reference}",
                     details={"case": case.id})
    return action
