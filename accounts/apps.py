from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Partnerships and people"

    def ready(self):
        from accounts import checks, receivers  # noqa: F401  (checks register themselves)

        receivers.connect()

        from accounts.invitations import INVITATION, invitation_message
        from outbound import kinds

        kinds.register(
            INVITATION,
            model="accounts.InvitationEmail",
            build=invitation_message,
            related=["invitation__partnership", "invitation__agency", "invitation__invited_by"],
        )
