"""The engine's pages, and one import page, template download and export download for each registered kind."""

from django.urls import path

from spreadsheets import registry, views

app_name = "spreadsheets"


def _import_paths(importer):
    slug = registry.slug(importer.kind)
    return [
        path(f"import/{slug}/", views.ImportView.as_view(kind=importer.kind), name=f"{importer.kind}_import"),
        path(
            f"import/{slug}/template.<str:extension>",
            views.ImportTemplateView.as_view(kind=importer.kind),
            name=f"{importer.kind}_template",
        ),
    ]


urlpatterns = [
    path("", views.SpreadsheetsIndexView.as_view(), name="index"),
    *(route for importer in registry.importers() for route in _import_paths(importer)),
    path("uploads/<int:pk>/", views.ImportPreviewView.as_view(), name="preview"),
    path("uploads/<int:pk>/columns/", views.ImportColumnsView.as_view(), name="columns"),
    path("uploads/<int:pk>/names/", views.ImportNamesView.as_view(), name="names"),
    path("uploads/<int:pk>/confirm/", views.ImportConfirmView.as_view(), name="confirm"),
    *(
        path(f"export/{registry.slug(export.name)}.xlsx", export.view.as_view(), name=f"{export.name}_export")
        for export in registry.exports()
    ),
]
