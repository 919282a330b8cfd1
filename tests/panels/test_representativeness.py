"""The population profile the council enters (validated, with its source) and each panel's
representativeness view: members' shares against the population's, under-represented groups
marked by the stated rule, "prefer not to say" and not answered counted apart."""
import pytest

from app.audit.models import AuditEvent
from panels import representativeness
from panels.models import Membership, PopulationShare
from tests.cases.pages import signed_in
from tests.factories import create_member, create_panel
from tests.html import parse
from tests.web import h1_count, submit

SEX_CENSUS = {"share_0": "51.2", "share_1": "48.8", "source": "Census 2021, TS008"}


def rows_of(page, dimension):
    """{group: [members, share of members, share of population, difference]} for one table."""
    heading = page.by_id(dimension)
    table = heading.parent.children[heading.parent.children.index(heading) + 1:]
    table = next(e for e in table if not isinstance(e, str) and e.find("table") is not None).find("table")
    return {row.find("th").text: [td.text for td in row.find_all("td")] for row in table.find("tbody").find_all("tr")}


@pytest.fixture
def admin(app):
    return signed_in(app, "administrator")


def test_the_council_enters_a_profile_with_its_source(admin):
    response = submit(admin, "/staff/panels/population/sex", SEX_CENSUS)
    assert response.status_code == 302
    shares = {row.category: (row.percent, row.source) for row in PopulationShare.select()}
    assert shares == {"female": (51.2, "Census 2021, TS008"), "male": (48.8, "Census 2021, TS008")}
    page = parse(admin.get("/staff/panels/population").get_data(as_text=True))
    assert "51.2%" in page.text and "Census 2021, TS008" in page.text
    assert AuditEvent.get(AuditEvent.action == "panel.population_saved").object_id == "sex"


@pytest.mark.parametrize("sent, message, field", [
    ({"share_0": "60", "share_1": "30", "source": "Census"}, "The percentages add up to 90%. They must add up to 100%", "share_0"),
    ({"share_0": "51.2", "share_1": "", "source": "Census"}, "Enter a percentage for every group", "share_1"),
    ({"share_0": "abc", "share_1": "48.8", "source": "Census"}, "Enter female percentage as a number from 0 to 100", "share_0"),
    ({"share_0": "150", "share_1": "-50", "source": "Census"}, "as a number from 0 to 100", "share_0"),
    ({"share_0": "nan", "share_1": "inf", "source": "Census"}, "as a number from 0 to 100", "share_0"),
    ({"share_0": "51.2", "share_1": "48.8", "source": ""}, "Enter where these figures come from", "source"),
])
def test_bad_figures_are_refused_at_the_field_and_kept(admin, sent, message, field):
    response = submit(admin, "/staff/panels/population/sex", sent)
    html = response.get_data(as_text=True)
    page = parse(html)
    assert response.status_code == 200 and "<title>Error:" in html and h1_count(html) == 1
    link = page.find("div", cls="govuk-error-summary").find("a")
    assert message in link.text and link.href == f"#{field}"
    assert page.by_id("share_0").attrs["value"] == sent["share_0"]
    assert PopulationShare.select().count() == 0


def test_areas_are_named_by_the_council_and_offered_to_applicants(admin, client):
    sent = {"area_name_1": "Banbury", "area_percent_1": "55%", "area_name_2": "Bicester", "area_percent_2": "45",
            "source": "Census 2021, ward populations"}
    assert submit(admin, "/staff/panels/population/area", sent).status_code == 302
    details = {"name": "Jo", "email": "jo@example.com", "reason": "To help", "consent": "yes"}
    page = parse(submit(client, f"/panels/{create_panel().slug}/apply", details).get_data(as_text=True))
    assert {"Banbury", "Bicester"} <= {label.text for label in page.find_all("label")}
    twice = parse(submit(admin, "/staff/panels/population/area", dict(sent, area_name_2="banbury")).get_data(as_text=True))
    assert "banbury is listed twice" in twice.find("div", cls="govuk-error-summary").text
    assert admin.get("/staff/panels/population/shoe_size").status_code == 404


def test_the_rule_for_under_represented():
    assert representativeness.is_under_represented(0.0, 3.0)        # a 3% group with no members
    assert not representativeness.is_under_represented(0.0, 1.5)    # under 2 points: noise
    assert representativeness.is_under_represented(30.0, 40.0)      # 30 < 32 and 10 points below
    assert not representativeness.is_under_represented(33.0, 40.0)  # within four-fifths
    assert not representativeness.is_under_represented(None, 40.0)


def test_the_view_compares_members_and_marks_under_represented_groups(app, admin):
    submit(admin, "/staff/panels/population/sex", SEX_CENSUS)
    submit(admin, "/staff/panels/population/age_band", {
        "share_0": "12", "share_1": "16", "share_2": "16", "share_3": "17", "share_4": "16", "share_5": "12",
        "share_6": "11", "source": "Census 2021, TS007A"})
    panel = create_panel("Transport Panel")
    for age in ("65-74", "65-74", "75+", "55-64", "prefer_not_to_say"):
        create_member(panel, demographics={"sex": "male", "age_band": age})
    create_member(panel, demographics={"sex": "female", "age_band": "65-74"})
    create_member(panel, demographics={"sex": "prefer_not_to_say"})
    create_member(panel)  # did not consent: not answered everywhere
    gone = create_member(panel, demographics={"sex": "female", "age_band": "16-24"})
    Membership.update(left_at=gone.created_at).where(Membership.member == gone).execute()
    response = admin.get(f"/staff/panels/{panel.id}/representativeness")
    page = parse(response.get_data(as_text=True))
    assert response.status_code == 200 and "8 current members" in page.text
    sex = rows_of(page, "sex")
    # 6 gave a sex: 1 female (16.7%) against 51.2% -> under-represented; 5 male (83.3%).
    assert sex["Female Under-represented"] == ["1", "16.7%", "51.2%", "-34.5 points"]
    assert sex["Male"] == ["5", "83.3%", "48.8%", "+34.5 points"]
    age = rows_of(page, "age_band")
    assert age["16 to 24 Under-represented"][:3] == ["0", "0.0%", "12.0%"]  # the leaver is not counted
    assert age["65 to 74"][:2] == ["3", "60.0%"]
    summary = page.by_id("sex").parent.text
    assert "Prefer not to say 1" in summary and "Not answered 1" in summary
    total, dimensions = representativeness.compare(panel)
    by_key = {d.key: d for d in dimensions}
    assert (by_key["age_band"].answered, by_key["age_band"].prefer_not, by_key["age_band"].not_answered) == (5, 1, 2)
    assert [g.label for g in by_key["age_band"].under_represented] == [
        "16 to 24", "25 to 34", "35 to 44", "45 to 54"]
    assert "The population profile has no ethnic group figures yet" in page.text
