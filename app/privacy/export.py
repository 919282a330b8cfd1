"""Subject access export: one zip for the person a search found (app.privacy.find).

    summary.html   every record, table by table, in plain words, for the resident to read
    summary.pdf    the same, as a PDF
    records.json   the same, for machines
    files/         what they sent and what we sent them: raw emails as .eml, the files they
                   attached to feedback or emails, the emails and letters we sent, and the
                   files attached to those

Secrets (password and token hashes), numeric fingerprints and model data are left out. A
record found only because its text holds the search (a note in someone else's case that
mentions them, say) is marked "check before release": it may say things about other people,
which the officer redacts before the export goes to the resident.
"""
import datetime
import io
import json
import zipfile
from xml.sax.saxutils import escape

import peewee
from markupsafe import escape as html_escape

from app.db import utcnow
from app.privacy.register import models, tags

LEFT_OUT = ("password_hash", "token_hash", "reminder_token_hash", "vector", "blob", "sha256", "pdf",
            "content", "raw", "lease_token", "totp_secret")
TEXT_ONLY = "check before release"
TEXT_ONLY_WHY = "found because its text mentions you; it may be about someone else too."


def build(search, redact=None, withheld=()):
    """The zip's bytes, and {"records": n, "files": n}. With the officer's review
    (app.privacy.redaction): `redact` (a Redactor) puts [redacted] for each word everywhere,
    and the records keyed "table:id" in `withheld` are left out with their files."""
    everything, classified = models(), tags()
    records, files, left_out = [], [], 0
    redact = redact or (lambda value: value)
    for table in sorted(search.records):
        model, entry = everything[table], classified[table]
        rows = {row.get_id(): row for row in model.select().where(
            model._meta.primary_key.in_(list(search.records[table])))}
        for row_id in sorted(rows):
            if f"{table}:{row_id}" in withheld:
                left_out += 1
                continue
            how = sorted(search.records[table][row_id])
            records.append({"table": table, "id": row_id, "what": entry.purpose, "found_by": how,
                            "check_before_release": all(h.endswith("holds it") for h in how),
                            "fields": {k: redact(v) for k, v in _fields(rows[row_id], entry).items()}})
            for name, content in _files(table, rows[row_id]):  # photos and documents cannot be redacted here
                files.append((name, content if name.startswith("attachment-") else redact(content)))
    reviewed = bool(left_out) or bool(getattr(redact, "text", None))
    made = utcnow()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("summary.html", _html(search, records, made, reviewed))
        archive.writestr("summary.pdf", _pdf(search, records, made, reviewed))
        archive.writestr("records.json", json.dumps({"made_at": made.isoformat(timespec="seconds"),
                                                     "query_kind": search.kind, "records": records,
                                                     "about_others_removed": reviewed},
                                                    indent=2, default=str))
        for name, content in files:
            archive.writestr(f"files/{name}", content)
    return buffer.getvalue(), {"records": len(records), "files": len(files)}


def _fields(row, entry):
    out = {}
    for column in row._meta.sorted_fields:
        if column.name in LEFT_OUT or isinstance(column, peewee.BlobField):
            continue
        value = getattr(row, column.name + "_id" if isinstance(column, peewee.ForeignKeyField) else column.name)
        if value in (None, ""):
            continue
        out[column.name] = value.isoformat(sep=" ", timespec="minutes") if isinstance(
            value, datetime.datetime) else value
    return out


def _files(table, row):
    if table == "inbound_message" and row.raw:
        return [(f"email-received-{row.id}.eml", bytes(row.raw))]
    if table == "outbox_message":
        body = f"To: {row.to_address}\nSubject: {row.subject}\n\n{row.text_body}"
        sent = [(f"email-sent-{row.id}.txt", body.encode("utf-8"))]
        return sent + [(f"email-sent-{row.id}-{a.position}-{_safe(a.filename)}", bytes(a.content))
                       for a in row.attachments]
    if table == "attachment" and row.storage_name:
        from app.attachments import store

        try:
            return [(f"attachment-{row.id}-{_safe(row.filename)}", store.read(row.storage_name))]
        except (OSError, ValueError):
            return []
    if table == "postal_letter":
        return [(f"letter-{row.id}.txt", f"{row.recipient_name}\n{row.address}\n\n{row.subject}\n\n{row.text}"
                 .encode("utf-8"))]
    return []


def _safe(name):
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in str(name or "file"))[:80]


ABOUT_OTHERS = ("Some information about other people has been removed (shown as [redacted]) or left out, "
                "as the law allows when it is about someone else (UK GDPR article 15(4), Data Protection "
                "Act 2018 schedule 2 part 3).")


def _html(search, records, made, reviewed=False):
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             "<title>Information we hold about you</title></head><body>",
             "<h1>Information we hold about you</h1>",
             f"<p>Made {html_escape(made.strftime('%d %B %Y'))} from a search by {html_escape(search.kind)}: "
             f"{len(records)} records.</p>"]
    if reviewed:
        parts.append(f"<p>{html_escape(ABOUT_OTHERS)}</p>")
    for record in records:
        parts.append(f"<h2>{html_escape(record['what'])} (record {html_escape(record['table'])} "
                     f"{html_escape(record['id'])})</h2>")
        if record["check_before_release"]:
            parts.append(f"<p><strong>{TEXT_ONLY}</strong>: {TEXT_ONLY_WHY}</p>")
        parts.append("<dl>" + "".join(f"<dt>{html_escape(k.replace('_', ' '))}</dt><dd>{html_escape(v)}</dd>"
                                      for k, v in record["fields"].items()) + "</dl>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _pdf(search, records, made, reviewed=False):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from surveys import poster_text

    regular, bold = poster_text.register()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13, spaceAfter=4)
    heading = ParagraphStyle("heading", parent=body, fontName=bold, fontSize=13, leading=17, spaceBefore=8)
    title = ParagraphStyle("title", parent=body, fontName=bold, fontSize=18, leading=23)

    def p(text, style=body):
        return Paragraph(escape(poster_text.printable(str(text), style.fontName)), style)

    story = [p("Information we hold about you", title),
             p(f"Made {made.strftime('%d %B %Y')} from a search by {search.kind}: {len(records)} records.")]
    if reviewed:
        story.append(p(ABOUT_OTHERS))
    for record in records:
        story.append(p(f"{record['what']} (record {record['table']} {record['id']})", heading))
        if record["check_before_release"]:
            story.append(p(f"{TEXT_ONLY.capitalize()}: {TEXT_ONLY_WHY}"))
        story += [p(f"{k.replace('_', ' ')}: {v}") for k, v in record["fields"].items()]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title="Information we hold about you", author="Heard",
                            lang="en-GB")
    doc.build(story)
    return out.getvalue()
