"""Settings for a local install: the safe defaults of ``base``.

Production uses ``neglect_portal.settings.production`` and the tests
``neglect_portal.settings.test``.
"""

from neglect_portal.settings.base import *  # noqa: F403
from neglect_portal.settings.base import env

# The demo people's second factor accepts 123456 (the sign-in table of `make run` says so).
DEMO_SECOND_FACTOR = env.bool("DEMO_SECOND_FACTOR", default=True)
