"""Pages of audits, their findings and recommendations: thin doors onto ``audits.services``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts import access
from accounts.mixins import PartnershipMixin
from actions.services import EDITABLE_FIELDS as ACTION_FIELDS
from audits import exports, published, selectors, services
from audits.filters import AuditFilter, RecommendationFilter
from audits.forms import (
    AuditForm,
    FindingForm,
    LinkedActionsForm,
    RecommendationActionForm,
    RecommendationForm,
    RecommendationStatusForm,
)
from audits.services import AUDIT_FIELDS, FINDING_FIELDS, RECOMMENDATION_FIELDS
from neglect_portal.links import pk_links
from neglect_portal.versioning import StaleVersion
from neglect_portal.views import ConflictMixin, WithdrawView, add_service_errors
from neglect_portal.withdrawal import refuse_if_withdrawn
from spreadsheets.xlsx import xlsx_response

AUDITS_PER_PAGE = 20


def _page_query(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class AuditListView(PartnershipMixin, TemplateView):
    template_name = "audits/audit_list.html"

    def get_context_data(self, **kwargs):
        audits = selectors.audits_listed(self.partnership)
        years = selectors.audit_years(self.partnership)
        audit_filter = AuditFilter(self.request.GET or None, queryset=audits, years=years)
        if audit_filter.is_bound and audit_filter.is_valid():
            audits = audit_filter.qs
        page = selectors.audit_list_page(audits, self.request.GET.get("page"), AUDITS_PER_PAGE)
        if access.sees_published_figures(self.membership):
            for audit in page.object_list:
                audit.grades = published.grade_distribution(audit.grades, self.partnership.suppression, published=True)
        return super().get_context_data(
            page_title="Audits and learning reviews",
            filter=audit_filter,
            audits=page.object_list,
            page_obj=page,
            paginator=page.paginator,
            page_query=_page_query(self.request),
            can_manage=access.can_manage_audits(self.membership),
            **kwargs,
        )


class AuditDetailView(PartnershipMixin, TemplateView):
    template_name = "audits/audit_detail.html"

    def get_context_data(self, **kwargs):
        page = selectors.audit_page(self.partnership, self.kwargs["pk"])
        reads_published = access.sees_published_figures(self.membership)
        page.grades = published.grade_distribution(page.grades, self.partnership.suppression, published=reads_published)
        if reads_published and page.grades is not None and not page.grades.shows_chart:
            # The history of the audit's grades would tell the counts the page hides.
            page.history = [entry for entry in page.history if not published.tells_grades(entry)]
        for row in page.recommendations:
            row.can_update_status = access.can_update_recommendation(self.membership, row.recommendation)
        return super().get_context_data(
            page=page,
            audit=page.audit,
            page_title=page.audit.title,
            breadcrumbs=[("Audits", reverse("audits:list"))],
            can_manage=access.can_manage_audits(self.membership),
            **kwargs,
        )


class AuditPageMixin(PartnershipMixin):
    """A page about one audit for the business manager and steering group (403 for others)."""

    template_name = "audits/audit_form.html"
    permission_rule = access.can_manage_audits
    audit = None

    def load(self):
        """Find the objects of the URL (404 outside the partnership) before anything else."""

    def get(self, request, *args, **kwargs):
        self.load()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        crumbs = [("Audits", reverse("audits:list"))]
        if self.audit is not None:
            crumbs.append((self.audit.title, reverse("audits:detail", args=[self.audit.pk])))
        return super().get_context_data(page_title=self.page_title, audit=self.audit, breadcrumbs=crumbs, **kwargs)

    def done(self, message, anchor=""):
        messages.success(self.request, message)
        return redirect(reverse("audits:detail", args=[self.audit.pk]) + anchor)


class AuditFormMixin(ConflictMixin, AuditPageMixin, FormView):
    stale = None

    def post(self, request, *args, **kwargs):
        self.load()
        return super().post(request, *args, **kwargs)

    def call(self, form, service, *args, **kwargs):
        """Run the service; on refusal, show its errors on the form (None is returned).

        A change from an out-of-date form is passed the version it was opened at and, if refused,
        answered with the conflict page.
        """
        if "version" in form.fields:
            kwargs["version"] = form.cleaned_data.get("version")
        try:
            return service(self.membership, *args, **kwargs)
        except StaleVersion as error:
            self.stale = error
            return None
        except ValidationError as error:
            add_service_errors(form, error)
            return None

    def form_invalid(self, form):
        if self.stale is not None:
            return self.conflict(form, self.stale)
        return super().form_invalid(form)


class AuditCreateView(AuditFormMixin):
    form_class = AuditForm
    page_title = "Add an audit or learning review"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def form_valid(self, form):
        self.audit = self.call(form, services.audit_create, **form.changes(AUDIT_FIELDS))
        if self.audit is None:
            return self.form_invalid(form)
        return self.done(f"“{self.audit.title}” has been added.")


class AuditUpdateView(AuditCreateView):
    page_title = "Change the audit"

    def load(self):
        self.audit = selectors.audit_for(self.partnership, self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.audit}

    def form_valid(self, form):
        if self.call(form, services.audit_update, self.audit, **form.changes(AUDIT_FIELDS)) is None:
            self.audit.refresh_from_db()
            return self.form_invalid(form)
        return self.done(f"“{self.audit.title}” has been changed.")


class FindingCreateView(AuditFormMixin):
    form_class = FindingForm
    page_title = "Add a finding"

    def load(self):
        self.audit = selectors.audit_for(self.partnership, self.kwargs["pk"])

    def form_valid(self, form):
        finding = self.call(form, services.finding_add, self.audit, **form.changes(FINDING_FIELDS))
        if finding is None:
            return self.form_invalid(form)
        return self.done(f"The {finding.get_kind_display().lower()} has been added.", "#findings")


class FindingUpdateView(AuditFormMixin):
    form_class = FindingForm
    page_title = "Change the finding"

    def load(self):
        self.finding = selectors.finding_for(self.partnership, self.kwargs["pk"])
        self.audit = self.finding.audit

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.finding}

    def form_valid(self, form):
        if self.call(form, services.finding_update, self.finding, **form.changes(FINDING_FIELDS)) is None:
            self.finding.refresh_from_db()
            return self.form_invalid(form)
        return self.done("The finding has been changed.", "#findings")


class AuditWithdrawView(PartnershipMixin, WithdrawView):
    """Withdraw a finding or recommendation with a reason; the audit's history keeps it (plan editors)."""

    permission_rule = access.can_manage_audits

    def describe(self):
        return self.audit.title, str(self.withdrawn_object.text)

    def breadcrumbs(self):
        return [("Audits", reverse("audits:list")), (self.audit.title, reverse("audits:detail", args=[self.audit.pk]))]


class FindingWithdrawView(AuditWithdrawView):
    noun = "finding"

    def load(self):
        self.withdrawn_object = selectors.finding_for(self.partnership, self.kwargs["pk"])
        self.audit = self.withdrawn_object.audit

    def withdraw(self, reason):
        services.finding_withdraw(self.membership, self.withdrawn_object, reason)

    def done_url(self):
        return reverse("audits:detail", args=[self.audit.pk]) + "#findings"


class RecommendationWithdrawView(AuditWithdrawView):
    noun = "recommendation"

    def load(self):
        self.withdrawn_object = selectors.recommendation_for(self.partnership, self.kwargs["pk"])
        self.audit = self.withdrawn_object.audit

    def withdraw(self, reason):
        services.recommendation_withdraw(self.membership, self.withdrawn_object, reason)

    def done_url(self):
        return reverse("audits:detail", args=[self.audit.pk]) + "#recommendations"


class RecommendationCreateView(AuditFormMixin):
    form_class = RecommendationForm
    page_title = "Add a recommendation"

    def load(self):
        self.audit = selectors.audit_for(self.partnership, self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def form_valid(self, form):
        fields = form.changes(RECOMMENDATION_FIELDS)
        recommendation = self.call(form, services.recommendation_create, self.audit, **fields)
        if recommendation is None:
            return self.form_invalid(form)
        return self.done(f"Recommendation {recommendation.reference} has been added.", _anchor(recommendation))


def _anchor(recommendation):
    return f"#recommendation-{recommendation.pk}"


class RecommendationMixin:
    """Loads the recommendation of the URL (404 outside the partnership) and its audit."""

    def load(self):
        self.recommendation = selectors.recommendation_for(self.partnership, self.kwargs["pk"])
        self.audit = self.recommendation.audit

    def get_context_data(self, **kwargs):
        return super().get_context_data(recommendation=self.recommendation, **kwargs)


class RecommendationUpdateView(RecommendationMixin, AuditFormMixin):
    form_class = RecommendationForm
    page_title = "Change the recommendation"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership, "instance": self.recommendation}

    def form_valid(self, form):
        fields = form.changes(RECOMMENDATION_FIELDS)
        if self.call(form, services.recommendation_update, self.recommendation, **fields) is None:
            self.recommendation.refresh_from_db()
            return self.form_invalid(form)
        return self.done(
            f"Recommendation {self.recommendation.reference} has been changed.", _anchor(self.recommendation)
        )


class RecommendationStatusView(RecommendationMixin, AuditFormMixin):
    """Plan editors, the recommendation's owner and the sponsor of its owning agency change its status."""

    form_class = RecommendationStatusForm
    page_title = "Change the status"
    permission_rule = None  # decided per recommendation

    def load(self):
        super().load()
        if not access.can_update_recommendation(self.membership, self.recommendation):
            refuse_if_withdrawn(self.recommendation)
            raise PermissionDenied(access.RECOMMENDATION_REFUSAL)

    def get_initial(self):
        return {"status": self.recommendation.status}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "versioned": self.recommendation}

    def form_valid(self, form):
        status = form.cleaned_data["status"]
        if self.call(form, services.recommendation_update_status, self.recommendation, status) is None:
            return self.form_invalid(form)
        label = self.recommendation.get_status_display().lower()
        return self.done(
            f"Recommendation {self.recommendation.reference} is now {label}.", _anchor(self.recommendation)
        )


class RecommendationActionsView(RecommendationMixin, AuditFormMixin):
    form_class = LinkedActionsForm
    page_title = "Link actions to the recommendation"

    def get_form_kwargs(self):
        actions = selectors.linkable_actions(self.partnership)
        return {**super().get_form_kwargs(), "partnership": self.partnership, "actions": actions}

    def get_initial(self):
        return {"actions": list(self.recommendation.actions.values_list("pk", flat=True))}

    def form_valid(self, form):
        actions = form.cleaned_data["actions"]
        if self.call(form, services.recommendation_set_actions, self.recommendation, actions) is None:
            return self.form_invalid(form)
        reference = self.recommendation.reference
        if not actions:
            message = f"No action answers recommendation {reference} now."
        elif len(actions) == 1:
            message = f"1 action now answers recommendation {reference}."
        else:
            message = f"{len(actions)} actions now answer recommendation {reference}."
        return self.done(message, _anchor(self.recommendation))


class RecommendationActionCreateView(RecommendationMixin, AuditFormMixin):
    """Add an action to the plan straight from a recommendation; it is linked to it on saving."""

    form_class = RecommendationActionForm
    template_name = "audits/recommendation_action_form.html"
    page_title = "Create an action for this recommendation"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership, "recommendation": self.recommendation}

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in ["priority", "reference", *ACTION_FIELDS]}
        action = self.call(form, services.recommendation_create_action, self.recommendation, **fields)
        if action is None:
            return self.form_invalid(form)
        reference = self.recommendation.reference
        message = f"{action.reference} has been added to the plan and linked to recommendation {reference}."
        return self.done(message, _anchor(self.recommendation))


# --- the recommendation tracker ---------------------------------------------------


class TrackerMixin(PartnershipMixin):
    """Every recommendation of the partnership, filtered the same way on the page and in the export."""

    def filtered(self):
        recommendations = selectors.tracker_recommendations(self.partnership)
        self.filterset = RecommendationFilter(
            self.request.GET or None, queryset=recommendations, partnership=self.partnership
        )
        if self.filterset.is_bound and self.filterset.is_valid():
            return self.filterset.qs
        return recommendations


class RecommendationTrackerView(TrackerMixin, TemplateView):
    template_name = "audits/tracker.html"

    def get_context_data(self, **kwargs):
        page = selectors.tracker_page(self.filtered(), self.request.GET.get("page"))
        query = _page_query(self.request)
        recommendation_link, action_link = pk_links("audits:detail"), pk_links("actions:detail")
        for recommendation in page.object_list:  # each row's links, the routes reversed once
            recommendation.url = f"{recommendation_link(recommendation.audit_id)}#recommendation-{recommendation.pk}"
            for action in recommendation.actions.all():
                action.detail_url = action_link(action.pk)
        return super().get_context_data(
            page_title="Recommendation tracker",
            summary=selectors.tracker_summary(self.partnership),
            filter=self.filterset,
            recommendations=page.object_list,
            page_obj=page,
            paginator=page.paginator,
            page_query=query,
            export_url=reverse("audits:tracker_export") + (f"?{query}" if query else ""),
            filtering=bool(self.filterset.described()),
            breadcrumbs=[("Audits", reverse("audits:list"))],
            **kwargs,
        )


class RecommendationTrackerExportView(TrackerMixin, View):
    """The tracker, with the same filters, as an .xlsx workbook."""

    def get(self, request, *args, **kwargs):
        now = timezone.now()
        sheet = exports.tracker_sheet(selectors.tracker_rows(self.filtered()))
        about = exports.tracker_about(self.partnership, self.filterset.described(), request.user, now)
        return xlsx_response(f"recommendation-tracker-{timezone.localdate(now):%Y-%m-%d}.xlsx", [sheet], about)
