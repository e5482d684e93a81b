from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the portal: health checks, backups and restores, error reports and logs."""

    name = "operations"
    verbose_name = "Operations"

    def ready(self):
        from operations import checks  # noqa: F401 (registers the deployment checks)
