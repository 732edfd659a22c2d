"""Demo webhook receiver: logs every event the notifier delivers and checks its signature.

Standard library only. Listens on PORT (8080), answers 204 to every POST and prints one line per
delivery: the webhook-id, the event type and subject, and whether the Standard Webhooks signature
matches WEBHOOK_SECRET (the notifier endpoint's whsec_ secret). Not for production: it keeps nothing.
"""
import base64
import hashlib
import hmac
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = os.environ.get("WEBHOOK_SECRET", "")
KEY = base64.b64decode(SECRET.removeprefix("whsec_")) if SECRET else b""


def signature_ok(headers, body):
    if not KEY:
        return "not checked (no WEBHOOK_SECRET)"
    signed = f"{headers.get('webhook-id')}.{headers.get('webhook-timestamp')}.".encode() + body
    expected = base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest()).decode()
    offered = [s.split(",", 1)[1] for s in headers.get("webhook-signature", "").split() if s.startswith("v1,")]
    return "valid" if any(hmac.compare_digest(expected, s) for s in offered) else "INVALID"


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            event = json.loads(body)
            summary = f"type={event.get('type')} subject={event.get('subject')} data={json.dumps(event.get('data'))}"
        except ValueError:
            summary = f"body={body[:200]!r}"
        print(f"{self.path} webhook-id={self.headers.get('webhook-id')} signature={signature_ok(self.headers, body)} {summary}",
              flush=True)
        self.send_response(204)
        self.end_headers()

    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok\n")

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8080"))
    print(f"webhook receiver listening on :{port}", file=sys.stderr, flush=True)
    ThreadingHTTPServer(("", port), Receiver).serve_forever()
