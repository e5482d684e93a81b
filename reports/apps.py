from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Quarterly reports"

    def ready(self):
        from outbound import kinds
        from reports.messages import delivery_list_id, delivery_message
        from reports.reminders import REMINDER, reminder_message
        from reports.services import DELIVERY

        kinds.register(
            DELIVERY,
            model="reports.Delivery",
            build=delivery_message,
            related=["report__strategy__partnership"],
            list_id=delivery_list_id,
        )
        kinds.register(REMINDER, model="reports.Reminder", build=reminder_message, related=["partnership", "user"])
