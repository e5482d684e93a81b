"""The pages that add, correct and withdraw an indicator's comparator figures (England, region, neighbours).

Thin doors, as ``outcomes.views``: each finds the indicator or figure in the member's partnership
(404 outside it), checks ``accounts.access.can_manage_comparators`` (403) and writes through
``outcomes.comparator_services``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView

from accounts import access
from accounts.mixins import PartnershipMixin
from neglect_portal.versioning import StaleVersion
from neglect_portal.views import ConflictMixin, WithdrawView, add_service_errors
from neglect_portal.withdrawal import refuse_if_withdrawn
from outcomes import comparator_selectors, comparator_services, rating, selectors
from outcomes.comparator_forms import ComparatorValueForm, comparator_initial


def _crumbs(indicator):
    return [
        ("Outcomes", reverse("outcomes:scorecard")),
        (indicator.code, reverse("outcomes:indicator", args=[indicator.pk])),
    ]


def _refuse_unless_allowed(membership, indicator):
    if not access.can_manage_comparators(membership, indicator):
        refuse_if_withdrawn(indicator)
        raise PermissionDenied(access.COMPARATORS_REFUSAL)


class ComparatorFormMixin(ConflictMixin, PartnershipMixin):
    template_name = "outcomes/comparator_form.html"
    form_class = ComparatorValueForm
    comparator = None

    def load(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.load()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.load()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "indicator": self.indicator, "partnership": self.partnership}
        if self.comparator is not None:
            kwargs["versioned"] = self.comparator
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            indicator=self.indicator, page_title=self.page_title, breadcrumbs=_crumbs(self.indicator), **kwargs
        )

    def form_valid(self, form):
        try:
            comparator = self.save(form.entry())
        except StaleVersion as error:
            return self.conflict(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"The {comparator.series} figure for {comparator.period} has been saved.")
        return redirect(f"{reverse('outcomes:indicator', args=[self.indicator.pk])}#comparators")


class ComparatorCreateView(ComparatorFormMixin, FormView):
    """Add a comparator figure to an indicator: whoever may change the indicator."""

    page_title = "Add a comparator figure"

    def load(self):
        self.indicator = selectors.indicator_for(self.partnership, self.kwargs["pk"])
        _refuse_unless_allowed(self.membership, self.indicator)

    def save(self, entry):
        return comparator_services.comparator_value_add(self.membership, entry)


class ComparatorUpdateView(ComparatorFormMixin, FormView):
    """Correct a comparator figure: whoever may change the indicator."""

    page_title = "Correct a comparator figure"

    def load(self):
        self.comparator = comparator_selectors.comparator_for(self.partnership, self.kwargs["pk"])
        self.indicator = self.comparator.indicator
        refuse_if_withdrawn(self.comparator)
        _refuse_unless_allowed(self.membership, self.indicator)

    def get_initial(self):
        return comparator_initial(self.comparator)

    def save(self, entry):
        return comparator_services.comparator_value_update(self.membership, self.comparator, entry)


class ComparatorWithdrawView(PartnershipMixin, WithdrawView):
    """Withdraw a comparator figure entered by mistake: whoever may change the indicator."""

    noun = "comparator figure"

    def load(self):
        self.comparator = comparator_selectors.comparator_for(self.partnership, self.kwargs["pk"])
        _refuse_unless_allowed(self.membership, self.comparator.indicator)

    def describe(self):
        comparator, indicator = self.comparator, self.comparator.indicator
        shown = rating.display(comparator.value, indicator.unit)
        return f"{indicator.code} {indicator.name}", f"{comparator.series}, {comparator.period}: {shown}"

    def withdraw(self, reason):
        comparator_services.comparator_value_withdraw(self.membership, self.comparator, reason)

    def done_url(self):
        return f"{reverse('outcomes:indicator', args=[self.comparator.indicator_id])}#comparators"

    def breadcrumbs(self):
        return _crumbs(self.comparator.indicator)
