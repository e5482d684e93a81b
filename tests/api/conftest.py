"""An API client signed in as one of the cast, and a snapshot of everything a write could change."""

import pytest
from rest_framework.test import APIClient

from actions.models import Action, ProgressUpdate
from priorities.models import Priority, Strategy


@pytest.fixture
def api_for():
    """``api_for(cast.sam)`` is an ``APIClient`` signed in as Sam."""

    def sign_in(user):
        client = APIClient()
        client.force_login(user)
        return client

    return sign_in


def snapshot():
    """Every row a strategy, priority, action or progress-update write could touch."""
    return {
        "strategies": list(Strategy.objects.order_by("pk").values()),
        "priorities": list(Priority.objects.order_by("pk").values()),
        "actions": list(Action.objects.order_by("pk").values()),
        "progress_updates": list(ProgressUpdate.objects.order_by("pk").values()),
        "action_history": Action.history.count(),
    }
