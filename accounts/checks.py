"""System checks of the sign-in settings."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_demo_second_factor_is_off(app_configs, **kwargs):
    """The demo code 123456 must never open a real portal."""
    if getattr(settings, "DEMO_SECOND_FACTOR", False):
        return [
            Error(
                "DEMO_SECOND_FACTOR is on: every demo person's second factor accepts 123456.",
                hint="Unset DEMO_SECOND_FACTOR; it is for the local demo only.",
                id="accounts.E001",
            )
        ]
    return []
