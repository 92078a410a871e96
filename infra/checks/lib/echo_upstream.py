"""Loopback HTTP server for the checks: answers every request with a JSON echo of what it received.

Usage: python3 echo_upstream.py PORT [STATUS_FOR_/health]
Stands in for the gateway behind nginx (headers, body size) and for a service behind docker/healthcheck.sh.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
HEALTH_STATUS = int(sys.argv[2]) if len(sys.argv) > 2 else 200
HANG_PATH = "/hang"


class Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status = HEALTH_STATUS if self.path == "/health" else 200
        if HEALTH_STATUS == 0:  # simulate a process that accepts connections but never answers
            import time
            time.sleep(30)
            return
        payload = json.dumps({
            "method": self.command,
            "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "bodyLength": len(body),
        }).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, *args):
        pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", PORT), Echo).serve_forever()
