"""A proposal's documents: PDFs and images (PNG, JPEG), checked by their content and never by
their name, kept under the instance folder (outside the static root, so never served as a
static file) under random names, and handed back only as downloads (see the views).

`check(filename, content)` refuses what is not one of those types or is too large, before
anything is written; `store(...)` writes the file and its row; `remove(...)` deletes both.
"""
import hashlib
import io
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from flask import abort, current_app, send_file
from PIL import Image

from panels.proposals.errors import ProposalError
from panels.proposals.models import Document

LIMIT = 1_500_000  # bytes; below the app's 2 MiB request limit, so the form always comes back
LIMIT_WORDS = "1.5 MB"
FOLDER = "panel_documents"
TYPES = {"application/pdf": ("pdf", "PDF"), "image/png": ("png", "PNG image"),
         "image/jpeg": ("jpg", "JPEG image")}
IMAGE_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class Checked:
    filename: str  # cleaned, with the extension its content calls for
    content: bytes
    content_type: str


def _pdf(content):
    return content.startswith(b"%PDF-") and b"%%EOF" in content[-2048:]


def _image(content):
    """The image's content type, or None when Pillow cannot read it as a PNG or JPEG."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            kind = image.format
            if kind not in IMAGE_FORMATS or image.width * image.height > MAX_PIXELS:
                return None
            image.verify()
    except Exception:  # noqa: BLE001  anything Pillow cannot read (or a decompression bomb) is refused
        return None
    return IMAGE_FORMATS[kind]


def content_type_of(content):
    if _pdf(content):
        return "application/pdf"
    return _image(content)


def clean_filename(filename, content_type):
    """The uploaded name reduced to plain letters, digits, spaces, dots, hyphens and
    underscores, ending in the extension that matches what the file really is."""
    name = unicodedata.normalize("NFKD", os.path.basename((filename or "").replace("\\", "/")))
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^A-Za-z0-9 ._-]+", "", stem.encode("ascii", "ignore").decode()).strip(" .")[:150]
    return f"{stem or 'document'}.{TYPES[content_type][0]}"


def check(filename, content, field="document"):
    """The upload as Checked, or ProposalError naming what is wrong with it."""
    if not content:
        raise ProposalError("The selected file is empty", field=field)
    if len(content) > LIMIT:
        raise ProposalError(f"The selected file must be smaller than {LIMIT_WORDS}", field=field)
    content_type = content_type_of(content)
    if content_type is None:
        raise ProposalError("The selected file must be a PDF, PNG or JPEG", field=field)
    return Checked(clean_filename(filename, content_type), content, content_type)


def folder():
    path = Path(current_app.instance_path) / FOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def path_of(document):
    return folder() / document.stored_name


def store(proposal, checked, *, actor=None):
    """Write the checked upload under a random name and record it. Run inside the caller's
    transaction: if that rolls back, call `discard` with the returned row's stored_name."""
    stored_name = secrets.token_hex(24)
    target = folder() / stored_name
    with open(target, "xb") as out:
        out.write(checked.content)
    return Document.create(proposal=proposal, filename=checked.filename, stored_name=stored_name,
                           content_type=checked.content_type, size=len(checked.content),
                           sha256=hashlib.sha256(checked.content).hexdigest(), uploaded_by=actor)


def discard(stored_name):
    (folder() / stored_name).unlink(missing_ok=True)


def remove(document):
    """Delete the document's row and its file."""
    stored_name = document.stored_name
    document.delete_instance()
    discard(stored_name)


def size_words(size):
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(1, round(size / 1000))} KB"


def kind_words(document):
    return TYPES.get(document.content_type, ("", "File"))[1]


def download(document):
    """The document as a download: its cleaned name, its checked type, never sniffed or cached."""
    path = path_of(document)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=document.content_type, as_attachment=True,
                         download_name=document.filename, max_age=0, conditional=False, etag=False)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
