#!/usr/bin/env python3
"""A local stand-in for Twilio's Messages API, started by scripts/run-local.sh when no Twilio account is configured.

reminder-service sends its SMS here (TWILIO_API_BASE_URL) exactly as it would to Twilio and gets a message sid back;
nothing leaves the machine. GET /messages lists what arrived (for scripts/demo.sh), newest last, kept in memory only.
Usage: local_twilio.py PORT
"""
import json
import sys
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

MESSAGES = []


class Handler(BaseHTTPRequestHandler):
    def _answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        if not self.path.endswith("/Messages.json"):
            self._answer(404, {"code": 20404, "message": "not found", "status": 404})
            return
        length = int(self.headers.get("Content-Length", "0"))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        sid = "SM" + uuid.uuid4().hex
        MESSAGES.append({"sid": sid, "to": form.get("To"), "from": form.get("From"), "body": form.get("Body")})
        self._answer(201, {"sid": sid, "status": "queued", "to": form.get("To")})

    def do_GET(self):
        if self.path == "/messages":
            self._answer(200, MESSAGES)
        else:
            self._answer(404, {"code": 20404, "message": "not found", "status": 404})

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
