from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = "Outcomes framework"

    def ready(self):
        # The indicator values import and the scorecard export are served by the spreadsheet engine's pages.
        from outcomes.comparator_imports import ComparatorValuesImporter
        from outcomes.imports import IndicatorValuesImporter
        from outcomes.views import ScorecardExportView
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
