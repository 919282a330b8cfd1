"""Report-building speed: a year of N feedback items (default 1,000,000, with their complaint
cases, survey answers, predictions, themes and labels; real residents' words from the shipped
NHS Friends and Family Test training data), plus a burst of N/10 items for one service in last
month, so that service-month holds over 100,000 items. The summaries are built (untimed, as
the worker keeps them), then timed as the worker builds them:

- the lessons-learnt report (figures, key phrases, PDF and its HTML twin) for that service and
  last month: goal <= 10 s;
- the annual complaints performance and service improvement report for the year: goal <= 60 s.

Not collected by pytest (the file name does not start with test_). Run:

    .venv/bin/python tests/benchmarks/bench_lessons.py [--items 1000000]
        [--database-url postgresql://...] [--keep]

The data goes into a fresh SQLite file in a temporary directory, or the given PostgreSQL
database (which must be empty: the benchmark migrates it). The last line printed is one JSON
object: {"engine", "items", "lessons_seconds", "annual_seconds"}.
"""
import argparse
import csv
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench_case_queues import build_app  # noqa: E402
from tests.benchmarks.bench_dashboard_data import add_burst, fill  # noqa: E402

GOALS = {"lessons_seconds": 10, "annual_seconds": 60}
WORDS = ROOT / "classifiers" / "data" / "sentiment-train.csv"


def residents_words():
    with WORDS.open(newline="", encoding="utf-8") as handle:
        return [row["text"] for row in csv.DictReader(handle) if len(row["text"]) > 20]


def timed(label, work):
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    print(f"{label}: {seconds:.1f}s")
    return seconds, result


def build_lessons(service, month_start):
    """What the worker does for a lessons-learnt report: gather, PDF, HTML twin."""
    from reports.lessons import lessons_pdf
    from reports.lessons.gather import gather
    from reports.lessons import html

    report = gather(service, month_start.year, month_start.month)
    pdf = lessons_pdf(report, council_name="Bench Council", council_colour="#1d70b8")
    return pdf, html.render(report, council_name="Bench Council")


def build_annual(start):
    """The annual report's figures, computed evidence and PDF for the 12 months from `start`."""
    from reports.annual.pdf import draft

    content, _end = draft(start, council_name="Bench Council", council_colour="#1d70b8")
    return content


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database (default: SQLite)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="heard-bench-lessons-"))
    app = build_app(args, tmp)
    from app.cases import clocks
    from app.db import db, is_postgres
    from app.org.models import ServiceArea
    from app.timefmt import add_months, month_end
    from reports.summaries_refresh import refresh

    engine = "postgresql" if is_postgres(db.obj) else "sqlite"
    today = clocks.today()
    month_start = add_months(today, -1)
    year_start = add_months(today, -12)
    rng = random.Random(11)
    with app.app_context():
        services = fill(args.items, rng, today, years=1, texts=residents_words())
        service = ServiceArea.get_by_id(services[0])
        add_burst(rng, service.id, month_start, month_end(month_start), args.items // 10)
        db.execute_sql("ANALYZE")
        timed("full refresh of the summaries (untimed goal)", lambda: refresh(full=True, today=today))
        lessons_seconds, (pdf, html) = timed(
            f"lessons-learnt, {service.name}, {month_start:%B %Y}", lambda: build_lessons(service, month_start))
        print(f"  PDF {len(pdf):,} bytes, HTML {len(html):,} characters")
        annual_seconds, _ = timed(f"annual report from {year_start:%-d %B %Y}", lambda: build_annual(year_start))
    figures = {"lessons_seconds": round(lessons_seconds, 2), "annual_seconds": round(annual_seconds, 2)}
    missed = [name for name, goal in GOALS.items() if figures[name] > goal]
    print("goals: lessons <= 10 s, annual <= 60 s; " + ("both met" if not missed else f"missed: {', '.join(missed)}"))
    if args.keep:
        print(f"data kept in {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps({"engine": engine, "items": args.items, **figures}))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
