"""Case queue speed: 100,000 cases with a realistic spread, then each main queue view (and a
few filtered ones) timed through the Flask test client, signed in as a complaints officer.
Prints p50 and p95 per view against the 300 ms goal (issue 5).

Not collected by pytest (the file name does not start with test_). Run:

    .venv/bin/python tests/benchmarks/bench_case_queues.py [--cases 100000] [--runs 20]
        [--database-url postgresql://...] [--analyze] [--keep]

The data goes in with insert_many in chunks (not through the services), into a fresh
SQLite file under a temporary directory (or the PostgreSQL database given, which must be
empty: the benchmark migrates it). Spread: four years of complaints, most closed; the open
ones have deadlines from two weeks overdue to four weeks ahead, some paused, some urgent,
some stage 2, some service requests; every case has its item's text, three model topics,
sometimes an officer's topic, a sentiment prediction, sometimes an officer's label.
Exit status 1 when a main queue view misses the goal.
"""
import argparse
import datetime
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

GOAL_MS = 300
CHUNK = 500
PASSWORD = "benchmark password, long enough"
WORDS = ("bin collection missed again street road pothole council tax bill wrong letter nobody "
         "called back staff rude waited weeks library closed parking permit refused blue badge "
         "application lost school place appeal care assessment delayed mother father child "
         "footpath broken light out flooding drain blocked recycling box not returned").split()
CHANNELS = [("web", 60), ("email", 25), ("phone", 10), ("in_person", 5)]
SENTIMENTS = [("negative", 75), ("neutral", 20), ("positive", 5)]


def pick(rng, weighted):
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def build_app(args, tmp):
    from app import create_app

    url = args.database_url or f"sqlite:///{tmp / 'bench.db'}"
    app = create_app({"instance_path": str(tmp / "instance"), "database_url": url,
                      "huey_url": f"sqlite:///{tmp / 'queue.db'}", "huey_redis_url": "",
                      "huey_immediate": True, "secret_key": uuid.uuid4().hex, "testing": True,
                      "public_rate_limit": 10 ** 6})
    from app.db import db
    from app.schema import upgrade

    db.connect(reuse_if_open=True)
    upgrade(db.obj)
    return app


def staff(rng):
    """16 officers spread over the services; the first (signed in) works in two of them."""
    from app.auth.services import create_user
    from app.org.models import ServiceArea

    services = list(ServiceArea.select().order_by(ServiceArea.id))
    officers = []
    for n in range(16):
        team = [services[n % len(services)], services[(n + 5) % len(services)]]
        user, _ = create_user(f"officer{n}@bench.invalid", f"Officer {n}", "complaints_officer",
                              PASSWORD, services=team)
        officers.append(user)
    return officers, services


def insert(model, rows):
    from app.db import db

    with db.atomic():
        for start in range(0, len(rows), CHUNK):
            model.insert_many(rows[start:start + CHUNK]).execute()


def case_rows(n, rng, officers, services, today):
    """(feedback item rows, case rows): four years back, recent ones open."""
    from app.workdays import calendar

    cal = calendar()
    now = datetime.datetime.combine(today, datetime.time(12))
    items, cases = [], []
    for i in range(1, n + 1):
        age = rng.triangular(0, 4 * 365, 0)  # more recent than old
        received = now - datetime.timedelta(days=age, minutes=rng.randrange(600))
        service = rng.choice(services).id
        channel = pick(rng, CHANNELS)
        reference = f"HRD-{received.year}-{i:06d}"
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(20, 80))).capitalize() + "."
        kind = "service_request" if rng.random() < 0.08 else "complaint"
        still_open = age < 60 or rng.random() < 0.03
        paused = still_open and kind == "complaint" and rng.random() < 0.05
        due = None
        if still_open and kind == "complaint":
            due = cal.next_working_day(today + datetime.timedelta(days=rng.randint(-14, 28)))
        items.append({"reference": reference, "kind": "complaint", "channel": channel, "text": text,
                      "service": service, "status": "in_progress" if still_open else "closed",
                      "received_at": received, "created_at": received, "classification_status": "done"})
        cases.append({
            "reference": reference, "kind": kind, "status": "open" if still_open else "closed",
            "stage": 2 if rng.random() < 0.12 else 1, "title": "", "service": service,
            "channel": channel, "received_at": received, "created_at": received,
            "assigned_to": rng.choice(officers).id if (not still_open or rng.random() < 0.8) else None,
            "urgent": rng.random() < 0.02, "special_category": rng.random() < 0.03,
            "next_due_on": datetime.datetime.combine(due, datetime.time()) if due else None,
            "next_due_what": rng.choice(["acknowledge", "respond"]) if due else "", "paused": paused,
            "closed_at": None if still_open else received + datetime.timedelta(days=rng.randint(5, 40)),
            "outcome": "" if still_open else rng.choice(["upheld", "partly_upheld", "not_upheld"]),
            "remedy_action": "", "lessons_learnt": "", "ombudsman": "", "ombudsman_outcome": "",
            "root_cause": "" if still_open else "process",
        })
    return items, cases


def fill(n, rng, officers, services, today):
    from app.cases.models import Case, CaseItem
    from app.feedback.models import FeedbackItem
    from app.learning.models import ItemTopic, ModelVersion, OfficerLabel, Prediction, Topic

    started = time.perf_counter()
    items, cases = case_rows(n, rng, officers, services, today)
    insert(FeedbackItem, items)
    insert(Case, cases)
    item_ids = dict(FeedbackItem.select(FeedbackItem.reference, FeedbackItem.id).tuples())
    case_ids = dict(Case.select(Case.reference, Case.id).tuples())
    insert(CaseItem, [{"case": case_ids[r], "item": item_ids[r], "linked_at": c["received_at"], "reason": ""}
                      for r, c in zip((c["reference"] for c in cases), cases)])
    topics = [t.id for t in Topic.select(Topic.id)]
    heads = {head: [t.id for t in Topic.select(Topic.id).where(Topic.kind == head)] for head in ("service", "theme")}
    version = ModelVersion.create(task="sentiment", version="bench", status="champion")
    topic_rows, predictions, labels = [], [], []
    for item_id in item_ids.values():
        for rank, topic in enumerate(rng.sample(heads["service"], 3)):  # the service area and two runners-up
            confidence = 0.9 - rank * 0.3 + rng.random() * 0.05
            topic_rows.append({"item": item_id, "topic": topic, "confidence": confidence, "head": "service",
                               "assigned": rank == 0, "source": "model", "model_version": None})
        for rank, topic in enumerate(rng.sample(heads["theme"], 3)):  # themes: over and under threshold
            topic_rows.append({"item": item_id, "topic": topic, "confidence": 0.8 - rank * 0.3, "head": "theme",
                               "assigned": rank < 2, "source": "model", "model_version": None})
        if rng.random() < 0.1:
            head = rng.choice(("service", "theme"))
            topic_rows.append({"item": item_id, "topic": rng.choice(heads[head]), "confidence": 1.0, "head": head,
                               "assigned": True, "source": "officer", "model_version": None})
        predictions.append({"item": item_id, "model_version": version.id, "sentiment": pick(rng, SENTIMENTS),
                            "sentiment_score": 0.5 + rng.random() / 2, "sentences": "[]",
                            "created_at": datetime.datetime(2026, 1, 1)})
        if rng.random() < 0.05:
            labels.append({"item": item_id, "task": "sentiment", "value": pick(rng, SENTIMENTS),
                           "superseded": False, "at": datetime.datetime(2026, 1, 1)})
    insert(ItemTopic, topic_rows)
    insert(Prediction, predictions)
    insert(OfficerLabel, labels)
    print(f"{n:,} cases, {len(topic_rows):,} item topics, {len(predictions):,} predictions "
          f"in {time.perf_counter() - started:.0f}s")
    return topics


def views(services, topics, officer):
    team = officer.service_ids()
    service = sorted(team)[0]
    main = [f"/staff/cases?queue={q}" for q in ("mine", "team", "unassigned", "urgent", "due_soon",
                                                "overdue", "awaiting_resident", "all")]
    extra = [f"/staff/cases?queue=all&topic={topics[3]}",
             f"/staff/cases?queue=unassigned&topic={topics[3]}",
             "/staff/cases?queue=all&sentiment=neutral",
             f"/staff/cases?queue=overdue&service={service}&stage=1",
             "/staff/cases?queue=all&channel=phone&kind=complaint",
             "/staff/cases?queue=all&page=2000"]
    return main, extra


def time_view(client, url, runs):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    p95 = times[max(0, -(-95 * len(times) // 100) - 1)]
    return statistics.median(times), p95


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20, help="timed requests per view")
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database (default: SQLite)")
    parser.add_argument("--analyze", action="store_true", help="run ANALYZE after loading")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="heard-bench-"))
    app = build_app(args, tmp)
    from app.cases import clocks
    from app.db import db
    from tests.web import sign_in

    rng = random.Random(5)
    officers, services = staff(rng)
    topics = fill(args.cases, rng, officers, services, clocks.today())
    if args.analyze:
        db.execute_sql("ANALYZE")
    db.close()
    client = app.test_client()
    assert sign_in(client, officers[0].email, PASSWORD).status_code == 302
    main_views, extra_views = views(services, topics, officers[0])
    slow = []
    print(f"\n{'view':<62} {'p50 ms':>8} {'p95 ms':>8}")
    for url in main_views + extra_views:
        p50, p95 = time_view(client, url, args.runs)
        flag = "" if p95 <= GOAL_MS else "  over the goal"
        print(f"{url:<62} {p50:8.1f} {p95:8.1f}{flag}")
        if p95 > GOAL_MS and url in main_views:
            slow.append(url)
    verdict = "all main queue views meet it" if not slow else f"{len(slow)} main queue views miss it"
    print(f"\ngoal: p95 <= {GOAL_MS} ms; {verdict}")
    if args.keep:
        print(f"data kept in {tmp}")
    else:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
