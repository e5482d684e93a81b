"""A new partnership sets itself up in the browser, with no Django admin page after the operator's command.

A platform operator runs ``create_partnership``; the business manager accepts the e-mailed invitation,
sets a password, adds agencies, invites a sponsor and a lead, creates a strategy with a priority
sponsored by an agency, and adds the board distribution list; the invited lead accepts and updates an
action. Every page is checked with axe and kept as a screenshot (the README's set-up tour uses them).
"""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from actions.models import Action
from priorities.models import Priority
from tests.browser.conftest import assert_accessible, choose

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "eastshire-pass-2026"


def latest_link_to(address):
    message = [m for m in mail.outbox if address in m.to][-1]
    return re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)


def accept(page, link, first, last, screenshot=None):
    page.goto(link)
    if screenshot:
        assert_accessible(page, screenshot)
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name").fill(last)
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Accept and set my password").click()
    page.wait_for_load_state()
    if "/two-factor/set-up/" in page.url:  # the portal asks a new person for their second factor next
        enrol_second_factor(page, first)


def enrol_second_factor(page, first_name):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.security import current_code

    device = TOTPDevice.objects.filter(user__first_name=first_name).order_by("-pk").first()
    page.fill("input[name=code]", current_code(device))
    page.get_by_role("button", name="Confirm the code").click()
    page.wait_for_load_state()
    page.goto("/")


def open_settings(page, link_name):
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Settings").click()
    page.get_by_role("link", name=link_name, exact=True).click()


def add_agency(page, name, sector, sponsor):
    page.get_by_role("link", name="Add an agency").click()
    page.get_by_label("Agency name").fill(name)
    page.get_by_label("Sector").select_option(label=sector)
    if sponsor:
        page.get_by_label("This agency sponsors priorities").check()
    page.get_by_role("button", name="Save the agency").click()
    assert f"{name} has been saved." in page.inner_text(".govuk-notification-banner")


def invite(page, email, role, agency):
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label(role, exact=True).check()
    choose(page, "Agency", agency)
    page.get_by_role("button", name="Send the invitation").click()
    assert f"An invitation has been sent to {email}" in page.inner_text(".govuk-notification-banner")


def fill_date(page, field, day, month, year):
    page.fill(f"#id_{field}_0", day)
    page.fill(f"#id_{field}_1", month)
    page.fill(f"#id_{field}_2", year)


def test_a_new_partnership_sets_itself_up_without_the_admin(browser, live_server, settings):
    settings.SITE_URL = live_server.url
    visited = []
    call_command("create_partnership", name="Eastshire Safeguarding Children Partnership", admin_email="bm@example.org")

    manager = browser.new_context(
        base_url=live_server.url, viewport={"width": 1200, "height": 900}, bypass_csp=True
    ).new_page()
    manager.set_default_timeout(10_000)
    manager.on("request", lambda request: visited.append(request.url))

    # The business manager accepts the invitation and sets their own password.
    accept(manager, latest_link_to("bm@example.org"), "Bernie", "Manager", screenshot="setup-accept-invitation")
    assert "Eastshire Safeguarding Children Partnership" in manager.inner_text("main")
    assert_accessible(manager, "setup-first-dashboard")

    # Agencies.
    manager.get_by_role("navigation", name="Menu").get_by_role("link", name="Settings").click()
    assert_accessible(manager, "setup-settings")
    manager.get_by_role("link", name="Agencies", exact=True).click()
    manager.get_by_role("link", name="Add an agency").click()
    assert_accessible(manager, "setup-agency-form")
    manager.go_back()
    add_agency(manager, "Eastshire Council", "Local authority", sponsor=True)
    add_agency(manager, "Eastshire ICB", "Health", sponsor=True)
    assert_accessible(manager, "setup-agencies")

    open_settings(manager, "The partnership")
    assert_accessible(manager, "setup-partnership")

    # People: a sponsor and a lead.
    open_settings(manager, "People")
    invite(manager, "sponsor@example.org", "Priority sponsor", "Eastshire ICB")
    manager.get_by_role("link", name="Invite someone").click()
    assert_accessible(manager, "setup-invite")
    manager.go_back()
    invite(manager, "lead@example.org", "Action lead", "Eastshire Council")
    assert_accessible(manager, "setup-people")

    # The strategy, with a priority sponsored by the ICB and an action.
    manager.get_by_role("navigation", name="Menu").get_by_role("link", name="Priorities").click()
    manager.get_by_role("link", name="Add a strategy").click()
    assert_accessible(manager, "setup-strategy-form")
    manager.get_by_label("Title").fill("Eastshire Neglect Strategy 2026–2029")
    fill_date(manager, "start_date", "1", "4", "2026")
    fill_date(manager, "end_date", "31", "3", "2029")
    choose(manager, "Status", "Active")
    manager.get_by_role("button", name="Save the strategy").click()
    manager.get_by_role("link", name="Add a priority").click()
    assert_accessible(manager, "setup-priority-form")
    manager.get_by_label("Number").fill("1")
    manager.get_by_label("Title").fill("Early help for neglect")
    choose(manager, "Sponsoring agency", "Eastshire ICB")
    manager.get_by_role("button", name="Save the priority").click()
    assert "Priority 1 has been added." in manager.inner_text(".govuk-notification-banner")
    manager.goto(reverse("priorities:detail", args=[Priority.objects.get(title="Early help for neglect").pk]))
    assert_accessible(manager, "setup-priority")
    manager.get_by_role("link", name="Add an action").click()
    assert_accessible(manager, "setup-action-form")
    manager.get_by_label("Reference").fill("P1.1")
    manager.get_by_label("What will be done").fill("Train every early help worker in the neglect toolkit")
    manager.get_by_label("How success will be measured").fill("All 40 workers trained by March")
    choose(manager, "Lead agency", "Eastshire Council")
    fill_date(manager, "start_date", "1", "4", "2026")
    fill_date(manager, "due_date", "31", "3", "2027")
    manager.get_by_role("button", name="Save the action").click()

    # The board distribution list.
    open_settings(manager, "Board distribution list")
    manager.get_by_label("Name", exact=True).fill("Pat Chair")
    manager.get_by_label("E-mail address").fill("pat.chair@example.org")
    manager.get_by_label("Organisation (optional)").fill("Independent chair")
    manager.get_by_role("button", name="Add to the list").click()
    assert "Pat Chair has been added" in manager.inner_text(".govuk-notification-banner")
    assert_accessible(manager, "setup-distribution-list")

    # The lead accepts; the business manager names them as the action's lead; the lead updates it.
    lead = browser.new_context(
        base_url=live_server.url, viewport={"width": 1200, "height": 900}, bypass_csp=True
    ).new_page()
    lead.set_default_timeout(10_000)
    lead.on("request", lambda request: visited.append(request.url))
    accept(lead, latest_link_to("lead@example.org"), "Lou", "Lead")
    assert_accessible(lead, "setup-lead-dashboard")
    action = Action.objects.get(reference="P1.1")
    manager.goto(f"/actions/{action.pk}/change/")
    choose(manager, "Lead", "Lou Lead")
    manager.get_by_role("button", name="Save the action").click()

    lead.get_by_role("navigation", name="Menu").get_by_role("link", name="My actions").click()
    lead.get_by_role("link", name="P1.1", exact=True).click()
    assert_accessible(lead, "setup-lead-action")
    lead.get_by_role("link", name="Add a progress update").click()
    assert_accessible(lead, "setup-lead-update")
    choose(lead, "Status now", "On track (Green)")
    lead.get_by_label("What has happened").fill("Twelve of forty workers trained; dates booked for the rest.")
    lead.get_by_role("button", name="Add the update").click()
    assert "Your progress update on P1.1 has been added." in lead.inner_text(".govuk-notification-banner")
    assert Action.objects.get(pk=action.pk).status == "on_track"

    person = manager.get_by_role("link", name="Lou Lead")
    open_settings(manager, "People")
    person.click()
    assert_accessible(manager, "setup-person")

    assert not [url for url in visited if "/admin/" in url]
