"""Parsing with a time limit, in a child process a hostile message cannot outlive.

One worker process (from a forkserver, so it never inherits database sockets) parses
a message at a time. When a parse runs past the limit the pool is terminated (the
child is killed) and a new one is started for the next message. Where this process
may not have children (huey's daemonic process workers), each message is parsed by
a one-shot `python -m app.inbox.parsing` with the same limit.
"""
import atexit
import json
import multiprocessing
import subprocess
import sys
import threading

from app.inbox.parsing import MAX_PARTS, parse_safely

MEMORY_LIMIT = 1536 * 1024 * 1024
_lock = threading.Lock()
_pool = None


class ParseTimeout(Exception):
    """The message took longer to read than the limit allows."""


def _limit_memory():
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass


def _new_pool():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["app.inbox.parsing"])
    return context.Pool(processes=1, initializer=_limit_memory, maxtasksperchild=500)


def _discard_pool():
    global _pool
    if _pool is not None:
        _pool.terminate()
        _pool.join()
        _pool = None


atexit.register(_discard_pool)


def read_message(raw, seconds, max_parts=MAX_PARTS):
    """The parsed message as a dict ({"error": ...} when unreadable); raises
    ParseTimeout after `seconds`."""
    global _pool
    with _lock:
        if multiprocessing.current_process().daemon:
            return _read_once(raw, seconds, max_parts)
        if _pool is None:
            _pool = _new_pool()
        pending = _pool.apply_async(parse_safely, (raw, max_parts))
        try:
            return pending.get(timeout=seconds)
        except multiprocessing.TimeoutError:
            _discard_pool()
            raise ParseTimeout(f"took longer than {seconds} seconds to read") from None


def _read_once(raw, seconds, max_parts):
    try:
        done = subprocess.run([sys.executable, "-m", "app.inbox.parsing", str(max_parts)], input=raw,
                              capture_output=True, timeout=seconds, preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        raise ParseTimeout(f"took longer than {seconds} seconds to read") from None
    if done.returncode != 0:
        return {"error": "the reader stopped unexpectedly"}
    return json.loads(done.stdout)
