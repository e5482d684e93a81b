"""Settings for a local install: the safe defaults of ``base``.

Production uses ``neglect_portal.settings.production`` and the tests
``neglect_portal.settings.test``.
"""

from neglect_portal.settings.base import *  # noqa: F403
