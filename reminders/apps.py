from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Update reminders and escalations"

    def ready(self):
        from outbound import kinds
        from reminders.messages import reminder_message
        from reminders.services import REMINDER

        kinds.register(
            REMINDER,
            model="reminders.Reminder",
            build=reminder_message,
            related=["partnership", "user"],
            partnership="partnership",
        )
