"""`flask reports lessons-learnt --service NAME --month YYYY-MM --out FILE.pdf`: one service's
lessons-learnt PDF for one month, written to a file. A service or month that does not exist is
a one-line error and exit status 2."""
import click
from flask import current_app
from flask.cli import AppGroup

from app.db import db

reports_cli = AppGroup("reports", help="Reports built from the dashboard's figures.")


@reports_cli.command("lessons-learnt")
@click.option("--service", "service_name", required=True, help="The service's name or slug.")
@click.option("--month", "month_text", required=True, help="The month, as YYYY-MM.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, writable=True),
              help="Where to write the PDF.")
def lessons_learnt(service_name, month_text, out):
    """Write one service's lessons-learnt PDF for one month."""
    from reports.tasks import refresh_now
    from reports.lessons import lessons_pdf
    from reports.lessons.gather import ReportError, find_service, gather, parse_month

    settings = current_app.config["HEARD"]
    with db.connection_context():
        try:
            year, number = parse_month(month_text)
            service = find_service(service_name)
        except ReportError as error:
            click.echo(f"Error: {error}", err=True)
            raise SystemExit(2)
        refresh_now()  # under the worker's lock, so the two never rewrite the same days at once
        report = gather(service, year, number)
        content = lessons_pdf(report, council_name=settings.council_name, council_colour=settings.council_colour)
    with open(out, "wb") as handle:
        handle.write(content)
    click.echo(f"Wrote the lessons-learnt report for {service.name}, {report.period}, to {out}.")
