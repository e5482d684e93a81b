"""Pages of the quarterly board report: the archive, the report, its commentary, issuing and sending."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from accounts import access, audit
from accounts.mixins import PartnershipMixin
from accounts.reauth import RecentAuthenticationRequiredMixin
from neglect_portal.periods import Period
from neglect_portal.versioning import Conflict
from priorities.selectors import quarter_status, quarters_in_view
from reports import selectors, services
from reports.forms import (
    ReportCommentaryForm,
    ReportCorrectionForm,
    ReportSignOffForm,
    ReportSignOffWithdrawForm,
    ReportStartForm,
    seen_text,
)
from reports.models import QuarterlyReport
from reports.parts import PageContent, page_content, report_parts
from reports.pdf import report_filename, with_appendix


class ReportArchiveView(PartnershipMixin, ListView):
    """Every report of the partnership the member may read, newest first, with its e-mails counted."""

    template_name = "reports/report_archive.html"
    context_object_name = "reports"
    paginate_by = 20

    def get_queryset(self):
        return selectors.archive(self.membership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        earlier = selectors.earlier_versions(context["reports"])
        for report in context["reports"]:
            report.delivery_words = selectors.delivery_summary(report)
            report.earlier_versions = earlier.get(report.pk, [])
        can_issue = access.can_issue_reports(self.membership)
        return {
            **context,
            "page_title": "Quarterly reports",
            "can_issue": can_issue,
            "can_administer": access.can_administer(self.membership),
            "board_recipients": selectors.board_recipients(self.partnership) if can_issue else [],
            "today": timezone.localdate(),
            "quarters": quarters_in_view(
                selectors.active_strategy(self.partnership), timezone.localdate(), self.partnership
            ),
        }


class _LoadsReport:
    """Loads the report before the method's handler runs, and only when the view has one for the method.

    It sits after ``PartnershipMixin`` in the method resolution order, so the member and their role are
    checked first; a method the view does not handle answers 405 without reading the report.
    """

    reads_data = True  # False: the report's frozen data is read only when the view asks for it

    def dispatch(self, request, *args, **kwargs):
        method = request.method.lower()
        if method in self.http_method_names and hasattr(self, method):
            self.report = selectors.report_for(self.partnership, self.kwargs["pk"], with_data=self.reads_data)
            if not access.can_view_report(self.membership, self.report):
                raise PermissionDenied("Drafts are for the business manager and the steering group.")
        return super().dispatch(request, *args, **kwargs)


class ReportMixin(PartnershipMixin, _LoadsReport):
    """A page about one report: 404 outside the partnership, 403 where the member may not see or do it.

    ``self.report`` is loaded before any handler runs; the mixin adds no handler of its own, so each view
    accepts only the methods it defines (a GET of a POST-only action answers 405).
    """

    def crumbs(self):
        return [("Reports", reverse("reports:archive")), (self.report.period, self.report_url())]

    def report_url(self):
        return reverse("reports:detail", args=[self.report.pk])

    def quarter_status(self):
        return quarter_status(self.report.strategy, Period.parse(self.report.period), timezone.localdate())

    def refused(self, error):
        """A request the report's state does not allow: back to the report, saying why, nothing changed."""
        messages.error(self.request, " ".join(error.messages))
        return redirect(self.report_url())


class ReportDetailView(ReportMixin, TemplateView):
    template_name = "reports/report_detail.html"
    reads_data = False  # an issued report's content comes rendered from the cache (reports/parts.py)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit.record_request(
            audit.Kind.REPORT_VIEWED, request=request, partnership=self.partnership, detail=str(self.report.period)
        )
        return response

    def get_context_data(self, **kwargs):
        page = selectors.report_page(self.report, self.membership, content=False)
        content = page_content(
            self.report,
            published=access.sees_published_figures(self.membership),
            part=self.request.GET.get("part", ""),
            page_number=self.request.GET.get("page"),
            render=self.render_content,
        )
        return super().get_context_data(
            report=self.report,
            page=page,
            content=content,
            is_draft=self.report.status == QuarterlyReport.Status.DRAFT,
            can_issue=access.can_issue_reports(self.membership),
            can_sign_off=access.can_sign_off_quarter(self.membership),
            can_correct=access.can_correct_report(self.membership),
            quarter=self.quarter_status(),
            today=timezone.localdate(),
            delivery_words=selectors.describe_deliveries(Counter(d.status for d in page.deliveries)),
            page_title=f"Quarterly report: {self.report.period}{_version_words(self.report)}",
            breadcrumbs=[("Reports", reverse("reports:archive"))],
            **kwargs,
        )

    def render_content(self) -> PageContent:
        data, scorecard = selectors.report_reading(self.report, self.membership)
        # As in the PDF: the most serious exceptions of each priority in full, the rest in the appendix;
        # a big report's page in parts (reports/parts.py).
        parts, data = report_parts(
            with_appendix(data), scorecard, self.request.GET.get("part", ""), self.request.GET.get("page")
        )
        context = {
            "data": data,
            "scorecard": scorecard,
            "parts": parts,
            "show": parts.show,
            "inline_charts": True,
            "is_draft": self.report.status == QuarterlyReport.Status.DRAFT,
        }
        html = render_to_string("reports/_report_content.html", context, request=self.request)
        return PageContent(html=mark_safe(html), caption=data["cover"]["partnership"])  # noqa: S308 (a template's)


def _version_words(report) -> str:
    return f" (version {report.version})" if report.version > 1 or report.next_version is not None else ""


class ReportPdfView(ReportMixin, View):
    """The report's PDF as a file, once a worker has rendered it; until then a page that says it is
    being prepared and reloads itself. The PDF is never rendered in the request."""

    refresh_seconds = 3

    def get(self, request, *args, **kwargs):
        report = self.report
        name = services.report_pdf_file(self.membership, report)
        waiting = request.GET.get("waiting") == "1"
        if name is not None and not waiting:
            try:
                with default_storage.open(name, "rb") as stored:
                    content = stored.read()
            except OSError:
                name = None  # gone from the store since it was recorded: the page waits for it again
            else:
                response = HttpResponse(content, content_type="application/pdf")
                filename = f"{report.strategy.partnership.slug}-{report_filename(report.period, report.version)}"
                response["Content-Disposition"] = f'attachment; filename="{filename}"'
                return response
        pdf_url = reverse("reports:pdf", args=[report.pk])
        context = {
            "report": report,
            "ready": name is not None,
            "is_draft": report.status == QuarterlyReport.Status.DRAFT,
            "refresh_seconds": self.refresh_seconds,
            "download_url": pdf_url,
            "waiting_url": f"{pdf_url}?waiting=1",
            "page_title": f"PDF of the {report.period} report",
            "breadcrumbs": self.crumbs(),
        }
        response = render(request, "reports/report_pdf_waiting.html", context)
        response["Cache-Control"] = "no-store"
        return response


class ReportStartView(PartnershipMixin, FormView):
    """Start the report of a quarter of the active strategy (business manager and steering group)."""

    template_name = "reports/report_start.html"
    form_class = ReportStartForm
    permission_rule = access.can_issue_reports

    @cached_property
    def strategy(self):
        return selectors.active_strategy(self.partnership)

    def get_form_kwargs(self):
        quarters = selectors.quarters_to_start(self.strategy, timezone.localdate())
        return {**super().get_form_kwargs(), "quarters": quarters}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            strategy=self.strategy,
            page_title="Start a quarterly report",
            breadcrumbs=[("Reports", reverse("reports:archive"))],
            **kwargs,
        )

    def form_valid(self, form):
        try:
            report = services.report_start(self.membership, self.strategy, form.cleaned_data["period"])
        except ValidationError as error:
            form.add_error("period", error.messages)
            return self.form_invalid(form)
        messages.success(self.request, f"The {report.period} report has been started as a draft.")
        return redirect("reports:detail", pk=report.pk)


class ReportWriteMixin(ReportMixin):
    """A change to a report: business manager and steering group only."""

    permission_rule = access.can_issue_reports


class ReportCommentaryView(ReportWriteMixin, FormView):
    template_name = "layouts/form.html"
    form_class = ReportCommentaryForm

    def get(self, request, *args, **kwargs):
        if self.report.status != QuarterlyReport.Status.DRAFT:
            return self.refused(ValidationError("The report has been issued: its commentary can no longer change."))
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        initial = {name: getattr(self.report, name) for name in selectors.COMMENTARY_FIELDS}
        return {**initial, "seen": seen_text(self.report)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=f"Commentary for the {self.report.period} report", breadcrumbs=self.crumbs(), **kwargs
        )

    def form_valid(self, form):
        texts = {name: form.cleaned_data[name] for name in selectors.COMMENTARY_FIELDS}
        try:
            services.report_update_commentary(self.membership, self.report, seen=form.cleaned_data["seen"], **texts)
        except services.StaleCommentary as error:
            return self.conflict(form, error)
        except ValidationError as error:
            return self.refused(error)
        messages.success(self.request, "The commentary has been saved.")
        return redirect(self.report_url())

    def conflict(self, form, error):
        """409 with the same page: what the other person changed, and the form holding the commentary as it is
        now with this person's own changes put back in, so that saving again applies them (decision 15)."""
        report = QuarterlyReport.objects.get(pk=self.report.pk)
        base, entries, changed = selectors.commentary_changes_since(report, error.seen)
        initial, yours, both = {"seen": seen_text(report)}, [], []
        for name in selectors.COMMENTARY_FIELDS:
            sent, current = form.cleaned_data[name], getattr(report, name)
            if sent != base[name] and sent != current:
                initial[name] = sent
                yours.append(selectors.commentary_label(name))
                if name in changed:
                    both.append(selectors.commentary_label(name))
            else:
                initial[name] = current
        fresh = self.get_form_class()(initial=initial)
        conflict = Conflict(entries, yours, both, noun="commentary")
        return self.render_to_response(self.get_context_data(form=fresh, conflict=conflict), status=409)


class ReportRefreshView(ReportWriteMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            services.report_refresh(self.membership, self.report)
        except ValidationError as error:
            return self.refused(error)
        messages.success(request, "The figures have been built again from today's plan, scorecard and audits.")
        return redirect(self.report_url())


class ReportSignOffView(ReportMixin, FormView):
    """The quarter's checklist of what is missing, and signing it off (the chair or the business manager)."""

    template_name = "reports/report_sign_off.html"
    form_class = ReportSignOffForm
    permission_rule = access.can_sign_off_quarter

    def get(self, request, *args, **kwargs):
        if self.report.status != QuarterlyReport.Status.DRAFT:
            return self.refused(ValidationError("The report has already been issued: its quarter is locked."))
        return super().get(request, *args, **kwargs)

    @cached_property
    def checklist(self):
        return selectors.sign_off_checklist(
            self.report.strategy, Period.parse(self.report.period), timezone.localdate()
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "missing": not self.checklist.complete}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            report=self.report,
            checklist=self.checklist,
            quarter=self.quarter_status(),
            summary_written=selectors.summary_written(self.report),
            today=timezone.localdate(),
            page_title=f"Sign off {self.report.period}",
            breadcrumbs=self.crumbs(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.report_sign_off(self.membership, self.report, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            if hasattr(error, "error_dict") and "reason" in error.error_dict:
                form.add_error("reason", error.error_dict["reason"])
                return self.form_invalid(form)
            return self.refused(error)
        messages.success(self.request, f"{self.report.period} has been signed off. The report can now be issued.")
        return redirect(self.report_url())


class ReportSignOffWithdrawView(ReportMixin, FormView):
    """Withdraw the quarter's sign-off, with a reason, before the report is issued (the chair or the business
    manager): the quarter is collecting again."""

    template_name = "reports/report_sign_off_withdraw.html"
    form_class = ReportSignOffWithdrawForm
    permission_rule = access.can_sign_off_quarter

    def get(self, request, *args, **kwargs):
        if self.report.status != QuarterlyReport.Status.DRAFT:
            return self.refused(ValidationError("The report has been issued: its quarter is locked."))
        if not self.quarter.record or not self.quarter.record.signed_off_at:
            return self.refused(ValidationError(f"{self.report.period} has not been signed off."))
        return super().get(request, *args, **kwargs)

    @cached_property
    def quarter(self):
        return self.quarter_status()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            report=self.report,
            quarter=self.quarter,
            page_title=f"Withdraw the sign-off of {self.report.period}",
            breadcrumbs=self.crumbs(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.report_sign_off_withdraw(self.membership, self.report, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            if hasattr(error, "error_dict") and "reason" in error.error_dict:
                form.add_error("reason", error.error_dict["reason"])
                return self.form_invalid(form)
            return self.refused(error)
        messages.success(
            self.request,
            f"The sign-off of {self.report.period} has been withdrawn. The report can be issued once the quarter "
            "is signed off again.",
        )
        return redirect(self.report_url())


class ReportConfirmView(RecentAuthenticationRequiredMixin, ReportWriteMixin, TemplateView):
    """A confirmation page, then the change. Subclasses say what is confirmed and do it in ``act``.

    Issuing and sending need the password within the last 15 minutes (the mixin asks for it again).
    """

    template_name = "reports/report_confirm.html"
    allowed_statuses = ()
    wrong_status = ""
    page_title = ""
    button = ""
    sends = False

    def get(self, request, *args, **kwargs):
        if self.report.status not in self.allowed_statuses:
            return self.refused(ValidationError(self.wrong_status))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            message = self.act()
        except ValidationError as error:
            return self.refused(error)
        messages.success(request, message)
        return redirect(self.report_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            report=self.report,
            data=selectors.report_content(self.report),
            recipients=self.recipients(),
            page_title=self.page_title.format(period=self.report.period),
            button=self.button,
            sends=self.sends,
            breadcrumbs=self.crumbs(),
            **kwargs,
        )

    def recipients(self):
        return selectors.board_recipients(self.partnership) if self.sends else []


class ReportIssueView(ReportConfirmView):
    allowed_statuses = (QuarterlyReport.Status.DRAFT,)
    wrong_status = "The report has already been issued."
    page_title = "Issue the {period} report"
    button = "Issue the report"
    sends = False

    def get(self, request, *args, **kwargs):
        refusal = services.issue_refusal(self.report, timezone.localdate())
        if self.report.status == QuarterlyReport.Status.DRAFT and refusal:
            return self.refused(ValidationError(refusal))
        return super().get(request, *args, **kwargs)

    def act(self):
        if not services.report_issue(self.membership, self.report):
            return "The report had already been issued."
        return "The report has been issued. Its figures and commentary are now frozen."


class ReportIssueAndSendView(ReportIssueView):
    page_title = "Issue and send the {period} report now"
    button = "Issue and send now"
    sends = True

    def act(self):
        try:
            created = services.report_issue_and_send(self.membership, self.report)
        except ValidationError as error:
            self.report.refresh_from_db()
            if self.report.status == QuarterlyReport.Status.DRAFT:
                raise
            raise ValidationError(f"The report has been issued but not sent. {' '.join(error.messages)}") from error
        return f"The report has been issued and is being e-mailed to {_people(len(created))}."


class ReportSendView(ReportConfirmView):
    allowed_statuses = (QuarterlyReport.Status.ISSUED, QuarterlyReport.Status.SENT)
    wrong_status = "Issue the report before sending it."
    page_title = "Send the {period} report to the board"
    button = "Send the report"
    sends = True

    def recipients(self):
        return selectors.new_recipients(self.report)

    def act(self):
        created = services.report_send(self.membership, self.report)
        if not created:
            return "Everyone on the board distribution list has already been sent the report."
        return f"The report is being e-mailed to {_people(len(created))}."


class ReportCorrectView(RecentAuthenticationRequiredMixin, ReportMixin, FormView):
    """Issue a correction of an issued or sent report: a new version, with a note of what changed, e-mailed to
    the people the version it corrects went to (the business manager only; the password within 15 minutes)."""

    template_name = "reports/report_correct.html"
    form_class = ReportCorrectionForm
    permission_rule = access.can_correct_report

    def get(self, request, *args, **kwargs):
        if refusal := services.correction_refusal(self.report):
            return self.refused(ValidationError(refusal))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            report=self.report,
            recipients=selectors.correction_recipients(self.report),
            page_title=f"Correct the {self.report.period} report",
            breadcrumbs=self.crumbs(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            correction = services.report_correct(self.membership, self.report, note=form.cleaned_data["note"])
        except ValidationError as error:
            if hasattr(error, "error_dict") and "note" in error.error_dict:
                form.add_error("note", error.error_dict["note"])
                return self.form_invalid(form)
            return self.refused(error)
        sent = correction.deliveries.count()
        if sent:
            message = (
                f"Version {correction.version} of the report has been issued and is being e-mailed, "
                f"marked as a correction, to {_people(sent)}."
            )
        else:
            message = (
                f"Version {correction.version} of the report has been issued. Version {self.report.version} "
                "had not been e-mailed to anyone, so neither has this one: send it to the board when it is ready."
            )
        messages.success(self.request, message)
        return redirect("reports:detail", pk=correction.pk)


def _people(count):
    return "1 person" if count == 1 else f"{count} people"


class DeliveryRetryView(ReportWriteMixin, View):
    def post(self, request, *args, **kwargs):
        delivery = selectors.delivery_for(self.report, self.kwargs["delivery_pk"])
        try:
            services.delivery_retry(self.membership, delivery)
        except ValidationError as error:
            return self.refused(error)
        messages.success(request, f"The e-mail to {delivery.name} will be tried again.")
        return redirect(f"{self.report_url()}#deliveries")
