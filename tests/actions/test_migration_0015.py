"""Migration 0015 turns every follow-up typed at closing into a proposed action of its case's
service, linked to its case: none is lost. Runs on SQLite and (make test-postgres) PostgreSQL."""
import datetime
import os
from urllib.parse import urlparse, urlunparse

import pytest

from app.db import connect_database
from app.schema import runner
from tests.conftest import TEST_PG_URL

CREATED = datetime.datetime(2025, 11, 3, 14, 30)


@pytest.fixture
def database(tmp_path):
    """An empty database of its own (not the suite's migrated template)."""
    if not TEST_PG_URL:
        db = connect_database(f"sqlite:///{tmp_path / 'migrate.db'}")
        yield db
        db.close()
        return
    import psycopg

    name = f"heard_migration_{os.getpid()}"
    admin = [f'DROP DATABASE IF EXISTS "{name}"']
    with psycopg.connect(TEST_PG_URL, autocommit=True) as conn:
        for sql in admin + [f'CREATE DATABASE "{name}"']:
            conn.execute(sql)
    db = connect_database(urlunparse(urlparse(TEST_PG_URL)._replace(path="/" + name)))
    yield db
    db.close()
    with psycopg.connect(TEST_PG_URL, autocommit=True) as conn:
        conn.execute(admin[0])


def insert_case(db, reference, service_slug):
    service_id = db.execute_sql("SELECT id FROM service_area WHERE slug = %s" % db.param, (service_slug,)).fetchone()[0]
    db.execute_sql(
        "INSERT INTO case_record (reference, kind, status, stage, title, service_id, anonymous, urgent, "
        "special_category, channel, received_at, created_at, next_due_what, paused, outcome, remedy_apology, "
        "remedy_action, root_cause, lessons_learnt, ombudsman, ombudsman_outcome, is_demo) VALUES "
        f"({', '.join([db.param] * 22)})",
        (reference, "complaint", "closed", 1, "", service_id, False, False, False, "web", CREATED, CREATED, "",
         False, "upheld", False, "", "process", "", "", "", False))
    return db.execute_sql("SELECT id FROM case_record WHERE reference = %s" % db.param, (reference,)).fetchone()[0], \
        service_id


def test_every_follow_up_becomes_a_proposed_action_of_its_cases_service(database):
    with database.connection_context():
        runner(database).up(target="0014_survey_flags")
        first, waste = insert_case(database, "HRD-2025-000001", "waste-recycling")
        second, highways = insert_case(database, "HRD-2025-000002", "highways")
        typed = [(first, "Add Mill Lane to the crew's route"), (first, "Tell crews when the collection day changes\n"
                                                                    "and check the new rota with the depot"),
                 (second, "Repaint the lines on Oak Road")]
        for case_id, text in typed:
            database.execute_sql("INSERT INTO case_action_link (case_id, action_id, description, created_at) "
                                 f"VALUES ({database.param}, NULL, {database.param}, {database.param})",
                                 (case_id, text, CREATED))
        applied = runner(database).up()
        assert applied[0] == "0015_actions"
        rows = database.execute_sql(
            "SELECT l.case_id, l.description, a.title, a.description, a.service_id, a.status "
            "FROM case_action_link l JOIN action a ON a.id = l.action_id ORDER BY l.id").fetchall()
    assert rows == [
        (first, typed[0][1], typed[0][1], typed[0][1], waste, "proposed"),
        (first, typed[1][1], "Tell crews when the collection day changes", typed[1][1], waste, "proposed"),
        (second, typed[2][1], typed[2][1], typed[2][1], highways, "proposed"),
    ]
