"""The journey's optional files page: what one POST adds or removes, and what it tells the
resident. Files are checked by content (app.attachments.content), cleaned of location, and
kept under the draft's key until the feedback is sent."""
from dataclasses import dataclass, field

from flask_babel import gettext

from app.attachments import content
from app.attachments import services as attachments

LIMIT_BYTES = content.MAX_FILES * content.MAX_BYTES + 1024 * 1024  # a whole page of files, and the form


def hint():
    """The files page's hint, in the page's language (the types are content.ACCEPTED_WORDS)."""
    return gettext("You can add up to %(count)s files. Each must be a JPG, PNG, GIF, WEBP, PDF or Word "
                   "document and smaller than %(size)sMB. We remove location details from photos.",
                   count=content.MAX_FILES, size=content.MAX_BYTES // (1024 * 1024))


def too_big_in_total():
    return gettext("The selected files must be smaller than %(size)sMB in total. Add them one at a time",
                   size=LIMIT_BYTES // (1024 * 1024))


@dataclass
class Outcome:
    problems: list = field(default_factory=list)  # messages, each about one file
    added: list = field(default_factory=list)  # sentences for the success banner
    removed: str = ""

    @property
    def links(self):
        """For the error summary: each problem links to the file control."""
        return [("files", problem) for problem in self.problems]


def _size(n):
    return f"{n / (1024 * 1024):.1f}MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))}KB"


def sizes(rows):
    return {row.id: _size(row.size) for row in rows}


def handle(key, uploads, remove_id=None):
    """Remove one file (`remove_id`) or add the uploaded ones; an Outcome."""
    outcome = Outcome()
    if remove_id is not None:
        outcome.removed = attachments.remove_from_draft(key, remove_id) or ""
        return outcome
    kept = len(attachments.for_draft(key))
    for upload in uploads:
        name = content.clean_filename(upload.filename or "")
        if kept >= content.MAX_FILES:
            outcome.problems.append(gettext(
                "%(name)s was not added: you can add up to %(count)s files. Remove a file to add another",
                name=name, count=content.MAX_FILES))
            continue
        try:
            row = attachments.add_to_draft(key, upload.filename or "", attachments.read_upload(upload.stream))
        except content.Refused as refused:
            outcome.problems.append(f"{name}: {refused}")
            continue
        kept += 1
        said = gettext("%(name)s was added.", name=row.filename)
        if row.location_removed:
            said += " " + gettext("We removed the location details from it.")
        elif row.metadata_removed:
            said += " " + gettext("We removed hidden details (such as the camera's) from it.")
        outcome.added.append(said)
    return outcome
