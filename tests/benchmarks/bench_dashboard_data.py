"""The dashboard benchmark's data (tests/benchmarks/bench_dashboard.py): three years of feedback
with complaint cases, survey responses, predictions, themes and labels, written in bulk with
explicit ids (executemany on SQLite, COPY on PostgreSQL), never through the services."""
import datetime
import itertools

from app.cases.models import Case, CaseItem, CaseStage, ClockPause
from app.db import db, is_postgres
from app.feedback.models import FeedbackItem
from app.learning.models import ItemTopic, ModelVersion, OfficerLabel, Prediction, Topic
from app.org.models import ServiceArea
from app.people.models import Person
from surveys.models import Answer, Response

FLUSH = 50_000
KINDS = [("complaint", 30), ("comment", 20), ("compliment", 10), ("service_request", 15), ("survey_answer", 25)]
CHANNELS = [("web", 55), ("email", 25), ("phone", 12), ("in_person", 8)]
SENTIMENTS = [("negative", 60), ("neutral", 25), ("positive", 15)]
OUTCOMES = [("upheld", 25), ("partly_upheld", 20), ("not_upheld", 50), ("withdrawn", 5)]
SCORED = {"csat": (1, 5), "nps": (0, 10), "ces": (1, 7)}
TOUCHPOINT_CHANNELS = ("in_person", "phone", "web", "email", "after_repair", "in_person")


def pick(rng, weighted):
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


class Writer:
    """Rows of one table, buffered and written in bulk; columns not given get the model's default."""

    def __init__(self, model, columns):
        self.model, self.columns, self.rows, self.written = model, list(columns), [], 0
        fields = model._meta.fields
        self.extra = [(f.column_name, f.default() if callable(f.default) else f.default)
                      for name, f in fields.items()
                      if name not in columns and not f.null and not f.primary_key and f.default is not None]
        self.names = [fields[c].column_name for c in columns] + [name for name, _ in self.extra]
        self.tail = tuple(value for _, value in self.extra)

    def add(self, *row):
        self.rows.append(row + self.tail)

    def flush(self):
        if not self.rows:
            return
        table = self.model._meta.table_name
        with db.atomic():
            if is_postgres(db.obj):
                with db.cursor() as cursor:
                    with cursor.copy(f'COPY "{table}" ({", ".join(self.names)}) FROM STDIN') as copy:
                        for row in self.rows:
                            copy.write_row(row)
            else:
                marks = ", ".join("?" * len(self.names))
                db.connection().executemany(
                    f'INSERT INTO "{table}" ({", ".join(self.names)}) VALUES ({marks})', self.rows)
        self.written += len(self.rows)
        self.rows = []


def _survey(services):
    from surveys import services as survey_services
    from surveys import versions
    from surveys.touchpoints import create_touchpoint

    survey = survey_services.create_survey(title="After your visit", service=ServiceArea.get_by_id(services[0]))
    for kind, text in (("csat", "How satisfied were you?"), ("nps", "Would you recommend us?"),
                       ("ces", "How easy was it?"), ("fcr", "Was it sorted the first time you contacted us?"),
                       ("long_text", "Anything else?")):
        versions.add_question(survey, kind=kind, text=text, help_text="", options="", required=False)
    versions.publish(survey)
    version = survey_services.live_version(survey)
    questions = {q.kind: q.id for q in versions.questions(version)}
    places = [create_touchpoint(survey, name=f"Desk {n}", channel=channel).id
              for n, channel in enumerate(TOUCHPOINT_CHANNELS)]
    return survey.id, version.id, questions, places


class Builder:
    def __init__(self, rng, today):
        self.rng, self.now = rng, datetime.datetime.combine(today, datetime.time(12))
        self.services = [s.id for s in ServiceArea.select(ServiceArea.id)]
        self.heads = {head: [t.id for t in Topic.select(Topic.id).where(Topic.kind == head)]
                      for head in ("service", "theme")}
        self.version = ModelVersion.create(task="sentiment", version="bench-dash", status="champion").id
        self.survey, self.survey_version, self.questions, self.places = _survey(self.services)
        self.w = {
            "item": Writer(FeedbackItem, ["id", "reference", "kind", "channel", "text", "service", "person",
                                          "received_at", "created_at", "status", "classification_status"]),
            "prediction": Writer(Prediction, ["item", "model_version", "sentiment", "sentiment_score", "created_at"]),
            "topic": Writer(ItemTopic, ["item", "topic", "confidence", "source", "head", "assigned"]),
            "label": Writer(OfficerLabel, ["item", "task", "value", "superseded", "at"]),
            "case": Writer(Case, ["id", "reference", "kind", "status", "stage", "service", "person", "channel",
                                  "received_at", "created_at", "closed_at", "outcome", "ombudsman",
                                  "ombudsman_referred_at"]),
            "case_item": Writer(CaseItem, ["case", "item", "linked_at"]),
            "stage": Writer(CaseStage, ["case", "number", "started_at", "acknowledged_at", "extension_days",
                                        "responded_at"]),
            "pause": Writer(ClockPause, ["case", "stage", "started_at", "ended_at"]),
            "response": Writer(Response, ["id", "survey", "version", "touchpoint", "channel", "service",
                                          "submitted_at"]),
            "answer": Writer(Answer, ["response", "question", "number", "value", "feedback_item"]),
        }
        self.people = 0
        self.texts = ("Words of the resident.",)  # residents' words, taken in turn
        self.case_ids = itertools.count(1)
        self.response_ids = itertools.count(1)

    def make_people(self, count):
        writer = Writer(Person, ["id", "name", "email", "created_at"])
        for n in range(1, count + 1):
            writer.add(n, f"Resident {n}", f"resident{n}@bench.invalid", self.now)
        writer.flush()
        self.people = count

    def item(self, item_id, received, service=None):
        rng = self.rng
        kind, service, channel = pick(rng, KINDS), service or rng.choice(self.services), pick(rng, CHANNELS)
        person = rng.randint(1, self.people) if kind != "survey_answer" and rng.random() < 0.7 else None
        recent = (self.now - received).days < 45
        text = self.texts[item_id % len(self.texts)]
        self.w["item"].add(item_id, f"HRD-B-{item_id:08d}", kind, channel, text, service,
                           person, received, received, "in_progress" if recent else "closed", "done")
        sentiment = pick(rng, SENTIMENTS)
        self.w["prediction"].add(item_id, self.version, sentiment, 0.9, received)
        self.w["topic"].add(item_id, rng.choice(self.heads["service"]), 0.9, "model", "service", True)
        for topic in rng.sample(self.heads["theme"], 2):
            self.w["topic"].add(item_id, topic, 0.7, "model", "theme", True)
        if rng.random() < 0.03:
            self.w["label"].add(item_id, "sentiment", pick(rng, SENTIMENTS), False, received)
        if len(self.w["topic"].rows) >= FLUSH:  # the largest: write every table, parents first
            self.flush()
        if kind == "complaint":
            self.case(item_id, service, person, channel, received, recent)
        elif kind == "survey_answer":
            self.response(item_id, service, received)

    def case(self, item_id, service, person, channel, received, recent):
        rng, day = self.rng, datetime.timedelta(days=1)
        case_id = next(self.case_ids)
        acknowledged = None if recent and rng.random() < 0.3 else received + day * rng.uniform(0.2, 9)
        responded = None if acknowledged is None or (recent and rng.random() < 0.5) else \
            acknowledged + day * rng.uniform(3, 22)
        escalated = responded is not None and rng.random() < 0.12
        closed = responded + day if responded is not None and not escalated else None
        ombudsman = escalated and rng.random() < 0.25
        self.w["case"].add(case_id, f"HRD-B-{item_id:08d}", "complaint", "closed" if closed else "open",
                           2 if escalated else 1, service, person, channel, received, received, closed,
                           pick(rng, OUTCOMES) if closed else "", "lgsco" if ombudsman else "",
                           responded + day * 60 if ombudsman else None)
        self.w["case_item"].add(case_id, item_id, received)
        extension = 5 if rng.random() < 0.05 else 0
        self.w["stage"].add(case_id, 1, received, acknowledged, extension, responded)
        if acknowledged is not None and rng.random() < 0.05:
            self.w["pause"].add(case_id, 1, acknowledged + day, acknowledged + day * 4)
        if escalated:
            start = responded + day * 3
            self.w["stage"].add(case_id, 2, start, start + day * rng.uniform(1, 7), 0,
                                start + day * rng.uniform(10, 35))

    def response(self, item_id, service, received):
        rng, q = self.rng, self.questions
        response_id = next(self.response_ids)
        touchpoint = rng.choice(self.places + [None])
        self.w["response"].add(response_id, self.survey, self.survey_version, touchpoint,
                               TOUCHPOINT_CHANNELS[self.places.index(touchpoint)] if touchpoint else "invitation",
                               service, received)
        for kind, (low, high) in SCORED.items():
            number = rng.randint(low, high)
            self.w["answer"].add(response_id, q[kind], number, str(number), None)
        if rng.random() < 0.8:
            self.w["answer"].add(response_id, q["fcr"], None, rng.choice(("yes", "yes", "no")), None)
        self.w["answer"].add(response_id, q["long_text"], None, "Words of the resident.", item_id)

    def flush(self):
        for writer in self.w.values():
            writer.flush()


def _fix_sequences():
    if not is_postgres(db.obj):
        return
    for model in (Person, FeedbackItem, Case, Response):
        table = model._meta.table_name
        db.execute_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f"COALESCE((SELECT MAX(id) FROM \"{table}\"), 0) + 1, false)")


def fill(n, rng, today, years=3, texts=None):
    """n items over the `years` years to `today` (residents' words from `texts`, in turn);
    returns the service ids."""
    import time

    started = time.perf_counter()
    builder = Builder(rng, today)
    builder.texts = tuple(texts or builder.texts)
    builder.make_people(max(10, n // 6))
    for item_id in range(1, n + 1):
        received = builder.now - datetime.timedelta(days=rng.uniform(0, years * 365), minutes=rng.randrange(600))
        builder.item(item_id, received)
    builder.flush()
    _fix_sequences()
    counts = ", ".join(f"{w.written:,} {name}" for name, w in builder.w.items())
    print(f"built {counts} in {time.perf_counter() - started:.0f}s")
    _state["builder"] = builder
    return builder.services


_state = {}


def add_burst(rng, service, first_day, last_day, count):
    """`count` more items for one service, received between two London days."""
    builder = _state["builder"]
    first = FeedbackItem.select(FeedbackItem.id).order_by(FeedbackItem.id.desc()).scalar() + 1
    start = datetime.datetime.combine(first_day, datetime.time(1))
    span = (last_day - first_day).days * 86400 + 20 * 3600
    for item_id in range(first, first + count):
        builder.item(item_id, start + datetime.timedelta(seconds=rng.uniform(0, span)), service=service)
    builder.flush()
    _fix_sequences()
    return count


def add_new_items(rng, today, per_day):
    """A day's worth of new items received today (after the summaries were built)."""
    builder = _state["builder"]
    first = FeedbackItem.select(FeedbackItem.id).order_by(FeedbackItem.id.desc()).scalar() + 1
    for item_id in range(first, first + per_day):
        builder.item(item_id, builder.now - datetime.timedelta(minutes=rng.randrange(600)))
    builder.flush()
    _fix_sequences()
    return per_day
