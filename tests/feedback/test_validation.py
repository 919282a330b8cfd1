"""Each page's errors: one <h1>, "Error: " title, an error summary whose links reach a
field, and what was typed shown again."""
import datetime
import html as htmllib
import re

import pytest

from tests.feedback.journey import COMPLAINT, answer, fill
from tests.web import h1_count, submit, title_starts_with_h1


def problem(response, message):
    assert response.status_code == 200, response.status_code
    html = response.get_data(as_text=True)
    assert h1_count(html) == 1
    ok, title, _ = title_starts_with_h1(html)
    assert ok and title.startswith("Error: "), title
    assert "There is a problem" in html
    summary = html[html.index("govuk-error-summary"):html.index("</ul>")]
    assert message in htmllib.unescape(summary), summary
    for target in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{target}"' in html, target
    return html


def test_kind_is_required(client):
    problem(answer(client, "kind", {}), "Select what you would like to tell us about")


def test_kind_must_be_one_of_the_choices(client):
    problem(answer(client, "kind", {"kind": "survey_answer"}), "Select what you would like to tell us about")


def test_service_must_be_listed(client):
    problem(answer(client, "service", {"service": "../../etc/passwd"}), "Select a service, or select I'm not sure")


@pytest.mark.parametrize("text", ["", "   \r\n  "])
def test_what_happened_is_required(client, text):
    answer(client, "kind", {"kind": "complaint"})
    problem(answer(client, "what-happened", {"text": text}), "Enter what happened")


def test_what_happened_is_capped_and_kept(client):
    text = "x" * 10_001
    html = problem(answer(client, "what-happened", {"text": text}), "10,000 characters or fewer")
    assert text in html


def test_new_lines_count_once(client):
    answer(client, "kind", {"kind": "comment"})
    text = "ab\r\n" * 3333 + "a"  # 10,000 characters on screen, 13,333 sent
    assert answer(client, "what-happened", {"text": text}).status_code == 302


def test_nul_is_refused_not_stored(client):
    html = problem(answer(client, "what-happened", {"text": "bad\x00byte"}), "unusual characters")
    assert "bad" in html


@pytest.mark.parametrize("day, month, year, message", [
    ("31", "2", "2025", "Date must be a real date"),
    ("x", "2", "2025", "Date must be a real date"),
    ("1", "", "2025", "Date must include a month"),
    ("", "", "2025", "Date must include a day and month"),
    ("1", "2", "25", "Year must include 4 numbers"),
    ("1", "1", "0999", "Date must be a real date"),
    ("9" * 50, "1", "2025", "Date must be a real date"),
])
def test_date_errors(client, day, month, year, message):
    html = problem(answer(client, "when", {"day": day, "month": month, "year": year}), message)
    assert f'value="{year}"' in html and "govuk-input--error" in html


def test_date_in_the_future(client):
    future = datetime.date.today() + datetime.timedelta(days=3)
    problem(answer(client, "when", {"day": str(future.day), "month": str(future.month),
                                    "year": str(future.year)}), "Date must be today or in the past")


def test_date_is_optional(client):
    assert answer(client, "when", {"day": "", "month": "", "year": ""}).status_code == 302


def test_complaint_needs_a_way_to_reply(client):
    answer(client, "kind", {"kind": "complaint"})
    html = problem(answer(client, "contact", {"name": "Ann"}),
                   "Enter an email address, phone number or postal address so we can reply to your complaint")
    assert 'value="Ann"' in html


def test_comment_may_be_anonymous(client):
    answer(client, "kind", {"kind": "comment"})
    assert answer(client, "contact", {}).status_code == 302


@pytest.mark.parametrize("data, message", [
    ({"email": "not-an-email"}, "Enter an email address in the correct format"),
    ({"phone": "call me maybe"}, "Enter a telephone number"),
    ({"phone": "12"}, "Enter a telephone number"),
    ({"preferred_contact": "email"}, "Enter an email address, or choose another way"),
    ({"preferred_contact": "phone"}, "Enter a phone number, or choose another way"),
    ({"preferred_contact": "post"}, "Enter your postal address, or choose another way"),
    ({"address_line_1": "1 High St"}, "Enter town or city"),
    ({"address_line_1": "1 High St", "address_town": "Banbury"}, "Enter postcode"),
    ({"address_town": "Banbury", "address_postcode": "OX16 5AB"}, "Enter address line 1, typically"),
    ({"address_line_1": "1 High St", "address_town": "Banbury", "address_postcode": "12345"},
     "Enter a full UK postcode"),
    ({"preferred_contact": "post", "address_line_1": "1 High St", "address_town": "Banbury",
      "address_postcode": "OX16 5AB"}, "Enter your name, so we can address our letters to you"),
    ({"address_line_1": "a" * 101}, "Address line 1 must be 100 characters or fewer"),
    ({"preferred_contact": "pigeon"}, "Select how you would like us to contact you"),
    ({"name": "n" * 201}, "Your name must be 200 characters or fewer"),
])
def test_contact_errors(client, data, message):
    answer(client, "kind", {"kind": "comment"})
    problem(answer(client, "contact", data), message)


def test_representative_needs_a_name(client):
    problem(answer(client, "support", {"support_needs": "representative"}),
            "Enter the name of the person acting on your behalf")


def test_support_needs_must_be_listed(client):
    problem(answer(client, "support", {"support_needs": "free-money"}),
            "Select the support you need from the list")


def test_health_details_need_explicit_consent(client):
    fill(client, COMPLAINT)
    submit(client, "/feedback/support?change=1", {"support_details": "I am partially sighted."})
    response = client.get("/feedback/check")
    assert response.headers["Location"].endswith("/feedback/privacy?change=1")
    html = client.get("/feedback/privacy").get_data(as_text=True)
    assert "public task" in html and 'name="consent"' in html
    problem(answer(client, "privacy", {}), "Tick the box to agree")
    assert answer(client, "privacy", {"consent": "y"}).status_code == 302


def test_no_consent_box_without_support_details(client):
    answer(client, "kind", {"kind": "comment"})
    html = client.get("/feedback/privacy").get_data(as_text=True)
    assert "public task" in html and 'name="consent"' not in html
