"""Keeping, listing and letting go of attachments.

- web feedback: files are added to the resident's draft (`add_to_draft`), shown on the
  journey's pages, and become the item's when it is sent (`attach_draft`);
- email: what the sandboxed reader accepted (app.inbox.parsing runs app.attachments.content
  in its child process) is kept with the item and the email (`keep_from_email`); what it
  refused is recorded with the reason, its bytes left in the raw email only;
- letting go: `discard_*` delete rows and (after commit) files, for retention and erasure.

Nothing here logs or audits a file's name or content.
"""
import base64
import hashlib

from app.attachments import content, store
from app.attachments.models import Attachment

EMAIL_MAX_FILES = 21  # app.inbox.parsing checks 20, and says when there were more


def _row(checked, **where):
    name = store.save(checked.data)
    return Attachment.create(
        filename=checked.filename[:200], content_type=checked.content_type, kind=checked.kind,
        size=len(checked.data), sha256=hashlib.sha256(checked.data).hexdigest(), storage_name=name,
        location_removed=checked.location_removed, metadata_removed=checked.metadata_removed, **where)


def read_upload(stream, max_bytes=content.MAX_BYTES):
    """At most max_bytes + 1 bytes of an uploaded file (enough to know it is too big)."""
    return stream.read(max_bytes + 1)


def add_to_draft(draft_key, filename, data):
    """Check and keep one uploaded file for a draft: the new Attachment, or content.Refused."""
    checked = content.check(filename, data)
    return _row(checked, draft_key=draft_key)


def for_draft(draft_key):
    if not draft_key:
        return []
    return list(Attachment.select().where(Attachment.draft_key == draft_key, Attachment.item.is_null())
                .order_by(Attachment.id))


def remove_from_draft(draft_key, attachment_id):
    """Remove one of the draft's files; the removed row's filename, or None."""
    row = Attachment.get_or_none(Attachment.id == attachment_id, Attachment.draft_key == draft_key,
                                 Attachment.item.is_null())
    if row is None or not draft_key:
        return None
    row.delete_instance()
    store.discard_later([row.storage_name])
    return row.filename


def attach_draft(draft_key, item):
    """The draft's files become the item's (inside the caller's transaction)."""
    if not draft_key:
        return 0
    return Attachment.update(item=item, draft_key="").where(
        Attachment.draft_key == draft_key, Attachment.item.is_null()).execute()


def keep_from_email(inbound_id, item_id, files):
    """Record what the sandboxed reader made of an email's attachments (see app.inbox.parsing):
    accepted files are stored, refused ones recorded with the reason. Safe to run twice."""
    if Attachment.select().where(Attachment.inbound == inbound_id).exists():
        return 0
    for found in (files or [])[:EMAIL_MAX_FILES]:
        name = content.clean_filename(found.get("name") or "")
        if found.get("refused"):
            Attachment.create(inbound=inbound_id, item=item_id, filename=name[:200],
                              size=int(found.get("size") or 0), refused_reason=str(found["refused"])[:300])
            continue
        checked = content.Checked(filename=found["filename"], content_type=found["content_type"],
                                  kind=found["kind"], data=base64.b64decode(found["data"]),
                                  location_removed=bool(found.get("location_removed")),
                                  metadata_removed=bool(found.get("metadata_removed")))
        _row(checked, inbound=inbound_id, item=item_id)
    return min(len(files or []), EMAIL_MAX_FILES)


def for_item(item):
    return list(Attachment.select().where(Attachment.item == getattr(item, "id", item))
                .order_by(Attachment.id))


def for_items(item_ids):
    """{item id: [Attachment]} for a page listing several items."""
    found = {}
    for row in Attachment.select().where(Attachment.item.in_(list(item_ids) or [0])).order_by(Attachment.id):
        found.setdefault(row.item_id, []).append(row)
    return found


def for_inbound(inbound_id):
    return list(Attachment.select().where(Attachment.inbound == inbound_id).order_by(Attachment.id))


# -- letting go -------------------------------------------------------------------------------

def _discard(query):
    rows = list(query)
    if not rows:
        return 0
    ids = [row.id for row in rows]
    for start in range(0, len(ids), 500):
        Attachment.delete().where(Attachment.id.in_(ids[start:start + 500])).execute()
    store.discard_later([row.storage_name for row in rows])
    return len(rows)


def discard_for_items(item_ids):
    """Before items are deleted (their rows would cascade, but the files must go too)."""
    item_ids = list(item_ids)
    return sum(_discard(Attachment.select(Attachment.id, Attachment.storage_name)
                        .where(Attachment.item.in_(item_ids[start:start + 500])))
               for start in range(0, len(item_ids), 500))


def discard_for_inbound(inbound_ids, only_loose=True):
    """With an emptied email: its files that belong to no feedback (or all of them)."""
    inbound_ids = list(inbound_ids)
    total = 0
    for start in range(0, len(inbound_ids), 500):
        query = Attachment.select(Attachment.id, Attachment.storage_name).where(
            Attachment.inbound.in_(inbound_ids[start:start + 500]))
        total += _discard(query.where(Attachment.item.is_null()) if only_loose else query)
    return total


def discard_unsent(live_keys, cutoff):
    """Files added to drafts that were never sent: their draft is gone (`live_keys`: a query of
    the drafts' keys still kept) and they were added before `cutoff` (not one being sent now)."""
    return _discard(Attachment.select(Attachment.id, Attachment.storage_name).where(
        Attachment.item.is_null(), Attachment.inbound.is_null(), Attachment.created_at < cutoff,
        Attachment.draft_key.not_in(live_keys)))


def discard(rows):
    return _discard(rows)


def sweep():
    """Files no row names any more (a crash between commit and delete): removed."""
    known = {row.storage_name for row in Attachment.select(Attachment.storage_name)
             .where(Attachment.storage_name != "")}
    return store.sweep(known)
