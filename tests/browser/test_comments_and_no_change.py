"""A sponsor asks a question on an action page and sees it in the thread; a lead confirms "no change this
quarter" for two actions at once from My actions, after checking them: both pages pass the accessibility check."""

import pytest

from actions.models import Comment, ProgressUpdate
from tests import factories as f
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_sponsor_posts_a_comment_and_sees_it_in_the_thread(page, cast):
    sign_in(page, "sam@example.org")
    page.goto(f"/actions/{cast.a21.pk}/")
    page.get_by_label("Add a comment").fill("Is the toolkit used in every team?\nThe board will ask.")
    page.get_by_role("button", name="Add the comment").click()
    thread = page.locator("#comments + ol")
    assert "Sam Example, Northshire ICB" in thread.inner_text()
    assert "Is the toolkit used in every team?\nThe board will ask." in thread.inner_text()
    assert "Your comment has been added." in page.inner_text("main")
    assert_accessible(page, "action-comments")
    assert Comment.objects.get().author == cast.sam


def test_an_empty_comment_is_named_in_the_error_summary(page, cast):
    sign_in(page, "lee@example.org")
    page.goto(f"/actions/{cast.a21.pk}/")
    page.get_by_role("button", name="Add the comment").click()
    assert "Enter your comment" in page.inner_text(".govuk-error-summary")
    assert_accessible(page, "comment-error")
    assert not Comment.objects.exists()


def test_a_lead_confirms_no_change_for_two_actions_after_checking_them(page, cast):
    second = f.ActionFactory(priority=cast.p2, reference="P2.2", title="Audit the toolkit", lead=cast.lee)
    sign_in(page, "lee@example.org")
    page.goto("/actions/mine/")
    assert_accessible(page, "my-actions-tick-boxes")
    page.get_by_label("Select P2.1").check()
    page.get_by_label("Select P2.2").check()
    page.get_by_role("button", name="Confirm no change this quarter for the ticked actions").click()
    assert page.inner_text("h1") == "Confirm no change this quarter"
    assert "2 actions chosen" in page.inner_text("main")
    assert_accessible(page, "no-change-check")
    page.get_by_label("A note for every update (optional)").fill("Waiting for the new contract.")
    page.get_by_role("button", name="Confirm no change for 2 actions").click()
    assert "No change this quarter has been recorded for P2.1, P2.2." in page.inner_text("main")
    page.goto(f"/actions/{second.pk}/")
    assert "Waiting for the new contract." in page.inner_text(".app-timeline")
    assert ProgressUpdate.objects.count() == 2


def test_an_action_the_lead_may_not_update_among_those_chosen_is_named_and_nothing_is_saved(page, cast):
    sign_in(page, "lee@example.org")
    page.goto(f"/actions/no-change/?action={cast.a21.pk}&action={cast.a11.pk}")
    assert "You cannot update P1.1" in page.inner_text("main")
    assert page.get_by_role("button", name="Confirm no change for 2 actions").count() == 0
    assert_accessible(page, "no-change-refused")
    assert not ProgressUpdate.objects.exists()
