from django.apps import AppConfig
from django.urls import reverse


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
            label="Quarterly report",
            link=lambda delivery: reverse("reports:detail", args=[delivery.report_id]),
        )
        kinds.register(
            SIGN_OFF_DUE,
            model="reports.SignOffDue",
            build=sign_off_due_message,
            related=["strategy__partnership", "user"],
            partnership="strategy__partnership",
            label="Quarter due for sign-off",
            link=lambda row: reverse("reports:archive"),
        )
