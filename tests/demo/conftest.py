"""The demo seeded once per run: a test marked `seeded` gets its own copy of a database the
demo was seeded into for TODAY, and the seed's result as the `seeded` fixture. Seeding takes
about a minute; tests that check seeding itself still call seed_demo."""
import datetime

import pytest

from tests.conftest import app_settings

TODAY = datetime.date(2026, 3, 16)  # a Monday


@pytest.fixture(scope="session")
def seeded_demo(template_database, tmp_path_factory):
    result = {}

    def seed(url):
        from app import create_app
        from app.db import db
        from app.demo.seed import seed_demo

        create_app(app_settings(tmp_path_factory.mktemp("seeding"), url))
        db.connect(reuse_if_open=True)
        result["seed"] = seed_demo(today=TODAY)
        db.close()

    template = template_database.derived(tmp_path_factory.mktemp("seeded"), seed)
    template.result = result["seed"]
    return template


@pytest.fixture
def database_url(request, template_database, tmp_path):
    source = request.getfixturevalue("seeded_demo") if request.node.get_closest_marker("seeded") \
        else template_database
    url = source.fresh_copy(tmp_path)
    yield url
    source.discard(url)


@pytest.fixture
def seeded(request, seeded_demo):
    """The SeedResult of the seeded demo (for tests marked `seeded`)."""
    assert request.node.get_closest_marker("seeded"), "mark the test @pytest.mark.seeded"
    return seeded_demo.result
