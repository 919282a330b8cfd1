"""The casework on the demo's fixed stories (app.demo.scenarios), scripted by hand.

`write(tag, index, story, rng)` plans the case of the index-th complaint (by arrival) of
a scenario:

- safeguarding: all marked urgent at triage and answered the same day by phone. The
  father discharged with no care goes through stage 1 (partly upheld, an apology and
  £150) and on to stage 2; the neighbour's worry about abuse is a safeguarding referral,
  not a complaint about a council service, so it becomes a service request.
- emerging_issue (the Brookfield Road flooding): acknowledged together; one is extended
  for the drainage survey, one paused for the resident's photos, the newest not yet
  acknowledged.
- repeat (the missed green bin, three times): the first two upheld (contractor), the
  third left waiting, overdue for acknowledgement.

Other scenarios (the Oakhurst Green collection change) are worked like any complaint.
"""
from app.demo import texts_cases as t
from app.demo.casework import ADMIN, closing, response, understanding

BIN = t.POINTS["waste-recycling"][0]


def _point(entry, decision, point=None, reasons=None):
    return {"point": point or entry["point"], "decision": decision,
            "reasons": reasons or entry[decision], "entry": entry}


def _custom(point, decision, reasons, action="", cause="process"):
    entry = {"point": point, decision: reasons, "action": action, "cause": cause}
    return _point(entry, decision)


def scripted(tag):
    return tag in ("safeguarding", "emerging_issue", "repeat")


def write(tag, index, story, rng):
    stories = {"safeguarding": SAFEGUARDING, "emerging_issue": FLOODING, "repeat": REPEAT}[tag]
    if index < len(stories):
        stories[index](story, rng)


# Safeguarding ---------------------------------------------------------------------------

def _urgent(story, call):
    return (story.do("triage", (0, 0), by=None) and story.do("urgent", (0, 0))
            and story.do("call", (0, 0), text=call))


def _discharged_father(story, rng):
    points = [
        _custom("No care package was in place when your father was discharged", "upheld",
                "Our brokerage team had not confirmed a care provider before the discharge and "
                "did not tell the ward.",
                "Care visits four times a day started the day after we heard from you, and a "
                "falls assessment has been done.", "process"),
        _custom("Adult social care did not return your calls that week", "upheld",
                "Three messages were left with the duty desk and not passed on.",
                "Duty desk messages are now logged and passed on the same day.", "communication"),
        _custom("The council should not have agreed to a Friday night discharge", "not_upheld",
                "The decision to discharge was the hospital's. With your permission we have shared "
                "your complaint with the hospital trust, who will reply to you separately."),
    ]
    if not _urgent(story, "Rang the daughter first thing. The duty team arranged emergency care "
                          "visits from today and an urgent falls visit."):
        return
    story.do("acknowledge", (0, 1), understanding=understanding(points))
    story.mark("acknowledged")
    story.do("note", (2, 3), text="Brokerage records show the provider was never confirmed before "
             "discharge; the ward assumed it was. Raised with the service manager.")
    answer = dict(response(rng, points), remedy_financial_pence=15000,
                  outstanding_actions="A social worker will review your father's care in six weeks.")
    story.do("respond", (7, 9), after="acknowledged", **answer)
    story.do("close", (1, 2), **dict(closing(rng, points), actions=[
        "Brokerage to confirm every care provider in writing before agreeing a hospital discharge"],
        lessons="Never agree a discharge until the care provider has confirmed the start date."))
    story.do("stage2", (6, 9), by=None, reason="The apology is not enough. My dad fell twice "
             "because of this. I want to know what will stop it happening to someone else, and the "
             "hospital has not replied to me.")
    story.do("reviewer", (0, 1), by=ADMIN, choice=0)
    story.do("acknowledge", (1, 2), understanding=understanding(points, stage=2))
    story.mark("acknowledged2")
    story.do("note", (3, 5), text="Meeting booked with the hospital discharge team lead to go through "
             "what happened.")
    story.do("respond", (17, 20), after="acknowledged2", **response(rng, points))
    story.do("close", (1, 2), **closing(rng, points))


def _worried_neighbour(story, rng):
    if not _urgent(story, "Rang the resident to thank them and say we are acting on it today. "
                          "Did not share any details about the neighbour."):
        return
    story.do("note", (0, 0), text="Referred to the adult safeguarding hub the same day (section 42 "
             "enquiry). Police informed.")
    story.do("convert", (0, 1), reason="A safeguarding concern about a neighbour, not a complaint "
             "about a council service: passed to the adult safeguarding hub.")
    story.do("call", (3, 5), text="Told the resident a social worker and the police have visited "
             "and their neighbour is safe. Could not say more than that.")
    story.do("close", (1, 2), outcome="", root_cause="", lessons="", actions=[])


def _carer_at_breaking_point(story, rng):
    points = [
        _custom("Your husband's respite care was cancelled again", "upheld",
                "The respite provider cancelled twice in a month because of their staff "
                "shortages and did not offer anyone else.",
                "Emergency respite was arranged for the weekend and a carer's assessment booked.",
                "contractor"),
        _custom("Nobody from the team returned your calls", "upheld",
                "Your messages were taken but not passed to a social worker.",
                "You now have a named worker who will ring you every week.", "communication"),
    ]
    if not _urgent(story, "Rang her back within the hour. Emergency respite booked for this "
                          "weekend and a carer's assessment next week."):
        return
    story.do("acknowledge", (0, 1), understanding=understanding(points))
    story.mark("acknowledged")
    story.do("note", (2, 3), text="Respite provider confirms both cancellations were down to their "
             "staff shortages. Contract manager told.")
    story.do("respond", (5, 7), after="acknowledged", **response(rng, points))
    story.do("close", (2, 4), **closing(rng, points))


def _mother_without_carers(story, rng):
    points = [_custom("The care agency has not visited your mother since Friday and nobody "
                      "answered the phone", "upheld", "", "", "contractor")]
    if not _urgent(story, "Rang the daughter at 9am. The duty social worker visited her mother by "
                          "11am: safe, but she had not eaten. Emergency care visits started the "
                          "same afternoon."):
        return
    story.do("acknowledge", (0, 0), understanding=understanding(points))
    story.mark("acknowledged")
    story.do("note", (1, 2), text="Agency says two carers left without notice and they did not tell "
             "us. Contract manager informed; the agency is on a warning.")


SAFEGUARDING = (_discharged_father, _worried_neighbour, _carer_at_breaking_point,
                _mother_without_carers)


# The Brookfield Road flooding -----------------------------------------------------------

FLOOD = _custom("Brookfield Road floods whenever it rains because the drains are blocked",
                "upheld", "", "", "contractor")


def _flood_extended(story, rng):
    if not (story.do("triage", (0, 0), by=None)
            and story.do("acknowledge", (0, 1), understanding=understanding([FLOOD]))):
        return
    story.mark("acknowledged")
    story.do("note", (0, 1), text="Five complaints about Brookfield Road flooding this week. Gully "
             "jetting booked with the drainage contractor; asked them for a camera survey of the "
             "culvert under the bridge.")
    story.do("extend", (2, 3), extra_days=10, reason="We are waiting for the drainage contractor's "
             "camera survey of the culvert under the bridge, which we need to tell you what will "
             "stop the flooding.")


def _flood_called(story, rng):
    if not (story.do("triage", (0, 1), by=None)
            and story.do("acknowledge", (0, 1), understanding=understanding([FLOOD]))):
        return
    story.do("call", (0, 2), text="Rang the resident: water got into the garage but not the house. "
             "Told them about the free sandbags at the highways depot.")


def _flood_noted(story, rng):
    if not (story.do("triage", (0, 0), by=None)
            and story.do("acknowledge", (0, 1), understanding=understanding([FLOOD]))):
        return
    story.do("note", (1, 2), text="Same cause as the other Brookfield Road complaints. Gullies "
             "jetted; the culvert survey will say whether more is needed.")


def _flood_paused(story, rng):
    if not (story.do("triage", (0, 0), by=None)
            and story.do("acknowledge", (0, 1), understanding=understanding([FLOOD]))):
        return
    story.do("pause", (1, 2), reason="Waiting for photos of the flood damage and the dates water "
             "came in, for our insurers",
             message="To look at the damage to your homes we need photos of it and the dates water "
                     "came in. Please reply with them: we have paused the time limit for our "
                     "response until we hear from you.")
    story.do("resume", (8, 10))


def _flood_waiting(story, rng):
    if story.do("triage", (1, 1), by=None):
        story.do("acknowledge", (5, 6), understanding=understanding([FLOOD]))


FLOODING = (_flood_extended, _flood_called, _flood_noted, _flood_paused, _flood_waiting)


# The missed green bin -------------------------------------------------------------------

def _bin_first(story, rng):
    points = [_point(BIN, "upheld")]
    if not (story.do("triage", (0, 1), by=None)
            and story.do("acknowledge", (0, 2), understanding=understanding(points))):
        return
    story.mark("acknowledged")
    story.do("respond", (2, 4), after="acknowledged", **response(rng, points))
    story.do("close", (1, 2), **closing(rng, points))


def _bin_second(story, rng):
    points = [_point(BIN, "upheld", point="The crew keep missing the same bin",
                     reasons="The round sheet for Tanners Lane still did not show the address as "
                             "needing a check after the first report.")]
    if not (story.do("triage", (0, 1), by=None)
            and story.do("acknowledge", (0, 1), understanding=understanding(points))):
        return
    story.mark("acknowledged")
    story.do("note", (0, 1), text="Second missed green bin at this address in a fortnight: see the "
             "earlier case. Asked the crew supervisor to check the round sheet.")
    story.do("respond", (3, 5), after="acknowledged", **response(rng, points))
    story.do("close", (1, 2), **dict(closing(rng, points), actions=[
        "Ask the contractor why the in-cab alert was not set after the first report"]))


def _bin_third(story, rng):
    if story.do("triage", (0, 1), by=None):
        story.do("acknowledge", (8, 9), understanding=understanding([_point(BIN, "upheld")]))


REPEAT = (_bin_first, _bin_second, _bin_third)
