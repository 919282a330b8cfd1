"""/staff/contacts/new: record a contact on a resident's behalf, with the single view of the
resident beside it; /staff/contacts/lookup: that view as an HTML fragment, for contacts.js to
fetch as the adviser types (without JavaScript the "Find" button shows the same on the page)."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.roles import ALL_ROLES
from app.auth.access import roles_required
from app.contacts import lookup, services
from app.contacts.forms import NEW, ContactForm
from app.forms import show_error

FRAGMENT_HEADER = "X-Requested-With"
bp = Blueprint("contacts", __name__, url_prefix="/staff/contacts", template_folder="templates")


def _service_id(value):
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


def lookup_context(query, person_value, service_value):
    """What the lookup fragment shows: the residents matching `query` (with the chosen one
    first if it is not among them), which is chosen, and the chosen one's single view."""
    user = current_user._get_current_object()
    matches = lookup.find_residents(query)
    chosen = lookup.person_or_none(person_value) if person_value not in (None, "", NEW) else None
    if chosen is not None and chosen.id not in {p.id for p in matches}:
        matches.insert(0, chosen)
    view = lookup.single_view(user, chosen, _service_id(service_value)) if chosen is not None else None
    return {"query": (query or "").strip()[:lookup.MAX_QUERY], "matches": matches, "chosen": chosen,
            "new_chosen": person_value == NEW, "view": view, "ordinal": lookup.repeats.ordinal}


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*ALL_ROLES)
def new():
    form = ContactForm()
    if request.method == "POST" and request.form.get("action") != "find" and form.validate():
        try:
            item = services.record_contact(actor=current_user._get_current_object(), **form.answers())
        except services.ContactRefused as refused:
            show_error(form, refused)
        else:
            acknowledged = " An acknowledgement email is on its way." if item.acknowledgement_queued else ""
            flash(f"{item.reference} recorded: {item.kind_label.lower()} by {item.channel_label.lower()}."
                  + acknowledged, "success")
            return redirect(url_for("contacts.new"))
    return render_template("contacts/new.html", form=form,
                           **lookup_context(form.query.data, form.person.data, form.service.data))


@bp.route("/lookup", endpoint="lookup")
@roles_required(*ALL_ROLES)
def lookup_fragment():
    """A part of a page, for contacts.js (which says so in a header); anyone else opening it is
    sent to the whole page."""
    if request.headers.get(FRAGMENT_HEADER) != "fetch":
        return redirect(url_for("contacts.new"))
    args = request.args
    return render_template("contacts/_lookup.html", **lookup_context(
        args.get("query", ""), args.get("person", ""), args.get("service", "")))
