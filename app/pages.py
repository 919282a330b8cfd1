"""Public pages: the landing page, the accessibility statement, health check and council
stylesheet."""
import datetime

from flask import Blueprint, Response, current_app, jsonify, render_template

from app.db import db
from app.queue import huey

bp = Blueprint("pages", __name__)
# Move these on whenever the statement is reviewed or the service is tested again by hand.
STATEMENT_PREPARED = datetime.date(2026, 12, 6)
STATEMENT_REVIEWED = datetime.date(2026, 12, 6)


@bp.route("/")
def index():
    return render_template("pages/index.html")


@bp.route("/accessibility")
def accessibility():
    """The accessibility statement, in the shape of GOV.UK's model statement."""
    settings = current_app.config["HEARD"]
    return render_template("pages/accessibility.html", prepared=STATEMENT_PREPARED,
                           reviewed=STATEMENT_REVIEWED, contact_email=settings.council_contact_email,
                           contact_phone=settings.council_contact_phone, base_url=settings.base_url,
                           idle_minutes=settings.session_idle_minutes)


@bp.route("/council.css")
def council_css():
    colour = current_app.config["HEARD"].council_colour  # validated as #rrggbb in settings
    body = f":root {{ --council-colour: {colour}; }}\n"
    response = Response(body, mimetype="text/css")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.route("/healthz")
def healthz():
    checks = {"database": _database_ok(), "queue": _queue_ok()}
    status = 200 if all(checks.values()) else 503
    return jsonify(status="ok" if status == 200 else "unavailable", **checks), status


def _database_ok():
    try:
        db.execute_sql("SELECT 1").fetchone()
        return True
    except Exception:
        current_app.logger.exception("health check: database unreachable")
        return False


def _queue_ok():
    try:
        huey.pending_count()
        return True
    except Exception:
        current_app.logger.exception("health check: queue unreachable")
        return False
