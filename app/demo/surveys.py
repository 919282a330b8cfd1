"""The demo council's surveys: what each asks, where it is placed (its touchpoints, each with
a QR poster), and what residents wrote in its free-text box, sorted by how they felt.

Answers are planned by app.demo.survey_answers and recorded through the surveys services by
app.demo.survey_seed. The complaint survey has no touchpoint: residents are invited to it by
email when their complaint case closes (it is the survey chosen to follow complaints).
Its service is Council Tax only because a survey must belong to one service and the demo's
twelve have no corporate complaints team; its responses carry each case's own service.
"""

CSAT = "csat"
LIBRARY_VISIT = dict(
    key="library", title="Your library visit 📚", service="libraries", anonymous=True,
    welcome="How was your visit to the library today? You don't need to give your name.",
    thank_you="Thank you. Library staff read every answer and share what they change each month.",
    formats_phone="01632 960100",
    questions=(
        dict(kind="csat", text="How satisfied were you with your visit today?", required=True),
        dict(kind="single", text="What did you come in for?", required=False, options=(
            "Borrowing or returning books\nUsing a computer or the wifi\nA class, group or event\n"
            "Printing, scanning or copying\nSomething else")),
        dict(kind="long_text", text="Is there anything we could do better?", required=False),
        dict(kind="nps", text="How likely are you to recommend your library to a friend or neighbour?",
             required=False),
    ),
    touchpoints=(("Ashcombe Library front desk", "in_person", "libraries"),
                 ("Pennford Library front desk", "in_person", "libraries"),
                 ("Kettleby Library front desk", "in_person", "libraries")),
    responses=42,
    texts={
        "positive": ("Friendly staff", "quiet and clean, perfect for studying", "10/10 love it",
                     "The children's story time is brilliant, my two love it.",
                     "Staff helped me print my boarding pass, thank you"),
        "mixed": ("more opening hours please", "Lovely staff but the computers are so slow",
                  "good selection of books, shame it closes at 1 on Saturdays"),
        "negative": ("wifi is rubbish", "the toilets were out of order",
                     "Closed again with a note on the door, I came on the bus specially."),
    },
)

COUNCIL_TAX_CALL = dict(
    key="council-tax", title="Council tax: how was your call?", service="council-tax", anonymous=True,
    welcome="Tell us how your call about council tax went.",
    thank_you="Thank you. Your answers help us answer calls better.",
    formats_phone="01632 960200",
    questions=(
        dict(kind="ces", text="How easy was it to sort out what you called about?", required=True),
        dict(kind="fcr", text="Did we sort it out on this call?", required=True),
        dict(kind="long_text", text="What could we have done better?", required=False),
    ),
    touchpoints=(("Council tax phone line", "phone", "council-tax"),
                 ("Council tax online account", "web", "council-tax")),
    responses=30,
    texts={
        "positive": ("easy to pay online", "Sorted first time", "The adviser explained my bill really clearly."),
        "mixed": ("took ages to get through but sorted in the end",
                  "Helpful once I got through, 40 minutes on hold though"),
        "negative": ("the letter was confusing", "took ages to get through",
                     "Still waiting for the refund I was promised on the phone."),
    },
)

STREET_REPORTS = dict(
    key="street-reports", title="Reporting a problem on the street", service="highways", anonymous=True,
    welcome="Tell us how we dealt with the problem you reported.",
    thank_you="Thank you. We use your answers to keep people better informed about repairs.",
    formats_phone="01632 960300",
    questions=(
        dict(kind="csat", text="How satisfied are you with how we dealt with your report?", required=True),
        dict(kind="yes_no", text="Did we keep you up to date?", required=False),
        dict(kind="long_text", text="Tell us more", required=False),
    ),
    touchpoints=(("Report a pothole (website)", "web", "highways"),
                 ("Report a street light fault (website)", "web", "street-lighting"),
                 ("After a highways repair", "after_repair", "highways")),
    responses=30,
    texts={
        "positive": ("Easy to report the pothole online", "Quick, and the crew were friendly",
                     "Fixed within a week, good", "Form was fine"),
        "mixed": ("7/10 took a while but it got done", "would like a text when it's done"),
        "negative": ("no idea if anything happened after I reported it", "didn't get any updates at all",
                     "the map kept crashing on my phone", "light still not fixed"),
    },
)

RECYCLING_CENTRES = dict(
    key="recycling", title="Your visit to the recycling centre", service="waste-recycling",
    anonymous=True, welcome="How was your visit to the recycling centre today?",
    thank_you="Thank you for recycling, and for telling us how it went.",
    formats_phone="01632 960400",
    questions=(
        dict(kind="rating", text="How would you rate your visit?", required=True),
        dict(kind="yes_no", text="Did you book a slot before you came?", required=False),
        dict(kind="short_text", text="Anything else you'd like to tell us?", required=False),
    ),
    touchpoints=(("Kettleby recycling centre", "in_person", "waste-recycling"),
                 ("Saltmarsh recycling centre", "in_person", "waste-recycling")),
    responses=22,
    texts={
        "positive": ("Booking the tip was easy", "the staff were great, helped me unload", "Good service"),
        "mixed": ("Easy to book but the queue to get in was half an hour",),
        "negative": ("no weekend slots at all", "website out of date, it said the centre was open",
                     "Turned away because I came in a van."),
    },
)

COMPLAINT_SURVEY = dict(
    key="complaint", title="How did we handle your complaint?", service="council-tax", anonymous=True,
    after_complaints=True,
    welcome="Your complaint is closed. Please tell us how we handled it, whatever the outcome.",
    thank_you="Thank you. Our complaints team reads every answer and reports what it learns.",
    formats_phone="01632 960500",
    questions=(
        dict(kind="csat", text="How satisfied are you with how we handled your complaint?", required=True),
        dict(kind="yes_no", text="Did we explain our decision clearly?", required=True),
        dict(kind="ces", text="How easy was it to make your complaint?", required=False),
        dict(kind="long_text", text="What could we have done better?", required=False),
    ),
    touchpoints=(),
    opened_days_ago=183,  # the complaints team started it in the spring: earlier cases were not invited
    answer_chance=0.3,  # of the residents invited when their case closed
    texts={
        "positive": ("The officer kept me updated every step and actually fixed it.",
                     "Thank you for the apology, that's all I wanted.",
                     "Quicker than I expected and the letter was clear."),
        "mixed": ("I didn't get what I wanted but at least someone explained why.",
                  "Good in the end but I had to chase twice."),
        "negative": ("It took far too long and I had to ring three times.",
                     "The letter didn't answer what I actually complained about.",
                     "Nobody listened. I'll be going to the Ombudsman."),
    },
)

SURVEYS = (LIBRARY_VISIT, COUNCIL_TAX_CALL, STREET_REPORTS, RECYCLING_CENTRES, COMPLAINT_SURVEY)
OPENED_DAYS_AGO = 330  # demo surveys went live about eleven months before the demo's today


def opened_days_ago(survey):
    return survey.get("opened_days_ago", OPENED_DAYS_AGO)
