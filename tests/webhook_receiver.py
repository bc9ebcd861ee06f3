#!/usr/bin/python3
"""A webhook receiver for tests (tests/kernel/alertmanager_e2e.sh): every POST is appended to FILE as
one JSON line, {"at": UNIX_TIME, "path": PATH, "body": THE_JSON_POSTED}, and answered 200.

usage: webhook_receiver.py ADDRESS PORT FILE"""
import http.server
import json
import sys
import time


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        line = json.dumps({"at": time.time(), "path": self.path, "body": json.loads(body)}) + "\n"
        # One write per line: a reader polling the file sees whole lines, or a last one it skips.
        with open(sys.argv[3], "a") as f:
            f.write(line)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.HTTPServer((sys.argv[1], int(sys.argv[2])), Handler).serve_forever()
