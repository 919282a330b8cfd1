"""Letters to print, for complaints officers: /staff/cases/letters lists the letters waiting to
be printed (oldest first), each as an A4 PDF for a DL window envelope, all of them as one
PDF, and "Mark as posted" for the ones that went in the post.

    GET  /staff/cases/letters               the queue (?page=2)
    GET  /staff/cases/letters/print.pdf     every waiting letter, one PDF (oldest first)
    GET  /staff/cases/letters/<id>.pdf      one letter
    POST /staff/cases/letters/posted        mark the ticked letters as posted

A child of the case queues' blueprint (app.cases.queues), so its endpoints are
"cases_queues.letters.*". Opening a letter is a look at its case, audited like the case page.
"""
from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template,
                   request, url_for)
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectMultipleField
from wtforms.validators import StopValidation

from app.audit import services as audit
from app.auth.access import roles_required
from app.cases import access, clocks, queue_queries
from app.cases.post import pdf, services as post
from app.cases.post.models import PostalLetter
from app.cases.queue_forms import chosen_page

bp = Blueprint("letters", __name__, url_prefix="/letters")


class MarkPostedForm(FlaskForm):
    letter = SelectMultipleField("Letters", validate_choice=False)
    back = HiddenField()  # a case id: go back to that case page; else the queue

    @property
    def ids(self):
        found = set()
        for value in self.letter.data or []:
            if str(value).isdigit() and len(str(value)) < 10:
                found.add(int(value))
        return sorted(found)

    def validate_letter(self, field):
        if not self.ids:
            raise StopValidation("Select the letters you have posted")

    @property
    def back_case_id(self):
        value = self.back.data or ""
        return int(value) if value.isdigit() and len(value) < 10 else None


def _user():
    return current_user._get_current_object()


def _pdf(body, filename):
    return Response(body, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{filename}"'})


def _render_pdf(letters, title):
    settings = current_app.config["HEARD"]
    return pdf.render([post.printable(letter) for letter in letters], title=title,
                      council_name=settings.council_name,
                      council_address_lines=settings.council_address_lines)


def _queue_page(form, status=200):
    user = _user()
    letters, total, number, pages = post.waiting_page(user, chosen_page(request.args.get("page")))
    return render_template("cases/letters.html", letters=letters, total=total, page=number, pages=pages,
                           form=form, batch_limit=post.BATCH_LIMIT, queues=queue_queries.QUEUES,
                           counts=queue_queries.tab_counts(user, clocks.today())), status


@bp.route("")
@roles_required(*access.CHANGE_ROLES)
def queue():
    return _queue_page(MarkPostedForm(formdata=None))


@bp.route("/print.pdf")
@roles_required(*access.CHANGE_ROLES)
def print_all():
    letters, total = post.waiting_batch(_user())
    if not letters:
        flash("No letters are waiting to be printed.", "info")
        return redirect(url_for(".queue"))
    audit.record("case.letters_printed", actor=_user(), object_type="postal_letter",
                 summary=f"{len(letters)} letter{'s' * (len(letters) != 1)} to post opened to print",
                 details={"letter_ids": [letter.id for letter in letters]},
                 ip=request.remote_addr or "")
    return _pdf(_render_pdf(letters, f"Letters to post ({len(letters)} of {total})"), "letters-to-post.pdf")


@bp.route("/<id:letter_id>.pdf")
@roles_required(*access.CHANGE_ROLES)
def letter_pdf(letter_id):
    letter = PostalLetter.get_or_none(PostalLetter.id == letter_id) if letter_id < 2 ** 31 else None
    if letter is None:
        abort(404)
    case = access.change_or_403(access.case_or_404(letter.case_id))
    access.record_view(_user(), case, "letter to post")
    name = letter.name.lower().replace(" ", "-")
    return _pdf(_render_pdf([letter], letter.subject), f"{case.reference}-{name}.pdf")


@bp.route("/posted", methods=["POST"])
@roles_required(*access.CHANGE_ROLES)
def posted():
    form = MarkPostedForm()
    if not form.validate_on_submit():
        return _queue_page(form, 400)
    letters = post.changeable(_user(), form.ids)
    marked = post.mark_posted(letters, actor=_user())
    if marked:
        flash(f"{len(marked)} letter{'s' * (len(marked) != 1)} marked as posted.", "success")
    else:
        flash("Those letters were already marked as posted.", "info")
    if form.back_case_id is not None:
        return redirect(url_for("cases.case", case_id=form.back_case_id, _anchor="letters"))
    return redirect(url_for(".queue"))
