"""Browser tests: a real headless Chromium (Debian's) driven by Playwright, with axe-core.

Each page visited by ``assert_accessible`` is checked against WCAG 2.2 A/AA
and saved as a screenshot under ``var/screenshots/``.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.services import unavailable

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# made by the tests themselves are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_path():
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


# One Chromium per test module, not per run: Playwright's sync API keeps an event loop running in the
# test thread while it is open, and Django refuses synchronous calls under a running loop. With the
# suite spread over processes, other tests run in the same process after the browser tests.
@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if not executable:
        unavailable("Chromium is not installed (Debian package: chromium)")
    if not AXE.exists():
        unavailable("axe-core is not installed (run npm ci)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # axe-core is put into each page as an inline script, which the portal's Content-Security-Policy
    # refuses: these pages bypass it (tests/browser/test_content_security_policy.py does not).
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page, email, password="correct-horse-battery"):
    """Sign in with the password, then the code of the person's authenticator app (set up for them here)."""
    from accounts.models import User
    from tests.security import authenticator, current_code

    device = authenticator(User.objects.get(email=email))
    page.goto("/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    if "/sign-in/two-factor/" in page.url:
        page.fill("#id_code", current_code(device))
        page.press("#id_code", "Enter")
        page.wait_for_load_state()


def assert_accessible(page, name):
    """No WCAG 2.2 A/AA violations on the page; keeps a screenshot of it."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    assert violations == [], f"Accessibility violations on {name}:\n" + "\n".join(violations)


def choose(page, label, option):
    """Choose ``option`` of the choice labelled ``label``: radios for up to six options, else a select."""
    group = page.get_by_role("group", name=label, exact=True)
    if group.count():
        group.get_by_role("radio", name=option, exact=True).check()
    else:
        page.get_by_label(label, exact=True).select_option(option)
