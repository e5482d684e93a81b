"""A person chooses how to hear of alerts from their account page, in a page that passes axe."""

import pytest

from accounts.models import AlertDelivery, User
from tests.browser.conftest import assert_accessible, choose, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_chooses_the_daily_digest_from_their_account_page(page, cast):
    sign_in(page, "lee@example.org")
    page.goto("/account/")
    page.get_by_role("link", name="Change how you hear of alerts").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Alerts by e-mail"
    assert_accessible(page, "alerts-by-email")
    choose(page, "How do you want to hear of alerts?", "In a daily digest")
    page.get_by_role("button", name="Save").click()
    assert page.url.endswith("/account/")
    assert "Alerts by e-mail: in a daily digest." in page.inner_text("body")
    assert User.objects.get(pk=cast.lee.pk).alert_delivery == AlertDelivery.DAILY
