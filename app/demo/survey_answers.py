"""Planning the demo's survey answers: pure and repeatable, like app.demo.generate.

    touchpoint_responses(rng, today)             -> [response]  (library desks, phone lines...)
    complaint_responses(rng, items, cases, today) -> [response]  (invited when a case closed)

A response is a dict: "survey" (its key in app.demo.surveys), "touchpoint" (an index into the
survey's touchpoints, or None for an email invitation), "complaint" (for the complaint
survey, the complaint's item dict, whose case invited the resident), "at" (naive UTC), "answers" ([(number, value) or None per question]),
"text" (what the resident wrote in the free-text box, or ""), and "item" (a feedback item
dict as app.demo.generate makes them, for that text; None without one). One resident's answers
hang together: a happy resident scores high and writes a kind word, an unhappy one scores low.
"""
import datetime

from app.demo.surveys import OPENED_DAYS_AGO, SURVEYS, opened_days_ago
from app.demo.writing import restyle

TEXT_KINDS = ("short_text", "long_text")  # each answer becomes a feedback item
MOOD_WEIGHTS = {"positive": 60, "mixed": 22, "negative": 18}
TEXT_CHANCE = {"positive": 0.2, "mixed": 0.4, "negative": 0.55}
SCORES = {  # (lowest, highest) per mood for each scale
    "csat": {"positive": (4, 5), "mixed": (3, 4), "negative": (1, 2)},
    "rating": {"positive": (4, 5), "mixed": (3, 4), "negative": (1, 2)},
    "ces": {"positive": (5, 7), "mixed": (3, 5), "negative": (1, 3)},
    "nps": {"positive": (8, 10), "mixed": (5, 8), "negative": (0, 5)},
}
YES_CHANCE = {"positive": 0.9, "mixed": 0.5, "negative": 0.15}
CHANNEL_OF = {"in_person": "in_person", "after_repair": "in_person", "phone": "phone", "web": "web"}
# Outcomes after which a resident is more or less content with how the complaint went.
OUTCOME_MOODS = {"upheld": {"positive": 60, "mixed": 30, "negative": 10},
                 "partly_upheld": {"positive": 35, "mixed": 40, "negative": 25},
                 "not_upheld": {"positive": 15, "mixed": 30, "negative": 55},
                 "withdrawn": {"positive": 40, "mixed": 40, "negative": 20}}


def touchpoint_responses(rng, today, at):
    """Responses at every touchpoint survey's places, spread over the months it has been
    open. `at(day, channel)` gives a plausible naive-UTC moment on a local day."""
    responses = []
    for survey in SURVEYS:
        if not survey["touchpoints"]:
            continue
        for _ in range(survey["responses"]):
            place = rng.randrange(len(survey["touchpoints"]))
            channel = CHANNEL_OF[survey["touchpoints"][place][1]]
            day = _weekday(rng, today, channel)
            responses.append(_response(rng, survey, _mood(rng, MOOD_WEIGHTS), at(day, channel),
                                       touchpoint=place, service=survey["touchpoints"][place][2]))
    return responses


def complaint_responses(rng, items, cases, people, today):
    """Some residents invited when their complaint case closed (once the survey was open)
    answer a few days later."""
    survey = next(s for s in SURVEYS if s.get("after_complaints"))
    opened = today - datetime.timedelta(days=opened_days_ago(survey))
    emails = {person["key"] for person in people if person["email"]}
    by_key = {item["key"]: item for item in items}
    responses = []
    for key in sorted(cases):
        close = next((step for step in cases[key] if step["do"] == "close"), None)
        item = by_key[key]
        if close is None or close["at"].date() <= opened or item["person"] not in emails \
                or rng.random() >= survey["answer_chance"]:
            continue
        # An anonymous survey keeps only the day of an invited answer (surveys.responses).
        day = (close["at"] + datetime.timedelta(days=rng.randint(1, 6))).date()
        if day >= today:
            continue
        moment = datetime.datetime.combine(day, datetime.time())
        mood = _mood(rng, OUTCOME_MOODS.get(close.get("outcome") or "withdrawn"))
        responses.append(_response(rng, survey, mood, moment, complaint=item, service=item["service"]))
    return responses


def _response(rng, survey, mood, moment, touchpoint=None, complaint=None, service=None):
    answers, text = [], ""
    for question in survey["questions"]:
        answer = _answer(rng, question, mood, survey["texts"])
        if question["kind"] in TEXT_KINDS and answer is not None:
            text = answer[1]
        answers.append(answer)
    item = None
    if text:
        item = {"key": None, "kind": "survey_answer", "channel": "qr_survey" if touchpoint is not None
                else "web", "service": service, "person": None, "text": text, "received_at": moment,
                "status": None, "scenario": None}
    return {"survey": survey["key"], "touchpoint": touchpoint, "complaint": complaint, "at": moment,
            "answers": answers, "text": text, "item": item}


def _answer(rng, question, mood, texts):
    """(number, value) as the public form stores it, or None for a question left blank."""
    kind = question["kind"]
    if kind in SCORES:
        number = rng.randint(*SCORES[kind][mood])
        return number, str(number)
    if not question["required"] and rng.random() < 0.15 and kind not in TEXT_KINDS:
        return None
    if kind in ("yes_no", "fcr"):
        return None, "yes" if rng.random() < YES_CHANCE[mood] else "no"
    if kind == "single":
        options = question["options"].split("\n")
        return None, rng.choices(options, weights=range(len(options) + 1, 1, -1))[0]
    if kind in TEXT_KINDS:
        if rng.random() >= TEXT_CHANCE[mood]:
            return None
        return None, restyle(rng, rng.choice(texts[mood]), "qr_survey", "survey_answer")
    raise ValueError(f"the demo has no answers for {kind} questions")


def _mood(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _weekday(rng, today, channel):
    """A day since the surveys opened; phone lines and desks are mostly weekdays."""
    while True:
        day = today - datetime.timedelta(days=rng.randint(1, OPENED_DAYS_AGO - 1))
        if day.weekday() < 5 or (channel == "web" and rng.random() < 0.5) or rng.random() < 0.1:
            return day
