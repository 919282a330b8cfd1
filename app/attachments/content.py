"""Whether Heard accepts a file a resident sends, decided from its bytes (never its name or the type
the browser or mail client claims), and the cleaned bytes to store.

Accepted: JPEG, PNG, GIF and WebP images (proved by Pillow and stripped of metadata and location,
see images.py), PDFs that are not password protected, and Word documents (.docx or .doc) without
macros. Everything else (HTML, SVG, scripts, programs, archives, anything unrecognised) is refused
with a GOV.UK-style message for the resident, in the reader's language: the messages are lazy
strings (Flask-Babel), translated when shown (English outside a request, as in the worker and
the mail sandbox). Pure functions: no app, no database.
"""
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from flask_babel import lazy_gettext

from app.attachments import images

MAX_BYTES = 10 * 1024 * 1024  # 10 MB
MAX_FILES = 5
ACCEPTED_WORDS = "a JPG, PNG, GIF, WEBP, PDF or Word document"

EMPTY = lazy_gettext("The selected file is empty")
WRONG_TYPE = lazy_gettext("The selected file must be a JPG, PNG, GIF, WEBP, PDF or Word document")  # ACCEPTED
UNREADABLE = lazy_gettext("The selected file could not be opened. Try saving it again, or choose a "
                          "different file")
MACROS = lazy_gettext("The selected file must not contain macros. Save it as a Word document without macros, "
                      "or as a PDF")
PASSWORD = lazy_gettext("The selected file must not be password protected")

MAX_NAME = 120
MAX_UNZIPPED = 200 * 1024 * 1024  # the declared sizes of everything in a .docx, together
MAX_ZIP_ENTRIES = 2000
MAX_CONTENT_TYPES = 1024 * 1024  # [Content_Types].xml is read to look for macros
PDF_HEADER_WITHIN = 1024
PDF_EOF_WITHIN = 2048

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# sniffed type: (kind, content type, extension given, extensions a name may keep)
TYPES = {
    "jpeg": ("image", "image/jpeg", ".jpg", (".jpg", ".jpeg")),
    "png": ("image", "image/png", ".png", (".png",)),
    "gif": ("image", "image/gif", ".gif", (".gif",)),
    "webp": ("image", "image/webp", ".webp", (".webp",)),
    "pdf": ("pdf", "application/pdf", ".pdf", (".pdf",)),
    "docx": ("word", DOCX, ".docx", (".docx",)),
    "doc": ("word", "application/msword", ".doc", (".doc",)),
}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PDF_ENCRYPT = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")
_DROPPED_CHARACTERS = set('<>:"|?*\x00')
_EXTENSION = re.compile(r"[A-Za-z0-9]{1,10}")


class Refused(Exception):
    """str(error) is a GOV.UK-style message for the resident, e.g.
    'The selected file must be a JPG, PNG, GIF, WEBP, PDF or Word document'."""


@dataclass(frozen=True)
class Checked:
    filename: str  # cleaned display name, its extension matching the real type
    content_type: str
    kind: str  # "image" | "pdf" | "word"
    data: bytes = field(repr=False)  # the cleaned bytes to store
    location_removed: bool  # GPS/location metadata was found and removed
    metadata_removed: bool  # some metadata (EXIF/XMP/IPTC/comments/text chunks) was removed


def check(filename, data, max_bytes=MAX_BYTES):
    """The accepted, cleaned file, or Refused with the message to show. The size is checked before
    anything is parsed, so an oversized upload costs nothing."""
    if not data:
        raise Refused(EMPTY)
    if len(data) > max_bytes:
        raise Refused(too_large_message(max_bytes))
    data = bytes(data)
    found = sniff(data)
    location_removed = metadata_removed = False
    if found in images.FORMATS:
        try:
            cleaned = images.clean(found, data)
        except images.BadImage:
            raise Refused(UNREADABLE) from None
        data, location_removed, metadata_removed = (
            cleaned.data, cleaned.location_removed, cleaned.metadata_removed)
    elif found == "pdf":
        _check_pdf(data)
    elif found == "docx":
        _check_docx(data)
    elif found == "doc":
        _check_doc(data)
    else:
        raise Refused(WRONG_TYPE)
    kind, content_type, extension, kept = TYPES[found]
    return Checked(
        filename=_with_extension(clean_filename(filename), extension, kept),
        content_type=content_type,
        kind=kind,
        data=data,
        location_removed=location_removed,
        metadata_removed=metadata_removed,
    )


def too_large_message(max_bytes):
    """'The selected file must be smaller than 10MB', the figure worked out from `max_bytes`."""
    megabytes = max_bytes / (1024 * 1024)
    size = f"{round(megabytes, 1):g}MB" if megabytes >= 1 else f"{max(1, round(max_bytes / 1024))}KB"
    return lazy_gettext("The selected file must be smaller than %(size)s", size=size)


def sniff(data):
    """The type the bytes are, from their first bytes alone: "jpeg", "png", "gif", "webp", "pdf",
    "docx" (any zip), "doc" (any OLE2 compound file), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(images.PNG_SIGNATURE):
        return "png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(OLE_MAGIC):
        return "doc"
    header = data.find(b"%PDF-", 0, PDF_HEADER_WITHIN + 4)
    # PDF readers allow junk before the header (mail and print gateways add some), but markup
    # there would make an HTML page that is also a PDF.
    if header >= 0 and b"<" not in data[:header]:
        return "pdf"
    return None


def _check_pdf(data):
    if data.find(b"%%EOF", max(0, len(data) - PDF_EOF_WITHIN)) < 0:
        raise Refused(UNREADABLE)  # cut short: readers could not open it either
    # The /Encrypt entry of a trailer or cross-reference stream dictionary. A linearized PDF
    # has a trailer near the start as well as at the end, so the whole file is searched.
    if _PDF_ENCRYPT.search(data):
        raise Refused(PASSWORD)


def _check_docx(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNZIPPED:
                raise Refused(UNREADABLE)
            names = {entry.filename.replace("\\", "/").lower(): entry for entry in entries}
            if len(names) != len(entries):
                raise Refused(UNREADABLE)  # two parts of one name: readers disagree on which wins
            if "[content_types].xml" not in names or "word/document.xml" not in names:
                raise Refused(WRONG_TYPE)
            if any(entry.flag_bits & 0x1 for entry in entries):
                raise Refused(PASSWORD)
            if any(name.endswith(("vbaproject.bin", "vbadata.xml")) for name in names):
                raise Refused(MACROS)
            with archive.open(names["[content_types].xml"]) as part:
                content_types = part.read(MAX_CONTENT_TYPES + 1)
    except Refused:
        raise
    except Exception:  # zipfile raises BadZipFile, OSError, ValueError, EOFError, zlib.error, ...
        raise Refused(UNREADABLE) from None
    if len(content_types) > MAX_CONTENT_TYPES:
        raise Refused(UNREADABLE)
    if b"macroenabled" in content_types.lower():
        raise Refused(MACROS)


def _utf16(name):
    return name.encode("utf-16-le")


def _check_doc(data):
    """An OLE2 compound file: Word 97-2003 if it has a WordDocument stream. A password-protected
    .docx is also an OLE2 file, holding an EncryptedPackage stream."""
    if _utf16("EncryptedPackage") in data:
        raise Refused(PASSWORD)
    if _utf16("WordDocument") not in data:
        raise Refused(WRONG_TYPE)
    if _utf16("Macros") in data or _utf16("_VBA_PROJECT") in data:
        raise Refused(MACROS)


def clean_filename(name):
    """A display name safe to show and to offer as a download: the last path component only,
    without control or format characters (including right-to-left overrides) or <>:"|?*, with
    whitespace collapsed, no leading or trailing dots and spaces, at most 120 characters with the
    extension kept; "file" when nothing is left."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(
        " " if character.isspace() else character
        for character in name
        if character not in _DROPPED_CHARACTERS
        and (character.isspace() or unicodedata.category(character) not in ("Cc", "Cf", "Cs"))
    )
    name = " ".join(name.split()).strip(". ")
    if len(name) > MAX_NAME:
        stem, _dot, extension = name.rpartition(".")
        if stem and _EXTENSION.fullmatch(extension):
            name = stem[:MAX_NAME - len(extension) - 1].rstrip(". ") + "." + extension
        else:
            name = name[:MAX_NAME].rstrip(". ")
    return name or "file"


def _with_extension(name, extension, kept):
    """`name` ending in an extension of the real type: one that already matches is kept (any
    case), a wrong one is replaced, and a missing one added."""
    if name.lower().endswith(kept):
        return name
    stem, _dot, current = name.rpartition(".")
    if stem and _EXTENSION.fullmatch(current):
        name = stem.rstrip(". ") or "file"
        if name.lower().endswith(kept):  # "report.pdf.exe" that is a PDF
            return name
    return name[:MAX_NAME - len(extension)].rstrip(". ") + extension
