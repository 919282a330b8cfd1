"""What must never reach a public page, its PDF or its feed: a quote no officer approved, a
special-category item's words, the words of a resident who did not agree to be quoted, and a
resident's email address, phone number or postcode."""
import pytest

from app.cases.models import Case
from app.cases.services import open_case
from app.learning.models import SafeguardingFlag
from reports.yswd.models import Publication, PublicationQuote
from tests.reports.yswd.helpers import decide, draft, pdf_text, press, publish, said, signed_in

NEVER = {
    "unapproved": "Nobody has looked at this unapproved quote about the slow gully repair.",
    "rejected": "An officer rejected these words about the slow gully repair.",
    "no consent": "I said no to quoting: the slow gully repair took ages.",
    "flagged": "The slow gully repair meant I could not get out and I feel unsafe at home.",
    "health needs": "The slow gully repair is hard with my wheelchair, please help.",
    "special case": "My complaint about the slow gully repair and my hospital visits.",
}
PERSONAL = ("jo.bloggs@example.com", "07700 900123", "OX16 5AB", "Jo Bloggs")


@pytest.fixture
def published(app):
    """A published report whose page, PDF and feed the tests read; `quotes` by name."""
    from app.people.models import Person

    approved = said("The slow gully repair took months and nobody called me back, it was poor.")
    jo = Person.create(name="Jo Bloggs", email="jo.bloggs@example.com")
    with_details = said("Jo Bloggs here: the slow gully repair took weeks. Ring 07700 900123 or write "
                        "to jo.bloggs@example.com, my postcode is OX16 5AB.", person=jo)
    said(NEVER["no consent"], quote=False)
    said(NEVER["health needs"], support_needs="accessibility")
    SafeguardingFlag.create(item=said(NEVER["flagged"]), reasons='["risk"]')
    special = said(NEVER["special case"], kind="complaint")
    Case.update(special_category=True).where(Case.id == open_case(special).id).execute()
    # Words the redactor would miss, caught by the second guard: never even offered.
    dodged = said("The slow gully repair by my house at OX16  5AB, write to jo at example dot com.")
    unapproved, rejected = said(NEVER["unapproved"]), said(NEVER["rejected"])

    client = signed_in(app)
    publication = Publication.get_by_id(draft(client))
    offered = {quote.item_id: quote for quote in publication.quotes}
    assert set(offered) == {approved.id, with_details.id, unapproved.id, rejected.id}
    assert dodged.id not in offered
    for item in (approved, with_details):
        assert decide(client, publication.id, offered[item.id].id, "approve").status_code == 302
    assert decide(client, publication.id, offered[rejected.id].id, "reject").status_code == 302
    publish(client, publication.id)
    return Publication.get_by_id(publication.id), offered[with_details.id]


def _public_texts(client, publication, tmp_path):
    page = client.get(f"/you-said-we-did/{publication.slug}")
    assert page.status_code == 200
    pdf = client.get(f"/you-said-we-did/{publication.slug}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    feed = client.get("/you-said-we-did/feed.atom")
    assert feed.mimetype == "application/atom+xml"
    index = client.get("/you-said-we-did").get_data(as_text=True)
    return {"page": page.get_data(as_text=True), "pdf": pdf_text(pdf.data, tmp_path),
            "feed": feed.get_data(as_text=True), "index": index}


def _squash(text):
    return " ".join(text.replace("&#39;", "'").split())


def test_only_approved_redacted_quotes_are_public(app, published, tmp_path):
    publication, with_details = published
    texts = _public_texts(app.test_client(), publication, tmp_path)
    for where, text in texts.items():
        flat = _squash(text)
        for name, words in NEVER.items():
            assert words not in flat, (where, name)
        for detail in PERSONAL:
            assert detail not in flat, (where, detail)
    for where in ("page", "pdf"):
        flat = _squash(texts[where])
        assert "nobody called me back" in flat, where
        assert "[name] here: the slow gully repair took weeks. Ring [phone]" in flat, where
        assert "[email], my postcode is [postcode]" in flat, where
    assert with_details.text.startswith("[name] here")


def test_an_item_that_becomes_special_category_after_approval_disappears(app, published, tmp_path):
    publication, with_details = published
    SafeguardingFlag.create(item=with_details.item_id, reasons='["risk"]')
    html = app.test_client().get(f"/you-said-we-did/{publication.slug}").get_data(as_text=True)
    assert "Ring [phone]" not in _squash(html) and "nobody called me back" in _squash(html)


def test_publishing_withdraws_an_approved_quote_that_can_no_longer_be_used(app):
    item = said("The slow gully repair took months and nobody called me back.")
    client = signed_in(app)
    publication_id = draft(client)
    quote = PublicationQuote.get(PublicationQuote.item == item.id)
    decide(client, publication_id, quote.id, "approve")
    assert press(client, publication_id, "review").status_code == 302
    SafeguardingFlag.create(item=item, reasons='["risk"]')
    assert press(client, publication_id, "publish").status_code == 302
    assert PublicationQuote.get_by_id(quote.id).status == "rejected"
    slug = Publication.get_by_id(publication_id).slug
    assert "nobody called me back" not in app.test_client().get(f"/you-said-we-did/{slug}").get_data(as_text=True)


def test_a_quote_cannot_be_approved_once_its_item_is_special_category(app):
    item = said("The slow gully repair took months and nobody called me back.")
    client = signed_in(app)
    publication_id = draft(client)
    quote = PublicationQuote.get(PublicationQuote.item == item.id)
    SafeguardingFlag.create(item=item, reasons='["risk"]')
    decide(client, publication_id, quote.id, "approve")
    assert PublicationQuote.get_by_id(quote.id).status == "candidate"
    html = client.get(f"/staff/you-said-we-did/{publication_id}").get_data(as_text=True)
    assert "can no longer be used" in html
