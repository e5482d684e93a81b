from django.apps import AppConfig


class NeglectPortalConfig(AppConfig):
    """The project package as an app, for what every app shares: chart template tags, the fragment cache."""

    name = "neglect_portal"
    verbose_name = "Neglect Strategy Portal"

    def ready(self):
        from neglect_portal import fragments

        fragments.connect()
