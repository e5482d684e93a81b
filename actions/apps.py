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
        register_evidence_owners()
        registry.register_export(
            "action_plan",
            ActionPlanExportView,
            link_text="Download the action plan (.xlsx)",
            description="Every action of the active strategy with its status, BRAG rating and latest update. "
            "Change it and import it again to update the plan.",
        )


def register_evidence_owners():
    """Files may be attached to a progress update by whoever may update its action (``evidence.registry``)."""
    from django.urls import reverse

    from accounts import access
    from actions.selectors import progress_update_for
    from evidence import registry

    registry.register(
        registry.OwnerKind(
            slug="update",
            model="actions.ProgressUpdate",
            load=progress_update_for,
            may_attach=lambda membership, update: access.can_update_action(membership, update.action),
            refusal=access.ACTION_REFUSAL,
            page_url=lambda update: reverse("actions:detail", args=[update.action_id]) + f"#update-{update.pk}",
            describe=lambda update: (
                f"{update.action.reference} {update.action.title}",
                f"The progress update of {update.update_date:%-d %B %Y}: {update.narrative[:200]}",
            ),
        )
    )
