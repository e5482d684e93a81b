"""Import pages: upload a spreadsheet, check what it will change, confirm; download templates; list the exports.

The imports and exports are those the apps register (``spreadsheets.registry``);
each export's own page is a view of its app.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from accounts.mixins import PartnershipMixin
from spreadsheets import registry, selectors, services
from spreadsheets.forms import ColumnsForm, ConfirmForm, UploadForm
from spreadsheets.import_templates import template_csv, template_xlsx
from spreadsheets.importers import ImportProblems
from spreadsheets.mapping import suggested_keys
from spreadsheets.models import Upload
from spreadsheets.readers import FileRefused, Layout
from spreadsheets.xlsx import XLSX_CONTENT_TYPE

PAST_IMPORTS_PER_PAGE = 20
PREVIEW_ROWS_PER_PAGE = 100
INDEX_CRUMB = ("Import and export", "spreadsheets:index")


def import_url(kind) -> str:
    return reverse(f"spreadsheets:{kind}_import")


def template_url(kind, extension) -> str:
    return reverse(f"spreadsheets:{kind}_template", args=[extension])


def export_url(name) -> str:
    return reverse(f"spreadsheets:{name}_export")


class SpreadsheetsIndexView(PartnershipMixin, TemplateView):
    """What can be imported and exported, with the templates to download."""

    template_name = "spreadsheets/index.html"

    def get_context_data(self, **kwargs):
        imports = [
            {
                "title": cls.title,
                "description": cls.description,
                "who_may": cls.who_may,
                "template_name": cls.template_name,
                "allowed": cls.allowed(self.membership),
                "import_url": import_url(cls.kind),
                "xlsx_url": template_url(cls.kind, "xlsx"),
                "csv_url": template_url(cls.kind, "csv"),
            }
            for cls in registry.importers()
        ]
        exports = [
            {"url": export_url(export.name), "link_text": export.link_text, "description": export.description}
            for export in registry.exports()
        ]
        return super().get_context_data(page_title="Import and export", imports=imports, exports=exports, **kwargs)


class ImporterMixin(PartnershipMixin):
    """Pages of one kind of import: 403 for members who may not run it, and the shared import page."""

    def load_importer(self, kind):
        self.importer = registry.importer_for(kind, self.membership)
        if not self.importer.allowed(self.membership):
            raise PermissionDenied("Your role does not allow this import.")

    def import_page(self, form, problems=(), file_name=""):
        kind = self.importer.kind
        past = Paginator(selectors.past_imports(self.partnership, kind), PAST_IMPORTS_PER_PAGE)
        page = past.get_page(self.request.GET.get("page"))
        context = {
            "page_title": self.importer.title,
            "breadcrumbs": [(INDEX_CRUMB[0], reverse(INDEX_CRUMB[1]))],
            "importer": self.importer,
            "form": form,
            "problems": problems,
            "file_name": file_name,
            "guidance": self.importer.guidance(),
            "unavailable": self.importer.unavailable_reason(),
            "pending": selectors.pending_upload(self.membership, kind),
            "past_page": page,
            "xlsx_url": template_url(kind, "xlsx"),
            "csv_url": template_url(kind, "csv"),
            "membership": self.membership,
            "partnership": self.partnership,
        }
        return render(self.request, "spreadsheets/import.html", context)


class ImportView(ImporterMixin, View):
    """Upload a file: every problem listed by row and column, or on to the preview."""

    kind = None

    def get(self, request, *args, **kwargs):
        self.load_importer(self.kind)
        return self.import_page(UploadForm())

    def post(self, request, *args, **kwargs):
        self.load_importer(self.kind)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.import_page(form)
        uploaded = form.cleaned_data["file"]
        try:
            upload = services.upload_create(self.membership, self.kind, uploaded.name, uploaded.read())
        except FileRefused as refused:
            form.add_error("file", refused.message)
            return self.import_page(form, file_name=uploaded.name)
        except ImportProblems as error:
            form.add_error("file", problems_message(uploaded.name, error.problems))
            return self.import_page(form, error.problems, uploaded.name)
        return redirect(next_step(upload))


def next_step(upload) -> str:
    if upload.status == Upload.Status.COLUMNS:
        return reverse("spreadsheets:columns", args=[upload.pk])
    return reverse("spreadsheets:preview", args=[upload.pk])


def problems_message(name, problems) -> str:
    count = "a problem" if len(problems) == 1 else f"{len(problems)} problems"
    return f"{name} has {count}. Nothing has been imported: correct the file and upload it again"


class UploadMixin(ImporterMixin):
    """Pages about one of the member's own uploads (anyone else's answers 404)."""

    def load_upload(self):
        self.upload = selectors.upload_for(self.membership, self.kwargs["pk"])
        self.load_importer(self.upload.kind)

    def unavailable(self, upload):
        if upload.status == Upload.Status.IMPORTED:
            summary = upload.result.get("summary", "")
            messages.success(self.request, f"{upload.original_name} has been imported: {summary}.")
        else:
            messages.info(self.request, f"{upload.original_name} was not confirmed within an hour. Upload it again.")
        return redirect(import_url(upload.kind))

    def refused(self, error):
        problems = getattr(error, "problems", ())
        message = problems_message(self.upload.original_name, problems) if problems else error.message
        return self.import_page(UploadForm.refusing(message), problems, self.upload.original_name)

    def preview_page(self, preview, changed_since=False):
        rows = Paginator(preview.changing_rows, PREVIEW_ROWS_PER_PAGE).get_page(self.request.GET.get("page"))
        context = {
            "page_title": "Check what will change",
            "breadcrumbs": [
                (INDEX_CRUMB[0], reverse(INDEX_CRUMB[1])),
                (self.importer.title, import_url(self.upload.kind)),
            ],
            "importer": self.importer,
            "upload": self.upload,
            "counts": preview.counts(),
            "rows_page": rows,
            "confirm_form": ConfirmForm(initial={"digest": preview.digest()}),
            "changed_since": changed_since,
            "import_url": import_url(self.upload.kind),
            "columns_read": columns_read(self.importer, self.upload),
            "membership": self.membership,
            "partnership": self.partnership,
        }
        return render(self.request, "spreadsheets/preview.html", context)


def columns_read(importer, upload) -> list[tuple[str, str]]:
    """(the file's header, the field it was read as or "Ignored") for a file with its own header row."""
    mapping = upload.column_map
    if mapping is None:
        return []
    fields = {column.key: column.header for column in importer.columns}
    pairs = zip(mapping.headers, mapping.keys, strict=False)
    return [(header, fields.get(key, "Ignored")) for header, key in pairs if header]


class ImportPreviewView(UploadMixin, View):
    """What a previewed upload will change; nothing is saved until it is confirmed."""

    def get(self, request, *args, **kwargs):
        self.load_upload()
        if self.upload.status == Upload.Status.COLUMNS and not self.upload.has_expired():
            return redirect(next_step(self.upload))
        if self.upload.status != Upload.Status.PREVIEWED or self.upload.has_expired():
            return self.unavailable(self.upload)
        try:
            preview = selectors.upload_preview(self.membership, self.upload)
        except (FileRefused, ImportProblems) as error:
            return self.refused(error)
        return self.preview_page(preview)


class ImportColumnsView(UploadMixin, View):
    """Match each column of a file with its own header row to a field of the import, or ignore it."""

    def waiting(self) -> bool:
        self.load_upload()
        return self.upload.status in Upload.WAITING and not self.upload.has_expired() and bool(self.upload.columns)

    def form(self, data=None):
        columns = self.upload.columns
        keys = columns.get("keys") or suggested_keys(
            Layout(0, columns["headers"], False, columns.get("samples", [])), self.importer.columns
        )
        return ColumnsForm(
            data,
            headers=columns["headers"],
            samples=columns.get("samples", []),
            columns=self.importer.columns,
            initial_keys=keys,
        )

    def get(self, request, *args, **kwargs):
        if not self.waiting():
            return self.unavailable(self.upload)
        return self.page(self.form())

    def post(self, request, *args, **kwargs):
        if not self.waiting():
            return self.unavailable(self.upload)
        form = self.form(request.POST)
        if not form.is_valid():
            return self.page(form)
        try:
            services.upload_columns_match(self.membership, self.upload, form.keys())
        except services.UploadUnavailable as error:
            return self.unavailable(error.upload)
        except (FileRefused, ImportProblems) as error:
            return self.refused(error)
        return redirect("spreadsheets:preview", pk=self.upload.pk)

    def page(self, form):
        absent = [c for c in self.importer.columns if c.required and c.if_absent]
        context = {
            "page_title": "Match the columns of your file",
            "breadcrumbs": [
                (INDEX_CRUMB[0], reverse(INDEX_CRUMB[1])),
                (self.importer.title, import_url(self.upload.kind)),
            ],
            "importer": self.importer,
            "upload": self.upload,
            "form": form,
            "absent": absent,
            "import_url": import_url(self.upload.kind),
            "membership": self.membership,
            "partnership": self.partnership,
        }
        return render(self.request, "spreadsheets/columns.html", context)


class ImportConfirmView(UploadMixin, View):
    """Import a previewed upload, once, all or nothing."""

    def post(self, request, *args, **kwargs):
        self.load_upload()
        digest = ConfirmForm(request.POST).data.get("digest", "")
        try:
            result = services.upload_confirm(self.membership, self.upload, digest)
        except services.UploadUnavailable as error:
            return self.unavailable(error.upload)
        except services.PreviewChanged as error:
            return self.preview_page(error.preview, changed_since=True)
        except (FileRefused, ImportProblems) as error:
            return self.refused(error)
        messages.success(request, f"{self.upload.original_name} has been imported: {result.summary}.")
        return redirect(import_url(self.upload.kind))


class ImportTemplateView(ImporterMixin, View):
    """The template of an import, as .xlsx (with instructions) or .csv (the header row)."""

    kind = None

    def get(self, request, extension, *args, **kwargs):
        self.load_importer(self.kind)
        name = f"{self.partnership.slug}-{registry.slug(self.kind)}-template"
        if extension == "xlsx":
            response = HttpResponse(template_xlsx(self.importer), content_type=XLSX_CONTENT_TYPE)
        elif extension == "csv":
            response = HttpResponse(template_csv(self.importer), content_type="text/csv; charset=utf-8")
        else:
            raise Http404("Templates are .xlsx or .csv files.")
        response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
        return response
