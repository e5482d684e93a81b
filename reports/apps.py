from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Quarterly reports"

    def ready(self):
        from outbound import kinds
        from reports.messages import delivery_list_id, delivery_message, sign_off_due_message
        from reports.services import DELIVERY, SIGN_OFF_DUE

        kinds.register(
            DELIVERY,
            model="reports.Delivery",
            build=delivery_message,
            related=["report__strategy__partnership"],
            list_id=delivery_list_id,
            partnership="report__strategy__partnership",
        )
        kinds.register(
            SIGN_OFF_DUE,
            model="reports.SignOffDue",
            build=sign_off_due_message,
            related=["strategy__partnership", "user"],
            partnership="strategy__partnership",
        )
