from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from neglect_portal.admin import NeverDeletedAdmin
from outcomes.models import ComparatorValue, Indicator, Measurement


class MeasurementInline(NeverDeletedAdmin, admin.TabularInline):
    model = Measurement
    extra = 0
    fields = ["period", "value", "numerator", "denominator", "note", "is_illustrative"]


@admin.register(Indicator)
class IndicatorAdmin(NeverDeletedAdmin, SimpleHistoryAdmin):
    list_display = ["code", "name", "partnership", "rba_category", "unit", "polarity", "target", "is_context"]
    list_filter = ["partnership", "rba_category", "unit", "polarity", "frequency", "is_context"]
    search_fields = ["code", "name", "definition"]
    autocomplete_fields = ["source_agency", "priority"]
    inlines = [MeasurementInline]


@admin.register(Measurement)
class MeasurementAdmin(NeverDeletedAdmin, SimpleHistoryAdmin):
    list_display = ["indicator", "period", "value", "numerator", "denominator", "is_illustrative"]
    list_filter = ["indicator__partnership", "is_illustrative", "period"]
    search_fields = ["indicator__code", "indicator__name", "note"]
    list_select_related = ["indicator"]
    autocomplete_fields = ["indicator"]


@admin.register(ComparatorValue)
class ComparatorValueAdmin(NeverDeletedAdmin, SimpleHistoryAdmin):
    list_display = ["indicator", "kind", "name", "period", "value", "source", "published", "is_illustrative"]
    list_filter = ["indicator__partnership", "kind", "is_illustrative"]
    search_fields = ["indicator__code", "name", "source"]
    list_select_related = ["indicator"]
    autocomplete_fields = ["indicator"]
