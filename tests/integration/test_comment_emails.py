"""A comment posted on an action page is e-mailed to each person involved, once, by a real Celery worker
through a real Redis to a real SMTP server, even when its sending task is run again by racing workers."""

import time
import uuid

import pytest
from django.db import connection
from django.urls import reverse

from accounts.models import Role
from actions.models import Comment, CommentEmail
from neglect_portal.celery import app
from outbound.tasks import send_message
from tests import factories as f
from tests.services import celery_worker, smtp_server, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queue():
    """One queue for the test: the tasks this process hands over and those its workers take."""
    name = f"test-comments-{uuid.uuid4().hex[:8]}"
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = name
    yield name
    app.conf.task_default_queue = previous


def test_each_person_involved_gets_one_e_mail_per_comment_even_when_the_task_runs_twice(
    cast, client_for, broker, queue
):
    sue = f.UserFactory(email="sue@example.org", first_name="Sue", last_name="Example")
    f.MembershipFactory(user=sue, partnership=cast.partnership, role=Role.SPONSOR, agency=cast.health)
    cast.a11.lead = cast.lee
    cast.a11.save()
    # Two worker processes race on PostgreSQL; SQLite allows one writer at a time, so one there.
    concurrency = 2 if connection.vendor == "postgresql" else 1
    database = connection.settings_dict["NAME"]
    with (
        smtp_server() as (controller, handler),
        celery_worker(
            database,
            broker,
            f"smtp://127.0.0.1:{controller.port}",
            concurrency=concurrency,
            queue=queue,
            env={"CELERY_TASK_DEFAULT_QUEUE": queue},
        ),
    ):
        response = client_for(cast.steve).post(
            reverse("actions:comment", args=[cast.a11.pk]), {"text": "Has the training started?\nThe board asks."}
        )
        assert response.status_code == 302
        assert wait_until(lambda: CommentEmail.objects.filter(status="sent").count() == 3, timeout=60)
        # The sending task run again, twice over, by both workers at once: nothing more goes.
        for row in CommentEmail.objects.all():
            for _ in range(2):
                send_message.apply_async(args=["action_comment", row.pk], queue=queue)
        time.sleep(3)  # time for a duplicate, were there one, to arrive

    assert sorted(m.rcpt_tos[0] for m in handler.messages) == ["lee@example.org", "sam@example.org", "sue@example.org"]
    assert set(CommentEmail.objects.values_list("status", "attempts")) == {("sent", 1)}
    body = handler.messages[0].content.decode()
    assert "Has the training started?" in body
    assert f"#comment-{Comment.objects.get().pk}" in body
