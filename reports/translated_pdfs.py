"""Published PDFs in a language other than the one stored (the worker stores each publication's
PDF in English; a resident reading the Welsh page downloads a Welsh one, built from the same
figures). A build takes about a second of CPU, so each is kept, per process, for as long as the
stored PDF it translates is unchanged: a busy public page builds it once, not once a download."""
import hashlib
import threading
from collections import OrderedDict

MAX_KEPT = 16
_lock = threading.Lock()
_kept = OrderedDict()


def translated(kind, stored, language, build):
    """The PDF `build()` makes in `language` for the stored PDF `stored` (bytes) of a `kind`
    ("yswd", "annual"), made once while `stored` is the same."""
    key = (kind, language, hashlib.sha256(stored).hexdigest())
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
    content = build()
    with _lock:
        _kept[key] = content
        while len(_kept) > MAX_KEPT:
            _kept.popitem(last=False)
    return content
