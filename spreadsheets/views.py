"""Import pages: upload a spreadsheet, check what it will change, confirm; download templates; list the exports.

The imports and exports are those the apps register (``spreadsheets.registry``);
each export's own page is a view of its app.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from accounts.mixins import PartnershipMixin
from spreadsheets import registry, selectors, services
from spreadsheets.forms import ColumnsForm, ConfirmForm, NamesForm, UploadForm
from spreadsheets.import_templates import template_csv, template_xlsx
from spreadsheets.mapping import suggested_keys
from spreadsheets.models import Upload
from spreadsheets.readers import CellProblem, FileRefused, Layout
from spreadsheets.xlsx import XLSX_CONTENT_TYPE

PAST_IMPORTS_PER_PAGE = 20
PREVIEW_ROWS_PER_PAGE = 100
PROBLEMS_PER_PAGE = 200
REFRESH_SECONDS = 3
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
            # A download the person may not take is not offered (its view's own rule, as it would answer).
            if getattr(export.view, "permission_rule", None) is None or export.view.permission_rule(self.membership)
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
        page = past.get_page(1 if problems else self.request.GET.get("page"))  # ?page= pages the problems then
        context = {
            "page_title": self.importer.title,
            "breadcrumbs": [(INDEX_CRUMB[0], reverse(INDEX_CRUMB[1]))],
            "importer": self.importer,
            "form": form,
            "problems": problems,
            "problems_count": problems.paginator.count if hasattr(problems, "paginator") else len(problems),
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

    def refused_page(self, upload):
        """The import page with every problem of the refused upload, a page of them at a time."""
        stored = [CellProblem(*problem) for problem in upload.problems]
        if len(stored) == 1 and stored[0].row is None:
            return self.import_page(UploadForm.refusing(stored[0].message), file_name=upload.original_name)
        form = UploadForm.refusing(problems_message(upload.original_name, len(stored)))
        problems = Paginator(stored, PROBLEMS_PER_PAGE).get_page(self.request.GET.get("page"))
        return self.import_page(form, problems, upload.original_name)


class ImportView(ImporterMixin, View):
    """Upload a file: kept for its check in the background (or its columns to be matched), then its page."""

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
        if upload.status == Upload.Status.REFUSED:  # checked already (in-process tasks): say so now
            return self.refused_page(upload)
        return redirect(next_step(upload))


def next_step(upload) -> str:
    if upload.status == Upload.Status.COLUMNS:
        return reverse("spreadsheets:columns", args=[upload.pk])
    if upload.status == Upload.Status.NAMES:
        return reverse("spreadsheets:names", args=[upload.pk])
    return reverse("spreadsheets:preview", args=[upload.pk])


def problems_message(name, count) -> str:
    problems = "a problem" if count == 1 else f"{count:,} problems"
    return f"{name} has {problems}. Nothing has been imported: correct the file and upload it again"


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

    def preview_page(self, upload):
        preview = upload.preview
        rows = Paginator(preview.get("rows", []), PREVIEW_ROWS_PER_PAGE).get_page(self.request.GET.get("page"))
        rows.object_list = [
            {
                "row": row,
                "label": label,
                "is_new": state == "new",
                "changes": [{"field": field, "old": old, "new": new} for field, old, new in changes],
                "checks": checks,
            }
            for row, label, state, changes, checks in rows.object_list
        ]
        context = {
            "page_title": "Check what will change",
            "breadcrumbs": self.crumbs(),
            "importer": self.importer,
            "upload": upload,
            "counts": preview.get("counts", {}),
            "rows_to_check": preview.get("rows_to_check", 0),
            "rows_page": rows,
            "confirm_form": ConfirmForm(initial={"digest": preview.get("digest", "")}),
            "changed_since": upload.changed_since,
            "import_url": import_url(upload.kind),
            "columns_read": columns_read(self.importer, upload),
            "membership": self.membership,
            "partnership": self.partnership,
        }
        return render(self.request, "spreadsheets/preview.html", context)

    def progress_page(self, upload):
        """How far the check or the import has gone; the page asks again by itself every few seconds."""
        importing = upload.status == Upload.Status.IMPORTING
        refresh = self.request.GET.get("refresh") != "off"
        context = {
            "page_title": "Importing your file" if importing else "Checking your file",
            "breadcrumbs": self.crumbs(),
            "importer": self.importer,
            "upload": upload,
            "importing": importing,
            "refresh": refresh,
            "refresh_seconds": REFRESH_SECONDS,
            "percent": (100 * upload.rows_done // upload.rows_total) if upload.rows_total else 0,
            "membership": self.membership,
            "partnership": self.partnership,
        }
        return render(self.request, "spreadsheets/progress.html", context)

    def crumbs(self):
        return [(INDEX_CRUMB[0], reverse(INDEX_CRUMB[1])), (self.importer.title, import_url(self.upload.kind))]


def columns_read(importer, upload) -> list[tuple[str, str]]:
    """(the file's header, the field it was read as or "Ignored") for a file with its own header row."""
    mapping = upload.column_map
    if mapping is None:
        return []
    fields = {column.key: column.header for column in importer.columns}
    pairs = zip(mapping.headers, mapping.keys, strict=False)
    return [(header, fields.get(key, "Ignored")) for header, key in pairs if header]


class ImportPreviewView(UploadMixin, View):
    """An upload's page: its check or import under way, what it will change, or its problems."""

    def get(self, request, *args, **kwargs):
        self.load_upload()
        upload = self.upload
        expired = upload.has_expired()
        if upload.status in (Upload.Status.COLUMNS, Upload.Status.NAMES) and not expired:
            return redirect(next_step(upload))
        if upload.status in (Upload.Status.CHECKING, Upload.Status.IMPORTING) and not expired:
            return self.progress_page(upload)
        if upload.status == Upload.Status.PREVIEWED and not expired:
            return self.preview_page(upload)
        if upload.status == Upload.Status.REFUSED:
            return self.refused_page(upload)
        return self.unavailable(upload)


class UploadStepView(UploadMixin, View):
    """A step between upload and preview that asks the person something about their file.

    Subclasses say when the upload is ``waiting()`` for the step, build its ``form()``, and render ``page(form)``.
    """

    def get(self, request, *args, **kwargs):
        if not self.waiting():
            return self.elsewhere()
        return self.page(self.form())

    def elsewhere(self):
        """The upload's own page, which shows the step it is at; only an imported or expired one is gone."""
        if self.upload.status in (Upload.Status.IMPORTING, Upload.Status.REFUSED) or (
            self.upload.status in Upload.WAITING and not self.upload.has_expired()
        ):
            return redirect("spreadsheets:preview", pk=self.upload.pk)
        return self.unavailable(self.upload)


class ImportColumnsView(UploadStepView):
    """Match each column of a file with its own header row to a field of the import, or ignore it."""

    def waiting(self) -> bool:
        self.load_upload()
        waiting = (Upload.Status.COLUMNS, Upload.Status.PREVIEWED)
        return self.upload.status in waiting and not self.upload.has_expired() and "headers" in self.upload.columns

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

    def post(self, request, *args, **kwargs):
        if not self.waiting():
            return self.elsewhere()
        form = self.form(request.POST)
        if not form.is_valid():
            return self.page(form)
        try:
            services.upload_columns_match(self.membership, self.upload, form.keys())
        except services.UploadUnavailable as error:
            return self.unavailable(error.upload)
        return redirect("spreadsheets:preview", pk=self.upload.pk)

    def page(self, form):
        context = {
            "page_title": "Match the columns of your file",
            "breadcrumbs": self.crumbs(),
            "importer": self.importer,
            "upload": self.upload,
            "form": form,
            "absent": [c for c in self.importer.columns if c.required and c.if_absent],
            "import_url": import_url(self.upload.kind),
            "membership": self.membership,
            "partnership": self.partnership,
        }
        return render(self.request, "spreadsheets/columns.html", context)


class ImportNamesView(UploadStepView):
    """Say once what each name the file gives means (an agency the partnership calls otherwise), then check it again."""

    def waiting(self) -> bool:
        self.load_upload()
        return self.upload.status == Upload.Status.NAMES and not self.upload.has_expired()

    def form(self, data=None):
        questions = self.upload.names.get("questions", [])
        choices = self.importer.name_choices(questions[0]) if questions else []
        return NamesForm(data, questions=questions, choices=choices)

    def post(self, request, *args, **kwargs):
        if not self.waiting():
            return self.elsewhere()
        form = self.form(request.POST)
        if not form.is_valid():
            return self.page(form)
        try:
            services.upload_names_choose(self.membership, self.upload, form.answers())
        except ValidationError as error:
            positions = {q["key"]: p for p, q in enumerate(form.questions)}
            for key, messages_ in error.message_dict.items():
                for message in messages_:
                    form.add_error(form.field_name(positions.get(key, 0)), message.rstrip("."))
            return self.page(form)
        except services.UploadUnavailable as error:
            return self.unavailable(error.upload)
        return redirect("spreadsheets:preview", pk=self.upload.pk)

    def elsewhere(self):
        # The names were chosen and the file checked again: its preview is the next step.
        if self.upload.status == Upload.Status.PREVIEWED and not self.upload.has_expired():
            return redirect("spreadsheets:preview", pk=self.upload.pk)
        return super().elsewhere()

    def page(self, form):
        questions = form.questions
        context = {
            "page_title": "Choose what the names in your file mean"
            if len(questions) > 1
            else "Choose what a name in your file means",
            "breadcrumbs": self.crumbs(),
            "importer": self.importer,
            "upload": self.upload,
            "form": form,
            "questions": questions,
            "suggested": any(q.get("suggested") for q in questions),
            "import_url": import_url(self.upload.kind),
            "membership": self.membership,
            "partnership": self.partnership,
        }
        return render(self.request, "spreadsheets/names.html", context)


class ImportConfirmView(UploadMixin, View):
    """Queue the import of a previewed upload, once; its page then shows how it goes."""

    def post(self, request, *args, **kwargs):
        self.load_upload()
        digest = ConfirmForm(request.POST).data.get("digest", "")
        try:
            upload = services.upload_confirm(self.membership, self.upload, digest)
        except services.UploadUnavailable as error:
            if error.upload.status in (Upload.Status.IMPORTING, Upload.Status.REFUSED):
                return redirect("spreadsheets:preview", pk=self.upload.pk)
            return self.unavailable(error.upload)
        except services.PreviewChanged as error:
            return self.preview_page(error.preview)
        # Done already when the tasks run in-process: show the outcome now, as the upload's page would.
        if upload.status == Upload.Status.IMPORTED:
            return self.unavailable(upload)
        if upload.status == Upload.Status.PREVIEWED:
            return self.preview_page(upload)
        if upload.status == Upload.Status.REFUSED:
            return self.refused_page(upload)
        return redirect("spreadsheets:preview", pk=upload.pk)


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
