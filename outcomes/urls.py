from django.urls import path

from outcomes import comparator_views, views
from outcomes.curve import views as curve_views
from outcomes.library import views as library_views

app_name = "outcomes"

urlpatterns = [
    path("", views.ScorecardView.as_view(), name="scorecard"),
    path("engagement/", views.EngagementView.as_view(), name="engagement"),
    path("enter/", views.QuarterEntryView.as_view(), name="quarter_entry"),
    path("indicators/", views.IndicatorListView.as_view(), name="indicators"),
    path("indicators/new/", views.IndicatorCreateView.as_view(), name="indicator_create"),
    path("indicators/<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator"),
    path("indicators/<int:pk>/change/", views.IndicatorUpdateView.as_view(), name="indicator_update"),
    path("indicators/<int:pk>/values/", views.MeasurementRecordView.as_view(), name="measurement_record"),
    path("indicators/<int:pk>/withdraw/", views.IndicatorWithdrawView.as_view(), name="indicator_withdraw"),
    path("indicators/<int:pk>/plan/", curve_views.CurvePlanView.as_view(), name="curve_plan"),
    path("indicators/<int:pk>/plan/change/", curve_views.CurvePlanUpdateView.as_view(), name="curve_plan_update"),
    path("indicators/<int:pk>/plan/history/", curve_views.CurvePlanHistoryView.as_view(), name="curve_plan_history"),
    path("library/", library_views.LibraryListView.as_view(), name="library"),
    path("library/<str:code>/", library_views.LibraryDefinitionView.as_view(), name="library_definition"),
    path("library/<str:code>/adopt/", library_views.LibraryAdoptView.as_view(), name="library_adopt"),
    path("values/<int:pk>/withdraw/", views.MeasurementWithdrawView.as_view(), name="measurement_withdraw"),
    path(
        "indicators/<int:pk>/comparators/new/",
        comparator_views.ComparatorCreateView.as_view(),
        name="comparator_create",
    ),
    path("comparators/<int:pk>/change/", comparator_views.ComparatorUpdateView.as_view(), name="comparator_update"),
    path(
        "comparators/<int:pk>/withdraw/",
        comparator_views.ComparatorWithdrawView.as_view(),
        name="comparator_withdraw",
    ),
]
