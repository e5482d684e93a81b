from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Partnerships and people"

    def ready(self):
        from accounts import checks, receivers  # noqa: F401  (checks register themselves)

        receivers.connect()
