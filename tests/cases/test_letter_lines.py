"""A resident's name and address reach a letter as clean lines: control characters, bidi
overrides and zero-width characters never reach the envelope window, the greeting or the
printed PDF, and a name typed with line breaks stays on one line."""
import datetime

from app.cases import letters, stages
from app.cases.post.models import PostalLetter
from app.cases.post.services import printable
from tests.cases.test_post_letters import WINDOW, pdf_text, poppler, post_case  # noqa: F401 (fixture)
from tests.cases.pages import signed_in

RECEIVED = datetime.datetime(2026, 3, 2, 10, 0)
NAME = "Pat\r\nPost\x1b\u202e\u200b"  # no NUL: PostgreSQL refuses it in any text
ADDRESS = "12 Mill\tLane\x07\r\n\r\n\u2066Upper Town\u2069\u2028Banbury\x85OX16 5AB\u200b\n"


def test_a_letter_to_post_has_a_clean_name_and_address(app):
    officer = signed_in(app, name="Olive Officer").user
    case = post_case(NAME, postal_address=ADDRESS)
    stages.acknowledge(case, understanding="The pothole", actor=officer, at=RECEIVED)
    letter = PostalLetter.get()
    assert letter.recipient_name == "Pat Post"
    assert letter.address_lines == ["12 Mill Lane", "Upper Town", "Banbury", "OX16 5AB"]
    assert letter.text.startswith("Hello Pat Post,\n")


def test_a_letter_recorded_before_the_cleaning_still_prints_clean(app):
    case = post_case()
    stages.acknowledge(case, actor=signed_in(app).user, at=RECEIVED)
    PostalLetter.update(recipient_name=NAME, address=ADDRESS).execute()
    printed = printable(PostalLetter.get())
    assert printed.recipient_name == "Pat Post"
    assert printed.address_lines == ("12 Mill Lane", "Upper Town", "Banbury", "OX16 5AB")


def test_the_envelope_window_shows_the_clean_lines(app, poppler, tmp_path):
    officer = signed_in(app, name="Olive Officer")
    case = post_case(NAME, postal_address=ADDRESS)
    letters.holding(case, "We have asked the contractor.", actor=officer.user)
    response = officer.get(f"/staff/cases/letters/{PostalLetter.get().id}.pdf")
    window = pdf_text(tmp_path, response.data, *WINDOW.items())
    lines = [line.strip() for line in window.splitlines() if line.strip()]
    assert lines[1:] == ["Pat Post", "12 Mill Lane", "Upper Town", "Banbury", "OX16 5AB"]
