"""The web console in a real Chromium against `yingcai serve --demo`: a talent signs in and applies
for a service with an upload; the handler signs for it and resolves it; the talent rates it; the
dashboard's numbers change accordingly; a dispatcher files a phone call (found by phone number)
and dispatches it; a page in English; the talent binds WeChat with the code the portal shows. Any
console error fails the test."""
import hashlib
import json
import os
import re
import sys
import time
import urllib.request


from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import Failure, console_errors, demo_server, driver, report_failure, workdir
from browser import sign_in as browser_sign_in

WECHAT_TOKEN = "yingcaibrowser"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def main():
    work = workdir("yingcai-console-")
    srv, env = demo_server(work, {"YINGCAI_WECHAT_TOKEN": WECHAT_TOKEN, "YINGCAI_WECHAT_APPID": "wx00112233445566aa"})
    material = os.path.join(work, "material.pdf")
    with open(material, "wb") as f:
        f.write(PDF)
    d = driver(os.path.join(work, "profile"), 1280, 900)
    # A page may be replaced between finding an element and reading it: retry rather than fail.
    wait = WebDriverWait(d, 30, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException, WebDriverException])

    def loaded(url_part):
        """Waits until the browser shows a fully loaded page whose URL contains `url_part`."""
        wait.until(lambda _: url_part in d.current_url and d.execute_script("return document.readyState") == "complete")
    errors = []

    def go(path):
        d.get(srv.url(path))
        check_console(path)

    def check_console(where):
        for e in console_errors(d):
            errors.append(f"{where}: {e['message']}")

    def sign_in(user):
        browser_sign_in(d, wait, go, user)
        check_console("sign-in " + user)

    def act(name, fields=None):
        form = d.find_element(By.CSS_SELECTOR, f'form.action[data-action="{name}"]')
        for field, value in (fields or {}).items():
            el = form.find_element(By.NAME, field)
            if el.get_attribute("type") == "radio":
                form.find_element(By.CSS_SELECTOR, f'input[name="{field}"][value="{value}"]').click()
            else:
                el.clear()
                el.send_keys(value)
        before = d.find_element(By.ID, "order-state").get_attribute("data-state")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait.until(lambda _: d.execute_script("return document.readyState") == "complete"
                   and d.find_element(By.ID, "order-state").get_attribute("data-state") != before)
        check_console("action " + name)
        return d.find_element(By.ID, "order-state").get_attribute("data-state")

    def kpi(name):
        go("/dashboard")
        return d.find_element(By.ID, name).text

    try:
        # An item the demo talent (tier C, 渝北区) may apply for, handled by 渝北区人社局.
        with urllib.request.urlopen(srv.url("/api/v1/auth/login"), json.dumps({"username": "talent1", "password": "demo-talent1"}).encode()) as r:
            token = json.load(r)["token"]
        req = urllib.request.Request(srv.url("/api/v1/service-items?department=HRSS&tier=C"), headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(req) as r:
            items = [i for i in json.load(r)["items"]
                     if i["handledAt"] == "district" and "web" in i["channels"] and not i["coDepartments"]]
        if not items:
            raise Failure("no HRSS district item for tier C in the catalog")
        item = items[0]

        sign_in("leader")
        total_before = int(kpi("kpi-total"))

        sign_in("talent1")
        go("/portal")
        if not d.find_element(By.ID, "card-number").text.startswith("YC"):
            raise Failure("the portal shows no card")
        wait.until(lambda _: d.execute_script("const i = document.getElementById('talent-code'); return i && i.complete && i.naturalWidth > 0"))

        # WeChat: the portal shows a one-time code; sent in the chat (a plain-mode push, signed as
        # WeChat signs it), it binds the follower, and the portal says so.
        d.find_element(By.ID, "wechat-new-code").click()
        wait.until(lambda _: d.find_elements(By.ID, "wechat-code"))
        check_console("wechat code")
        code = d.find_element(By.ID, "wechat-code").text.strip()
        if not re.fullmatch(r"\d{6}", code):
            raise Failure(f"the portal shows no binding code: {code!r}")
        now, nonce = str(int(time.time())), "20261203"
        signature = hashlib.sha1("".join(sorted([WECHAT_TOKEN, now, nonce])).encode()).hexdigest()
        push = (f"<xml><ToUserName><![CDATA[gh_yingcai]]></ToUserName><FromUserName><![CDATA[oBrowserTalent000001]]></FromUserName>"
                f"<CreateTime>{now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[绑定 {code}]]></Content>"
                f"<MsgId>7100000000000000001</MsgId></xml>")
        with urllib.request.urlopen(urllib.request.Request(srv.url(f"/wechat/mp?signature={signature}&timestamp={now}&nonce={nonce}"),
                                                           data=push.encode(), headers={"Content-Type": "text/xml"})) as r:
            if "绑定成功" not in r.read().decode():
                raise Failure("the binding code was not accepted in the chat")
        go("/portal")
        if "oBro…0001" not in d.find_element(By.ID, "wechat").text or not d.find_elements(By.ID, "wechat-unbind"):
            raise Failure("the portal does not show the binding: " + d.find_element(By.ID, "wechat").text)
        print("  talent bound WeChat with the portal's code")
        go("/catalog?q=" + item["name"][:2])
        d.find_element(By.CSS_SELECTOR, f'a[href="/catalog/{item["code"]}"]').click()
        form = wait.until(lambda _: d.find_element(By.ID, "apply-form"))
        form.find_element(By.NAME, "content").send_keys("浏览器测试申请 / applied in the browser test")
        for field in item["form"]:
            el = form.find_element(By.NAME, "form." + field["key"])
            if field["type"] in ("select", "boolean"):
                options = el.find_elements(By.TAG_NAME, "option")
                options[1].click()
            elif field["type"] == "number":
                el.send_keys("1")
            elif field["type"] == "date":
                d.execute_script("arguments[0].value = '2026-12-01'", el)
            else:
                el.send_keys("测试")
        for m in item["materials"]:
            form.find_element(By.NAME, "material." + m["code"]).send_keys(material)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        loaded("/orders/")
        check_console("apply")
        order_path = "/orders/" + d.current_url.rsplit("/orders/", 1)[1]
        state = d.find_element(By.ID, "order-state").get_attribute("data-state")
        if state != "dispatched":
            raise Failure(f"the application is {state}, not dispatched: {d.find_element(By.TAG_NAME, 'main').text[:300]}")
        print("  talent applied:", d.find_element(By.ID, "order-number").text)

        sign_in("handler-yubei-hrss")
        go("/workbench?tab=sign")
        d.find_element(By.CSS_SELECTOR, f'a[href="{order_path}"]')
        go(order_path)
        act("accept")
        act("start")
        state = act("resolve", {"result": "已办结 / done"})
        if state != "resolved":
            raise Failure("not resolved: " + state)
        print("  handler signed for and resolved it")

        sign_in("talent1")
        go(order_path)
        state = act("rate", {"score": "5", "comment": "很好"})
        if state != "rated":
            raise Failure("not rated: " + state)
        timeline = d.find_element(By.CSS_SELECTOR, ".timeline").text
        for word in ("签收", "办结", "评价"):
            if word not in timeline:
                raise Failure(f"the timeline lacks {word}: {timeline}")
        print("  talent rated it")

        sign_in("leader")
        total_after = int(kpi("kpi-total"))
        if total_after != total_before + 1:
            raise Failure(f"dashboard total {total_before} → {total_after}, expected +1")
        print(f"  dashboard total {total_before} → {total_after}")

        sign_in("dispatcher")
        go("/intake")
        lookup = d.find_element(By.ID, "lookup")
        lookup.send_keys("13800235678")
        d.find_element(By.CSS_SELECTOR, "#lookup-form button[type=submit]").click()
        found = wait.until(lambda _: d.find_element(By.ID, "found-talent")).text
        if "张明" not in found:
            raise Failure("the caller's record was not found by phone: " + found)
        form = d.find_element(By.ID, "intake-form")
        form.find_element(By.NAME, "title").send_keys("来电咨询落户政策")
        form.find_element(By.NAME, "content").send_keys("来电人咨询人才落户所需材料 / asks about residence registration")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        loaded("/orders/")
        check_console("intake")
        if d.find_element(By.ID, "order-state").get_attribute("data-state") != "received":
            raise Failure("a phone call should wait for dispatch")
        state = act("dispatch", {"leadOrg": "500112:PSB"})
        if state != "dispatched":
            raise Failure("not dispatched: " + state)
        print("  dispatcher filed a phone call and dispatched it")

        sign_in("admin")
        go("/admin/talents?q=张明")
        d.find_element(By.LINK_TEXT, "张明").click()
        wait.until(lambda _: "/admin/talents/" in d.current_url and d.find_elements(By.ID, "card-status"))
        check_console("talent page")
        form = wait.until(lambda _: d.find_element(By.CSS_SELECTOR, 'form.action[data-action="suspend"]'))
        form.find_element(By.NAME, "reason").send_keys("卡片遗失 / lost")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait.until(lambda _: d.find_element(By.ID, "card-status").get_attribute("data-status") == "suspended")
        wait.until(lambda _: d.find_element(By.CSS_SELECTOR, 'form.action[data-action="resume"] button')).click()
        wait.until(lambda _: d.find_element(By.ID, "card-status").get_attribute("data-status") == "active")
        print("  admin suspended and resumed the talent's card")
        go("/admin/policies/AJBT-2026")
        editor = d.find_element(By.ID, "p-source")
        editor.send_keys("\nand and")
        wait.until(lambda _: "bad" in (d.find_element(By.CSS_SELECTOR, ".check-result").get_attribute("class") or ""))
        if "行" not in d.find_element(By.CSS_SELECTOR, ".check-result").text:
            raise Failure("the live check does not name the line: " + d.find_element(By.CSS_SELECTOR, ".check-result").text)
        check_console("policy editor")
        print("  policy editor checks as it is typed")

        go("/lang?to=en&back=/workbench")
        html = d.find_element(By.TAG_NAME, "html")
        if html.get_attribute("lang") != "en" or "Sign out" not in d.page_source or "Workbench" not in d.page_source:
            raise Failure("the English page is not in English")
        print("  English: ok")

        if errors:
            raise Failure("console errors: " + "; ".join(errors))
        print("console: PASS")
        return 0
    except Exception as e:  # a Failure, or Selenium not finding what the page should show
        return report_failure("console", e, d, work)
    finally:
        d.quit()
        srv.stop()


if __name__ == "__main__":
    sys.exit(main())
