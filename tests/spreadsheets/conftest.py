"""The indicators the engine's tests import values for (the action plan is the cast's own)."""

import pytest

from tests.outcomes.helpers import import_indicators


@pytest.fixture
def indicators(cast):
    return import_indicators(cast)
