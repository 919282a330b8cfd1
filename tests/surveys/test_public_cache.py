"""The public survey page remembers a survey's definition for PUBLIC_CACHE_SECONDS in each web
process, so a busy touchpoint reads no survey rows for most residents; a change reaches them
within that time, and with 0 at once."""
import pytest

from surveys import public_cache
from tests.surveys.helpers import create_survey, create_touchpoint


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, public_cache_seconds=60)


def test_a_closed_touchpoint_shows_after_the_memory_lapses(app, client, monkeypatch):
    from surveys.models import Touchpoint

    public_cache.forget()
    touchpoint = create_touchpoint(create_survey())
    assert client.get(f"/s/{touchpoint.code}").status_code == 200
    Touchpoint.update(active=False).where(Touchpoint.id == touchpoint.id).execute()
    assert "closed" not in client.get(f"/s/{touchpoint.code}").get_data(as_text=True).lower()  # remembered
    clock = [public_cache.time.monotonic() + 61]
    monkeypatch.setattr(public_cache.time, "monotonic", lambda: clock[0])
    html = client.get(f"/s/{touchpoint.code}").get_data(as_text=True)
    assert "not taking answers" in html.lower() or "closed" in html.lower()
    public_cache.forget()


def test_an_unknown_code_is_not_found_and_answers_still_count(app, client):
    from surveys.models import Response

    from tests.web import csrf_token
    from tests.surveys.helpers import good_answers

    public_cache.forget()
    assert client.get("/s/NOPE1234").status_code == 404
    survey = create_survey()
    touchpoint = create_touchpoint(survey)
    for _ in range(2):
        data = dict(good_answers(survey), csrf_token=csrf_token(client, f"/s/{touchpoint.code}"))
        assert client.post(f"/s/{touchpoint.code}", data=data).status_code == 302
    assert Response.select().count() == 2
    public_cache.forget()
