#!/usr/bin/env python3
"""A loopback HTTP server for the fetch tests (standard library only).

    httpd.py ROOT LOG PORTFILE [CERT KEY]

Binds 127.0.0.1 on an ephemeral port, writes the port to PORTFILE, serves
the files under ROOT (GET /HOST/PATH serves ROOT/HOST/PATH, the cache layout)
and appends "GET /path" to LOG for every request, so a test can count them.
Fault paths: /stall /reset /short /500 /404 /endless /redirect-loop
/redirect-ftp /redirect-file /redirect-ok /big /big-nolength.
With CERT and KEY (PEM files) it speaks https instead.
"""
import os
import socket
import ssl
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT, LOG, PORTFILE = sys.argv[1], sys.argv[2], sys.argv[3]
log_lock = threading.Lock()
BIG = 2 * 1024 * 1024


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True   # else each keep-alive request waits 40 ms

    def log_message(self, fmt, *args):  # quiet: the request log is ours
        pass

    def head(self, status, length=None, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", "application/xml")
        if length is not None:
            self.send_header("Content-Length", str(length))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()

    def redirect(self, where):
        self.head(302, 0, [("Location", where)])

    def do_GET(self):
        with log_lock, open(LOG, "a") as f:
            f.write("GET %s\n" % self.path)
        path = self.path.split("?", 1)[0]
        try:
            if path == "/stall":          # headers, then nothing
                self.head(200, 100)
                self.wfile.flush()
                time.sleep(30)
            elif path == "/reset":        # part of the body, then a TCP reset
                self.head(200, 100000)
                self.wfile.write(b"<x>" + b"a" * 1000)
                self.wfile.flush()
                time.sleep(0.2)
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                           struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True
            elif path == "/short":        # Content-Length larger than the body
                self.head(200, 1000, [("Connection", "close")])
                self.wfile.write(b"<x>" + b"a" * 100)
                self.close_connection = True
            elif path in ("/500", "/404"):
                body = b"no\n"
                self.head(int(path[1:]), len(body))
                self.wfile.write(body)
            elif path == "/endless":      # chunked, never ends
                self.head(200, None, [("Transfer-Encoding", "chunked")])
                chunk = b"a" * 65536
                while True:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            elif path == "/big":          # announced larger than the cap
                self.head(200, BIG)
                self.wfile.write(b"a" * BIG)
            elif path == "/big-nolength":  # no Content-Length, larger than the cap
                self.head(200, None, [("Connection", "close")])
                self.wfile.write(b"a" * BIG)
                self.close_connection = True
            elif path == "/redirect-loop":
                self.redirect("/redirect-loop")
            elif path == "/redirect-ftp":
                self.redirect("ftp://127.0.0.1/etc/passwd")
            elif path == "/redirect-file":
                self.redirect("file:///etc/passwd")
            elif path == "/redirect-ok":
                self.redirect("/www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd")
            else:
                self.serve_file(path)
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.close_connection = True

    def do_CONNECT(self):
        # https through this server as a proxy: logged, never tunnelled, so
        # that a test counting requests sees an attempt to leave too
        with log_lock, open(LOG, "a") as f:
            f.write("CONNECT %s\n" % self.path)
        self.head(502, 0)

    def serve_file(self, path):
        parts = [p for p in path.split("/") if p]
        if not parts or any(p in (".", "..") for p in parts):
            self.head(404, 0)
            return
        full = os.path.join(ROOT, *parts)
        if not os.path.isfile(full):
            body = b"not found\n"
            self.head(404, len(body))
            self.wfile.write(body)
            return
        with open(full, "rb") as f:
            data = f.read()
        self.head(200, len(data))
        self.wfile.write(data)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if len(sys.argv) > 5:
        # a client that refuses the certificate fails the handshake in
        # accept(); socketserver drops that connection (an OSError) and goes on
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[4], sys.argv[5])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    tmp = PORTFILE + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.rename(tmp, PORTFILE)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
