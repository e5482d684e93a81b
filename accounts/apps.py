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
            partnership="invitation__partnership",
            label="Invitation",
        )

        from accounts.emails import (
            DORMANCY_WARNING,
            PASSWORD_RESET,
            dormancy_warning_message,
            password_reset_message,
        )

        for name, build in [(PASSWORD_RESET, password_reset_message), (DORMANCY_WARNING, dormancy_warning_message)]:
            kinds.register(name, model="accounts.AccountEmail", build=build, related=["user"], rows={"kind": name})
