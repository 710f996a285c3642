"""Two instances behind nginx (scripts/cluster.sh), optionally through PgBouncer in transaction mode
(PGBOUNCER=1): what one instance does holds on the other (a session, an Idempotency-Key, an upload,
the sign-in throttle), and a rolling restart while 16 clients file orders through nginx answers every
request 2xx, keeps every acknowledged order and makes no duplicate.

Run by .ci/run with DATABASE_URL, PG_BINDIR and PG_PORT set (a fresh database)."""
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

from common import ROOT, call, exchange, psql, run

CLIENTS = 16
work = tempfile.mkdtemp(prefix="yingcai-cluster-")
cluster_dir = os.path.join(work, "cluster")
env = dict(os.environ, YINGCAI_DATA_KEY=os.environ.get("YINGCAI_DATA_KEY") or "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
           YINGCAI_BCRYPT_COST="4", LOG_LEVEL="warning", YINGCAI_JOBS_INTERVAL="5",
           YINGCAI_CODE_KEY_FILE=os.path.join(work, "code-keys.txt"), CLUSTER_DIR=cluster_dir)
run(["codes", "init-keys"], env)
run(["migrate"], env)
run(["users", "create", "--username", "dispatcher", "--password", "dispatcher-password", "--role", "dispatcher", "--org", "500000:HOTLINE"], env)


def cluster(*args):
    out = subprocess.run([os.path.join(ROOT, "scripts", "cluster.sh"), *args], env=env, capture_output=True, text=True)
    sys.stderr.write(out.stderr)
    if out.returncode != 0:
        raise SystemExit(f"cluster.sh {' '.join(args)} failed ({out.returncode})")
    return out.stdout.strip()


failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAILED: " + message)


url = cluster("start", "2").splitlines()[-1]
try:
    ports = open(os.path.join(cluster_dir, "ports")).read().split()
    direct = [f"http://127.0.0.1:{p}" for p in ports]
    status, body = call("POST", url + "/api/v1/auth/login", {"username": "dispatcher", "password": "dispatcher-password"})
    assert status == 200, (status, body)
    token = body["token"]

    # A session made through nginx is known to each instance.
    for base in direct:
        status, me = call("GET", base + "/api/v1/me", token=token)
        check(status == 200 and me["user"]["username"] == "dispatcher", f"session on {base}: {status}")

    # One Idempotency-Key sent to each instance: one order.
    order = {"channel": "phone", "category": "inquiry", "title": "同一请求", "content": "来电咨询", "districtCode": "500103",
             "contact": {"name": "来电人"}}
    key = "cluster-" + uuid.uuid4().hex
    answers = [call("POST", base + "/api/v1/work-orders", order, token=token, headers={"Idempotency-Key": key}) for base in direct]
    check([s for s, _ in answers] == [201, 201] and answers[0][1]["id"] == answers[1][1]["id"],
          f"one key on two instances: {[(s, b.get('id') if b else None) for s, b in answers]}")

    # A file uploaded to one instance is read from the other (the shared uploads folder).
    pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
    boundary = "yingcai" + uuid.uuid4().hex
    payload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
               f"Content-Type: application/pdf\r\n\r\n").encode() + pdf + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(direct[0] + "/api/v1/uploads", data=payload, method="POST")
    req.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=10) as r:
        upload = json.loads(r.read())
    with urllib.request.urlopen(urllib.request.Request(direct[1] + f"/api/v1/uploads/{upload['uploadId']}",
                                                       headers={"Authorization": "Bearer " + token}), timeout=10) as r:
        check(r.read() == pdf, "an upload made on instance 1 reads back the same bytes on instance 2")

    # The sign-in throttle counts the failures of both instances together.
    statuses = [call("POST", direct[i % 2] + "/api/v1/auth/login", {"username": "dispatcher", "password": "wrong"},
                     headers={"X-Forwarded-For": "203.0.113.9"})[0] for i in range(12)]
    check(429 in statuses, f"failed sign-ins spread over two instances are throttled: {statuses}")

    # The rolling restart under load.
    acknowledged, other, errors = {}, [], []
    lock = threading.Lock()
    state = {"stop": False}

    def client(n):
        while not state["stop"]:
            k = f"roll-{n}-{uuid.uuid4().hex[:12]}"
            try:
                status, _, body = exchange("POST", url + "/api/v1/work-orders", dict(order, title=k), token=token,
                                           headers={"Idempotency-Key": k}, timeout=20)
            except Exception as e:  # a connection nginx dropped: would be a lost answer
                with lock:
                    errors.append(repr(e))
                continue
            with lock:
                if status == 201:
                    acknowledged[k] = body["id"]
                else:
                    other.append((status, (body or {}).get("title")))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    time.sleep(2)
    before = len(acknowledged)
    t0 = time.time()
    cluster("roll")
    rolled = time.time() - t0
    during = len(acknowledged) - before
    time.sleep(2)
    state["stop"] = True
    for t in threads:
        t.join(timeout=60)

    stored = dict(line.split("|", 1)[::-1] for line in psql("SELECT id, title FROM work_orders WHERE title LIKE 'roll-%'").splitlines())
    missing = [k for k, i in acknowledged.items() if stored.get(k) != str(i)]
    dupes = psql("SELECT count(*) FROM (SELECT title FROM work_orders GROUP BY title HAVING count(*) > 1) d")
    print(f"rolling restart of 2 instances in {rolled:.1f} s under {CLIENTS} clients: {len(acknowledged)} orders answered 201 "
          f"({during} while rolling), {len(other)} other answers, {len(errors)} connection errors, {len(missing)} missing, "
          f"{dupes} duplicated titles")
    check(during > 0, "no order was filed while the instances restarted: the test proved nothing")
    check(not other, f"non-2xx answers during the rolling restart: {other[:5]}")
    check(not errors, f"connection errors during the rolling restart: {errors[:3]}")
    check(not missing, f"acknowledged orders missing: {missing[:5]}")
    check(dupes == "0", f"{dupes} titles stored twice")
    status_lines = cluster("status")
    check(status_lines.count('"ready"') == 2, "both instances ready again:\n" + status_lines)

    # SIGTERM: the instance says it should get no traffic, and still serves, before it stops.
    pid = int(open(os.path.join(cluster_dir, "instance-2.pid")).read())
    os.kill(pid, 15)
    time.sleep(0.3)
    status, ready = call("GET", direct[1] + "/readyz")
    check(status == 503 and ready == {"status": "draining"}, f"/readyz while draining: {status} {ready}")
    status, _ = call("GET", direct[1] + "/api/v1/me", token=token)
    check(status == 200, f"a request while draining: {status}")
    for _ in range(100):
        try:
            os.kill(pid, 0)
            time.sleep(0.1)
        except ProcessLookupError:
            break
    else:
        check(False, "the instance did not stop within 10 s of SIGTERM")
finally:
    cluster("stop")

if failures:
    sys.exit(1)
print("1 passed, 0 failed")
