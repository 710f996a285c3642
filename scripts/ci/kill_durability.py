"""Kills the server with SIGKILL while 32 clients create work orders, restarts it, and checks that
every order answered 201 is there, and that no retried Idempotency-Key created a second order.

Run by .ci/run with DATABASE_URL, PG_BINDIR and PG_PORT set (a fresh database)."""
import os
import sys
import tempfile
import threading
import time
import uuid

from common import Server, call, login, psql, run

CLIENTS = 32
work = tempfile.mkdtemp(prefix="yingcai-kill-")
env = dict(os.environ, YINGCAI_DATA_KEY=os.environ.get("YINGCAI_DATA_KEY") or "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
           YINGCAI_BCRYPT_COST="4", LOG_LEVEL="warning", YINGCAI_JOBS_INTERVAL="0",
           YINGCAI_CODE_KEY_FILE=os.path.join(work, "code-keys.txt"))
run(["codes", "init-keys"], env)
run(["migrate"], env)
run(["users", "create", "--username", "dispatcher", "--password", "dispatcher-password", "--role", "dispatcher", "--org", "500000:HOTLINE"], env)

state = {"server": Server(env, os.path.join(work, "1.log")), "stop": False}
port = state["server"].port
token = login(state["server"], "dispatcher", "dispatcher-password")
acknowledged = {}      # key -> id answered 201
retried = set()        # keys whose first attempt got no answer
lock = threading.Lock()


def client(n):
    while not state["stop"]:
        key = f"k-{n}-{uuid.uuid4().hex[:12]}"
        attempts = 0
        while not state["stop"] or attempts > 0:
            attempts += 1
            try:
                status, body = call("POST", f"http://127.0.0.1:{port}/api/v1/work-orders", {
                    "channel": "phone", "category": "help", "title": key, "content": "求助", "districtCode": "500103",
                    "contact": {"name": "来电人"}}, token=token, headers={"Idempotency-Key": key}, timeout=5)
            except Exception:
                with lock:
                    retried.add(key)
                if attempts > 200:
                    break
                time.sleep(0.1)
                continue
            if status == 201:
                with lock:
                    acknowledged[key] = body["id"]
                break
            if status >= 500 or status == 409:
                time.sleep(0.05)
                continue
            raise SystemExit(f"unexpected {status} {body}")


threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
for t in threads:
    t.start()
time.sleep(4)
before = len(acknowledged)
state["server"].kill()                       # SIGKILL mid-flight
time.sleep(1)
state["server"] = Server(env, os.path.join(work, "2.log"), port=port)
time.sleep(3)
state["stop"] = True
for t in threads:
    t.join(timeout=60)
state["server"].stop()

ids = set(int(x) for x in psql("SELECT id FROM work_orders").split())
missing = [k for k, i in acknowledged.items() if i not in ids]
dupes = psql("SELECT title FROM work_orders GROUP BY title HAVING count(*) > 1")
retried_acked = [k for k in retried if k in acknowledged]
print(f"kill -9: {len(acknowledged)} orders answered 201 ({before} before the kill), {len(retried)} keys retried "
      f"({len(retried_acked)} answered after a retry), {len(ids)} orders stored")
failures = []
if missing:
    failures.append(f"{len(missing)} acknowledged orders are missing: {missing[:5]}")
if dupes:
    failures.append("duplicates for retried keys: " + dupes.replace("\n", ", ")[:200])
if not retried:
    failures.append("no request was cut off by the kill: the test proved nothing")
if failures:
    print("FAILED: " + "; ".join(failures))
    sys.exit(1)
print("1 passed, 0 failed")
