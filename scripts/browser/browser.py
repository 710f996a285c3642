"""Shared parts of the browser suite: a real `yingcai serve` on SQLite in a temporary folder, and a
headless Chromium driven by Selenium that fails on any console error."""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "ci"))
from common import BIN, Server, call, login, run  # noqa: E402,F401

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

CHROMIUM = "/usr/lib/chromium/chromium" if os.path.exists("/usr/lib/chromium/chromium") else "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


class Failure(Exception):
    pass


def click_away(wait, element):
    """Clicks `element` and waits until the page that held it has been replaced: the old page's
    readyState is "complete" too, so waiting for that alone may look at the old page. Chromium
    answers a look at a node of a page that is gone as stale, WebDriver's word, or, now and then, as
    "does not belong to the document" (seen in CI with Chromium 156)."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    def gone(_driver):
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as e:
            if "does not belong to the document" in str(e):
                return True
            raise
    element.click()
    wait.until(gone)


def server(work, demo=False, extra_env=None):
    """Starts a server on a fresh SQLite database in `work`; returns (server, env)."""
    env = dict(os.environ, YINGCAI_SQLITE_PATH=os.path.join(work, "yingcai.sqlite"), YINGCAI_BCRYPT_COST="4",
               LOG_LEVEL="warning", YINGCAI_JOBS_INTERVAL="0")
    env.pop("DATABASE_URL", None)
    env.update(extra_env or {})
    run(["migrate"], env)
    return Server(env, os.path.join(work, "server.log")), env


def driver(profile, width=412, height=915):
    o = Options()
    o.binary_location = CHROMIUM
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 f"--window-size={width},{height}", f"--user-data-dir={profile}"]:
        o.add_argument(flag)
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=o)


def console_errors(d):
    """Console entries of level SEVERE since the last call."""
    return [e for e in d.get_log("browser") if e["level"] == "SEVERE"]


def workdir(prefix):
    return tempfile.mkdtemp(prefix=prefix)


def demo_server(work, extra_env=None):
    """A server on a fresh SQLite database in `work` with the demo loaded; returns (server, env)."""
    env = dict(os.environ, YINGCAI_SQLITE_PATH=os.path.join(work, "yingcai.sqlite"), YINGCAI_BCRYPT_COST="4",
               LOG_LEVEL="warning", YINGCAI_JOBS_INTERVAL="0")
    env.pop("DATABASE_URL", None)
    env.update(extra_env or {})
    run(["seed", "--demo"], env)
    return Server(env, os.path.join(work, "server.log")), env


def report_failure(name, error, d, work):
    """Says why a browser test failed, with a screenshot and where the server's log is; returns 1."""
    import traceback
    print(f"{name}: FAIL:", type(error).__name__, str(error)[:2000])
    traceback.print_exc(limit=3)
    d.save_screenshot(os.path.join(work, "failure.png"))
    print("screenshot:", os.path.join(work, "failure.png"), "server log:", os.path.join(work, "server.log"))
    return 1


def sign_in(d, wait, go, user):
    """Signs in as a demo user on the sign-in page (password demo-<user>) and waits for the page it
    leads to; `go` opens a path the way the calling test does (checking what it checks)."""
    from selenium.webdriver.common.by import By
    d.delete_all_cookies()
    go("/login")
    d.find_element(By.ID, "username").send_keys(user)
    d.find_element(By.ID, "password").send_keys("demo-" + user)
    d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(lambda _: "/login" not in d.current_url and d.execute_script("return document.readyState") == "complete")
