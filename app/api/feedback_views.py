"""/api/v1/feedback: send feedback in, read a reference's status, list and read classified
feedback. Every view is guarded (app.api.guard) before its arguments are read."""
import functools
import http
import re

from flask import g, request
from flask_smorest import Blueprint

from app.api import errors, intake, reads
from app.api.guard import SECURITY, ApiRefusal, requires
from app.api.schemas import (FeedbackCreatedSchema, FeedbackInSchema, FeedbackOutSchema, FeedbackQuerySchema,
                             StatusSchema)

bp = Blueprint("api_feedback", __name__, url_prefix="/api/v1/feedback",
               description="Feedback: send it in, follow it, and read it classified")

BODY_LIMIT = 256 * 1024  # 10,000 characters, each escaped as \uXXXX\uXXXX, fit well inside
MAX_PAGE = 100_000
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")


def _errors(*codes):
    """Document the refusals a view may answer with, from flask-smorest's response components."""

    def decorator(view):
        for code in codes:
            view = bp.alt_response(code, http.HTTPStatus(code).name)(view)
        return view

    return decorator


def _json_body():
    """Refuse a body that is not JSON (415) or is too big (413) before webargs reads it."""
    request.max_content_length = BODY_LIMIT
    if not request.is_json:
        raise ApiRefusal(415, "Send the body as JSON, with Content-Type: application/json")
    if (request.content_length or 0) > BODY_LIMIT:
        raise ApiRefusal(413, f"The body is too large: at most {BODY_LIMIT // 1024} KB")
    try:
        request.get_json(silent=True)  # read once here (cached), so webargs never meets these
    except RecursionError:
        raise ApiRefusal(400, "The JSON is nested too deeply")


def json_only(view):
    @functools.wraps(view)
    def checked(*args, **kwargs):
        _json_body()
        return view(*args, **kwargs)

    return checked


def _idempotency_key():
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not IDEMPOTENCY_KEY.match(key):
        raise ApiRefusal(400, "Idempotency-Key must be 1 to 200 printable ASCII characters, "
                              "such as a UUID")
    return key


@bp.route("", methods=["POST"])
@requires("submit")
@json_only
@bp.arguments(FeedbackInSchema)
@bp.response(201, FeedbackCreatedSchema, headers={
    "Idempotent-Replayed": {"description": "'true' when this is the stored answer to an earlier "
                                           "request with the same Idempotency-Key",
                            "schema": {"type": "string"}}})
@bp.doc(security=SECURITY, parameters=[{
    "in": "header", "name": "Idempotency-Key", "required": False, "schema": {"type": "string", "maxLength": 200},
    "description": "A unique key (a UUID) per piece of feedback: a retry with the same key and body "
                   "gets the first answer again, and nothing is recorded twice"}])
@_errors(400, 401, 403, 413, 415, 429)
def submit(data):
    """Send feedback in

    Records feedback as the web form does: it gets a reference, the resident an acknowledgement
    email (when an email is given and they did not choose 'none'), a complaint its case, and the
    text is classified. Scope: submit.
    """
    key = _idempotency_key()
    digest = intake.request_hash(request.get_json(silent=True)) if key else ""
    try:
        status, body, replayed = intake.submit(_key(), data, key=key, digest=digest)
    except intake.IdempotencyConflict as refusal:
        raise ApiRefusal(422, str(refusal))
    except intake.UnknownService as refusal:
        raise ApiRefusal(422, str(refusal))
    return body, status, ({"Idempotent-Replayed": "true"} if replayed else {})


@bp.route("/<reference>/status")
@requires("read-status")
@bp.response(200, StatusSchema)
@bp.doc(security=SECURITY)
@_errors(401, 403, 404, 429)
def status(reference):
    """The status of a reference

    What the resident sees on /track: the status, its plain-English timeline (with public notes
    only) and, for a complaint that has had its response, the decision. Scope: read-status.
    """
    return reads.status(_item(reference))


@bp.route("")
@requires("read-feedback")
@bp.arguments(FeedbackQuerySchema, location="query")
@bp.response(200, FeedbackOutSchema(many=True))
@bp.paginate()
@bp.doc(security=SECURITY)
@_errors(401, 403, 429)
def list_feedback(filters, pagination_parameters):
    """Classified feedback

    Newest first, with sentiment, service area and themes. No resident's name or contact
    details; the words of feedback in a case are withheld (as from analysts on the staff pages).
    Scope: read-feedback.
    """
    query = reads.feedback_query(filters)
    pagination_parameters.item_count = query.count()
    if pagination_parameters.page > MAX_PAGE:
        return []
    page = query.paginate(pagination_parameters.page, pagination_parameters.page_size)
    return reads.described(list(page))


@bp.route("/<reference>")
@requires("read-feedback")
@bp.response(200, FeedbackOutSchema)
@bp.doc(security=SECURITY)
@_errors(401, 403, 404, 429)
def one(reference):
    """One piece of classified feedback

    As in the list. Scope: read-feedback.
    """
    return reads.described([_item(reference)])[0]


def _item(reference):
    item = reads.by_reference(reference)
    if item is None:
        raise ApiRefusal(404, "There is no feedback with that reference")
    return item


def _key():
    return g.api_key


errors.attach(bp)
