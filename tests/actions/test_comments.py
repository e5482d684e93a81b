"""The discussion on an action: who may post and withdraw, what the thread shows, who is e-mailed, once."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Role
from actions import services
from actions.models import Comment, CommentEmail
from outbound.tasks import send_message
from tests import factories as f

pytestmark = pytest.mark.django_db


def comment_url(action):
    return reverse("actions:comment", args=[action.pk])


def detail(action):
    return reverse("actions:detail", args=[action.pk])


@pytest.mark.parametrize(
    ("role", "expected"),
    [("alice", 302), ("steve", 302), ("sam", 302), ("lee", 302), ("bea", 403), ("charlie", 404)],
)
def test_every_member_but_the_board_may_comment_and_another_partnership_gets_404(cast, client_for, role, expected):
    response = client_for(getattr(cast, role)).post(comment_url(cast.a21), {"text": "When is the next briefing?"})
    assert response.status_code == expected
    assert Comment.objects.filter(action=cast.a21).count() == (1 if expected == 302 else 0)


def test_a_comment_shows_in_the_thread_newest_last_with_author_agency_and_time_escaped_with_its_line_breaks(
    cast, client_for
):
    client = client_for(cast.sam)
    client.post(comment_url(cast.a21), {"text": "First question"})
    response = client.post(comment_url(cast.a21), {"text": "Is <b>this</b> on track?\nThe board asked."})
    comment = Comment.objects.get(text__startswith="Is")
    assert response["Location"] == f"{detail(cast.a21)}#comment-{comment.pk}"
    page = client.get(detail(cast.a21)).content.decode()
    assert "Is &lt;b&gt;this&lt;/b&gt; on track?<br>The board asked." in page
    assert "Sam Example, Northshire ICB" in page
    assert page.index("First question") < page.index("The board asked.")
    assert comment.agency == cast.health


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "Enter your comment"), ("x" * 2001, "Your comment must be 2,000 characters or fewer")],
)
def test_an_empty_or_too_long_comment_is_refused_in_the_error_summary_and_nothing_is_saved(
    cast, client_for, text, message
):
    response = client_for(cast.lee).post(comment_url(cast.a21), {"text": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert message in page
    assert not Comment.objects.exists()


def test_a_comment_with_an_nhs_number_is_refused(cast, client_for):
    response = client_for(cast.lee).post(comment_url(cast.a21), {"text": "Child's NHS number 943 476 5919"})
    assert response.status_code == 200
    assert not Comment.objects.exists()


def test_the_lead_sponsors_and_earlier_commenters_are_e_mailed_once_each_never_the_author(
    cast, client_for, django_capture_on_commit_callbacks
):
    sue = f.UserFactory(email="sue@example.org", first_name="Sue", last_name="Example")
    f.MembershipFactory(user=sue, partnership=cast.partnership, role=Role.SPONSOR, agency=cast.health)
    gone = f.UserFactory(email="gone@example.org")
    f.MembershipFactory(user=gone, partnership=cast.partnership, role=Role.SPONSOR, agency=cast.health, is_active=False)
    cast.a11.lead = cast.lee
    cast.a11.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(cast.steve).post(comment_url(cast.a11), {"text": "Has the training started?"})
    assert sorted(m.to[0] for m in mail.outbox) == [
        "Lee Example <lee@example.org>",
        "Sam Example <sam@example.org>",
        "Sue Example <sue@example.org>",
    ]
    assert "Steve Example (Northshire Police) commented on P1.1" in mail.outbox[0].body
    assert "Has the training started?" in mail.outbox[0].body
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client_for(cast.lee).post(comment_url(cast.a11), {"text": "Yes, in October."})
    assert sorted(m.to[0].split("<")[1] for m in mail.outbox) == [
        "sam@example.org>",
        "steve@example.org>",
        "sue@example.org>",
    ]
    assert CommentEmail.objects.filter(status="sent").count() == 6


def test_sending_a_comment_e_mail_again_sends_nothing_more(cast, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(cast.sam).post(comment_url(cast.a21), {"text": "Any news?"})
    row = CommentEmail.objects.get()
    assert len(mail.outbox) == 1
    send_message.apply(args=["action_comment", row.pk])
    send_message.apply(args=["action_comment", row.pk])
    assert len(mail.outbox) == 1


def test_an_author_withdraws_their_own_comment_which_stays_in_history_and_leaves_the_thread(cast, client_for):
    client = client_for(cast.sam)
    client.post(comment_url(cast.a21), {"text": "Posted on the wrong action"})
    comment = Comment.objects.get()
    url = reverse("actions:comment_withdraw", args=[comment.pk])
    assert f'href="{url}"' in client.get(detail(cast.a21)).content.decode()
    response = client.post(url, {"reason": "Meant for P1.1"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_withdrawn and comment.withdrawn_by == cast.sam
    assert comment.history.count() == 2
    page = client.get(detail(cast.a21)).content.decode()
    assert "Posted on the wrong action" not in page
    assert "Withdrawn by Sam Example" in page
    assert "Meant for P1.1" in page


@pytest.mark.parametrize(("role", "expected"), [("lee", 403), ("alice", 403), ("bea", 403), ("charlie", 404)])
def test_nobody_but_its_author_withdraws_a_comment(cast, client_for, role, expected):
    comment = services.comment_add(cast.sam.memberships.get(), cast.a21, "A question")
    url = reverse("actions:comment_withdraw", args=[comment.pk])
    response = client_for(getattr(cast, role)).post(url, {"reason": "Not mine"})
    assert response.status_code == expected
    comment.refresh_from_db()
    assert not comment.is_withdrawn


def test_an_e_mail_not_yet_sent_about_a_withdrawn_comment_is_never_sent(cast, django_capture_on_commit_callbacks):
    membership = cast.sam.memberships.get()
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_add(membership, cast.a21, "Oops")
        services.comment_withdraw(membership, comment, "Sent in error")
    assert mail.outbox == []
    assert not CommentEmail.objects.exists()  # withdrawn unsent by the engine


def test_the_action_page_reads_the_same_number_of_queries_with_many_comments(
    cast, client_for, django_assert_max_num_queries
):
    client = client_for(cast.lee)

    def comments(n):
        Comment.objects.bulk_create(
            Comment(action=cast.a21, author=author, agency=cast.health, text=f"Comment {i}")
            for i in range(n)
            for author in (cast.sam, cast.steve)
        )

    comments(3)
    client.get(detail(cast.a21))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(detail(cast.a21)).status_code == 200
    comments(200)
    with django_assert_max_num_queries(len(few)):
        response = client.get(detail(cast.a21))
    page = response.content.decode()
    assert "Comments 401 to 406 of 406, the newest last." in page
    assert "Comment 199" in page
