"""The verifier page (/verify) in a real Chromium against a real server: a talent's live code is
checked in the browser with the published keys (WebCrypto Ed25519); an altered code and a second
showing are refused; a suspended card is refused once the page has the new revocation list; then
the server is stopped and the network cut, the page reloaded from its service worker, and a code
fetched before the cut still verifies. Any console error fails the test."""
import os
import sys

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from browser import Failure, call, console_errors, driver, login, run, server, workdir


def main():
    work = workdir("yingcai-verifier-")
    srv, env = server(work)
    d = None
    try:
        run(["users", "create", "--username", "admin", "--password", "admin-password", "--role", "admin", "--org", "500000:TALENT"], env)
        run(["users", "create", "--username", "talent", "--password", "talent-password", "--role", "talent", "--org", "500112"], env)
        admin = login(srv, "admin", "admin-password")
        talent = login(srv, "talent", "talent-password")
        status, body = call("POST", srv.url("/api/v1/talents"), {
            "name": "张明", "idType": "resident_id", "idNumber": "500112199003071235", "employer": "重庆大学",
            "districtCode": "500112", "education": "博士", "title": "副高级", "field": "人工智能", "arrivalDate": "2022-03-01"}, talent)
        assert status == 201, body
        talent_id = body["id"]
        status, body = call("POST", srv.url(f"/api/v1/talents/{talent_id}/certifications"),
                            {"tier": "B", "validUntil": "2030-12-31", "basis": "浏览器测试"}, admin)
        assert status == 201, body
        card = call("GET", srv.url("/api/v1/me/card"), token=talent)[1]["number"]

        def fresh_code():
            status, body = call("GET", srv.url("/api/v1/me/code"), token=talent)
            assert status == 200, body
            return body["token"]

        d = driver(os.path.join(work, "profile"))
        wait = WebDriverWait(d, 30, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException])
        html = lambda: d.find_element(By.TAG_NAME, "html")
        d.get(srv.url("/verify"))
        wait.until(lambda _: html().get_attribute("data-ready") == "true")
        wait.until(lambda _: html().get_attribute("data-sw") == "ready")
        d.execute_async_script("""
            const done = arguments[arguments.length - 1];
            if (navigator.serviceWorker.controller) done(true);
            else navigator.serviceWorker.addEventListener('controllerchange', () => done(true));""")

        def verify(token, expect, must=()):
            d.execute_script("delete document.getElementById('result').dataset.outcome;")
            box = d.find_element(By.ID, "token")
            box.clear()
            box.send_keys(token + Keys.ENTER)  # as a USB scanner types it
            result = d.find_element(By.ID, "result")
            wait.until(lambda _: result.get_attribute("data-outcome"))
            got = result.get_attribute("data-outcome")
            if got != expect:
                raise Failure(f"expected {expect}, got {got}: {result.text}")
            for s in must:
                if s not in result.text:
                    raise Failure(f"the result lacks {s!r}: {result.text}")
            print(f"  {expect}: ok")

        def refreshed():
            before = int(html().get_attribute("data-refreshes") or "0")
            d.find_element(By.ID, "refresh-button").click()
            wait.until(lambda _: int(html().get_attribute("data-refreshes") or "0") > before)

        code = fresh_code()
        verify(code, "valid", must=("有效", "重庆市", "B", card, "医疗绿色通道"))
        verify(code, "replayed", must=("人才码已被使用",))
        altered = code[:-6] + ("A" if code[-6] != "A" else "B") + code[-5:]
        verify(altered, "badSignature", must=("签名无效",))

        # Suspend the card; after the page refreshes its lists the card's codes are refused.
        live = fresh_code()
        status, body = call("POST", srv.url(f"/api/v1/talents/{talent_id}/card/suspend"), {"reason": "挂失"}, admin)
        assert status == 200, body
        refreshed()
        verify(live, "revokedCard", must=("英才卡已注销",))
        status, body = call("POST", srv.url(f"/api/v1/talents/{talent_id}/card/resume"), None, admin)
        assert status == 200, body
        refreshed()
        kept = fresh_code()

        # Offline: stop the server, cut the network, reload from the service worker.
        srv.stop()
        d.execute_cdp_cmd("Network.enable", {})
        d.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
        d.refresh()
        wait.until(lambda _: html().get_attribute("data-ready") == "true")
        if not d.execute_script("return !!navigator.serviceWorker.controller"):
            raise Failure("the reloaded page was not served by the service worker")
        wait.until(lambda _: d.find_element(By.ID, "status").get_attribute("data-offline") == "true")
        verify(kept, "valid", must=("重庆市", card))
        errors = console_errors(d)
        if errors:
            raise Failure("console errors: " + "; ".join(e["message"] for e in errors))
        print("verifier page: PASS")
        return 0
    except Exception as e:  # a Failure, or Selenium not finding what the page should show
        print("verifier page: FAIL:", type(e).__name__, str(e).splitlines()[0] if str(e) else "")
        if d:
            d.save_screenshot(os.path.join(work, "failure.png"))
            print("screenshot:", os.path.join(work, "failure.png"), "server log:", os.path.join(work, "server.log"))
        return 1
    finally:
        if d:
            d.quit()
        srv.stop()


if __name__ == "__main__":
    sys.exit(main())
