"""The indicator library in a real browser: the list by theme, a definition, and adopting it."""

import pytest

from outcomes.models import Indicator
from tests.browser.conftest import assert_accessible, choose, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_business_manager_finds_a_definition_by_theme_and_adopts_it(page, cast):
    sign_in(page, "alice@example.org")
    page.goto("/outcomes/library/")
    choose(page, "Theme", "Child protection and care")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert "theme=child-protection" in page.url
    assert_accessible(page, "library-list")

    page.get_by_role("link", name="Children on a child protection plan under the category of neglect").click()
    page.wait_for_load_state()
    assert page.get_by_text("Department for Education: ").is_visible()
    assert_accessible(page, "library-definition")

    page.get_by_role("button", name="Adopt this indicator").click()
    page.wait_for_load_state()
    assert page.get_by_text("has been added to your indicators from the library").is_visible()
    link = page.get_by_role("link", name="Children on a child protection plan under the category of neglect, per")
    assert link.get_attribute("href") == "/outcomes/library/CPP-NEG-RATE/"
    assert Indicator.objects.get(partnership=cast.partnership).library_code == "CPP-NEG-RATE"
