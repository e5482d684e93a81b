"""The turn-the-curve plan pages of an indicator: the plan, its form and its history.

Thin doors: reads through ``outcomes.curve.selectors``, access through ``accounts.access``, writes
through ``outcomes.curve.services``. Every member reads a plan of their partnership; another
partnership's indicator answers 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from accounts import access
from accounts.mixins import PartnershipMixin
from neglect_portal.versioning import StaleVersion
from neglect_portal.views import ConflictMixin, add_service_errors
from neglect_portal.withdrawal import refuse_if_withdrawn
from outcomes import published
from outcomes import selectors as outcome_selectors
from outcomes.curve import history, selectors, services
from outcomes.curve.forms import CurvePlanForm


def _crumbs(indicator, *extra):
    return [
        ("Outcomes", reverse("outcomes:scorecard")),
        (indicator.code, reverse("outcomes:indicator", args=[indicator.pk])),
        *extra,
    ]


class CurvePlanView(PartnershipMixin, TemplateView):
    """Baseline and forecast, the story behind the curve, partners, what works and the action plan."""

    template_name = "outcomes/curve_plan.html"

    def get_context_data(self, **kwargs):
        page = selectors.curve_plan_page(self.partnership, self.kwargs["pk"])
        indicator = page.indicator
        # Small numbers as a board member reads them, or marked for the steering group (decision 48); the
        # forecast a board member reads is fitted to the figures they can see.
        reads_published = access.sees_published_figures(self.membership)
        page.values = published.indicator_page(page.values, self.partnership.suppression, published=reads_published)
        if reads_published and page.values.suppression_note:
            page.forecast = selectors.forecast_for(indicator, page.values.chart_series)
        return super().get_context_data(
            page=page,
            indicator=indicator,
            plan=page.plan,
            page_title=f"Turn the curve: {indicator.code} {indicator.name}",
            breadcrumbs=_crumbs(indicator),
            can_edit=access.can_edit_curve_plan(self.membership, indicator),
            can_add_action=bool(indicator.priority) and access.can_manage_plan(self.membership),
            **kwargs,
        )


class CurvePlanUpdateView(ConflictMixin, PartnershipMixin, FormView):
    """Start or change the plan: plan editors and the sponsor of the indicator's priority."""

    template_name = "outcomes/curve_plan_form.html"
    form_class = CurvePlanForm

    def load(self):
        self.indicator = outcome_selectors.indicator_for(self.partnership, self.kwargs["pk"])
        if not access.can_edit_curve_plan(self.membership, self.indicator):
            refuse_if_withdrawn(self.indicator)
            raise PermissionDenied(access.CURVE_PLAN_REFUSAL)
        self.plan = selectors.plan_for(self.indicator)

    def get(self, request, *args, **kwargs):
        self.load()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.load()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "partnership": self.partnership,
            "agencies": selectors.partner_agencies_offered(self.indicator, self.plan),
            "actions": selectors.linkable_actions(self.indicator),
            "choose_for_report": access.can_choose_plans_for_report(self.membership),
        }

    def get_initial(self):
        plan = self.plan
        if plan is None:
            return {"version": 0}
        return {
            "story": plan.story,
            "other_partners": plan.other_partners,
            "what_works": plan.what_works,
            "evidence_links": plan.evidence_links,
            "in_board_report": plan.in_board_report,
            "partner_agencies": [agency.pk for agency in plan.partner_agencies.all()],
            "actions": [action.pk for action in plan.actions.all()],
            "version": plan.version,
        }

    def get_context_data(self, **kwargs):
        plan_url = reverse("outcomes:curve_plan", args=[self.indicator.pk])
        title = "Change the turn-the-curve plan" if self.plan else "Start the turn-the-curve plan"
        return super().get_context_data(
            indicator=self.indicator,
            page_title=title,
            breadcrumbs=_crumbs(self.indicator, ("Turn the curve", plan_url)),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.curve_plan_save(
                self.membership,
                self.indicator,
                version=data.get("version"),
                partner_agencies=list(data["partner_agencies"]),
                actions=list(data["actions"]),
                **form.changes(),
            )
        except StaleVersion as error:
            return self.conflict(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"The turn-the-curve plan for {self.indicator.code} has been saved.")
        return redirect("outcomes:curve_plan", pk=self.indicator.pk)


class CurvePlanHistoryView(PartnershipMixin, TemplateView):
    """Every saved version of the plan: who changed which part, when, old → new."""

    template_name = "outcomes/curve_plan_history.html"

    def get_context_data(self, **kwargs):
        indicator = outcome_selectors.indicator_for(self.partnership, self.kwargs["pk"])
        plan = selectors.plan_for(indicator)
        plan_url = reverse("outcomes:curve_plan", args=[indicator.pk])
        return super().get_context_data(
            indicator=indicator,
            plan=plan,
            history=history.curve_plan_history(plan),
            page_title=f"History of the turn-the-curve plan: {indicator.code}",
            breadcrumbs=_crumbs(indicator, ("Turn the curve", plan_url)),
            **kwargs,
        )
