from django.urls import path

from spreadsheets import views
from spreadsheets.models import Upload

app_name = "spreadsheets"

urlpatterns = [
    path("", views.SpreadsheetsIndexView.as_view(), name="index"),
    path(
        "import/action-plan/",
        views.ImportView.as_view(kind=Upload.Kind.ACTION_PLAN),
        name="action_plan_import",
    ),
    path(
        "import/action-plan/template.<str:extension>",
        views.ImportTemplateView.as_view(kind=Upload.Kind.ACTION_PLAN),
        name="action_plan_template",
    ),
    path(
        "import/indicator-values/",
        views.ImportView.as_view(kind=Upload.Kind.INDICATOR_VALUES),
        name="indicator_values_import",
    ),
    path(
        "import/indicator-values/template.<str:extension>",
        views.ImportTemplateView.as_view(kind=Upload.Kind.INDICATOR_VALUES),
        name="indicator_values_template",
    ),
    path("uploads/<int:pk>/", views.ImportPreviewView.as_view(), name="preview"),
    path("uploads/<int:pk>/confirm/", views.ImportConfirmView.as_view(), name="confirm"),
    path("export/action-plan.xlsx", views.ActionPlanExportView.as_view(), name="action_plan_export"),
    path("export/scorecard.xlsx", views.ScorecardExportView.as_view(), name="scorecard_export"),
]
