"""Backups (issue 15): `flask --app app backup OUT` while residents keep writing, and
`flask --app app restore IN` into a brand-new empty instance, with the refusals.

Runs on both engines: SQLite's online backup API, or pg_dump/pg_restore under
tools/with-postgres.sh (skipped there when PostgreSQL's client tools are missing)."""
import hashlib
import io
import json
import tarfile
import threading
import time
from pathlib import Path

import pytest

from app.db import db
from tests.conftest import TEST_PG_URL, app_settings
from tests.factories import create_feedback


def _pg_tools_missing():
    from app.backup_database import Failed, _pg_tool

    try:
        for name in ("pg_dump", "pg_restore", "psql"):
            _pg_tool(name)
    except Failed:
        return True
    return False


pytestmark = pytest.mark.skipif(bool(TEST_PG_URL) and _pg_tools_missing(),
                                reason="PostgreSQL's client tools (pg_dump, pg_restore, psql) are missing")
PHOTO = b"\xff\xd8\xff\xe0 a resident's photo of the pothole " + bytes(range(256)) * 64


def run(app, *args):
    return app.test_cli_runner().invoke(args=[str(arg) for arg in args])


def one_line_error(result, status=2):
    lines = result.output.strip().splitlines()
    assert result.exit_code == status, result.output
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    return lines[0]


def manifest_of(archive):
    with tarfile.open(archive, "r:gz") as tar:
        return json.load(tar.extractfile("manifest.json"))


def attach(app, item, data=PHOTO):
    from app.attachments import store
    from app.attachments.models import Attachment

    with app.app_context():
        name = store.save(data)
    Attachment.create(item=item, filename="pothole.jpg", content_type="image/jpeg", kind="image",
                      size=len(data), sha256=hashlib.sha256(data).hexdigest(), storage_name=name)
    return name


def feedback_count():
    from app.feedback.models import FeedbackItem

    with db.connection_context():
        return FeedbackItem.select().count()


@pytest.fixture
def empty_instance(template_database, tmp_path):
    """Builds a brand-new instance (its own folder; on SQLite a database file that does not exist
    yet, on PostgreSQL a new, migrated, empty database) and makes it the app in use."""
    from app import create_app

    made = []

    def build(name="restored", migrated=False):
        db.close()
        folder = tmp_path / name
        folder.mkdir()
        if TEST_PG_URL or migrated:
            url = template_database.fresh_copy(folder)
        else:
            url = f"sqlite:///{folder / 'new' / 'heard.db'}"
        made.append(url)
        return create_app(app_settings(folder, url))

    yield build
    db.close()
    for url in made:
        template_database.discard(url)


def test_backup_while_residents_write_then_restore_into_an_empty_instance(app, tmp_path, empty_instance):
    from app.feedback.services import record_feedback

    item = create_feedback(text="The pothole on Mill Lane, photo attached")
    stored = attach(app, item)
    instance = Path(app.instance_path)
    (instance / "secret_key").write_text("the instance's own secret")
    stop, written, failures = threading.Event(), [], []

    def keep_writing():
        try:
            with app.app_context(), db.connection_context():
                while not stop.is_set():
                    written.append(record_feedback(kind="comment", channel="web",
                                                   text=f"Comment number {len(written)}").id)
        except Exception as error:  # noqa: BLE001  reported by the assertion below
            failures.append(error)

    writer = threading.Thread(target=keep_writing, daemon=True)
    writer.start()
    try:
        deadline = time.monotonic() + 30
        while len(written) < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        before = len(written)
        result = run(app, "backup", tmp_path, "--json")
        after = len(written)
        while len(written) < after + 5 and time.monotonic() < deadline + 30:
            time.sleep(0.01)
    finally:
        stop.set()
        writer.join(timeout=30)
    assert not failures and before >= 20
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    archive = Path(summary["path"])
    assert archive.parent == tmp_path and archive.name.startswith("heard-backup-")
    assert archive.name.endswith(".tar.gz") and archive.stat().st_mode & 0o077 == 0
    manifest = manifest_of(archive)
    assert summary["integrity"] == manifest["integrity"] == "ok" and summary["rows"] == manifest["rows"]
    assert manifest["secret_key"] and manifest["files"]["attachments"] == 1 and not manifest["missing_files"]
    # A consistent snapshot taken while the writer ran: every item it holds has its timeline entry.
    saved = manifest["tables"]["feedback_item"]
    assert after > before, "no feedback was recorded while the backup ran"
    assert 1 + before <= saved <= 2 + after < feedback_count()  # (one may be committed, not yet counted)
    assert manifest["tables"]["feedback_status_change"] == saved

    target = empty_instance()
    restored = run(target, "restore", archive, "--json")
    assert restored.exit_code == 0, restored.output
    report = json.loads(restored.output.strip().splitlines()[-1])
    assert report["integrity"] == "ok" and report["migrations_applied"] == []
    assert report["tables"] == manifest["tables"] and report["rows"] == manifest["rows"]
    assert feedback_count() == saved
    if not TEST_PG_URL:
        with db.connection_context():
            assert db.obj.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
    from app.attachments import store

    with target.app_context():
        assert store.read(stored) == PHOTO
        assert store.path_of(stored).is_relative_to(Path(target.instance_path))
    assert (Path(target.instance_path) / "secret_key").read_text() == "the instance's own secret"
    assert not list(Path(target.instance_path).glob(".restore-*"))


def test_restore_prints_what_it_restored(app, tmp_path, empty_instance):
    create_feedback()
    result = run(app, "backup", tmp_path / "nightly.tar.gz")
    assert result.exit_code == 0, result.output
    assert f"Wrote {tmp_path / 'nightly.tar.gz'}" in result.output
    assert "Integrity check of the copy: ok." in result.output and "attachments 0" in result.output
    assert "not in the backup (it comes from SECRET_KEY)" in result.output  # the tests set SECRET_KEY
    again = run(app, "backup", tmp_path / "nightly.tar.gz")
    assert "already exists" in one_line_error(again)

    target = empty_instance()
    restored = run(target, "restore", tmp_path / "nightly.tar.gz")
    assert restored.exit_code == 0, restored.output
    assert "No migrations were needed." in restored.output and "Integrity check: ok." in restored.output
    assert "feedback_item" in restored.output and "set the SECRET_KEY" in restored.output


def test_restore_refuses_a_database_that_holds_data_unless_forced(app, tmp_path):
    from app.attachments import store

    create_feedback(text="In the backup")
    archive = tmp_path / "backup.tar.gz"
    assert run(app, "backup", archive).exit_code == 0
    create_feedback(text="Recorded after the backup")
    late_file = attach(app, create_feedback(text="With a file, after the backup"))

    refused = one_line_error(run(app, "restore", archive))
    assert "already holds data" in refused and "--force" in refused
    assert feedback_count() == 3

    forced = run(app, "restore", archive, "--force")
    assert forced.exit_code == 0, forced.output
    assert "Integrity check: ok." in forced.output
    assert feedback_count() == 1
    with app.app_context():
        assert not store.path_of(late_file).exists()  # the instance's files are the backup's


def test_a_freshly_migrated_database_counts_as_empty(app, tmp_path, empty_instance):
    create_feedback()
    archive = tmp_path / "backup.tar.gz"
    assert run(app, "backup", archive).exit_code == 0
    target = empty_instance(migrated=True)  # service areas and topics, as the migrations put them
    restored = run(target, "restore", archive)
    assert restored.exit_code == 0, restored.output
    assert feedback_count() == 1


def test_restoring_an_older_backup_applies_the_newer_migrations(app, tmp_path, empty_instance):
    from app.schema import runner

    create_feedback()  # before the revert: the models are the newest release's
    with db.connection_context():
        reverted = runner(db.obj).down()  # the database as the previous release left it
    archive = tmp_path / "older.tar.gz"
    assert run(app, "backup", archive).exit_code == 0
    assert reverted[0] not in manifest_of(archive)["migrations"]

    target = empty_instance()
    restored = run(target, "restore", archive)
    assert restored.exit_code == 0, restored.output
    assert f"Applied 1 migration(s): {reverted[0]}." in restored.output
    assert "Integrity check: ok." in restored.output and feedback_count() == 1


def rewritten(archive, out, change):
    """A copy of `archive` with its members (name -> bytes) passed through `change`."""
    with tarfile.open(archive, "r:gz") as tar:
        members = {member.name: tar.extractfile(member).read() for member in tar}
    change(members)
    with tarfile.open(out, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out


def with_manifest(**changes):
    def change(members):
        manifest = json.loads(members.pop("manifest.json"))
        manifest.update(changes)
        members["manifest.json"] = json.dumps(manifest).encode()
    return change


def test_restore_refuses_what_is_not_a_whole_backup_in_one_line(app, tmp_path):
    create_feedback()
    archive = tmp_path / "backup.tar.gz"
    assert run(app, "backup", archive).exit_code == 0
    manifest = manifest_of(archive)
    newer = with_manifest(migrations=manifest["migrations"] + ["9999_from_a_newer_heard"])
    other = "postgresql" if manifest["engine"] == "sqlite" else "sqlite"
    (tmp_path / "notes.txt").write_text("not a backup")
    data = archive.read_bytes()
    (tmp_path / "cut-short.tar.gz").write_bytes(data[: len(data) // 2])

    def tamper(members):
        database = next(name for name in members if name.startswith("database/"))
        damaged = bytearray(members[database])
        damaged[len(damaged) // 2] ^= 0xFF
        members[database] = bytes(damaged)

    cases = {
        tmp_path / "missing.tar.gz": "There is no backup file",
        tmp_path / "notes.txt": "is not a whole Heard backup",
        tmp_path / "cut-short.tar.gz": "is not a whole Heard backup",
        rewritten(archive, tmp_path / "no-manifest.tar.gz",
                  lambda m: m.pop("manifest.json")): "has no manifest",
        rewritten(archive, tmp_path / "escape.tar.gz",
                  lambda m: m.update({"../../escape.txt": b"x"})): "is not a Heard backup",
        rewritten(archive, tmp_path / "tampered.tar.gz", tamper): "does not match the checksum",
        rewritten(archive, tmp_path / "lost-file.tar.gz",
                  lambda m: m.pop(next(n for n in m if n.startswith("database/")))): "is incomplete",
        rewritten(archive, tmp_path / "newer.tar.gz", newer): "from a newer Heard",
        rewritten(archive, tmp_path / "other.tar.gz", with_manifest(engine=other)): "on the same engine",
        rewritten(archive, tmp_path / "alien.tar.gz",
                  with_manifest(format="something-else")): "not one Heard wrote",
    }
    for path, message in cases.items():
        error = one_line_error(run(app, "restore", path, "--force"))
        assert message in error, (path.name, error)
    assert not (tmp_path.parent / "escape.txt").exists() and not (tmp_path / "escape.txt").exists()
    assert feedback_count() == 1 and not list(Path(app.instance_path).glob(".restore-*"))


def test_backup_refuses_a_folder_that_does_not_exist(app, tmp_path):
    assert "There is no folder" in one_line_error(run(app, "backup", tmp_path / "nowhere" / "b.tar.gz"))
