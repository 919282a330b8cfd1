"""Heard's first draft: the period's themes with the query layer's figures, the most
representative quotes of each theme, and "We did" from done actions."""
from reports.queries.filters import Filters
from reports.queries.topics import top_topics
from reports.yswd import quotes
from reports.yswd.models import Publication, PublicationAction, PublicationQuote, PublicationTheme
from tests.factories import create_done_action, service
from tests.reports.yswd.helpers import draft, said, signed_in, this_month


def test_the_draft_has_the_query_layers_themes_counts_and_sentiment(app):
    for n in range(3):
        said(f"Waited {n + 3} weeks for anyone to fix the pothole.", themes=("delay",))
    said("Still waiting to hear back about the drain.", themes=("delay", "communication"), sentiment="neutral")
    said("The crew were friendly and quick.", themes=("staff-attitude",), sentiment="positive")
    said("Bins somewhere else entirely.", themes=("delay",), service_slug="waste-recycling")
    client = signed_in(app)
    publication = Publication.get_by_id(draft(client))

    _, start, end = this_month()
    expected = top_topics(Filters(start=start, end=end, services=(service("highways").id,)), limit=5)
    themes = list(publication.themes.order_by(PublicationTheme.position))
    assert [(t.name, t.count, t.negative, t.neutral, t.positive) for t in themes] == \
        [(f.name, f.count, f.negative, f.neutral, f.positive) for f in expected]
    assert [(t.name, t.count) for t in themes][0] == ("Delay", 4)  # not the other service's item
    assert publication.status == "draft" and publication.drafted_by_id == client.user.id
    assert "you told us most about delay, communication and staff attitude" in publication.summary
    assert "Delay came up 4 times (up from 0 the period before): 3 negative and 1 neutral or mixed." \
        in publication.summary

    html = client.get(f"/staff/you-said-we-did/{publication.id}").get_data(as_text=True)
    assert "3 negative and 1 neutral or mixed" in html and "Waiting for a decision" in html


def test_quotes_are_the_words_closest_to_the_themes_centre(app):
    # Three residents say much the same; one says something else under the same theme.
    typical = said("The repair took months and nobody called me back.", vector=[1, 0.1, 0])
    said("Months waiting for the repair, no call back at all.", vector=[0.9, 0.2, 0], quote=False)
    said("I waited months for this repair to be done.", vector=[1, 0, 0.1], quote=False)
    odd = said("Waiting for the bin crew while the parking warden watched.", vector=[0, 0.2, 1])
    ids = quotes.theme_item_ids(_delay_id(), *this_month()[1:])
    ranked = quotes.candidates(ids)
    assert [c.item_id for c in ranked] == [typical.id, odd.id]
    assert ranked[0].score > 0.9 > ranked[1].score


def test_without_embeddings_the_words_decide(app):
    typical = said("The pothole repair was slow, the pothole is still there.")
    said("Pothole repair slow. Pothole still there after weeks.", quote=False)
    odd = said("Everyone at the library desk was lovely to my mum today.")
    ranked = quotes.candidates(quotes.theme_item_ids(_delay_id(), *this_month()[1:]))
    assert [c.item_id for c in ranked] == [typical.id, odd.id]


def test_quotes_that_repeat_each_others_words_are_offered_once(app):
    twins = [said("I reported the pothole on Sandpit Lane 5 weeks ago and nobody has told me when it will be "
                  "fixed.", vector=[1, 0, 0]),
             said("I reported the pothole on Quarry Hill 3 weeks ago and nobody has told me when it will be "
                  "fixed.", vector=[1, 0.01, 0])]
    other = said("Still no repair date for the hole outside the school, and the website says nothing.",
                 vector=[1, 0.2, 0])
    ranked = quotes.candidates(quotes.theme_item_ids(_delay_id(), *this_month()[1:]))
    offered = [c.item_id for c in ranked]
    assert len(offered) == 2 and other.id in offered
    assert len({twin.id for twin in twins} & set(offered)) == 1


def test_we_did_is_the_done_actions_public_summaries(app):
    create_done_action(title="Mill Lane resurfaced", public_summary="We resurfaced Mill Lane.")
    create_done_action(title="Other service", service_slug="waste-recycling",
                       public_summary="We moved the collection day.")
    create_done_action(title="No summary yet", public_summary="  ")
    from app.actions.models import Action

    Action.create(title="Still going", service=service("highways"), status="in_progress",
                  public_summary="We are fixing it.")
    said("Waited weeks for a reply.")
    client = signed_in(app)
    publication = Publication.get_by_id(draft(client))
    entries = list(PublicationAction.select().where(PublicationAction.publication == publication))
    assert [(e.title, e.summary) for e in entries] == [("Mill Lane resurfaced", "We resurfaced Mill Lane.")]


def test_a_draft_for_the_whole_council_counts_every_service(app):
    said("Waited weeks for the pothole.")
    said("Waited weeks for the bin.", service_slug="waste-recycling")
    client = signed_in(app)
    publication = Publication.get_by_id(draft(client, service="whole-council"))
    assert publication.service_id is None and publication.service_name == "the whole council"
    assert [(t.name, t.count) for t in publication.themes] == [("Delay", 2)]
    assert PublicationQuote.select().where(PublicationQuote.publication == publication).count() == 2


def _delay_id():
    from app.learning.models import Topic

    return Topic.get(Topic.key == "delay").id
