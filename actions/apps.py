from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Action plan"

    def ready(self):
        # The action plan's import and export are served by the spreadsheet engine's pages.
        from actions.imports import ActionPlanImporter
        from actions.views import ActionPlanExportView
        from spreadsheets import registry

        registry.register_importer(ActionPlanImporter)
        registry.register_export(
            "action_plan",
            ActionPlanExportView,
            link_text="Download the action plan (.xlsx)",
            description="Every action of the active strategy with its status, BRAG rating and latest update. "
            "Change it and import it again to update the plan.",
        )
