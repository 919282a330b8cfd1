"""The demo council's topic descriptions, in residents' own words.

Zero-shot topics are only as good as their descriptions: the shipped "Household waste
recycling centres and waste disposal" sends a missed-bin complaint elsewhere, because residents
write about bins, not about waste disposal. The demo administrator rewrites each description
the way residents talk (through the taxonomy service, so it is audited). A description an
administrator has already changed is left alone.

Measured on the demo's own feedback with the real encoder (tests/demo/test_topics_measured.py):
complaints land on the right service area more often with these than with the shipped ones.
"""
from app.learning import taxonomy
from app.learning.models import Topic
from app.org.models import DEFAULT_SERVICE_AREAS

DESCRIPTIONS = {
    "adult-social-care": "Care for my mum, dad or partner: carers not turning up, home care visits, care "
                         "package, care home fees, needs assessment, social worker, respite for carers, "
                         "direct payments, help after leaving hospital.",
    "childrens-services": "My child or family: social worker, early help, family support, fostering and "
                          "adoption, worries about a child, children left alone, support for a child with "
                          "special needs.",
    "highways": "Potholes, broken or uneven pavements, road repairs and resurfacing, roadworks, blocked "
                "drains and gullies, flooding on the road, gritting in snow and ice, overgrown verges, "
                "damage to my car or tyre.",
    "street-lighting": "Street light out, not working, flickering or on all day, lamp post damaged, dark "
                       "road at night, illuminated signs and bollards.",
    "parking": "Parking tickets, PCN fines and appeals, residents' and visitors' parking permits, car parks, "
               "car park ticket machines, pay and display and the parking app, traffic wardens, yellow lines.",
    "waste-recycling": "Bins and bin collections: bin not emptied or missed, the whole street done except us, "
                       "collection day, bin crews, recycling boxes, green bin, brown bin, garden waste "
                       "subscription and stickers, assisted collections, new or replacement bins, booking the "
                       "tip or recycling centre, fly-tipping.",
    "blue-badge": "Blue Badge applications and renewals for disabled parking, waiting for my badge, badge "
                  "refused, misuse of badges.",
    "concessionary-fares": "Older person's or disabled person's bus pass: applying or renewing, waiting for the "
                           "pass to arrive, lost or damaged pass, bus driver refusing the pass, companion pass.",
    "school-admissions": "Applying for a school place, offer day, not getting our first choice of school, "
                         "catchment area, waiting lists, school place appeals, changing school, in-year "
                         "transfers.",
    "registration": "Registering a birth or a death, booking an appointment at the register office, birth, "
                    "death and marriage certificates, weddings, civil partnerships, citizenship ceremonies.",
    "council-tax": "Paying council tax: my council tax bill and band, direct debit taken twice, single person "
                   "discount, arrears, reminders and summons, refund when I moved house, council tax reduction.",
    "libraries": "Library opening hours, borrowing and returning books, renewals and fines, library "
                 "computers and wifi, events and children's activities, mobile library, library staff.",
    "communication": "Nobody got back to me, no reply to my emails or calls, not kept informed, the promised "
                     "call back never came, confusing letters or being told different things.",
    "delay": "Still waiting, taking weeks or months, slow to respond, missed deadlines, reported it again "
             "and again and nothing happens.",
    "staff-attitude": "Staff were rude, dismissive or didn't listen; or staff were kind, helpful and went "
                      "out of their way.",
    "digital-website": "The website or online form doesn't work, can't log in to my account, the app "
                       "crashes, couldn't pay or report it online, information on the website out of date.",
    "accessibility": "Access for disabled people: wheelchair access, large print, easy read or another "
                     "language, interpreters, hearing loops, reasonable adjustments.",
    "cost-charges": "Fees, fines and charges: charged too much or twice, a refund owed, bills, arrears, "
                    "value for money.",
    "policy-decision": "Disagreeing with a council decision or rule: unfair policy, not eligible, turned "
                       "down, appealing the decision.",
    "contractor": "Contractors working for the council: workmen left a mess, poor workmanship, care agency "
                  "staff, repairs done badly.",
}

# The descriptions migrations 0001 and 0007 ship: only these are replaced.
SHIPPED = {slug: description for slug, _, description in DEFAULT_SERVICE_AREAS} | {
    "communication": "Not being kept informed, letters or calls not answered, unclear or conflicting "
                     "information.",
    "delay": "Waiting too long: slow responses, missed deadlines, repairs or decisions that never come.",
    "staff-attitude": "How staff treated the resident: rude, dismissive, unhelpful, or kind and helpful.",
    "digital-website": "The website, online forms, accounts, apps and payments online not working or hard "
                       "to use.",
    "accessibility": "Access for disabled people: formats, adjustments, physical access, language and "
                     "interpreters.",
    "cost-charges": "Fees, fines, bills and charges: amounts, refunds, arrears and value for money.",
    "policy-decision": "Disagreeing with a council decision, rule or policy, or how it was applied.",
    "contractor": "Work done by a contractor or partner on the council's behalf: crews, agencies, providers.",
}


def describe_topics(admin):
    """Rewrite each shipped description in residents' words; returns how many changed."""
    changed = 0
    for topic in Topic.select().where(Topic.key.in_(list(DESCRIPTIONS))).order_by(Topic.id):
        if topic.description != SHIPPED.get(topic.key) or not topic.active:
            continue
        taxonomy.edit_topic(topic, name=topic.name, description=DESCRIPTIONS[topic.key], kind=topic.kind,
                            service=topic.service, active=True, actor=admin)
        changed += 1
    return changed
