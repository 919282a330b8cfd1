"""Public pages: the landing page, health check and council stylesheet."""
from flask import Blueprint, Response, current_app, jsonify, render_template

from app.db import db
from app.queue import huey

bp = Blueprint("pages", __name__)


@bp.route("/")
def index():
    return render_template("pages/index.html")


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
