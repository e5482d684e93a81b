from django.apps import AppConfig
from django.urls import reverse


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Update reminders and escalations"

    def ready(self):
        from outbound import kinds
        from reminders import receivers
        from reminders.alert_messages import alert_message
        from reminders.alerts import ALERT_EMAIL
        from reminders.messages import failure_digest_message, reminder_message
        from reminders.services import FAILURE_DIGEST, REMINDER

        kinds.register(
            REMINDER,
            model="reminders.Reminder",
            build=reminder_message,
            related=["partnership", "user"],
            partnership="partnership",
            label="Update reminder",
            link=lambda row: reverse("reports:reminders"),
        )
        kinds.register(
            FAILURE_DIGEST,
            model="reminders.FailureDigest",
            build=failure_digest_message,
            related=["partnership", "user"],
            partnership="partnership",
            label="Daily list of failed e-mails",
            link=lambda row: reverse("accounts:dashboard"),
        )
        kinds.register(
            ALERT_EMAIL,
            model="reminders.AlertEmail",
            build=alert_message,
            related=["partnership", "user"],
            partnership="partnership",
            label="Alert",
        )
        # Indicators turning red and actions changed to Red are told by the apps below (decision 47).
        receivers.connect()
