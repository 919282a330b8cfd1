"""`flask --app app email import PATH... [--json]` and `flask --app app email poll`."""
import json
import sys

import click
from flask.cli import AppGroup

from app.db import db

email_cli = AppGroup("email", help="Email in: import .eml, mbox or Maildir files; poll IMAP.")


def _print_summary(counts, as_json, heading):
    click.echo(f"{heading}: {counts['total']} message(s)")
    for key, label in (("created", "new feedback items"), ("appended", "added to existing feedback"),
                       ("duplicates", "duplicates (nothing created)"),
                       ("auto_replies", "automatic replies, bounces or bulk mail (not answered)"),
                       ("quarantined", "quarantined for an officer to check"),
                       ("acknowledgements_sent", "acknowledgements queued")):
        click.echo(f"  {counts[key]:>6}  {label}")
    if as_json:
        click.echo(json.dumps(counts, sort_keys=False))


@email_cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON on the last line.")
def import_command(paths, as_json):
    """Import messages from .eml files, mbox files or Maildir folders."""
    from app.inbox.importer import check_paths, import_paths
    from app.inbox.services import current_settings

    problem = check_paths(paths)
    if problem:
        click.echo(f"Error: {problem}", err=True)
        sys.exit(2)
    with db.connection_context():
        summary = import_paths(paths, current_settings())
    _print_summary(summary.counts, as_json, "Imported")


@email_cli.command("poll")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON on the last line.")
def poll_command(as_json):
    """Poll the IMAP folder once now (IMAP_HOST, IMAP_USERNAME, IMAP_PASSWORD, ...)."""
    from app.inbox import imap
    from app.inbox.services import current_settings

    settings = current_settings()
    if not settings.imap_host:
        click.echo("Error: IMAP_HOST is not set, so there is no mailbox to poll", err=True)
        sys.exit(2)
    with db.connection_context():
        try:
            summary = imap.poll(settings)
        except imap.PollFailed as failed:
            click.echo(f"Error: the mailbox could not be read ({failed})", err=True)
            sys.exit(1)
    _print_summary(summary.counts, as_json, "Polled")
