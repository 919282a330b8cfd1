"""Dashboard speed: N feedback items over three years, with their complaint cases (stages,
pauses, extensions, escalations, outcomes, Ombudsman referrals), survey responses and answers,
predictions, themes and officers' labels; then the summaries are built (timed: the refresh
cost), one day's worth of new items is added and refreshed again (timed: the per-minute cost),
and each dashboard view is timed through the Flask test client, signed in as an administrator,
for this month, last year, custom dates across three years with partial months at both ends,
and the heaviest filter combination (those dates, one service and one channel). Goal: p95 <= 300 ms.

Not collected by pytest (the file name does not start with test_). Run:

    .venv/bin/python tests/benchmarks/bench_dashboard.py [--items 1000000] [--runs 20]
        [--database-url postgresql://...] [--keep]

The data goes in with executemany (SQLite) or COPY (PostgreSQL) with explicit ids, into a
fresh SQLite file in a temporary directory or the given PostgreSQL database (which must be
empty: the benchmark migrates it). The last line printed is one JSON object:
{"engine", "items", "p95_ms": {view: ms}, "refresh_seconds"}.
"""
import argparse
import datetime
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench_case_queues import PASSWORD, build_app, pick, time_view  # noqa: E402
from tests.benchmarks.bench_dashboard_data import fill  # noqa: E402

GOAL_MS = 300
VIEWS = ("overview", "volumes", "complaints", "sentiment", "topics")


def filter_sets(today, service_id):
    this_month = f"period=month&month={today:%Y-%m}"
    last_year = f"period=year&year={today.year - 1}"
    start = datetime.date(today.year - 3, today.month, 1) + datetime.timedelta(days=14)
    end = today - datetime.timedelta(days=3)
    custom = (f"period=custom&from_day={start.day}&from_month={start.month}&from_year={start.year}"
              f"&to_day={end.day}&to_month={end.month}&to_year={end.year}")
    return {"month": this_month, "year": last_year, "custom": custom,
            "heaviest": f"{custom}&service={service_id}&channel=web"}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20, help="timed requests per view")
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database (default: SQLite)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="heard-bench-dash-"))
    app = build_app(args, tmp)
    from app.auth.services import create_user
    from app.cases import clocks
    from app.db import db, is_postgres
    from reports.summaries_refresh import refresh
    from tests.benchmarks.bench_dashboard_data import add_new_items
    from tests.web import sign_in

    engine = "postgresql" if is_postgres(db.obj) else "sqlite"
    today = clocks.today()
    rng = random.Random(10)
    with app.app_context():
        admin, _ = create_user("admin@bench.invalid", "Bench admin", "administrator", PASSWORD)
        services = fill(args.items, rng, today)
        db.execute_sql("ANALYZE")
        started = time.perf_counter()
        refresh(full=True, today=today)
        refresh_seconds = time.perf_counter() - started
        print(f"full refresh of the summaries: {refresh_seconds:.1f}s")
        added = add_new_items(rng, today, per_day=max(1, args.items // 1100))
        started = time.perf_counter()
        done = refresh(today=today)
        print(f"refresh after {added} new items (a day's worth): {time.perf_counter() - started:.2f}s {done}")
    db.close()
    client = app.test_client()
    assert sign_in(client, admin.email, PASSWORD).status_code == 302
    p95s, slow = {}, []
    print(f"\n{'view':<24} {'p50 ms':>8} {'p95 ms':>8}")
    for name, query in filter_sets(today, pick(rng, [(s, 1) for s in services])).items():
        for view in VIEWS:
            url = "/staff/dashboard" + ("" if view == "overview" else f"/{view}") + f"?{query}"
            p50, p95 = time_view(client, url, args.runs)
            key = view if name == "month" else f"{view}:{name}"
            p95s[key] = round(p95, 1)
            flag = "" if p95 <= GOAL_MS else "  over the goal"
            slow += [key] if p95 > GOAL_MS else []
            print(f"{key:<24} {p50:8.1f} {p95:8.1f}{flag}")
    print(f"\ngoal: p95 <= {GOAL_MS} ms; " + ("every view meets it" if not slow else f"{len(slow)} views miss it"))
    if args.keep:
        print(f"data kept in {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps({"engine": engine, "items": args.items, "p95_ms": p95s,
                      "refresh_seconds": round(refresh_seconds, 1)}))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
