"""Residents' pages: /you-said-we-did (every publication by service and period), one page per
publication, its PDF and an Atom feed. Drafts and publications in review are not found.

The pages, feed and PDF are in the page's language (app.i18n): Heard's own words, the period's
name and the sentiments (period, drafting, public_words); what officers wrote stays as written. The stored PDF
(built by the worker) is the English one; another language's PDF is built when asked for."""
from flask import Blueprint, Response, abort, current_app, render_template

from app.db import utcnow
from app.languages import DEFAULT, current, html_lang
from reports import translated_pdfs
from reports.yswd import pdf as pdf_file
from reports.yswd import public_words, reads

bp = Blueprint("yswd_public", __name__, url_prefix="/you-said-we-did", template_folder="templates")
bp.add_app_template_global(public_words.service_words, "yswd_service")
bp.add_app_template_global(public_words.title_words, "yswd_title")


@bp.route("/")
def index():
    return render_template("yswd/public_index.html", groups=reads.by_service(reads.published()))


@bp.route("/feed.atom")
def feed():
    views = [reads.public_view(publication) for publication in reads.published()]
    views.sort(key=lambda view: view.publication.published_at, reverse=True)
    xml = render_template("yswd/feed.xml", views=views[:50],
                          updated=views[0].publication.published_at if views else utcnow())
    return Response(xml, mimetype="application/atom+xml")


@bp.route("/<slug>")
def show(slug):
    publication = reads.published_by_slug(slug) or abort(404)
    return render_template("yswd/public_show.html", view=reads.public_view(publication))


@bp.route("/<slug>.pdf")
def pdf(slug):
    publication = reads.published_by_slug(slug) or abort(404)
    content = reads.pdf_bytes(publication) or abort(404)
    if current() != DEFAULT:  # the stored PDF is English: this language's, from the same read
        content = translated_pdfs.translated("yswd", bytes(content), current(), lambda: pdf_file.build(
            reads.public_view(publication), current_app.config["HEARD"].council_name,
            lang=html_lang(current())))
    response = Response(content, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{publication.slug}.pdf"'
    return response
