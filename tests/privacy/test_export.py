"""Subject access export: a zip the resident can read (HTML and PDF), with the raw files, and
nothing of a second person's."""
import io
import json
import subprocess
import zipfile

import pytest

from app.privacy import export
from app.privacy.find import find
from tests.privacy.test_find import canaries, settings_overrides  # noqa: F401 (fixtures)


def test_the_export_holds_a_readable_summary_a_pdf_and_the_raw_email(canaries, tmp_path):  # noqa: F811
    content, counts = export.build(find("zq.canary@example.org"))
    archive = zipfile.ZipFile(io.BytesIO(content))
    names = archive.namelist()
    assert {"summary.html", "summary.pdf", "records.json"} <= set(names)
    html = archive.read("summary.html").decode()
    assert "Information we hold about you" in html and "zq.canary@example.org" in html
    assert "Zephyrine Quillfeather" in html and "Larkspur Close" in html
    assert "Barnaby" not in html and "bo.second" not in html
    assert "password_hash" not in html and "token_hash" not in html
    raw = [n for n in names if n.startswith("files/email-received-")]
    assert raw and b"OX16 9ZQ" in archive.read(raw[0])
    assert any(n.startswith("files/email-sent-") for n in names)  # the acknowledgement
    records = json.loads(archive.read("records.json"))["records"]
    assert counts["records"] == len(records) and {r["table"] for r in records} >= {"person", "feedback_item"}
    (tmp_path / "summary.pdf").write_bytes(archive.read("summary.pdf"))
    text = subprocess.run(["pdftotext", str(tmp_path / "summary.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Information we hold about you" in text and "zq.canary@example.org" in text


def test_records_found_only_by_their_text_are_marked_for_checking(canaries):  # noqa: F811
    content, _ = export.build(find("Larkspur Close"))
    records = json.loads(zipfile.ZipFile(io.BytesIO(content)).read("records.json"))["records"]
    assert records and all(r["check_before_release"] for r in records)


def test_the_command_writes_the_zip_and_refuses_bad_input(app, canaries, tmp_path):  # noqa: F811
    from app.audit.models import AuditEvent

    runner = app.test_cli_runner()
    out = tmp_path / "sar.zip"
    result = runner.invoke(args=["privacy", "export", "07700 900461", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(out) and "records" in result.output
    event = AuditEvent.get(AuditEvent.action == "privacy.export")
    assert "900461" not in event.summary + event.details
    for args in (["privacy", "export", "ab", "--out", str(out)],
                 ["privacy", "export", "zq.canary@example.org", "--out", str(tmp_path / "no" / "such.zip")]):
        refused = runner.invoke(args=args)
        assert refused.exit_code == 2 and "Error:" in refused.output
