"""Two server processes on one PostgreSQL: a batch of orders goes overdue, and both processes run the
background work at once. Every order must be escalated exactly once and its escalation delivered to
the webhook exactly once.

Run by .ci/run with DATABASE_URL, PG_BINDIR and PG_PORT set (a fresh database)."""
import http.server
import json
import os
import sys
import tempfile
import threading
import time
from collections import Counter

from common import Server, call, login, psql, run

N = int(os.environ.get("N", "30"))
work = tempfile.mkdtemp(prefix="yingcai-two-")
env = dict(os.environ, YINGCAI_DATA_KEY=os.environ.get("YINGCAI_DATA_KEY") or "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
           YINGCAI_BCRYPT_COST="4", LOG_LEVEL="warning", YINGCAI_JOBS_INTERVAL="0",
           YINGCAI_CODE_KEY_FILE=os.path.join(work, "code-keys.txt"))
run(["codes", "init-keys"], env)

deliveries = Counter()
lock = threading.Lock()


class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with lock:
            deliveries[(body["event"], body["orderId"])] += 1
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


hook = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
threading.Thread(target=hook.serve_forever, daemon=True).start()

run(["migrate"], env)
run(["users", "create", "--username", "admin", "--password", "admin-password", "--role", "admin", "--org", "500000:TALENT"], env)
run(["users", "create", "--username", "dispatcher", "--password", "dispatcher-password", "--role", "dispatcher", "--org", "500000:HOTLINE"], env)

# File and dispatch the orders 30 days ago, so that they are long overdue now.
past = dict(env, YINGCAI_NOW=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 30 * 86400)))
server = Server(past, os.path.join(work, "past.log"))
admin = login(server, "admin", "admin-password")
status, _ = call("POST", server.url("/api/v1/webhooks"), {"url": f"http://127.0.0.1:{hook.server_address[1]}/", "secret": "ci-secret-ci-secret",
                                                       "events": ["work_order.escalate"]}, token=admin)
assert status == 201, status
dispatcher = login(server, "dispatcher", "dispatcher-password")
ids = []
for i in range(N):
    status, order = call("POST", server.url("/api/v1/work-orders"), {
        "channel": "phone", "category": "inquiry", "title": f"咨询 {i}", "content": "来电咨询", "districtCode": "500112",
        "contact": {"name": "来电人"}}, token=dispatcher)
    assert status == 201, (status, order)
    status, _ = call("POST", server.url(f"/api/v1/work-orders/{order['id']}/dispatch"), {"leadOrg": "500112:HRSS"}, token=dispatcher)
    assert status == 200, status
    ids.append(order["id"])
server.stop()

# Two instances, each running the background work every second.
now = dict(env, YINGCAI_JOBS_INTERVAL="1")
a = Server(now, os.path.join(work, "a.log"))
b = Server(now, os.path.join(work, "b.log"))
deadline = time.time() + 60
while time.time() < deadline:
    with lock:
        done = sum(1 for (e, _), n in deliveries.items() if e == "work_order.escalate")
    if done >= N:
        break
    time.sleep(0.5)
time.sleep(3)  # a few more rounds on both instances: nothing more may happen
a.stop()
b.stop()
hook.shutdown()

escalations = int(psql("SELECT count(*) FROM escalations"))
events = int(psql("SELECT count(*) FROM work_order_events WHERE action = 'escalate'"))
per_order = Counter({k[1]: v for k, v in deliveries.items() if k[0] == "work_order.escalate"})
outbox = int(psql("SELECT count(*) FROM webhook_outbox WHERE delivered_at IS NOT NULL"))
failures = []
if escalations != N:
    failures.append(f"escalations: {escalations}, expected {N}")
if events != N:
    failures.append(f"escalate events: {events}, expected {N}")
if sorted(per_order) != sorted(ids) or any(n != 1 for n in per_order.values()):
    failures.append(f"webhook deliveries per order: {dict(per_order)}")
if outbox != N:
    failures.append(f"delivered outbox rows: {outbox}, expected {N}")
print(f"two instances: {N} overdue orders, {escalations} escalations, {events} escalate events, "
      f"{sum(per_order.values())} webhook deliveries")
if failures:
    print("FAILED: " + "; ".join(failures))
    sys.exit(1)
print("1 passed, 0 failed")
