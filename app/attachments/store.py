"""Where attachments' bytes live: `<instance>/attachments/<2 hex>/<32 hex>`, outside the
static root, under random names that say nothing about the file or its sender, readable by
Heard's own user only.

Rows (app.attachments.models) point here by `storage_name`. A file is written before its row
commits, and removed after the row's deletion commits (`Discarding`), so a crash in between
leaves at most a file with no row: `sweep` removes those once they are old enough that no
upload can still be on its way to committing its row.
"""
import contextvars
import datetime
import os
import re
import secrets
from pathlib import Path

NAME = re.compile(r"^[0-9a-f]{32}$")
SWEEP_AFTER = datetime.timedelta(hours=1)
_bin = contextvars.ContextVar("attachments_to_discard", default=None)


def root():
    from app.queue import settings

    return Path(settings().instance_path) / "attachments"


def path_of(storage_name):
    if not NAME.match(storage_name or ""):
        raise ValueError("not an attachment's storage name")
    return root() / storage_name[:2] / storage_name


def save(data):
    """Write `data` under a new random name (atomically: never half a file); returns the name."""
    name = secrets.token_hex(16)
    target = path_of(name)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, target)
    return name


def read(storage_name):
    return path_of(storage_name).read_bytes()


def shred(path):
    """Overwrite the file with zeros, then delete it: its words do not stay in the instance
    folder's free space for a byte search to find (as far as the filesystem lets us)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "r+b", buffering=0) as out:
            for start in range(0, size, 1024 * 1024):
                out.write(b"\0" * min(1024 * 1024, size - start))
            os.fsync(out.fileno())
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def remove(names):
    """Delete the files now; returns how many there were."""
    removed = 0
    for name in names:
        try:
            removed += shred(path_of(name))
        except ValueError:
            pass
    return removed


class Discarding:
    """`with Discarding(), db.atomic(): ...` — files named by `discard_later` (attachments) or
    `discard_paths_later` (other files of a record, such as a sent email's .eml) inside are
    deleted once the block ends without an error (after the transaction committed), not before."""

    def __enter__(self):
        self.paths = []
        self.token = _bin.set(self.paths)
        return self

    def __exit__(self, kind, error, trace):
        _bin.reset(self.token)
        if kind is None:
            for path in self.paths:
                shred(path)
        return False


def discard_later(names):
    """Delete these attachments' files when the surrounding `Discarding` block succeeds (at once
    without one)."""
    paths = []
    for name in names:
        try:
            paths.append(path_of(name))
        except ValueError:
            continue
    discard_paths_later(paths)


def discard_paths_later(paths):
    pending = _bin.get()
    if pending is None:
        for path in paths:
            shred(path)
    else:
        pending.extend(paths)


def sweep(known, older_than=SWEEP_AFTER, now=None):
    """Delete files no row names (`known`: the set of storage names in use) that are older than
    `older_than`, and half-written files as old; returns how many were deleted."""
    folder = root()
    if not folder.exists():
        return 0
    limit = (now or datetime.datetime.now()).timestamp() - older_than.total_seconds()
    removed = 0
    for path in folder.glob("*/*"):
        stem = path.name[:-5] if path.name.endswith(".part") else path.name
        if path.is_file() and (path.name != stem or stem not in known) and path.stat().st_mtime <= limit:
            removed += shred(path)
    return removed
