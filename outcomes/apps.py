from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = "Outcomes framework"

    def ready(self):
        # The indicator values import and the scorecard export are served by the spreadsheet engine's pages.
        from outcomes.comparator_imports import ComparatorValuesImporter
        from outcomes.imports import IndicatorValuesImporter
        from outcomes.views import EngagementExportView, ScorecardExportView
        from spreadsheets import registry

        registry.register_importer(IndicatorValuesImporter)
        registry.register_importer(ComparatorValuesImporter)
        registry.register_export(
            "scorecard",
            ScorecardExportView,
            link_text="Download the scorecard (.xlsx)",
            description="Every indicator's latest value, its change on the previous period and on a year earlier, "
            "target, RAG rating and direction of travel.",
        )
        registry.register_export(
            "engagement",
            EngagementExportView,
            link_text="Download each agency's engagement (.xlsx)",
            description="For the business manager, the steering group and the board: each agency's actions "
            "updated, values sent by the deadline, overdue actions and days since an update, over four quarters.",
        )
