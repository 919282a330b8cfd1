"""A short memory, per process, of what a touchpoint's survey page needs: the touchpoint, its
survey, the live version and its questions (and a survey for its thank-you page). The busiest
public page then reads no survey rows for most residents, instead of the same four for each.

Entries last PUBLIC_CACHE_SECONDS (default 10): a survey that staff close, publish again or
change reaches residents within that. 0 turns the memory off (the tests do, except the one that
tests it). The memory holds no resident's data: only the council's own survey definitions.
"""
import threading
import time
from dataclasses import dataclass

from surveys import services, touchpoints, versions
from surveys.models import Survey

MAX_ENTRIES = 2000
_lock = threading.Lock()
_entries = {}


@dataclass(frozen=True)
class Page:
    touchpoint: object
    survey: object
    version: object  # None when nothing is live
    questions: tuple


def _remembered(key, seconds, load):
    if seconds <= 0:
        return load()
    now = time.monotonic()
    with _lock:
        hit = _entries.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    found = load()
    with _lock:
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
        _entries[key] = (now + seconds, found)
    return found


def page_for(code, seconds):
    """The touchpoint's Page, or None for an unknown code."""
    def load():
        touchpoint = touchpoints.by_code(code)  # with its survey, in one query
        if touchpoint is None:
            return None
        survey = touchpoint.survey
        version = services.live_version(survey)
        if version is not None:
            version.survey = survey  # known already: no second query for it
        return Page(touchpoint, survey, version, tuple(versions.questions(version)) if version else ())

    return _remembered(("code", code), seconds, load)


def survey(survey_id, seconds):
    return _remembered(("survey", survey_id), seconds, lambda: Survey.get_or_none(Survey.id == survey_id))


def forget():
    with _lock:
        _entries.clear()
