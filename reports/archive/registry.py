"""Which kinds of report the archive can build, and how.

A kind names a builder by dotted path, `"package.module:function"`, called in the worker as
`builder(report, settings) -> (pdf_bytes, html_text, pages)` (or with a fourth item, a list
of plain-text headline lines kept as `summary` for notifications to quote), with the StoredReport row (its
service, scope, period_start and period_end) and the app's Settings; and optionally `on_ready`,
`function(report_id)` called in the worker after a build is stored (e.g. to email it).

The platform's kinds are listed in reports.stored_kinds.KINDS; add a Kind there (or call
register() at start-up) for a new one. The archive itself never changes for a new kind.
"""
import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str  # "lessons"
    title: str  # "Lessons learnt", the words a page uses
    builder: str  # "reports.lessons.stored:build"
    on_ready: str = ""  # "reports.delivery.monthly:report_ready"
    filename: str = ""  # a file-name stem ("lessons-learnt"); the kind's name if empty


_extra = {}


class UnknownKind(LookupError):
    pass


def register(kind):
    """Add (or replace) a kind beside those in reports.stored_kinds."""
    _extra[kind.name] = kind


def kinds():
    from reports import stored_kinds

    return {**{kind.name: kind for kind in stored_kinds.KINDS}, **_extra}


def kind(name):
    found = kinds().get(name)
    if found is None:
        raise UnknownKind(f"no stored report kind {name!r}")
    return found


def resolve(dotted):
    """The function a "module:function" path names."""
    module, _, attribute = dotted.partition(":")
    if not module or not attribute:
        raise ValueError(f"{dotted!r} is not 'package.module:function'")
    return getattr(importlib.import_module(module), attribute)
