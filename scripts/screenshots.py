"""Screenshots of every page at phone (390×844) and desktop (1920×1080) sizes, for reviewers.
Not committed output: writes PNGs under ./screenshots/ (git-ignored).

    swift run yingcai serve --demo &      # then:
    python3 scripts/screenshots.py [http://127.0.0.1:8080]
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "browser"))
from browser import driver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
OUT = os.path.join(os.getcwd(), "screenshots")
# The first order on the user's workbench (order ids name their district, so none is fixed).
FIRST_ORDER = "/orders/first"
PAGES = {
    "talent1": ["/portal", "/catalog", "/catalog/YC-P-001", "/orders", "/programme", "/programme/notice", "/kb?q=人才公寓", "/kb/articles/69"],
    "yubei-talent": ["/programme/office"],
    "reviewer": ["/programme/review"],
    "talent2": ["/portal"],
    "handler-yubei-hrss": ["/workbench", "/workbench?tab=progress", "/workbench?tab=bad-rating", "/workbench?tab=red"],
    "handler-city-psb": ["/workbench"],
    "dispatcher": ["/workbench", "/workbench?tab=returned", "/intake", "/intake/calls", "/intake/calls/43?q=人才公寓租金", FIRST_ORDER],
    "editor": ["/kb/manage", "/kb?q=入户", "/kb/articles/4"],
    "supervisor": ["/workbench", "/workbench?tab=review"],
    "butler": ["/workbench", "/admin/talents"],
    "leader": ["/dashboard", "/dashboard?org=500112"],
    "admin": ["/workbench", "/admin/policies", "/admin/policies/AJBT-2026", "/admin/talents", "/admin/calendar", "/admin/users",
              "/admin/orgs", "/admin/catalog", "/programme/office"],
}


def sign_in(d, user):
    d.delete_all_cookies()
    d.get(BASE + "/login")
    d.find_element(By.ID, "username").send_keys(user)
    d.find_element(By.ID, "password").send_keys("demo-" + user)
    d.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()


def main():
    os.makedirs(OUT, exist_ok=True)
    for size, (w, h) in {"phone": (390, 844), "desktop": (1920, 1080)}.items():
        d = driver(tempfile.mkdtemp(prefix="shots-"), w, h)
        try:
            d.get(BASE + "/login")
            d.save_screenshot(os.path.join(OUT, f"{size}-login.png"))
            for user, paths in PAGES.items():
                sign_in(d, user)
                for path in paths:
                    if path == FIRST_ORDER:
                        d.get(BASE + "/workbench")
                        link = WebDriverWait(d, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "a[href^='/orders/']")))
                        d.get(link.get_attribute("href"))
                    else:
                        d.get(BASE + path)
                    name = f"{size}-{user}-{path.strip('/').replace('/', '_').replace('?', '_').replace('=', '-') or 'home'}.png"
                    d.save_screenshot(os.path.join(OUT, name))
                    print(name)
            d.get(BASE + "/lang?to=en&back=/dashboard")
            d.save_screenshot(os.path.join(OUT, f"{size}-english-dashboard.png"))
            d.get(BASE + "/verify")
            d.save_screenshot(os.path.join(OUT, f"{size}-verify.png"))
        finally:
            d.quit()
    print("screenshots in", OUT)


if __name__ == "__main__":
    main()
