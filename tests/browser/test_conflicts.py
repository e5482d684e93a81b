"""Two people edit the same action in two browsers: the second is shown the first's change, not allowed to undo it."""

import pytest

from actions.models import Action
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_page(browser, live_server):
    # bypass_csp: the page's Content Security Policy would block the axe-core script the test injects.
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def test_the_second_person_to_save_sees_the_first_persons_change_and_does_not_overwrite_it(page, second_page, cast):
    url = f"/actions/{cast.a21.pk}/change/"
    alice, lee = page, second_page
    alice.set_default_timeout(30_000)  # two browsers on a busy machine
    sign_in(alice, "alice@example.org")
    sign_in(lee, "lee@example.org")
    alice.goto(url)
    lee.goto(url)  # both forms opened at the same version

    alice.get_by_label("What will be done").fill("Roll out the neglect toolkit to every school")
    alice.get_by_role("button", name="Save the action").click()
    assert "has been changed" in alice.inner_text(".govuk-notification-banner--success")

    lee.get_by_label("Description").fill("Lee's note: schools first, then early years.")
    lee.get_by_role("button", name="Save the action").click()

    summary = lee.locator(".app-conflict")
    assert "Someone else changed this action while you were editing it" in summary.inner_text()
    changes = lee.locator("table.govuk-table").inner_text()
    assert "Alice Example" in changes
    assert "Roll out the neglect toolkit → Roll out the neglect toolkit to every school" in changes
    assert lee.get_by_label("What will be done").input_value() == "Roll out the neglect toolkit to every school"
    assert lee.get_by_label("Description").input_value() == "Lee's note: schools first, then early years."
    assert_accessible(lee, "action-conflict")

    action = Action.objects.get(pk=cast.a21.pk)
    assert action.title == "Roll out the neglect toolkit to every school"
    assert action.description != "Lee's note: schools first, then early years."

    # Saving the re-shown form applies Lee's change on top of Alice's.
    lee.get_by_role("button", name="Save the action").click()
    assert "has been changed" in lee.inner_text(".govuk-notification-banner--success")
    action.refresh_from_db()
    assert action.title == "Roll out the neglect toolkit to every school"
    assert action.description == "Lee's note: schools first, then early years."
