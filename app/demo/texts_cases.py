"""What the demo's complaints officers write while they work a complaint: the points of
each complaint and the reasons for the decisions on them, remedies, root causes, lessons
learnt, notes, calls, pauses, extensions and stage 2 requests. Plain words, as an officer
writes them; no `{slots}` (app.demo.casework picks them with its own seeded RNG).

Each point: the point as the officer records it; the reasons when it is upheld and when it
is not; what the council did to put it right; and the usual root cause (a
app.cases.models.ROOT_CAUSES key).
"""


def _point(point, upheld, not_upheld, action, cause):
    return {"point": point, "upheld": upheld, "not_upheld": not_upheld, "action": action,
            "cause": cause}


POINTS = {
    "highways": (
        _point("The reported pothole was not repaired in the time we promise",
               "Our inspection found the pothole was deep enough to repair within 5 days, but the "
               "repair order was never raised.",
               "The pothole was inspected twice and both times was shallower than the 40mm at "
               "which our highway safety policy says we repair.",
               "The pothole has been repaired and inspectors now raise repair orders on the day "
               "of the inspection.", "process"),
        _point("Roadworks were left unattended for weeks with temporary lights in place",
               "The utility company's permit had run out and we did not chase it up.",
               "The works were waiting for a specialist part, which the permit allowed, and the "
               "lights were checked every day.",
               "We enforced the permit and the site was cleared within two days.", "contractor"),
    ),
    "waste-recycling": (
        _point("The bin was missed and not collected when it was reported",
               "The crew's records show the street was marked as done although the bin was out.",
               "The crew's in-cab camera shows the bin was not out when they passed at 7:10am.",
               "The bin was collected the next day and the address is now on the crew's "
               "in-cab alert list.", "contractor"),
        _point("The assisted collection the resident asked for was not set up",
               "The request was received but never added to the round.",
               "An assisted collection needs a short form we sent twice and did not get back.",
               "The assisted collection is now set up and the crew have been briefed.",
               "process"),
    ),
    "council-tax": (
        _point("The bill was wrong after the single person discount was taken off",
               "The discount was removed in error when the annual review letters were matched "
               "to the wrong property.",
               "The discount was removed because the electoral register shows two adults living "
               "at the property.",
               "The discount has been put back and the account corrected from 1 April.",
               "system_it"),
        _point("Recovery action was taken while the resident was disputing the bill",
               "The account should have been held while the dispute was looked at.",
               "The reminder was issued before the dispute reached us, and the account was held "
               "as soon as it did.",
               "The summons costs have been withdrawn and the account is held until the dispute "
               "is settled.", "process"),
    ),
    "parking": (
        _point("A penalty charge notice was issued where the signs were unclear",
               "The restriction sign on that stretch had been turned round and could not be "
               "read.",
               "The photos show the signs and lines were clear and in place on the day.",
               "The penalty charge has been cancelled and the sign repaired.", "process"),
        _point("The resident's permit application took weeks to process",
               "The application sat in a shared inbox for three weeks without being picked up.",
               "The application was processed in 8 working days, within our published 10.",
               "The permit was issued and the inbox now has a named owner each week.", "capacity"),
    ),
    "adult-social-care": (
        _point("The care assessment took far too long to arrange",
               "The assessment waited 14 weeks against our target of 28 days.",
               "The assessment was offered twice within 28 days and the dates were declined.",
               "The assessment has been done and the care plan agreed.", "capacity"),
        _point("Carers did not turn up for booked visits",
               "The care agency missed four visits and did not tell us or the family.",
               "The agency's call logs show each visit happened, though some were late.",
               "The agency has been issued a contract warning and a new rota agreed.",
               "contractor"),
    ),
    "libraries": (
        _point("The library was closed during its advertised opening hours",
               "The library closed early twice because of staff sickness and the website was "
               "not updated.",
               "The library was closed for a fire alarm test that was announced two weeks "
               "before.", "The website now shows unplanned closures on the day.",
               "communication"),
        _point("The resident was charged for a book they had returned",
               "The book was found on the shelf; it had been returned but not checked in.",
               "The book has not been found and was not checked in at any of our libraries.",
               "The charge has been cancelled.", "process"),
    ),
    "street-lighting": (
        _point("A street light reported as out was left broken for months",
               "The fault was passed to the contractor but never scheduled.",
               "The light needed a new column, which takes up to 12 weeks to order; we told "
               "the resident this at the time.",
               "The light has been repaired and faults are now checked weekly against the "
               "contractor's list.", "contractor"),
        _point("Street lights were switched off at night without warning",
               "The part-night lighting change went ahead before the promised letters were "
               "sent.",
               "The change was consulted on and every household on the street was written to.",
               "A letter has gone to every household affected.", "communication"),
    ),
    "school-admissions": (
        _point("The school place offer was sent to the wrong address",
               "An old address was used after the resident told us they had moved.",
               "The offer went to the address given on the application.",
               "The offer has been re-sent and the address corrected.", "system_it"),
        _point("The appeal paperwork was not explained clearly",
               "The letter used jargon and did not say when the appeal had to be made by.",
               "The letter gave the deadline and a phone number for help, which was not used.",
               "The appeal letter has been rewritten in plain English.", "communication"),
    ),
    "childrens-services": (
        _point("The social worker changed three times without the family being told",
               "Each change should have been explained to the family, and was not.",
               "The family was told of each change by letter and in a visit.",
               "The family now has one named social worker and a monthly catch-up.",
               "communication"),
        _point("The family's calls to the team were not returned",
               "The duty log shows three messages that were not passed on.",
               "Each message was returned within two working days.",
               "Messages are now logged and passed on the same day.", "process"),
    ),
    "blue-badge": (
        _point("The blue badge application took longer than 12 weeks",
               "The application waited for an occupational therapy assessment we did not book.",
               "The application was delayed while we waited for evidence from the GP.",
               "The badge has been issued and a temporary permit given.", "delay"),
        _point("The application was refused without a proper look at the evidence",
               "The decision did not take account of the physiotherapist's letter.",
               "The decision followed the national eligibility rules and the evidence was "
               "considered in full.", "The application has been looked at again and approved.",
               "policy"),
    ),
    "concessionary-fares": (
        _point("The bus pass renewal did not arrive before the old one expired",
               "The renewal was printed late because of a supplier problem.",
               "The renewal form reached us after the expiry date.",
               "The pass has been sent and a temporary letter issued.", "contractor"),
        _point("The driver refused to accept the pass",
               "The operator confirmed the driver was wrong to refuse a valid pass.",
               "The pass had expired the week before.",
               "The operator has reminded its drivers and apologised.", "staff_conduct"),
    ),
    "registration": (
        _point("The certificate had a spelling mistake in the name",
               "The name was typed wrongly when the register was written up.",
               "The certificate matches the register the resident signed.",
               "A corrected certificate has been issued free of charge.", "process"),
        _point("There were no appointments for weeks",
               "Appointments were cut while two registrars were off.",
               "Appointments were offered within the 42 days the law allows.",
               "Extra Saturday sessions were added.", "capacity"),
    ),
}

GENERIC_POINTS = (
    _point("Nobody replied to the resident's earlier emails and calls",
           "We found two emails in the team's inbox that were never answered.",
           "Our records show we replied each time; copies of the replies are enclosed.",
           "The team's inbox is now checked twice a day by a named officer.", "communication"),
    _point("The member of staff the resident spoke to was rude and dismissive",
           "Having spoken to the member of staff, we accept the call was not handled well.",
           "The call recording shows the officer was polite and explained the rules clearly.",
           "The officer has had feedback and further customer care training.", "staff_conduct"),
    _point("It took far too long to put right",
           "It took us eight weeks to do something that should take two.",
           "The work was done within the timescale we gave at the start.",
           "We have apologised for the time it took.", "delay"),
)

LESSONS = {
    "policy": ("The policy wording left too much to judgement; it is being reviewed.",
               "Officers need clearer guidance on when to make an exception."),
    "process": ("Hand-offs between teams need a named owner.",
                "A check at the end of each job would have caught this."),
    "communication": ("Tell residents what happens next, and when.",
                      "Letters must say in plain words what we decided and why."),
    "staff_conduct": ("Refresher customer care training for the team.",
                      "Difficult calls should be passed to a team leader sooner."),
    "delay": ("Work waiting on another team needs a date to chase it.",
              "Give residents a realistic timescale at the start."),
    "contractor": ("Contract monitoring meetings now review missed work every month.",
                   "The contractor's fault list is now checked against ours each week."),
    "system_it": ("The system change was not tested against real accounts.",
                  "Address changes must update every system, not just one."),
    "capacity": ("Vacancies in the team caused a backlog; two posts are now filled.",
                 "Work is now shared across the team when someone is off."),
    "other": ("Shared with the service manager for their team meeting.",),
}

ROOT_CAUSE_ACTIONS = {
    "process": "Review the hand-off between the contact centre and the service team",
    "communication": "Rewrite the standard reply letters in plain English",
    "contractor": "Raise missed work at the next contract monitoring meeting",
    "capacity": "Report the backlog to the service's management team",
    "system_it": "Ask IT to fix the address matching in the billing system",
}

UNDERSTANDING = {
    1: "You are unhappy that: {points}. We will look into this and reply by the date below.",
    2: "You are unhappy with our stage 1 response about: {points}. A senior officer who was "
       "not involved at stage 1 will review it.",
}

NOTES = (
    "Asked the service team for their records and photos from the visit.",
    "Service manager says the team were short-staffed that fortnight. Asked for the rota.",
    "Checked the case history: this is the first time the resident has complained about this.",
    "Contractor has confirmed in writing what happened. Copy saved to the file.",
    "Discussed with the team leader. They accept we should have replied sooner.",
    "Looked at the call recording. Officer was polite but did not explain the next steps.",
)

CALLS = (
    "Rang the resident to understand what they would like us to do. They want the problem "
    "fixed and an explanation, nothing more.",
    "Resident rang to ask where things were. Explained we are waiting for the team's report "
    "and gave the date our reply is due.",
    "Called the resident back. They added that a neighbour has had the same problem.",
    "Spoke to the resident. They were upset but calmer by the end of the call; agreed to "
    "write to them by email.",
)

PAUSES = (
    ("Waiting for the resident to send photos of the damage",
     "To look into this properly we need photos of the damage and the date it happened. "
     "Please reply to this email with them. We have paused the time limit until we hear "
     "from you."),
    ("Waiting for the resident's consent to share details with the care provider",
     "We need your permission to share the details of your complaint with the care provider. "
     "Please reply to say you are happy for us to do this. We have paused the time limit "
     "until we hear from you."),
    ("Waiting for copies of the letters the resident received",
     "Please send us copies of the letters you mention, so we can see what you were told. "
     "We have paused the time limit until we hear from you."),
)

EXTENSIONS = (
    "We are waiting for the contractor's report, which we need to answer your complaint fully.",
    "The officer who dealt with your case is on leave and we need to speak to them.",
    "Your complaint involves two services and we want to give you one joined-up answer.",
)

OUTSTANDING = (
    "We will write again once the repair is complete.",
    "The team will contact you within 10 working days to arrange the next steps.",
)

WITHDRAWN_CALLS = (
    "Resident rang: the problem has been sorted and they do not want to take the complaint "
    "any further. Agreed to close it as withdrawn.",
    "Resident emailed to say they are happy with the explanation from the team and would like "
    "to withdraw the complaint.",
)

STAGE2_REASONS = (
    "You haven't answered why it took so long. Saying sorry is not enough.",
    "The response says the work was done but it wasn't. Please come and look.",
    "I don't accept the decision. Nobody has explained which rule you used.",
    "The stage 1 reply ignored half of what I complained about.",
)

STAGE2_AGREE = "I have looked at everything again and agree with the stage 1 decision. "
STAGE2_DISAGREE = "Having looked at the records again, I do not agree with the stage 1 decision. "

FINANCIAL_PENCE = (2500, 5000, 7500, 10000)

OMBUDSMAN_OUTCOMES = (
    "The Ombudsman found no fault in how the council reached its decision and closed the "
    "complaint.",
    "The Ombudsman found fault in the delay and asked us to pay a further £100 for the time "
    "and trouble. Agreed and paid.",
)
