"""Every refusal under /api/ is JSON: {code, status, message, errors}. Attached to each API
blueprint (with the audit line of each call); a path or method under /api/ that matches no
route gets the same (the app's own pages answer HTML)."""
import http
import logging

from flask import jsonify, request
from werkzeug.exceptions import HTTPException

from app.api import guard

log = logging.getLogger(__name__)


def error(code, message, errors=None, headers=None):
    payload = {"code": code, "status": http.HTTPStatus(code).phrase, "message": message}
    if errors:
        payload["errors"] = errors
    response = jsonify(payload)
    response.status_code = code
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def attach(bp):
    """JSON errors and the audit line for one API blueprint."""

    @bp.errorhandler(guard.ApiRefusal)
    def refused(refusal):
        return error(refusal.code, refusal.message, headers=refusal.headers)

    @bp.errorhandler(HTTPException)
    def http_error(exc):
        data = getattr(exc, "data", None) or {}
        errors = data.get("errors") or data.get("messages")
        return error(exc.code or 500, data.get("message") or _message(exc, errors), errors,
                     data.get("headers"))

    @bp.errorhandler(Exception)
    def crashed(exc):
        log.exception("API error on %s %s", request.method, request.url_rule)
        return error(500, "Sorry, something went wrong. Try again later.")

    bp.after_request(guard.audit_call)


def _message(exc, errors):
    if errors:
        return "The request was not valid: see errors"
    if exc.code == 400:
        return "The request could not be read: send valid JSON"
    if exc.code == 413:
        return "The body is too large"
    return exc.description or exc.name


def json_routing_errors(app, prefix="/api/"):
    """A path or method under `prefix` that matches no route: JSON 404 / 405 (before the
    dispatch that would raise it)."""

    @app.before_request
    def api_not_found():
        failed = request.routing_exception
        if failed is None or not request.path.startswith(prefix):
            return None
        if getattr(failed, "code", None) == 405:
            allowed = getattr(failed, "valid_methods", None) or ()
            return error(405, "This endpoint does not take that method",
                         headers={"Allow": ", ".join(sorted(allowed))} if allowed else None)
        return error(404, "There is no such endpoint")
