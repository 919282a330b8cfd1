"""Every feedback item links to its case and back: the item page says "Part of case HRD-…",
the case page links each of its items, and the history of merges and splits still links
(on the item page and on both cases' timelines). The person page and search results link
both ways too. Tested by following links with the test client, as an officer would."""
from urllib.parse import urlparse

from app.cases import services
from app.cases.models import Case
from tests.cases.pages import signed_in
from tests.factories import create_feedback, create_person
from tests.html import parse
from tests.web import h1_count


def follow(client, href):
    """Open a link's page; returns (its path, the parsed page)."""
    response = client.get(href)
    html = response.get_data(as_text=True)
    assert response.status_code == 200, (href, response.status_code)
    assert h1_count(html) == 1, href
    return urlparse(href).path, parse(html)


def heading(shown):
    return shown.find_all("h1")[0].text


def test_an_item_and_its_case_link_both_ways(app):
    officer = signed_in(app)
    item = create_feedback(text="The streetlight on Elm Road has been out for a month.")
    case = services.case_of(item)
    _, item_page = follow(officer, f"/staff/feedback/{item.id}")
    part_of = item_page.by_id("item-case")
    assert part_of.text == f"Part of case {case.reference}."
    path, case_page = follow(officer, part_of.link(case.reference).href)
    assert path == f"/staff/cases/{case.id}" and heading(case_page) == case.reference
    # The case page links the item from the resident's words, the models' section and the timeline.
    hrefs = [a.href for a in case_page.links() if a.text in (item.reference, f"Feedback {item.reference}")]
    assert hrefs.count(f"/staff/feedback/{item.id}") == 3
    path, again = follow(officer, case_page.by_id(f"item-{item.id}-heading").link(item.reference).href)
    assert path == f"/staff/feedback/{item.id}" and heading(again) == item.reference


def test_feedback_in_no_case_says_so_and_offers_to_open_one(app):
    officer = signed_in(app)
    comment = create_feedback(kind="comment", text="The library is lovely.")
    _, shown = follow(officer, f"/staff/feedback/{comment.id}")
    assert shown.by_id("item-case").text == f"Not part of any case. Treat {comment.reference} as a complaint"
    assert shown.link(f"Treat {comment.reference} as a complaint").href == f"/staff/cases/from-feedback/{comment.id}"


def test_merged_and_split_history_still_links(app):
    officer = signed_in(app)
    person = create_person(name="Pat Resident")
    first = create_feedback(person=person, text="My bin was missed on Monday.")
    second = create_feedback(person=person, text="My bin was missed again on Tuesday.", service_slug="parking")
    source, target = services.case_of(first), services.case_of(second)
    services.merge(source, target, "The same missed collection", actor=officer.user)

    # The moved item: its case now, and the case it came from; both pages open.
    _, shown = follow(officer, f"/staff/feedback/{first.id}")
    assert shown.by_id("item-case").text == (f"Part of case {target.reference}. It came from case "
                                             f"{source.reference}, which was merged into it.")
    _, target_page = follow(officer, shown.by_id("item-case").link(target.reference).href)
    _, source_page = follow(officer, shown.by_id("item-case").link(source.reference).href)
    assert heading(target_page) == target.reference and heading(source_page) == source.reference
    # Each case's timeline links the other; the target links both items.
    assert source_page.link(f"Case {target.reference}").href == f"/staff/cases/{target.id}"
    assert target_page.link(f"Case {source.reference}").href == f"/staff/cases/{source.id}"
    words = {a.href for a in target_page.find_all("section", cls="heard-case-item")[0].parent.links()}
    assert {f"/staff/feedback/{first.id}", f"/staff/feedback/{second.id}"} <= words

    new = services.split(Case.get_by_id(target.id), [first.id], "A different week", actor=officer.user)
    _, shown = follow(officer, f"/staff/feedback/{first.id}")
    assert shown.by_id("item-case").text == (f"Part of case {new.reference}. It was split off from case "
                                             f"{target.reference}.")
    _, new_page = follow(officer, shown.by_id("item-case").link(new.reference).href)
    assert new_page.link(f"Case {target.reference}").href == f"/staff/cases/{target.id}"
    _, target_page = follow(officer, shown.by_id("item-case").link(target.reference).href)
    assert target_page.link(f"Case {new.reference}").href == f"/staff/cases/{new.id}"


def test_the_person_page_and_search_results_link_items_and_cases(app):
    officer = signed_in(app)
    person = create_person(name="Quinn Resident", email="quinn@example.com")
    item = create_feedback(person=person, text="The footpath on Oak Lane is cracked.")
    case = services.case_of(item)

    _, person_page = follow(officer, f"/staff/people/{person.id}")
    section = person_page.by_id(f"feedback-{item.id}").parent
    path, item_page = follow(officer, section.link(item.reference).href)
    assert path == f"/staff/feedback/{item.id}"
    assert item_page.by_id("item-case").link(case.reference).href == f"/staff/cases/{case.id}"
    # The item and its case share the reference: one link to each.
    assert sorted(a.href for a in section.links() if a.text == case.reference) == [
        f"/staff/cases/{case.id}", f"/staff/feedback/{item.id}"]
    assert "Part of case" in section.text
    assert person_page.by_id("cases").parent.link(case.reference).href == f"/staff/cases/{case.id}"

    _, results = follow(officer, "/staff/cases/search?q=footpath")
    [result] = results.find_all("ul", cls="heard-search-results")[0].find_all("li")
    assert result.link(case.reference).href == f"/staff/cases/{case.id}"
    assert "Feedback in this case:" in result.text
    path, item_page = follow(officer, [a for a in result.links() if a.href.startswith("/staff/feedback/")][0].href)
    assert path == f"/staff/feedback/{item.id}"
    assert heading(item_page) == item.reference
    assert item_page.by_id("item-case").link(case.reference).href == f"/staff/cases/{case.id}"
