"""Every demo user has real work on a fresh `yingcai serve --demo`, seen in a real Chromium: each
tab of each workbench lists orders, the talents' portals show their card, code, butler, requests
and payouts, the talent office has payouts to approve, the leader's dashboard has figures. Every
page visited is scanned for a printed `nil` and for an empty error box. Any console error fails."""
import os
import re
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import Failure, console_errors, demo_server, driver, report_failure, workdir
from browser import sign_in as browser_sign_in

STAFF = ["admin", "dispatcher", "handler-yubei-hrss", "handler-city-psb", "supervisor", "butler"]


def main():
    work = workdir("yingcai-demo-work-")
    srv, env = demo_server(work)
    d = driver(os.path.join(work, "profile"), 1280, 900)
    wait = WebDriverWait(d, 30)
    problems = []
    visited = 0

    def go(path):
        nonlocal visited
        d.get(srv.url(path))
        wait.until(lambda _: d.execute_script("return document.readyState") == "complete")
        visited += 1
        for e in console_errors(d):
            problems.append(f"{path}: console: {e['message']}")
        main = d.find_element(By.TAG_NAME, "main").text
        if re.search(r"\bnil\b", d.page_source):
            problems.append(f"{path}: prints nil")
        for alert in d.find_elements(By.CSS_SELECTOR, '[role="alert"]'):
            if alert.is_displayed() and not alert.text.strip():
                problems.append(f"{path}: an empty error box")
        return main

    def sign_in(user):
        browser_sign_in(d, wait, go, user)

    def rows(selector="main table tbody tr"):
        return len(d.find_elements(By.CSS_SELECTOR, selector))

    try:
        for user in STAFF:
            sign_in(user)
            go("/workbench")
            tabs = [(a.text, a.get_attribute("href")) for a in d.find_elements(By.CSS_SELECTOR, "nav.tabs a")]
            if not tabs:
                problems.append(f"{user}: no workbench tabs")
            for label, href in tabs:
                go(href.split(str(srv.port), 1)[1])
                if rows() == 0:
                    problems.append(f"{user}: the tab {label} lists nothing")
            print(f"  {user}: {len(tabs)} tabs, each with orders")

        for user in ["talent1", "talent2"]:
            sign_in(user)
            text = go("/portal")
            wait.until(lambda _: d.execute_script("const i = document.getElementById('talent-code'); return i && i.complete && i.naturalWidth > 0"))
            if user == "talent1" and not d.find_elements(By.ID, "card-number"):
                problems.append("talent1: no card on the portal")
            if "李敏" not in text:
                problems.append(f"{user}: no butler on the portal")
            if rows("#h-open ~ table tbody tr") == 0:
                problems.append(f"{user}: no open requests on the portal")
            if rows("#h-pol ~ table tbody tr") == 0 or not d.find_elements(By.CSS_SELECTOR, "#h-pol ~ ul li"):
                problems.append(f"{user}: no policies paid or missed on the portal")
            if not d.find_elements(By.CSS_SELECTOR, 'form[action*="/confirm"]'):
                problems.append(f"{user}: no payout to confirm")
            go("/orders")
            if rows() == 0:
                problems.append(f"{user}: no requests")
            print(f"  {user}: card/code/butler/requests/payouts shown")

        sign_in("admin")
        go("/payouts?state=confirmed")
        if not d.find_elements(By.CSS_SELECTOR, 'form[data-action="approve"]'):
            problems.append("admin: no payout to approve")
        go("/admin/policies")
        if "草稿" not in d.find_element(By.TAG_NAME, "main").text:
            problems.append("admin: no draft policy to check and publish")
        for path in ["/admin/talents", "/admin/catalog", "/admin/calendar", "/admin/users", "/admin/orgs", "/intake"]:
            go(path)
        print("  admin: a payout to approve, a draft policy; admin pages render")

        sign_in("leader")
        go("/dashboard")
        if d.find_element(By.ID, "kpi-total").text in ("", "0"):
            problems.append("leader: the dashboard has no orders")
        if rows() == 0:
            problems.append("leader: the dashboard lists nothing")
        go("/dashboard?org=500112")
        print("  leader: the dashboard has figures")

        sign_in("verifier")
        go("/verify")
        print(f"  {visited} pages visited")
        if problems:
            raise Failure("; ".join(problems))
        print("demo work: PASS")
        return 0
    except Exception as e:  # a Failure, or Selenium not finding what the page should show
        return report_failure("demo work", e, d, work)
    finally:
        d.quit()
        srv.stop()


if __name__ == "__main__":
    sys.exit(main())
