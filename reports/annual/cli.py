"""`flask reports annual-report --start YYYY-MM-DD --out FILE.pdf`: the annual report's draft
content for the 12 months from that day (figures, and the self-assessment with only Heard's
computed evidence), written to a file without saving a report. A malformed or future date is a
one-line error and exit status 2."""
import datetime

import click
from flask import current_app

from app.db import db
from reports.lessons.cli import reports_cli


def _start(text):
    try:
        return datetime.date.fromisoformat((text or "").strip())
    except ValueError:
        raise click.UsageError(f"The start must look like 2025-04-01, not {text!r}.") from None


@reports_cli.command("annual-report")
@click.option("--start", "start_text", required=True, help="The first day of the 12 months, as YYYY-MM-DD.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, writable=True),
              help="Where to write the PDF.")
def annual_report(start_text, out):
    """Write the annual complaints report's draft for the 12 months from --start."""
    from reports.annual import pdf, services
    from reports.tasks import refresh_now

    settings = current_app.config["HEARD"]
    try:
        start = _start(start_text)
    except click.UsageError as error:
        click.echo(f"Error: {error.message}", err=True)
        raise SystemExit(2)
    if start > datetime.date.today():
        click.echo(f"Error: the period starting {start:%-d %B %Y} has not begun.", err=True)
        raise SystemExit(2)
    with db.connection_context():
        refresh_now()
        content, end = pdf.draft(start, council_name=settings.council_name, council_colour=settings.council_colour)
    with open(out, "wb") as handle:
        handle.write(content)
    click.echo(f"Wrote the annual complaints report for {start:%-d %B %Y} to {end:%-d %B %Y} to {out}.")
