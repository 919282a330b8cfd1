"""A real HTTP server on loopback that receives webhooks: it records every request, answers
with the status codes it is told to (200 otherwise), can hold a request until released, and
checks each request's Heard-Signature the way a receiving system would."""
import hashlib
import hmac
import http.server
import json
import threading
import time
from dataclasses import dataclass


@dataclass
class Received:
    headers: dict
    body: bytes

    @property
    def json(self):
        return json.loads(self.body)

    @property
    def event(self):
        return self.headers.get("Heard-Event")

    @property
    def delivery_id(self):
        return self.headers.get("Heard-Delivery")


def signature_is_valid(secret, received, tolerance=300):
    """What a receiver does: parse t= and v1=, recompute the HMAC of "t.body", compare in constant
    time, and refuse a timestamp more than `tolerance` seconds away."""
    parts = dict(part.split("=", 1) for part in received.headers.get("Heard-Signature", "").split(","))
    timestamp = int(parts["t"])
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + received.body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts.get("v1", "")) and abs(time.time() - timestamp) <= tolerance


class Receiver:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []
        self.statuses = []  # answers to give, first first; 200 once used up
        self.hold_next = False
        self.arrived = threading.Event()
        self.release = threading.Event()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver.lock:
                    receiver.requests.append(Received(dict(self.headers.items()), body))
                    status = receiver.statuses.pop(0) if receiver.statuses else 200
                    hold, receiver.hold_next = receiver.hold_next, False
                if hold:
                    receiver.arrived.set()
                    receiver.release.wait(60)
                try:
                    answer = json.dumps({"status": status}).encode()
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:
                    pass  # the sender went away while we held it

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/heard"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def received(self):
        with self.lock:
            return list(self.requests)
