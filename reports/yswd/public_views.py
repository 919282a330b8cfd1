"""Residents' pages: /you-said-we-did (every publication by service and period), one page per
publication, its PDF and an Atom feed. Drafts and publications in review are not found."""
from flask import Blueprint, Response, abort, render_template

from app.db import utcnow
from reports.yswd import reads

bp = Blueprint("yswd_public", __name__, url_prefix="/you-said-we-did", template_folder="templates")


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
    response = Response(content, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{publication.slug}.pdf"'
    return response
