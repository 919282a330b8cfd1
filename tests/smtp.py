"""A real SMTP server on loopback for the tests (aiosmtpd): `with serving(handler) as h:` starts
one on a free port (`h.port`) and stops it afterwards."""
import contextlib
import socket


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(handler):
    from aiosmtpd.controller import Controller

    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    try:
        yield handler
    finally:
        controller.stop()
