from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the portal: health checks, backups and restores, error reports and logs."""

    name = "operations"
    verbose_name = "Operations"
