from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Action plan"

    def ready(self):
        from django.urls import reverse

        # The action plan's import and export are served by the spreadsheet engine's pages.
        from actions.imports import ActionPlanImporter
        from actions.messages import comment_message
        from actions.services import COMMENT_EMAIL
        from actions.views import ActionPlanExportView
        from outbound import kinds
        from spreadsheets import registry

        kinds.register(
            COMMENT_EMAIL,
            model="actions.CommentEmail",
            build=comment_message,
            related=["comment__action__priority__strategy__partnership", "comment__author", "comment__agency", "user"],
            partnership="comment__action__priority__strategy__partnership",
            label="Comment on an action",
            link=lambda row: reverse("actions:detail", args=[row.comment.action_id]),
        )

        registry.register_importer(ActionPlanImporter)
        registry.register_export(
            "action_plan",
            ActionPlanExportView,
            link_text="Download the action plan (.xlsx)",
            description="Every action of the active strategy with its status, BRAG rating and latest update. "
            "Change it and import it again to update the plan.",
        )
