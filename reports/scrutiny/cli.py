"""`flask reports scrutiny-pack --quarter YYYY-MM --out FILE.pdf`: the council's scrutiny pack for
the quarter starting that month, written to a file. A malformed quarter, or one that has not
ended, is a one-line error and exit status 2."""
import click
from flask import current_app

from app.db import db
from reports.lessons.cli import reports_cli


@reports_cli.command("scrutiny-pack")
@click.option("--quarter", "quarter_text", required=True, help="The quarter's first month, as YYYY-MM.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, writable=True),
              help="Where to write the PDF.")
def scrutiny_pack(quarter_text, out):
    """Write the quarterly scrutiny pack for the councillor responsible for complaints."""
    from app.cases.clocks import london_today
    from reports.scrutiny import pdf
    from reports.scrutiny.gather import gather
    from reports.scrutiny.quarters import QuarterError, parse
    from reports.tasks import refresh_now

    settings = current_app.config["HEARD"]
    try:
        quarter = parse(quarter_text, london_today())
    except QuarterError as error:
        click.echo(f"Error: {error}.", err=True)
        raise SystemExit(2)
    with db.connection_context():
        refresh_now()
        content = pdf.build(gather(quarter), council_name=settings.council_name,
                            council_colour=settings.council_colour)
    with open(out, "wb") as handle:
        handle.write(content)
    click.echo(f"Wrote the scrutiny pack for {quarter.words} to {out}.")
