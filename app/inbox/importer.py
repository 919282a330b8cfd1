"""Importing messages from files: a single .eml, an mbox file, a Maildir folder, or a
folder of .eml files."""
import mailbox
from pathlib import Path

from app.inbox.services import Summary, receive


class ImportRefused(Exception):
    """The command cannot run (a path is missing or is not mail)."""


def check_paths(paths):
    """The first problem with the paths, as one line, or None."""
    for path in map(Path, paths):
        if path.is_dir():
            if not _is_maildir(path) and not any(path.glob("*.eml")):
                return f"{path} is a folder with no .eml files and is not a Maildir (no cur or new folder)"
        elif not path.is_file():
            return f"{path} does not exist"
    return None


def _is_maildir(path):
    return (path / "cur").is_dir() or (path / "new").is_dir()


def _is_mbox(path):
    with open(path, "rb") as handle:
        return handle.read(5) == b"From "


def messages_in(path):
    """(raw bytes, source) for every message at `path`, in a stable order."""
    path = Path(path)
    if path.is_dir() and not _is_maildir(path):
        for eml in sorted(path.glob("*.eml")):
            yield eml.read_bytes(), f"file:{eml.name}"
    elif path.is_dir():
        box = mailbox.Maildir(str(path), factory=None, create=False)
        for key in sorted(box.keys()):
            yield box.get_bytes(key), f"file:{path.name}/{key}"
    elif _is_mbox(path):
        box = mailbox.mbox(str(path), factory=None, create=False)
        try:
            for index, key in enumerate(box.iterkeys(), start=1):
                yield box.get_bytes(key), f"file:{path.name}#{index}"
        finally:
            box.close()
    else:
        yield path.read_bytes(), f"file:{path.name}"


def import_paths(paths, settings, on_result=None):
    """Store and read every message; returns the Summary."""
    problem = check_paths(paths)
    if problem:
        raise ImportRefused(problem)
    summary = Summary()
    for path in paths:
        for raw, source in messages_in(path):
            result = receive(raw, source, settings)
            summary.add(result)
            if on_result:
                on_result(source, result)
    return summary
