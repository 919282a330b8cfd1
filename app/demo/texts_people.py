"""Demo texts for the people services: adult social care, children's services,
school admissions and registration. Same shape as `texts_streets`.

The safeguarding cases are not here: they are fixed texts in `scenarios`.
"""

ADULT_SOCIAL_CARE = {
    "complaint": (
        "My {relative_f} was assessed for care in {month} and we still haven't had the support "
        "plan. I'm doing everything on top of a full time job.",
        "We've waited {weeks} weeks for a care assessment for my {relative_m} after his stroke. "
        "Every time I ring I'm told he is on the list.",
        "The invoice for my {relative_f}'s care charges is wrong again, you've charged for visits "
        "that never happened.",
        "Carers turn up at different times every day and it's always someone new, so my "
        "{relative} gets confused and upset.",
        "I asked for a carer's assessment {weeks} weeks ago. Nobody has called me back.",
        "The financial assessment form is 30 pages long and nobody will help us fill it in.",
        "The occupational therapist said a stairlift would be fitted within {weeks} weeks. That "
        "was in {month}.",
    ),
    "compliment": (
        "The reablement team who supported my {relative_m} after hospital were wonderful. He is "
        "back on his feet and managing at home.",
        "{staff}, the social worker, listened to us and didn't rush. First time I felt someone "
        "understood.",
        "The grab rails were fitted quickly and the fitter was very respectful of my "
        "{relative_f}'s home.",
    ),
    "comment": (
        "The care agency is good but the rota changes every week and nobody tells us.",
        "Social worker was helpful but we had to explain everything again to the next one.",
        "The online self assessment was easier than I expected, but it didn't ask about my "
        "{relative_f}'s dementia at all.",
    ),
    "request": (
        "I would like to request a needs assessment for my {relative}, who lives alone in "
        "{place} and is struggling with the stairs.",
        "Please can someone contact me about equipment, my {relative_m} needs a raised toilet "
        "seat and a walking frame.",
        "Can I get a copy of the care and support plan for my {relative_f}?",
    ),
    "detail": (
        "I am working full time and doing this on top.",
        "We have had three different social workers this year.",
        "I have kept a diary of the missed and late visits.",
        "The hospital discharge team said someone would be in touch within a week.",
    ),
    "short": ("still waiting for assessment", "nobody calls back from social care"),
}

CHILDRENS_SERVICES = {
    "complaint": (
        "We asked the early help team for help with our {child}'s behaviour {weeks} weeks ago "
        "and we're still waiting for a first visit.",
        "The social worker cancelled our meeting three times with no notice. My children are "
        "upset and don't trust anyone now.",
        "I am a foster carer and my allowance has been paid late {n} months in a row.",
        "We weren't told about the change of social worker, we found out when someone new "
        "turned up at the door.",
        "The EHCP assessment for my {child} has taken over a year. The legal limit is 20 weeks.",
    ),
    "compliment": (
        "The family support worker {staff} has been amazing. We were really struggling and now "
        "things are so much calmer at home.",
        "Thank you to the team at {place} family hub. The baby group got me through a very "
        "lonely few months.",
        "Our fostering team have been so supportive, always at the end of the phone.",
    ),
    "comment": (
        "Family hub is great but the sessions are always during working hours.",
        "Good support from the team but the paperwork is endless.",
        "The parenting course was useful, would be good if dads were made to feel welcome too.",
    ),
    "request": (
        "I would like some support with parenting, my {child} is 14 and we are arguing all the "
        "time.",
        "Please can I have information about becoming a foster carer.",
        "Please can someone call me about short breaks for my {child}, who has autism.",
    ),
    "detail": (
        "We don't know who to contact any more.",
        "School are also asking what is happening.",
        "Our {child} has been off school for {weeks} weeks because of this.",
    ),
    "short": ("still no visit from early help", "nobody returns my calls"),
}

SCHOOL_ADMISSIONS = {
    "complaint": (
        "My {child} was not offered any of our three preferences. We have been given {school2}, "
        "which is two buses away. Their sibling already goes to {school}.",
        "The school place appeal hearing was moved twice with a day's notice. I had to take "
        "unpaid leave both times.",
        "We applied for an in-year transfer in {month} and nobody has told us anything since.",
        "The online admissions system crashed on deadline day and now my application shows as "
        "late.",
        "The appeal panel decision letter didn't give any reasons. We want to know how it was "
        "decided.",
        "School transport was refused even though the walking route to {school2} has no "
        "pavement for half a mile.",
    ),
    "compliment": (
        "Thank you to the admissions team for answering my questions so quickly. We got our "
        "first choice!",
        "{staff} in admissions talked me through the appeal process and was very reassuring.",
        "The online application was really simple this year.",
    ),
    "comment": (
        "The admissions website is clear but the catchment map is very hard to read on a phone.",
        "Got our first choice which is great, but the offer email went to spam.",
        "The appeals guide was helpful, but the timetable was too tight to get evidence from our "
        "GP.",
    ),
    "request": (
        "We are moving to {place} in {month}, how do I apply for a primary school place for my "
        "{child}?",
        "Please can you confirm you have received my appeal for {school}.",
        "Where is my child on the waiting list for {school}?",
    ),
    "detail": (
        "We live {n} miles from the school.",
        "My {child} is very anxious about starting at a school where they know no one.",
        "Both of us work and we can't do two school runs in opposite directions.",
    ),
    "short": ("no school place offered", "appeal still not heard"),
}

REGISTRATION = {
    "complaint": (
        "I had to wait {weeks} weeks for an appointment to register my {relative_m}'s death. We "
        "couldn't get on with the funeral arrangements.",
        "The registrar spelt my {relative_f}'s name wrong on the death certificate and now we "
        "have to pay to get it corrected.",
        "Our wedding ceremony at {place} started 40 minutes late because the registrar went to "
        "the wrong venue.",
        "I ordered a copy birth certificate {weeks} weeks ago and paid for the priority service. "
        "It still hasn't come.",
        "The register office phone line just rings out. I need to register my baby's birth "
        "within 42 days and can't get an appointment.",
    ),
    "compliment": (
        "The registrar who helped us register my dad's death was so kind and gentle. It made a "
        "horrible day a little bit easier.",
        "Our wedding ceremony was perfect. The registrars were warm and funny and put everyone "
        "at ease.",
        "Registering our baby's birth at {place} was quick and the staff made a fuss of her. "
        "Lovely.",
        "Tell Us Once saved me so many phone calls, thank you.",
    ),
    "comment": (
        "The register office at {place} is lovely but the parking is terrible.",
        "Appointment booking was easy but there were no slots for two weeks.",
    ),
    "request": (
        "I need to book an appointment to register a death. My {relative_m} died on {weekday} at "
        "{place} hospice.",
        "Can I order two copies of my marriage certificate, we married at {place} in {year}.",
        "Please can I book a citizenship ceremony.",
    ),
    "detail": (
        "We had family travelling from abroad.",
        "The funeral director kept asking us for the paperwork.",
    ),
    "short": ("no registration appointments", "certificate still not arrived"),
}

TEXTS = {
    "adult-social-care": ADULT_SOCIAL_CARE,
    "childrens-services": CHILDRENS_SERVICES,
    "school-admissions": SCHOOL_ADMISSIONS,
    "registration": REGISTRATION,
}
