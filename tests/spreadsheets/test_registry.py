"""The registry through which the apps give the engine their imports and exports."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.views import View

from actions.imports import ActionPlanImporter
from actions.views import ActionPlanExportView
from outcomes.comparator_imports import ComparatorValuesImporter
from outcomes.imports import IndicatorValuesImporter
from outcomes.views import EngagementExportView, ScorecardExportView
from spreadsheets import registry
from spreadsheets.importers import Importer
from spreadsheets.models import Upload


@pytest.fixture
def scratch_registry(monkeypatch):
    """The registry as the apps left it, changed only for this test."""
    monkeypatch.setattr(registry, "_importers", dict(registry._importers))
    monkeypatch.setattr(registry, "_exports", dict(registry._exports))


def importer(kind):
    return type(f"{kind.title().replace('_', '')}Importer", (Importer,), {"kind": kind, "label": kind.capitalize()})


def test_the_apps_register_their_imports_and_exports_in_the_order_of_installed_apps():
    assert registry.importers() == [ActionPlanImporter, IndicatorValuesImporter, ComparatorValuesImporter]
    assert [(export.name, export.view) for export in registry.exports()] == [
        ("action_plan", ActionPlanExportView),
        ("scorecard", ScorecardExportView),
        ("engagement", EngagementExportView),
    ]
    assert registry.kind_choices() == [
        ("action_plan", "Action plan"),
        ("indicator_values", "Indicator values"),
        ("comparator_values", "Comparator figures"),
    ]


def test_each_registered_kind_and_export_has_its_pages_at_the_addresses_they_always_had():
    assert reverse("spreadsheets:action_plan_import") == "/spreadsheets/import/action-plan/"
    assert reverse("spreadsheets:indicator_values_template", args=["csv"]) == (
        "/spreadsheets/import/indicator-values/template.csv"
    )
    assert reverse("spreadsheets:action_plan_export") == "/spreadsheets/export/action-plan.xlsx"
    assert reverse("spreadsheets:scorecard_export") == "/spreadsheets/export/scorecard.xlsx"


def test_an_upload_is_described_by_its_importers_label(cast):
    upload = Upload(partnership=cast.partnership, kind="indicator_values", original_name="q2.xlsx", size=1)
    assert str(upload) == "Indicator values: q2.xlsx (Waiting for confirmation)"


def test_registering_the_same_importer_again_changes_nothing(scratch_registry):
    registry.register_importer(ActionPlanImporter)
    assert registry.importers() == [ActionPlanImporter, IndicatorValuesImporter, ComparatorValuesImporter]


def test_a_second_importer_of_a_kind_already_taken_is_refused(scratch_registry):
    with pytest.raises(ImproperlyConfigured, match="'action_plan' is registered twice"):
        registry.register_importer(importer("action_plan"))


@pytest.mark.parametrize("kind", ["Action plan", "action-plan", "a_kind_longer_than_the_upload_column", ""])
def test_a_kind_that_cannot_be_an_address_or_an_upload_kind_is_refused(scratch_registry, kind):
    with pytest.raises(ImproperlyConfigured, match="lower-case letters, digits and underscores"):
        registry.register_importer(importer(kind))


def test_a_second_export_under_a_name_already_taken_is_refused(scratch_registry):
    with pytest.raises(ImproperlyConfigured, match="'scorecard' is registered twice"):
        registry.register_export("scorecard", View, link_text="Download", description="Something else")


def test_a_newly_registered_importer_is_offered_by_kind(scratch_registry, cast):
    registry.register_importer(importer("partner_list"))
    assert registry.importers()[-1].kind == "partner_list"
    assert ("partner_list", "Partner_list") in registry.kind_choices()
    assert registry.importer_for("partner_list", cast.alice.memberships.get()).partnership == cast.partnership


def test_an_unknown_kind_has_no_importer(cast):
    with pytest.raises(LookupError, match="No importer has the kind 'partner_list'"):
        registry.importer_for("partner_list", cast.alice.memberships.get())


def test_an_upload_of_a_kind_no_app_imports_any_more_is_not_found(cast, client_for):
    kept = Upload.objects.create(
        partnership=cast.partnership, uploaded_by=cast.steve, kind="retired", original_name="x.xlsx", size=1
    )
    client = client_for(cast.steve)
    assert client.get(reverse("spreadsheets:preview", args=[kept.pk])).status_code == 404
    assert client.post(reverse("spreadsheets:confirm", args=[kept.pk]), {"digest": "x"}).status_code == 404
