"""flask privacy: the data protection officer's commands (issue 14).

    flask --app app privacy find QUERY [--json]
    flask --app app privacy export QUERY --out FILE.zip
    flask --app app privacy erase QUERY --reason TEXT [--json]
    flask --app app privacy retention [--json]

Bad input gets a one-line error and exit status 2. Each search is audited with who (the
command line), when and how many records it found; never the query itself."""
import json
import sys

import click
from flask.cli import AppGroup

from app.db import db

privacy_cli = AppGroup("privacy", help="Subject access, erasure and retention (UK GDPR).")


def _fail(message):
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


@privacy_cli.command("find")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print one line of JSON.")
def find_command(query, as_json):
    """Everything Heard holds about a person: QUERY is an email address, phone number, name or
    reference (HRD-2026-000123)."""
    from app.audit.services import record
    from app.privacy.find import QueryError, find

    with db.connection_context():
        try:
            search = find(query)
        except QueryError as error:
            _fail(str(error))
        record("privacy.find", object_type="subject_access", summary=(
            f"Subject access search by {search.kind}: {search.total} records in "
            f"{len(search.records)} tables (command line)"))
    if as_json:
        click.echo(json.dumps(search.as_dict()))
        return
    if not search.total:
        click.echo(f"Nothing found for that {search.kind}.")
        return
    click.echo(f"Found {search.total} records in {len(search.records)} tables (searched by {search.kind}):")
    for table, rows in sorted(search.records.items()):
        ids = ", ".join(str(row_id) for row_id in sorted(rows)[:20])
        more = f" and {len(rows) - 20} more" if len(rows) > 20 else ""
        click.echo(f"  {table}: {len(rows)} ({ids}{more})")


@privacy_cli.command("retention")
@click.option("--json", "as_json", is_flag=True, help="Print one line of JSON.")
def retention_command(as_json):
    """Apply the retention schedule now (as the nightly task does): delete or anonymise what
    has outlived its period, except under a legal hold; prints the counts."""
    from app.privacy import retention

    with db.connection_context():
        done = retention.run()
    if as_json:
        click.echo(json.dumps({"counts": done, "total": sum(done.values())}))
        return
    if not done:
        click.echo("Nothing had expired.")
        return
    click.echo("Deleted or anonymised: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(done.items())))


@privacy_cli.command("export")
@click.argument("query")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False),
              help="Where to write the zip.")
def export_command(query, out_path):
    """Write a subject access export (zip: summary.html, summary.pdf, records.json and the
    raw files) for the person QUERY finds."""
    from pathlib import Path

    from app.audit.services import record
    from app.privacy import export
    from app.privacy.find import QueryError, find

    target = Path(out_path)
    if not target.parent.is_dir():
        _fail(f"No folder {target.parent} to write the export to")
    with db.connection_context():
        try:
            search = find(query)
        except QueryError as error:
            _fail(str(error))
        content, counts = export.build(search)
        record("privacy.export", object_type="subject_access", summary=(
            f"Subject access export by {search.kind}: {counts['records']} records, {counts['files']} files "
            "(command line)"))
    try:
        target.write_bytes(content)
    except OSError as error:
        _fail(f"Could not write {target}: {error.strerror or error}")
    click.echo(f"Wrote {target}: {counts['records']} records and {counts['files']} files. Records marked "
               f"'{export.TEXT_ONLY}' were found only by their text: redact what is about others first.")


@privacy_cli.command("erase")
@click.argument("query")
@click.option("--reason", default="", help="Why (the request: its date and how it came).")
@click.option("--json", "as_json", is_flag=True, help="Print one line of JSON.")
def erase_command(query, reason, as_json):
    """Erase or anonymise everything about the person QUERY (an email address, phone number or
    reference) finds, except what an exception keeps: each kept record is listed with it."""
    from app.privacy.erasure import erase
    from app.privacy.find import QueryError

    with db.connection_context():
        try:
            result = erase(query, reason)
        except QueryError as error:
            _fail(str(error))
    if as_json:
        click.echo(json.dumps(result.as_dict()))
        return
    click.echo("Erased: " + (", ".join(f"{t} {n}" for t, n in sorted(result.erased.items())) or "nothing"))
    click.echo("Anonymised: " + (", ".join(f"{t} {n}" for t, n in sorted(result.anonymised.items())) or "nothing"))
    for kept in result.kept:
        click.echo(f"Kept {kept['table']} {kept['id']}: {kept['exception']}")
