"""The pages of evidence files: download one, attach one to an object, remove one. Thin doors onto
``evidence.services``; who may attach and remove is the owner kind's own rule (``evidence.registry``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views import View
from django.views.generic import FormView

from accounts.mixins import PartnershipMixin
from evidence import registry, selectors, services
from evidence.filetypes import size_words
from evidence.forms import EvidenceForm
from neglect_portal.forms import WithdrawForm


class EvidenceDownloadView(PartnershipMixin, View):
    """The file, to every member of its partnership (404 for anyone else), always as a download: never shown
    in the browser, whatever it holds, and with the type read from its content when it was uploaded."""

    def get(self, request, *args, **kwargs):
        record = selectors.evidence_for(self.partnership, self.kwargs["pk"])
        try:
            handle = record.file.open("rb")
        except (OSError, ValueError):
            raise Http404("The file is missing from the store") from None
        response = FileResponse(
            handle, as_attachment=True, filename=record.original_name, content_type=record.mime_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class EvidenceAddView(PartnershipMixin, FormView):
    """Attach a file to a progress update, a finding or an audit (whoever may change it; 403 otherwise)."""

    form_class = EvidenceForm
    template_name = "evidence/evidence_form.html"

    def load(self):
        self.kind = registry.kind_named(self.kwargs["kind"])
        self.owner = self.kind.load(self.partnership, self.kwargs["pk"])
        if not self.kind.may_attach(self.membership, self.owner):
            raise PermissionDenied(self.kind.refusal)

    def get(self, request, *args, **kwargs):
        self.load()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.load()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_context_data(self, **kwargs):
        caption, what = self.kind.describe(self.owner)
        used, quota = services.quota_used(self.partnership), services.quota_bytes(self.partnership)
        space = f"Your partnership's evidence files use {size_words(used)} of the {size_words(quota)} it has."
        return super().get_context_data(
            page_title="Add an evidence file",
            caption=caption,
            what=what,
            cancel_url=self.kind.page_url(self.owner),
            space=space,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            record = services.evidence_attach(self.membership, self.owner, form.cleaned_data["file"])
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error("file" if name in ("file", "__all__") else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, f"{record.original_name} has been added.")
        return redirect(self.kind.page_url(self.owner))


class EvidenceRemoveView(PartnershipMixin, FormView):
    """Remove a file, saying why: its record stays in the history; its content is deleted."""

    form_class = WithdrawForm
    template_name = "evidence/evidence_remove.html"

    def load(self):
        self.record = selectors.evidence_for(self.partnership, self.kwargs["pk"])
        self.owner = self.record.owner
        self.kind = registry.kind_of(self.owner)
        if not self.kind.may_attach(self.membership, self.owner):
            raise PermissionDenied(self.kind.refusal)

    def get(self, request, *args, **kwargs):
        self.load()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.load()
        return super().post(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["reason"].label = "Why is it being removed?"
        form.fields[
            "reason"
        ].help_text = "For example, “The wrong file was uploaded” or “Replaced by the final report”."
        form.fields["reason"].error_messages["required"] = "Enter why the file is being removed"
        return form

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership, "submit_label": "Remove the file"}

    def get_context_data(self, **kwargs):
        caption, what = self.kind.describe(self.owner)
        return super().get_context_data(
            page_title="Remove this evidence file",
            caption=caption,
            what=what,
            record=self.record,
            cancel_url=self.kind.page_url(self.owner),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.evidence_remove(self.membership, self.record, form.cleaned_data["reason"])
        except ValidationError as error:
            for errors in error.message_dict.values():
                form.add_error("reason", errors)
            return self.form_invalid(form)
        messages.success(self.request, f"{self.record.original_name} has been removed.")
        return redirect(self.kind.page_url(self.owner))
