"""An API client signed in as one of the cast, and a snapshot of everything a write could change."""

import pytest
from rest_framework.test import APIClient

from actions.models import Action, ProgressUpdate
from outcomes.models import Indicator, Measurement
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
    """Every row a strategy, priority, action, progress-update, indicator or measurement write could touch."""
    return {
        "strategies": list(Strategy.objects.order_by("pk").values()),
        "priorities": list(Priority.objects.order_by("pk").values()),
        "actions": list(Action.objects.order_by("pk").values()),
        "progress_updates": list(ProgressUpdate.objects.order_by("pk").values()),
        "action_history": Action.history.count(),
        "indicators": list(Indicator.objects.order_by("pk").values()),
        "measurements": list(Measurement.objects.order_by("pk").values()),
        "indicator_history": Indicator.history.count(),
        "measurement_history": Measurement.history.count(),
    }
