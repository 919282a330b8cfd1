"""Running the demo's casework plans (app.demo.casework) through the real casework services,
at the planned past moments, so the timelines, clocks, letters (through the outbox) and the
residents' /track pages are exactly what officers would have left behind.

    counts = seed_cases(plans, items, staff)

`plans` maps an item key to its steps, `items` an item key to its FeedbackItem, `staff`
an email to its User. Runs inside the caller's transaction.
"""
from collections import Counter

from app.auth.roles import ADMINISTRATOR, COMPLAINTS_OFFICER
from app.cases import assignment, closing, services, stages
from app.cases.models import Case, CaseEvent
from app.demo.casework import ADMIN, HANDLER
from app.demo.post import post_due
from app.mail.models import OutboxMessage


def seed_cases(plans, items, staff):
    """Open a case for each planned item (oldest first, so round-robin turns follow the
    calendar) and play its steps. Returns a Counter of the cases' states."""
    users = sorted(staff.values(), key=lambda user: user.id)
    people = {"admin": next(u for u in users if u.role == ADMINISTRATOR),
              "officers": [u for u in users if u.role == COMPLAINTS_OFFICER]}
    counts = Counter()
    for key in sorted(plans, key=lambda key: (items[key].received_at, items[key].id)):
        item = items[key]
        case = services.open_case(item, at=item.received_at)
        for step in plans[key]:
            post_due(case, step["at"], people["officers"][0])
            _run(case, step, people)
        counts[state(case)] += 1
    _date_letters()
    return counts


def _actor(case, by, people):
    if by == HANDLER:
        return case.assigned_to if case.assigned_to_id else None
    if by == ADMIN:
        return people["admin"]
    return None


def _reviewer(case, choice, people):
    """The choice-th complaints officer who did not handle stage 1 (else the administrator)."""
    handled = stages.stage1_handlers(case)
    free = [user for user in people["officers"] if user.id not in handled]
    return free[choice % len(free)] if free else people["admin"]


def _run(case, step, people):
    at, actor, do = step["at"], _actor(case, step["by"], people), step["do"]
    kw = {"actor": actor, "at": at}
    if do == "triage":
        assignment.round_robin(case, **kw)
    elif do == "urgent":
        assignment.set_urgent(case, True, **kw)
    elif do == "acknowledge":
        stages.acknowledge(case, understanding=step["understanding"], **kw)
    elif do == "note":
        services.add_note(case, step["text"], **kw)
    elif do == "call":
        services.log_call(case, step["text"], **kw)
    elif do == "pause":
        stages.pause(case, step["reason"], message=step["message"], **kw)
    elif do == "resume":
        stages.resume(case, **kw)
    elif do == "extend":
        stages.extend(case, step["extra_days"], step["reason"], **kw)
    elif do == "respond":
        stages.respond(case, step["points"], remedy_apology=step["remedy_apology"],
                       remedy_action=step["remedy_action"],
                       remedy_financial_pence=step["remedy_financial_pence"],
                       outstanding_actions=step["outstanding_actions"], **kw)
    elif do == "close":
        closing.close(case, step["outcome"], root_cause=step.get("root_cause", ""),
                      lessons_learnt=step.get("lessons", ""), actions=step.get("actions", ()), **kw)
    elif do == "convert":
        services.make_service_request(case, step["reason"], **kw)
    elif do == "stage2":
        stages.request_stage2(case, step["reason"], **kw)
    elif do == "reviewer":
        stages.set_reviewer(case, _reviewer(case, step["choice"], people), **kw)
    elif do == "refer":
        stages.refer_to_ombudsman(case, step["ombudsman"], **kw)
    elif do == "ombudsman_outcome":
        stages.record_ombudsman_outcome(case, step["text"], **kw)
    else:
        raise ValueError(f"unknown demo casework step {do!r}")


def state(case):
    """A case's place in the officers' queues, in words for the seeding summary."""
    if case.status == "closed":
        return "closed at stage 2" if case.stage == 2 else "closed"
    if case.kind != "complaint":
        return "open service request"
    if case.paused:
        return "awaiting the resident"
    if case.stage == 2:
        return "open at stage 2"
    if case.next_due_what == "acknowledge":
        return "unacknowledged"
    if case.next_due_what == "respond":
        return "being investigated"
    return "responded, not yet closed"


def _date_letters():
    """Date each demo letter in the outbox when its case says it was written (they are all
    sent now, by the worker or at once, to the outbox folder)."""
    letters = (CaseEvent.select(CaseEvent.outbox_id, CaseEvent.at)
               .join(Case, on=(CaseEvent.case == Case.id))
               .where(Case.is_demo == True, CaseEvent.outbox_id.is_null(False)))  # noqa: E712
    for event in letters:
        (OutboxMessage.update(created_at=event.at, next_attempt_at=event.at)
         .where(OutboxMessage.id == event.outbox_id).execute())
