"""Accessibility fixes that the page's HTML shows (issue 9, points 12 and 13): errors at their
fields and linked from the summary, back links inside a landmark, scrollable staff tables each
with its own name, a Back link on a survey's later pages that keeps the answers, and the
accessibility statement linked from every footer. The browser checks (target sizes, axe,
320px) are in tests/browser/test_accessibility_browser.py."""
import re

from app.cases import services as cases
from app.cases import stages
from app.cases.models import Case
from tests.html import parse
from tests.factories import create_feedback, create_person, create_user
from tests.web import csrf_token, sign_in, submit

PASSWORD = "correct horse battery staple"


def signed_in(app, role="administrator"):
    user = create_user(role=role, password=PASSWORD)
    client = app.test_client()
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    client.user = user
    return client


def summary_links(page):
    summary = page.find(cls="govuk-error-summary")
    assert summary is not None, "no error summary"
    return [(a.href, a.text) for a in summary.links()]


def error_at(page, field_id):
    """The error message shown in the form group of the field with this id, or None."""
    field = page.by_id(field_id)
    assert field is not None, f"no #{field_id} on the page"
    group = field.closest(cls="govuk-form-group")
    assert group is not None and "govuk-form-group--error" in group.classes, f"#{field_id} is not marked in error"
    message = group.find(cls="govuk-error-message")
    return message.text.removeprefix("Error:").strip() if message else None


def test_sign_in_errors_are_shown_at_the_email_field(app, client):
    user = create_user(password=PASSWORD)
    response = sign_in(client, user.email, "not the password")
    page = parse(response.get_data(as_text=True))
    (href, text), = summary_links(page)
    assert href == "#email" and error_at(page, "email") == text
    assert page.by_id("email").attrs["value"] == user.email  # nothing typed is lost
    assert "aria-describedby" in page.by_id("email").attrs
    assert page.find("title").text.startswith("Error: ")


def test_track_errors_are_shown_at_the_reference_field(app, client):
    item = create_feedback(person=create_person(email="sam@example.com"))
    response = submit(client, "/track", {"reference": item.reference, "contact": "someone@example.com"})
    page = parse(response.get_data(as_text=True))
    (href, text), = summary_links(page)
    assert href == "#reference" and error_at(page, "reference") == text
    assert "could not find" in text
    assert page.by_id("contact").attrs["value"] == "someone@example.com"


def _case_ready_to_close(officer):
    case = cases.make_complaint(create_feedback(text="The bin was not emptied for three weeks."))
    stages.acknowledge(case, actor=officer.user)
    stages.respond(Case.get_by_id(case.id), [{"point": "Bins", "decision": "upheld", "reasons": "Missed"}],
                   actor=officer.user)
    return case


def test_close_case_errors_are_linked_to_and_shown_at_their_fields(app):
    officer = signed_in(app, "complaints_officer")
    case = _case_ready_to_close(officer)
    url = f"/staff/cases/{case.id}/close"

    page = parse(submit(officer, url, {"lessons_learnt": "Check rounds weekly"}).get_data(as_text=True))
    (href, text), = summary_links(page)
    assert href == "#outcome" and "outcome" in text
    first = page.by_id("outcome")
    assert first.tag == "input" and first.attrs["type"] == "radio"  # the link lands on the first radio
    assert error_at(page, "outcome") == text
    fieldset = first.closest("fieldset")
    assert "outcome-error" in fieldset.attrs["aria-describedby"]
    assert page.by_id("lessons_learnt").text == "Check rounds weekly"

    # The service's own refusal (an upheld complaint needs its root cause) goes to its field too.
    page = parse(submit(officer, url, {"outcome": "upheld", "lessons_learnt": "Check rounds weekly"})
                 .get_data(as_text=True))
    (href, text), = summary_links(page)
    assert href == "#root_cause" and error_at(page, "root_cause") == "Choose the root cause of what went wrong"
    assert page.by_id("outcome").attrs.get("checked") is not None or \
        page.find(value="upheld", where=lambda e: "checked" in e.attrs) is not None
    assert page.by_id("lessons_learnt").text == "Check rounds weekly"


def _back_links(page):
    return page.find_all(cls="govuk-back-link")


def test_back_links_sit_inside_a_back_navigation_landmark(app, client):
    officer = signed_in(app)
    case = cases.make_complaint(create_feedback())
    for who, path in ((officer, f"/staff/cases/{case.id}/note"), (officer, "/staff/admin/users/new"),
                      (officer, f"/staff/cases/{case.id}/audit"), (client, "/feedback/what-happened")):
        page = parse(who.get(path).get_data(as_text=True))
        links = _back_links(page)
        assert links, f"{path} has no back link"
        for link in links:
            nav = link.landmark()
            assert nav is not None and nav.tag == "nav" and nav.attrs.get("aria-label") == "Back", path
    page = parse(client.get("/").get_data(as_text=True))  # no back link: no empty landmark either
    assert page.find("nav", aria_label="Back") is None


def test_every_staff_table_scrolls_in_a_region_with_its_own_name(app):
    officer = signed_in(app)
    case = cases.make_complaint(create_feedback())
    labels = {}
    for path in ("/staff/admin/users", "/staff/admin/audit", f"/staff/cases/{case.id}/audit",
                 "/staff/learning/taxonomy", "/staff/", "/staff/surveys/", "/staff/outbox",
                 "/staff/inbox/quarantine", "/staff/learning/models", "/staff/admin/privacy",
                 "/staff/admin/privacy/holds", "/staff/admin/privacy/requests", "/staff/admin/privacy/erasure"):
        response = officer.get(path)
        assert response.status_code == 200, path
        page = parse(response.get_data(as_text=True))
        for table in page.find_all("table"):
            if "heard-table-stack" in table.classes:  # stacks into one block a row instead
                continue
            box = table.closest(cls="heard-table-scroll")
            assert box is not None, f"a table on {path} does not scroll in its own box"
            assert box.attrs.get("tabindex") == "0" and box.attrs.get("role") == "region"
            label = box.attrs.get("aria-label", "")
            assert label and label != "Scrollable table", f"{path}: {label!r}"
            assert label not in labels, f"{path} and {labels.get(label)} both call a table {label!r}"
            labels[label] = path
    assert {"Staff accounts table", "Audit log table", "Case audit trail table", "Topics table"} <= set(labels)


def test_a_later_survey_page_has_a_back_link_that_keeps_every_answer(app, client):
    from tests.surveys.helpers import ALL_KINDS, create_survey, create_touchpoint, field, question_keys

    survey = create_survey(questions=ALL_KINDS + [dict(kind="short_text", text="Your branch", required=False)])
    url = f"/s/{create_touchpoint(survey).code}"
    q = question_keys(survey)
    first = parse(client.get(url).get_data(as_text=True))
    assert not _back_links(first)  # page 1 has nothing to go back to

    page1 = {field(q["csat"]): "4", field(q["single"]): "Witney", field(q["short_text"]): "Lovely",
             field(q["multiple"]): ["Books", "Printing"], field(q["yes_no"]): "yes"}
    page2 = parse(submit(client, url, dict(page1, page="0")).get_data(as_text=True))
    assert "Page 2 of 2" in page2.text
    back, = _back_links(page2)
    assert back.tag == "button" and back.attrs["form"] == "survey-answers" and back.attrs["name"] == "back"
    assert back.landmark().attrs.get("aria-label") == "Back"
    later = page2.find("input", type="text", where=lambda e: e.attrs["name"].startswith("q_"))

    # Back from page 2 with something typed there: page 1 again, its answers chosen, no errors.
    data = {"csrf_token": csrf_token(client, url), "page": "1", "back": "1", later.attrs["name"]: "Witney branch"}
    for e in page2.find_all("input", type="hidden",
                            where=lambda e: e.attrs.get("name") not in ("csrf_token", "page")):
        data.setdefault(e.attrs["name"], []).append(e.attrs["value"])
    html = client.post(url, data=data).get_data(as_text=True)
    page = parse(html)
    assert "Page 1 of 2" in page.text and "There is a problem" not in page.text
    checked = {(e.attrs["name"], e.attrs["value"]) for e in page.find_all(where=lambda e: "checked" in e.attrs)}
    assert {(field(q["csat"]), "4"), (field(q["single"]), "Witney"), (field(q["multiple"]), "Books"),
            (field(q["multiple"]), "Printing"), (field(q["yes_no"]), "yes")} <= checked
    assert page.by_id(field(q["short_text"])).attrs["value"] == "Lovely"
    kept = page.find(name=later.attrs["name"])
    assert kept.attrs["type"] == "hidden" and kept.attrs["value"] == "Witney branch"  # page 2's answer rides along


def test_the_accessibility_statement_is_linked_from_every_footer(app, client):
    officer = signed_in(app)
    for who, path in ((client, "/"), (client, "/track"), (client, "/staff/login"), (officer, "/staff/"),
                      (officer, "/staff/admin/users"), (client, "/no-such-page")):
        page = parse(who.get(path).get_data(as_text=True))
        footer = page.find("footer")
        links = footer.find_all("a", href="/accessibility")
        assert [a.text for a in links] == ["Accessibility statement"], path

    response = client.get("/accessibility")
    assert response.status_code == 200
    page = parse(response.get_data(as_text=True))
    text = page.find("main").text
    assert [h.text for h in page.find_all("h1")] == ["Accessibility statement"]
    assert "Web Content Accessibility Guidelines version 2.2 AA standard" in re.sub(r"\s+", " ", text)
    assert "axe-core" in text and "320 pixels" in text and "1280 pixels" in text
    assert "Equality and Human Rights Commission" in text and "Equality Commission for Northern Ireland" in text
    assert "mailto:feedback@example.gov.uk" in response.get_data(as_text=True)  # the council's contact
    assert re.search(r"prepared on \d{1,2} \w+ 20\d\d", text) and "last reviewed on" in text


def test_the_statement_gives_the_councils_own_contact_details(settings_overrides):
    from app import create_app

    app = create_app(dict(settings_overrides, council_contact_email="access@testshire.gov.uk",
                          council_contact_phone="01234 567890"))
    html = app.test_client().get("/accessibility").get_data(as_text=True)
    assert "mailto:access@testshire.gov.uk" in html and 'href="tel:01234567890"' in html
