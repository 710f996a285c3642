"""Helpers for the CI scripts that run real server processes against a real database."""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("YINGCAI_BIN", os.path.join(ROOT, ".build", "debug", "yingcai"))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run(args, env):
    return subprocess.run([BIN] + args, env=env, check=True, capture_output=True, text=True)


class Server:
    """A `yingcai serve` process on a free loopback port."""

    def __init__(self, env, log_path, port=None):
        self.port = port or free_port()
        self.log = open(log_path, "ab")
        self.proc = subprocess.Popen([BIN, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
                                     env=env, stdout=self.log, stderr=self.log)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url("/readyz"), timeout=1)
                return
            except Exception:
                if self.proc.poll() is not None:
                    raise RuntimeError("server exited; see " + log_path)
                time.sleep(0.1)
        raise RuntimeError("server did not become ready")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.log.close()


def exchange(method, url, body=None, token=None, headers=None, timeout=10):
    """(status, headers, json or None) of one JSON request; raises on connection errors."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, dict(r.headers), (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, dict(e.headers), json.loads(raw)
        except Exception:
            return e.code, dict(e.headers), None


def call(method, url, body=None, token=None, headers=None, timeout=10):
    """Returns (status, json or None); raises on connection errors."""
    status, _, parsed = exchange(method, url, body, token, headers, timeout)
    return status, parsed


def login(server, username, password):
    status, body = call("POST", server.url("/api/v1/auth/login"), {"username": username, "password": password})
    assert status == 200, (status, body)
    return body["token"]


def psql(sql):
    """Runs SQL on the CI cluster (PG_BINDIR, PG_PORT, database from DATABASE_URL)."""
    db = os.environ["DATABASE_URL"].rsplit("/", 1)[1].split("?")[0]
    out = subprocess.run([os.path.join(os.environ["PG_BINDIR"], "psql"), "-X", "-qtA", "-h", "127.0.0.1", "-p", os.environ["PG_PORT"],
                          "-U", "postgres", "-d", db, "-c", sql], check=True, capture_output=True, text=True)
    return out.stdout.strip()
