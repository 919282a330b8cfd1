"""A month of Parking feedback for lessons-learnt reports (March 2026, beside February): the
hand-worked complaints of tests/reports/kpi_data.py, comments and compliments with themes and
sentiment, root-cause actions, and a published "You said, we did" with approved quotes."""
import datetime
import re
import subprocess

from app.db import utcnow
from reports import queries
from reports.yswd.models import Publication, PublicationQuote, PublicationTheme
from tests.factories import classify, create_action, create_feedback, create_user, service
from tests.reports.kpi_data import at, complaints, contacts

QUOTES = ["The new permit page was quick and clear to use", "The warden explained the rules kindly",
          "I got my visitor permit the same day I asked", "Staff at the desk sorted my renewal quickly"]
SPECIAL = "My disability badge permit was sorted after my hospital stay"


def said(text, kind, themes, sentiment, when, **extra):
    item = create_feedback(kind=kind, service_slug="parking", received_at=when, text=text, **extra)
    return classify(item, themes=themes, sentiment=sentiment)


def feedback():
    for day in range(1, 6):
        said("The permit took weeks to arrive", "comment", ("delay",), "negative", at(3, day))
    said("Nobody answered the phone", "comment", ("communication",), "negative", at(3, 12))
    said("The permit took weeks again", "comment", ("delay",), "negative", at(2, 10))
    for day in (7, 8, 9):
        said("The warden was very helpful", "compliment", ("staff-attitude",), "positive", at(3, day))
    said("Kind staff on the phone", "compliment", ("staff-attitude",), "positive", at(2, 9))


def actions():
    lead = create_user("service_lead", name="Priya Shah", services=[service("parking")])
    create_action(title="Send permits by email as well as by post", service_slug="parking", status="done",
                  owner=lead, themes=[("delay", datetime.date(2026, 1, 1), datetime.date(2026, 2, 28))],
                  done_at=at(3, 20))
    create_action(title="Answer the permits phone line within a minute", service_slug="parking",
                  status="agreed", owner=lead, due_on=datetime.date(2026, 3, 10))
    create_action(title="Publish the permit rules in plain English", service_slug="parking",
                  status="in_progress", owner=lead, due_on=datetime.date(2026, 4, 15))


def published_quotes():
    publication = Publication.create(service=service("parking"), service_name="Parking",
                                     period_start=datetime.date(2026, 2, 1), period_end=datetime.date(2026, 2, 28),
                                     title="You said, we did: Parking, February 2026", slug="parking-2026-02",
                                     status="published", published_at=utcnow())
    theme = PublicationTheme.create(publication=publication, name="Staff attitude", count=4)
    texts = QUOTES + [SPECIAL]
    for n, text in enumerate(texts):
        extra = {"support_needs": "accessibility"} if text == SPECIAL else {}
        item = said(text, "compliment", ("staff-attitude",), "positive", at(2, 3 + n), quote_consent=True, **extra)
        PublicationQuote.create(publication=publication, theme=theme, item=item, text=text, position=n,
                                status="approved")
    return publication


def parking_march():
    complaints()
    contacts()
    feedback()
    actions()
    published_quotes()
    queries.refresh()


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def page_count(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def check_rendering(path, tmp_path):
    """Every page of the PDF renders with pdftoppm and is not blank, and no word runs past the
    18 mm margins (reports.pdf_pages) or off the page (pdftotext -bbox)."""
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(path), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.pgm"))
    assert len(images) == page_count(path) >= 4
    for image in images:
        assert sum(1 for b in image.read_bytes().split(b"\n", 3)[3] if b < 200) > 200, image.name
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    width, height = (float(v) for v in re.search(r'<page width="([\d.]+)" height="([\d.]+)"', boxes).groups())
    margin = 18 * 72 / 25.4 - 1
    for x_min, _, x_max, y_max in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"',
                                             boxes):
        assert margin <= float(x_min) and float(x_max) <= width - margin and float(y_max) <= height


def parking_march_and_a_refusal():
    """The Parking month above, and a complaint (20 March 2026) declined the next day under the
    Code's statutory-appeal exclusion; the summaries refreshed."""
    from app.cases import refusals
    from app.cases.services import case_of

    parking_march()
    item = create_feedback(service_slug="parking", received_at=datetime.datetime(2026, 3, 20, 10))
    refusals.refuse(case_of(item), "appeal_route", "A penalty charge has its own appeal to the tribunal.",
                    actor=create_user(), at=datetime.datetime(2026, 3, 21, 10))
    queries.refresh()
