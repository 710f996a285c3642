"""Faults of the database, against real server processes (the issue's fault suite).

  (a) restart  PostgreSQL stopped and started again while 32 clients file work orders
  (b) kill     pg_terminate_backend of the server's connections, three times, mid-load
  (c) lock     a row held FOR UPDATE by another session while the API moves that order, without
               and with lock_timeout
  (d) disk     the SQLite file on a full filesystem (a 48 MB tmpfs; needs root), then space again
  (e) failover pg_auto_failover switchover under load: the multi-host DATABASE_URL, and what a
               single-host one does (scripts/ci/pg-failover.sh)

Each filing carries an Idempotency-Key and is retried with the same key after an error or a
timeout. Checked against the goals of the issue: every order answered 201 is in the database
afterwards, once per key; no 5xx but 503 with Retry-After; no request hangs (answer within
HANG_LIMIT s); the first 201 within 5 s of the database's return; /readyz follows the outage.

  YINGCAI_BIN=.build/debug/yingcai python3 scripts/ci/faults.py [restart kill lock disk failover]
      [--json report.json]
  Knobs: CLIENTS (32), OUTAGE (20 s down in (a)), AFTER (12 s watched after the return),
  HANG_LIMIT (5 s).

Needs PostgreSQL from Debian (installed when missing, like scripts/postgres.sh) and, for (e),
postgresql-NN-auto-failover. Every cluster, formation and server it starts is stopped on exit.
Exit status 1 when a goal is missed."""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid

from common import exchange

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BIN = os.environ.get("YINGCAI_BIN", os.path.join(ROOT, ".build", "debug", "yingcai"))
CLIENTS = int(os.environ.get("CLIENTS", "32"))
OUTAGE = float(os.environ.get("OUTAGE", "20"))          # seconds PostgreSQL stays down in (a)
HANG_LIMIT = float(os.environ.get("HANG_LIMIT", "5"))   # an answer later than this is a hang
CLIENT_TIMEOUT = 30                                      # the clients give up after this
RECOVERY_GOAL = 5.0
DATA_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
IS_ROOT = os.geteuid() == 0
WORK = tempfile.mkdtemp(prefix="yingcai-faults-")
CLEANUP = []       # callables, run in reverse on exit
REPORT = {}        # scenario -> figures, for --json
FAILURES = []      # (scenario, what) of missed goals


def log(*args):
    print(time.strftime("%H:%M:%S"), *args, flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def as_postgres(args):
    return (["runuser", "-u", "postgres", "--"] if IS_ROOT else []) + args


def pg_bindir():
    dirs = sorted((d for d in os.listdir("/usr/lib/postgresql") if os.path.exists(f"/usr/lib/postgresql/{d}/bin/initdb")),
                  key=lambda d: int(d)) if os.path.isdir("/usr/lib/postgresql") else []
    if not dirs:
        log("installing PostgreSQL from Debian…")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True, env=env, stdout=subprocess.DEVNULL)
        return pg_bindir()
    return f"/usr/lib/postgresql/{dirs[-1]}/bin"


# -- a throwaway PostgreSQL cluster (as scripts/postgres.sh) that can be stopped and started --------

class Cluster:
    def __init__(self):
        self.bindir = pg_bindir()
        self.dir = tempfile.mkdtemp(prefix="yingcai-pg-", dir=WORK)
        self.port = free_port()
        if IS_ROOT:
            shutil.chown(WORK, "postgres", "postgres")
            shutil.chown(self.dir, "postgres", "postgres")
        subprocess.run(as_postgres([f"{self.bindir}/initdb", "-D", f"{self.dir}/data", "-U", "postgres", "--auth=trust",
                                    "--encoding=UTF8", "--locale=C.UTF-8"]), check=True, capture_output=True)
        CLEANUP.append(self.stop)
        self.start()

    def pg_ctl(self, *args):
        return subprocess.run(as_postgres([f"{self.bindir}/pg_ctl", "-D", f"{self.dir}/data", *args]),
                              capture_output=True, text=True)

    def start(self):
        r = self.pg_ctl("-l", f"{self.dir}/server.log", "-w", "start", "-o",
                        f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c max_connections=300 -c fsync=on")
        if r.returncode != 0:
            raise RuntimeError("pg_ctl start: " + r.stderr + open(f"{self.dir}/server.log").read()[-2000:])

    def stop(self, mode="fast"):
        if os.path.exists(f"{self.dir}/data/postmaster.pid"):
            self.pg_ctl("-m", mode, "-w", "stop")

    def psql(self, sql, db="postgres", port=None):
        out = subprocess.run([f"{self.bindir}/psql", "-X", "-qtA", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                              "-p", str(port or self.port), "-U", "postgres", "-d", db, "-c", sql],
                             capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(f"psql: {out.stderr.strip()}")
        return out.stdout.strip()

    def create_db(self, name):
        self.psql(f"CREATE DATABASE {name}")
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


# -- the server ---------------------------------------------------------------------------------

def yingcai(args, env):
    r = subprocess.run([BIN] + args, env=env, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise RuntimeError(f"yingcai {' '.join(args)}: {r.stdout[-500:]} {r.stderr[-1500:]}")
    return r.stdout


def server_env(database_url=None, sqlite_path=None, **extra):
    env = dict(os.environ, YINGCAI_BCRYPT_COST="4", LOG_LEVEL="warning", YINGCAI_JOBS_INTERVAL="0",
               YINGCAI_LOG_FORMAT="text", YINGCAI_SESSION_CACHE_SECONDS="5")
    env.pop("DATABASE_URL", None)
    if database_url:
        env.update(DATABASE_URL=database_url, YINGCAI_DATA_KEY=DATA_KEY,
                   YINGCAI_CODE_KEY_FILE=os.path.join(WORK, "code-keys.txt"))
        if not os.path.exists(env["YINGCAI_CODE_KEY_FILE"]):
            yingcai(["codes", "init-keys", "--key-file", env["YINGCAI_CODE_KEY_FILE"]], env)
    else:
        env["YINGCAI_SQLITE_PATH"] = sqlite_path
    env.update(extra)
    return env


def prepare(env):
    """Schema and the one user the clients need."""
    yingcai(["migrate"], env)
    yingcai(["users", "create", "--username", "dispatcher", "--password", "dispatcher-password",
             "--role", "dispatcher", "--org", "500000:HOTLINE"], env)


class Server:
    """A `yingcai serve` process on a free loopback port (as scripts/ci/common.py, with a bounded wait)."""

    def __init__(self, env, name, ready_within=60):
        self.port = free_port()
        self.log_path = os.path.join(WORK, name + ".log")
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([BIN, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
                                     env=env, stdout=self.log, stderr=self.log)
        CLEANUP.append(self.stop)
        self.ready = False
        deadline = time.time() + ready_within
        while time.time() < deadline:
            if self.proc.poll() is not None:
                return
            status, _, _ = request("GET", self.url("/readyz"), timeout=2)
            if status == 200:
                self.ready = True
                return
            time.sleep(0.2)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if not self.log.closed:
            self.log.close()

    def errors_logged(self):
        with open(self.log_path, errors="replace") as f:
            lines = [l.strip() for l in f if "error" in l.lower()]
        counts = {}
        for l in lines:
            key = re.sub(r"hb\.request\.id=\S+ ?|^\S+ ", "", l)[:160]
            counts[key] = counts.get(key, 0) + 1
        return sorted(counts.items(), key=lambda kv: -kv[1])[:8]


def request(method, url, body=None, token=None, headers=None, timeout=10):
    """(status, headers, json) — status 'timeout' or 'refused'/'error: …' when no answer came."""
    try:
        return exchange(method, url, body, token, headers, timeout)
    except (socket.timeout, TimeoutError):
        return "timeout", {}, None
    except urllib.error.URLError as e:
        if isinstance(e.reason, (socket.timeout, TimeoutError)):
            return "timeout", {}, None
        return ("refused" if isinstance(e.reason, ConnectionRefusedError) else f"error: {type(e.reason).__name__}"), {}, None
    except (ConnectionError, OSError) as e:
        return f"error: {type(e).__name__}", {}, None


def login(server, username="dispatcher", password="dispatcher-password"):
    status, _, body = request("POST", server.url("/api/v1/auth/login"), {"username": username, "password": password})
    assert status == 200, (status, body)
    return body["token"]


# -- load: clients filing work orders, each key retried until answered 201 ----------------------------

class Load:
    def __init__(self, server, token, clients=CLIENTS, tag="o"):
        self.server, self.token, self.tag = server, token, tag
        self.attempts = []        # (start, end, status, retry_after, key)
        self.acked = {}           # key -> id
        self.unexpected = []      # (status, body) of 4xx other than 409
        self.lock = threading.Lock()
        self.stopping = False
        self.stopped_at = 0.0
        self.threads = [threading.Thread(target=self.client, args=(i,), daemon=True) for i in range(clients)]

    def start(self):
        for t in self.threads:
            t.start()
        return self

    def client(self, n):
        while not self.stopping:
            key = f"{self.tag}-{n}-{uuid.uuid4().hex[:12]}"
            body = {"channel": "phone", "category": "help", "title": key, "content": "来电求助", "districtCode": "500112",
                    "contact": {"name": "来电人"}}
            tries = 0
            # A key once sent is retried until answered, and for at most 15 s after the stop.
            while tries == 0 or not self.stopping or time.time() < self.stopped_at + 15:
                tries += 1
                t0 = time.time()
                status, headers, answer = request("POST", self.server.url("/api/v1/work-orders"), body, self.token,
                                                  {"Idempotency-Key": key}, timeout=CLIENT_TIMEOUT)
                t1 = time.time()
                with self.lock:
                    self.attempts.append((t0, t1, status, headers.get("Retry-After"), key))
                if status == 201:
                    with self.lock:
                        self.acked[key] = answer["id"]
                    break
                if isinstance(status, int) and 400 <= status < 500 and status not in (409, 429):
                    with self.lock:
                        self.unexpected.append((status, answer))
                    break
                time.sleep(0.1)
            if self.stopping:
                break

    def stop(self):
        self.stopped_at = time.time()
        self.stopping = True
        deadline = time.time() + 15 + CLIENT_TIMEOUT + 5
        for t in self.threads:
            t.join(timeout=max(0.1, deadline - time.time()))


class Poller:
    """GET /readyz every 0.25 s: (start, end, status)."""

    def __init__(self, server):
        self.server, self.samples, self.stopping = server, [], False
        self.thread = threading.Thread(target=self.run, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def run(self):
        while not self.stopping:
            t0 = time.time()
            status, _, _ = request("GET", self.server.url("/readyz"), timeout=CLIENT_TIMEOUT)
            self.samples.append((t0, time.time(), status))
            time.sleep(0.25)

    def stop(self):
        self.stopping = True
        self.thread.join(timeout=CLIENT_TIMEOUT + 5)


def tally(attempts, since=None, until=None):
    counts = {}
    for t0, t1, status, _, _ in attempts:
        if (since is None or t0 >= since) and (until is None or t0 < until):
            counts[str(status)] = counts.get(str(status), 0) + 1
    return dict(sorted(counts.items()))


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(p / 100 * len(values)))], 3)


def judge_answers(name, load, window=None):
    """The goals every scenario shares: 5xx only as 503 with Retry-After, and no hangs."""
    attempts = [a for a in load.attempts if window is None or window[0] <= a[0] < window[1]]
    bad_5xx = {}
    for _, _, status, retry_after, _ in attempts:
        if isinstance(status, int) and status >= 500 and (status != 503 or not retry_after):
            k = f"{status}{'' if retry_after else ' without Retry-After'}"
            bad_5xx[k] = bad_5xx.get(k, 0) + 1
    latencies = [t1 - t0 for t0, t1, *_ in attempts]
    hangs = sum(1 for l in latencies if l > HANG_LIMIT)
    timeouts = sum(1 for a in attempts if a[2] == "timeout")
    figures = {"answers": tally(attempts), "latency_p50_s": percentile(latencies, 50),
               "latency_p99_s": percentile(latencies, 99), "latency_max_s": round(max(latencies), 3) if latencies else None,
               "over_hang_limit": hangs, "client_timeouts": timeouts, "5xx_not_503_with_retry_after": bad_5xx}
    if bad_5xx:
        FAILURES.append((name, f"5xx other than 503 + Retry-After: {bad_5xx}"))
    if hangs:
        FAILURES.append((name, f"{hangs} requests took longer than {HANG_LIMIT:g} s (max {figures['latency_max_s']} s, "
                               f"{timeouts} gave up after {CLIENT_TIMEOUT} s)"))
    if load.unexpected:
        figures["unexpected_4xx"] = [f"{s} {(b or {}).get('detail', '')[:100]}" for s, b in load.unexpected[:5]]
        FAILURES.append((name, f"{len(load.unexpected)} unexpected 4xx: {figures['unexpected_4xx'][:2]}"))
    return figures


def judge_durability(name, load, ids_in_db, titles_more_than_once):
    missing = [k for k, i in load.acked.items() if i not in ids_in_db]
    figures = {"acknowledged_201": len(load.acked), "keys_sent": len({a[4] for a in load.attempts}),
               "rows_stored": len(ids_in_db), "acknowledged_missing": len(missing),
               "keys_stored_twice": len(titles_more_than_once)}
    if missing:
        # When they were answered (seconds from the load's start): a burst at one instant is one
        # merged write that was acknowledged and then undone.
        t0, lost = min(a[0] for a in load.attempts), set(missing)
        figures["missing_answered_at_s"] = sorted(round(a[1] - t0, 3) for a in load.attempts if a[4] in lost and a[2] == 201)[:20]
        FAILURES.append((name, f"{len(missing)} orders answered 201 are missing, e.g. {missing[:3]}"))
    if titles_more_than_once:
        FAILURES.append((name, f"{len(titles_more_than_once)} keys stored twice, e.g. {titles_more_than_once[:3]}"))
    return figures


def pg_rows(cluster, db, port=None):
    ids = {int(x) for x in cluster.psql("SELECT id FROM work_orders", db, port).split()}
    twice = cluster.psql("SELECT title FROM work_orders GROUP BY title HAVING count(*) > 1", db, port).split()
    return ids, twice


def timeline(attempts, t0, step=2.0):
    """Answers by when they came, in `step`-second buckets from t0: {"+4": {"201": 80, …}, …}."""
    buckets = {}
    for _, t1, status, _, _ in attempts:
        b = f"{int((t1 - t0) // step * step):+d}"
        buckets.setdefault(b, {})
        buckets[b][str(status)] = buckets[b].get(str(status), 0) + 1
    return dict(sorted(buckets.items(), key=lambda kv: int(kv[0])))


def first_after(attempts, t, ok=lambda s: s == 201):
    ends = [t1 for t0, t1, status, *_ in attempts if t1 >= t and ok(status)]
    return round(min(ends) - t, 3) if ends else None


# -- (a) restart ---------------------------------------------------------------------------------

def scenario_restart(cluster):
    name = "restart"
    url = cluster.create_db("restart")
    env = server_env(url)
    prepare(env)
    server = Server(env, "restart")
    token = login(server)
    poller = Poller(server).start()
    load = Load(server, token, tag="r").start()
    time.sleep(4)
    t_down = time.time()
    log(f"(a) stopping PostgreSQL for {OUTAGE:g} s under {CLIENTS} clients")
    cluster.stop("fast")
    t_stopped = time.time()
    time.sleep(OUTAGE)
    cluster.start()
    t_up = time.time()
    log("(a) PostgreSQL is back")
    time.sleep(float(os.environ.get("AFTER", "12")))
    load.stop()
    poller.stop()
    alive = server.alive()
    server.stop()

    during = [a for a in load.attempts if t_down <= a[0] < t_up]
    outage_answers = tally(load.attempts, t_down, t_up)
    recovery = first_after(load.attempts, t_up)
    ready = poller.samples
    readyz_down = next((round(t1 - t_down, 3) for t0, t1, s in ready if t0 >= t_down and s != 200), None)
    readyz_up = next((round(t1 - t_up, 3) for t0, t1, s in ready if t0 >= t_up and s == 200), None)
    readyz_max = round(max((t1 - t0 for t0, t1, s in ready), default=0), 3)
    figures = {"outage_s": round(t_up - t_down, 3), "stop_took_s": round(t_stopped - t_down, 3),
               "answers_to_requests_sent_during_outage": outage_answers,
               "latency_max_during_outage_s": round(max((a[1] - a[0] for a in during), default=0), 3),
               "first_201_after_return_s": recovery,
               "readyz_first_not_200_after_stop_s": readyz_down, "readyz_first_200_after_return_s": readyz_up,
               "readyz_slowest_answer_s": readyz_max, "readyz_answers": tally([(a, b, s, None, None) for a, b, s in ready]),
               "server_alive": alive, "answers_by_second_from_stop": timeline(load.attempts, t_down),
               "readyz_by_second_from_stop": timeline([(a, b, s, None, None) for a, b, s in ready], t_down)}
    figures.update(judge_answers(name, load))
    figures.update(judge_durability(name, load, *pg_rows(cluster, "restart")))
    if recovery is None or recovery > RECOVERY_GOAL:
        FAILURES.append((name, f"first 201 {recovery} s after PostgreSQL returned (goal ≤ {RECOVERY_GOAL:g} s)"))
    if readyz_down is None:
        FAILURES.append((name, "/readyz never reported the outage"))
    if readyz_up is None or readyz_up > RECOVERY_GOAL:
        FAILURES.append((name, f"/readyz 200 again {readyz_up} s after the return (goal ≤ {RECOVERY_GOAL:g} s)"))
    if readyz_max > HANG_LIMIT:
        FAILURES.append((name, f"/readyz took up to {readyz_max} s to answer"))
    figures["errors_logged"] = server.errors_logged()
    REPORT[name] = figures


# -- (b) pg_terminate_backend --------------------------------------------------------------------

def scenario_kill(cluster):
    name = "kill"
    url = cluster.create_db("killed")
    env = server_env(url)
    prepare(env)
    server = Server(env, "kill")
    token = login(server)
    load = Load(server, token, tag="k").start()
    time.sleep(3)
    kills = []
    for _ in range(3):
        n = cluster.psql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                         "WHERE datname = 'killed' AND pid <> pg_backend_pid()")
        kills.append((time.time(), int(n)))
        log(f"(b) terminated {n} backends")
        time.sleep(1.5)
    t_last = kills[-1][0]
    time.sleep(8)
    t_end = time.time()
    load.stop()
    alive = server.alive()
    server.stop()
    figures = {"backends_terminated": [n for _, n in kills], "answers_by_second_from_first_kill": timeline(load.attempts, kills[0][0], 1.0),
               "answers_after_first_kill": tally(load.attempts, kills[0][0]),
               "first_201_after_last_kill_s": first_after(load.attempts, t_last),
               "answered_201_in_last_4s_of_load": sum(1 for a in load.attempts if a[2] == 201 and t_end - 4 <= a[1] <= t_end),
               "server_alive": alive}
    figures.update(judge_answers(name, load))
    figures.update(judge_durability(name, load, *pg_rows(cluster, "killed")))
    if figures["first_201_after_last_kill_s"] is None or figures["first_201_after_last_kill_s"] > RECOVERY_GOAL:
        FAILURES.append((name, f"first 201 {figures['first_201_after_last_kill_s']} s after the last kill"))
    if figures["answered_201_in_last_4s_of_load"] == 0:
        FAILURES.append((name, "filing is wedged: no 201 in the last 4 s of the load, 4 s after the last kill"))
    figures["errors_logged"] = server.errors_logged()
    REPORT[name] = figures


# -- (c) a row lock held past lock_timeout --------------------------------------------------------

def hold_lock(cluster, db, order_id):
    """A psql session holding the order's row FOR UPDATE until release() is called."""
    p = subprocess.Popen([f"{cluster.bindir}/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                          "-p", str(cluster.port), "-U", "postgres", "-d", db],
                         stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    p.stdin.write(f"BEGIN; SELECT id FROM work_orders WHERE id = {order_id} FOR UPDATE;\n")
    p.stdin.flush()
    deadline = time.time() + 10
    while time.time() < deadline:  # wait until the lock is really held
        held = cluster.psql(f"SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
                            f"WHERE a.datname = '{db}' AND l.locktype = 'transactionid' AND a.state = 'idle in transaction'", db)
        if held != "0":
            break
        time.sleep(0.1)

    def release():
        try:
            p.stdin.write("COMMIT;\n")
            p.stdin.close()
        except Exception:
            pass
        p.wait(timeout=10)
    CLEANUP.append(lambda: p.poll() is None and p.kill())
    return release


def scenario_lock(cluster):
    name = "lock"
    figures = {}
    for variant, lock_timeout in (("server_default", None), ("lock_timeout_1s", "1s")):
        db = "locked_" + variant.split("_")[0]
        url = cluster.create_db(db)
        env = server_env(url)
        prepare(env)
        if lock_timeout:
            cluster.psql(f"ALTER DATABASE {db} SET lock_timeout = '{lock_timeout}'")
        server = Server(env, f"lock-{variant}")
        token = login(server)
        status, _, order = request("POST", server.url("/api/v1/work-orders"), {
            "channel": "phone", "category": "help", "title": "锁", "content": "来电求助", "districtCode": "500112",
            "contact": {"name": "来电人"}}, token)
        assert status == 201, (status, order)
        hold_for = 12
        release = hold_lock(cluster, db, order["id"])
        timer = threading.Timer(hold_for, release)
        timer.start()
        t0 = time.time()
        status, headers, answer = request("POST", server.url(f"/api/v1/work-orders/{order['id']}/dispatch"),
                                          {"leadOrg": "500112:HRSS"}, token, timeout=CLIENT_TIMEOUT)
        took = time.time() - t0
        r0 = time.time()
        rstatus, _, _ = request("GET", server.url(f"/api/v1/work-orders/{order['id']}"), token=token, timeout=CLIENT_TIMEOUT)
        read_took = time.time() - r0
        ready, _, _ = request("GET", server.url("/readyz"), timeout=5)
        timer.join()
        after, _, moved = request("POST", server.url(f"/api/v1/work-orders/{order['id']}/dispatch"),
                                  {"leadOrg": "500112:HRSS"}, token, timeout=CLIENT_TIMEOUT)
        figures[variant] = {"lock_held_s": hold_for, "move_status": status, "move_took_s": round(took, 3),
                            "retry_after": headers.get("Retry-After"),
                            "problem": (answer or {}).get("type") if isinstance(answer, dict) else None,
                            "read_while_locked": rstatus, "read_took_s": round(read_took, 3), "readyz_while_locked": ready,
                            "move_after_release": after, "server_alive": server.alive()}
        log(f"(c) {variant}: the move answered {status} after {took:.1f} s")
        if took > HANG_LIMIT:
            FAILURES.append((name, f"{variant}: the move waited {took:.1f} s for the lock (goal: give up within {HANG_LIMIT:g} s)"))
        if isinstance(status, int) and status >= 500 and (status != 503 or not headers.get("Retry-After")):
            FAILURES.append((name, f"{variant}: a lock timeout answered {status} (goal: 503 with Retry-After, or 409)"))
        figures[variant]["errors_logged"] = server.errors_logged()
        server.stop()
    REPORT[name] = figures


# -- (d) SQLite on a full disk -------------------------------------------------------------------

def scenario_disk(_cluster):
    name = "disk"
    mnt = os.path.join(WORK, "small")
    os.makedirs(mnt)
    if not IS_ROOT or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mnt], capture_output=True).returncode != 0:
        REPORT[name] = {"skipped": "cannot mount a small filesystem (needs root)"}
        log("(d) skipped: cannot mount a tmpfs")
        return
    CLEANUP.append(lambda: subprocess.run(["umount", "-l", mnt], capture_output=True))
    db = os.path.join(mnt, "yingcai.sqlite")
    env = server_env(sqlite_path=db)
    prepare(env)
    server = Server(env, "disk")
    token = login(server)
    load = Load(server, token, clients=8, tag="d").start()
    time.sleep(2)
    filler = os.path.join(mnt, "filler")
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    for size in (1 << 20, 1 << 12, 1):     # every block that is left
        try:
            while True:
                os.write(fd, b"\0" * size)
        except OSError:
            pass
    os.close(fd)
    t_full = time.time()
    log(f"(d) filesystem full ({shutil.disk_usage(mnt).free} bytes free)")
    time.sleep(8)
    full_alive = server.alive()
    health = request("GET", server.url("/healthz"), timeout=5)[0]
    ready_full = request("GET", server.url("/readyz"), timeout=5)[0]
    os.remove(filler)
    t_space = time.time()
    log("(d) space again")
    time.sleep(8)
    ready_after = request("GET", server.url("/readyz"), timeout=5)[0]
    load.stop()
    alive = server.alive()
    server.stop()
    con_ids, twice, integrity = set(), [], "?"
    import sqlite3
    con = sqlite3.connect(db)
    try:
        con_ids = {r[0] for r in con.execute("SELECT id FROM work_orders")}
        twice = [r[0] for r in con.execute("SELECT title FROM work_orders GROUP BY title HAVING count(*) > 1")]
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
    figures = {"answers_while_full": tally(load.attempts, t_full, t_space), "answers_after_space": tally(load.attempts, t_space),
               "first_201_after_space_s": first_after(load.attempts, t_space),
               "server_alive_while_full": full_alive, "server_alive_at_end": alive, "healthz_while_full": health,
               "readyz_while_full": ready_full, "readyz_after_space": ready_after, "integrity_check": integrity}
    figures.update(judge_answers(name, load))
    figures.update(judge_durability(name, load, con_ids, twice))
    if not alive or not full_alive:
        FAILURES.append((name, "the server died on the full disk"))
    if integrity != "ok":
        FAILURES.append((name, f"integrity_check: {integrity}"))
    if figures["first_201_after_space_s"] is None or figures["first_201_after_space_s"] > RECOVERY_GOAL:
        FAILURES.append((name, f"first 201 {figures['first_201_after_space_s']} s after space returned"))
    figures["errors_logged"] = server.errors_logged()
    REPORT[name] = figures


# -- (e) pg_auto_failover switchover ---------------------------------------------------------------

def scenario_failover(cluster):
    name = "failover"
    script = os.path.join(HERE, "pg-failover.sh")
    formation = tempfile.mkdtemp(prefix="yingcai-pgaf-")
    CLEANUP.append(lambda: subprocess.run(["bash", script, "stop", formation], capture_output=True, timeout=180))
    out = subprocess.run(["bash", script, "start"], capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, PGAF_WORKDIR=formation))
    if out.returncode != 0:
        raise RuntimeError("pg-failover.sh start: " + out.stderr[-2000:])
    conf = dict(line.split("=", 1) for line in out.stdout.split("\n") if line.startswith("PGAF_"))
    conf = {k: v.strip("'") for k, v in conf.items()}
    p1, p2 = (int(p) for p in conf["PGAF_PORTS"].split())
    monitor = int(conf["PGAF_MONITOR_PORT"])

    def primary_port():
        return int(cluster.psql("SELECT nodeport FROM pgautofailover.node WHERE reportedstate = 'primary' "
                                "AND goalstate = 'primary'", "pg_auto_failover", monitor))
    first = primary_port()
    single = f"postgres://postgres@127.0.0.1:{first}/yingcai"
    multi = conf["PGAF_URL"]
    env = server_env(single)
    prepare(env)
    figures = {"multi_host_url": multi}

    # 1. What the server makes of the multi-host URL.
    t0 = time.time()
    server = Server(server_env(multi), "failover-multi", ready_within=20)
    figures["multi_host_ready"] = server.ready
    figures["multi_host_process_alive"] = server.alive()
    figures["multi_host_readyz"] = request("GET", server.url("/readyz"), timeout=20)[0] if server.alive() else None
    figures["multi_host_login"] = request("POST", server.url("/api/v1/auth/login"),
                                          {"username": "dispatcher", "password": "dispatcher-password"}, timeout=20)[0] \
        if server.alive() else None
    figures["multi_host_errors_logged"] = server.errors_logged()
    server.stop()
    log(f"(e) multi-host URL: ready={figures['multi_host_ready']} after {time.time() - t0:.1f} s")
    if not figures["multi_host_ready"]:
        FAILURES.append((name, "the server does not start on the multi-host DATABASE_URL"))

    # 2. Under load, with the URL that works (multi-host if it does, else the primary's own).
    url = multi if figures["multi_host_ready"] else single
    figures["url_under_load"] = url
    server = Server(server_env(url), "failover")
    token = login(server)
    poller = Poller(server).start()
    load = Load(server, token, tag="f").start()
    time.sleep(4)
    t_switch = time.time()
    log("(e) pg_autoctl perform switchover")
    sw = subprocess.run(["bash", script, "switchover", conf["PGAF_DIR"]], capture_output=True, text=True, timeout=180)
    t_done = time.time()
    log(f"(e) switchover done in {t_done - t_switch:.1f} s (rc {sw.returncode})")
    time.sleep(15)
    load.stop()
    poller.stop()
    alive = server.alive()
    server.stop()
    new = primary_port()
    figures["old_primary_in_recovery_now"] = cluster.psql("SELECT pg_is_in_recovery()", "yingcai", first)
    figures.update({"primary_before": first, "primary_after": new, "switchover_s": round(t_done - t_switch, 3),
                    "answers_before_switchover": tally(load.attempts, None, t_switch),
                    "answers_during_switchover": tally(load.attempts, t_switch, t_done),
                    "answers_after_switchover": tally(load.attempts, t_done),
                    "first_201_after_switchover_s": first_after(load.attempts, t_done),
                    "readyz_after_switchover": tally([(a, b, s, None, None) for a, b, s in poller.samples if a >= t_done]),
                    "answers_by_second_from_switchover": timeline(load.attempts, t_switch),
                    "server_alive": alive})
    figures.update(judge_answers(name, load))
    figures.update(judge_durability(name, load, *pg_rows(cluster, "yingcai", new)))
    if figures["first_201_after_switchover_s"] is None or figures["first_201_after_switchover_s"] > RECOVERY_GOAL:
        FAILURES.append((name, f"no 201 within {RECOVERY_GOAL:g} s after the switchover "
                               f"(first: {figures['first_201_after_switchover_s']} s): the server did not reach the new primary"))
    figures["errors_logged"] = server.errors_logged()
    REPORT[name] = figures


SCENARIOS = {"restart": scenario_restart, "kill": scenario_kill, "lock": scenario_lock, "disk": scenario_disk,
             "failover": scenario_failover}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="*", metavar="SCENARIO", help=" ".join(SCENARIOS) + " (default: all)")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    unknown = [s for s in args.scenarios if s not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario {unknown}; choose from {' '.join(SCENARIOS)}")
    if not os.access(BIN, os.X_OK):
        sys.exit(f"no yingcai binary at {BIN} (set YINGCAI_BIN)")
    cluster = Cluster()
    log(f"PostgreSQL on 127.0.0.1:{cluster.port}; work in {WORK}")
    for s in args.scenarios or SCENARIOS:
        log(f"== {s}")
        try:
            SCENARIOS[s](cluster)
        except Exception as e:  # a scenario that cannot run is a failure, the others still run
            FAILURES.append((s, f"could not run: {type(e).__name__}: {e}"))
            REPORT.setdefault(s, {})["error"] = f"{type(e).__name__}: {e}"
        print(json.dumps({s: REPORT.get(s)}, ensure_ascii=False, indent=1, default=str), flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"report": REPORT, "failures": FAILURES}, f, ensure_ascii=False, indent=1, default=str)
    for s, what in FAILURES:
        print(f"FAILED {s}: {what}")
    print(f"{len(args.scenarios or SCENARIOS) - len({s for s, _ in FAILURES})} passed, {len({s for s, _ in FAILURES})} failed")
    return 1 if FAILURES else 0


def cleanup():
    for f in reversed(CLEANUP):
        try:
            f()
        except Exception as e:
            print(f"cleanup: {e}", file=sys.stderr)
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        code = main()
    finally:
        cleanup()
    sys.exit(code)
