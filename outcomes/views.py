"""The outcomes pages: scorecard and its .xlsx export, indicators, their values and the quarter entry form.

Thin doors: each reads through ``outcomes.selectors``, checks access through
``accounts.access`` and writes through ``outcomes.services``.
"""

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from crispy_forms.utils import render_crispy_form
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from accounts import access
from accounts.mixins import PartnershipMixin
from neglect_portal import fragments
from neglect_portal.periods import Period, current_quarter
from neglect_portal.versioning import StaleVersion
from neglect_portal.views import ConflictMixin, WithdrawView, add_service_errors
from neglect_portal.withdrawal import refuse_if_withdrawn
from outcomes import comparator_selectors, engagement, exports, published, rating, selectors, services
from outcomes.forms import (
    EngagementQuarterForm,
    IndicatorForm,
    MeasurementForm,
    QuarterChoiceForm,
    QuarterEntryForm,
    ScorecardFilterForm,
    measurement_initial,
    versions_text,
    with_current_versions,
)
from outcomes.library.definitions import definition_for
from priorities import selectors as priority_selectors
from spreadsheets.xlsx import xlsx_response

ENTRY_QUARTERS = 8  # quarters offered on the quarter entry form: two years up to the current one
VALUE_NAMES = {part: part for part in ("value", "numerator", "denominator", "note", "is_estimated")}


def _crumbs(*extra):
    return [("Outcomes", reverse("outcomes:scorecard")), *extra]


class ScorecardView(PartnershipMixin, TemplateView):
    """Every active indicator grouped by RBA question, filtered by priority, latest or as at a quarter."""

    template_name = "outcomes/scorecard.html"
    # Drawn once for each choice of filters and each way of reading small numbers until the partnership's data
    # changes (decision 49), with the filters' choices and, unless the reader's choice was refused, the filters.

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        choices = fragments.fragment(
            "outcomes.scorecard.choices", self.partnership.pk, today, (), lambda: scorecard_choices(self.partnership)
        )
        priorities = choices["priorities"]
        form = ScorecardFilterForm(self.request.GET or None, priorities=priorities, quarters=choices["quarters"])
        chosen = {}
        if form.is_bound:
            form.is_valid()  # a bad choice is reported; the good ones still apply
            chosen = form.cleaned_data
        priority = next((p for p in priorities if str(p.pk) == chosen.get("priority")), None)
        as_of = Period.parse(chosen["as_at"]) if chosen.get("as_at") else None
        reads_published = access.sees_published_figures(self.membership)
        # A refused choice is drawn for the person who made it, never kept: the filters are kept only without one.
        keeps_form = not form.errors
        fragment = fragments.fragment(
            "outcomes.scorecard",
            self.partnership.pk,
            today,
            (reads_published, priority.pk if priority else "", as_of.label if as_of else "", form.is_bound, keeps_form),
            lambda: scorecard_fragment(
                self.partnership, as_of, priority, reads_published=reads_published, form=form if keeps_form else None
            ),
        )
        return super().get_context_data(
            page_title="Outcomes scorecard",
            form=form,
            fragment=fragment,
            priority=priority,
            can_manage=access.can_manage_indicators(self.membership),
            can_enter=access.can_enter_values(self.membership),
            can_see_engagement=access.can_view_engagement(self.membership),
            **kwargs,
        )


def scorecard_choices(partnership) -> dict:
    """What the scorecard's filters offer: the partnership's priorities and the quarters with figures."""
    return {
        "priorities": selectors.scorecard_priorities(partnership),
        "quarters": selectors.as_at_quarters(partnership),
    }


def scorecard_fragment(partnership, as_of, priority, *, reads_published, form=None) -> dict:
    """The scorecard's figures as a reader who sees figures published (or not) reads them, and its filters (a GET
    form: no CSRF token) when ``form`` is given, drawn without a request."""
    card = selectors.scorecard(partnership, as_of=as_of, priority=priority)
    card = published.scorecard(card, partnership.suppression, published=reads_published)
    context = {
        "card": card,
        "counts": card.rag_counts(),
        "priority": priority,
        "threshold": settings.SMALL_NUMBER_THRESHOLD,
    }
    return {
        "form": render_crispy_form(form) if form is not None else "",
        "card": render_to_string("outcomes/includes/scorecard_card.html", context),
        "empty": not card.groups,
    }


ENGAGEMENT_QUARTERS = 8  # quarters offered on the engagement page: two years up to the current one


class EngagementView(PartnershipMixin, TemplateView):
    """Each agency's engagement in a quarter (the last ended one unless chosen) and its trend over four."""

    template_name = "outcomes/engagement.html"
    permission_rule = access.can_view_engagement

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        current = current_quarter(today)
        quarters = [current.shift(-offset) for offset in range(ENGAGEMENT_QUARTERS)]
        form = EngagementQuarterForm(self.request.GET or None, quarters=quarters)
        chosen = _engagement_quarter(form, current)
        if not form.is_bound:
            form = EngagementQuarterForm(initial={"quarter": chosen.label}, quarters=quarters)
        strategy, figures = engagement.engagement_page(self.partnership, chosen, today)
        return super().get_context_data(
            page_title="Agency engagement",
            breadcrumbs=_crumbs(),
            form=form,
            engagement=figures,
            strategy=strategy,
            today=today,
            can_rank=access.can_administer(self.membership),
            **kwargs,
        )


def _engagement_quarter(form, current):
    """The quarter chosen on the engagement page, or the last one ended."""
    if form.is_bound and form.is_valid() and form.cleaned_data.get("quarter"):
        return Period.parse(form.cleaned_data["quarter"])
    return current.previous()


class EngagementExportView(PartnershipMixin, View):
    """The engagement page's figures as .xlsx, for the same ``quarter``."""

    permission_rule = access.can_view_engagement

    def get(self, request, *args, **kwargs):
        now = timezone.now()
        current = current_quarter(timezone.localdate(now))
        quarters = [current.shift(-offset) for offset in range(ENGAGEMENT_QUARTERS)]
        chosen = _engagement_quarter(EngagementQuarterForm(request.GET or None, quarters=quarters), current)
        _, figures = engagement.engagement_page(self.partnership, chosen, timezone.localdate(now))
        name = (
            f"{self.partnership.slug}-agency-engagement-{chosen.label.replace('/', '-').replace(' ', '-').lower()}.xlsx"
        )
        about = exports.engagement_about(figures, self.partnership, request.user, now)
        return xlsx_response(name, [exports.engagement_sheet(figures)], about)


class IndicatorListView(PartnershipMixin, ListView):
    """Every indicator's definition, active or not: where an inactive indicator is found again."""

    template_name = "outcomes/indicator_list.html"
    context_object_name = "indicators"
    paginate_by = 50

    def get_queryset(self):
        self.showing_withdrawn = self.request.GET.get("withdrawn") == "true"
        return selectors.indicators_for(self.partnership, withdrawn=self.showing_withdrawn)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title="Withdrawn indicators" if self.showing_withdrawn else "Indicators",
            showing_withdrawn=self.showing_withdrawn,
            breadcrumbs=_crumbs(),
            can_manage=access.can_manage_indicators(self.membership),
            **kwargs,
        )


class IndicatorDetailView(PartnershipMixin, TemplateView):
    template_name = "outcomes/indicator_detail.html"

    def get_context_data(self, **kwargs):
        page = selectors.indicator_page(self.partnership, self.kwargs["pk"])
        reads_published = access.sees_published_figures(self.membership)
        page = published.indicator_page(page, self.partnership.suppression, published=reads_published)
        indicator = page.indicator
        comparators = comparator_selectors.indicator_comparators(indicator, page.latest.period if page.latest else None)
        lines = comparator_selectors.chart_lines(comparators, page.chart_labels) if page.has_chart else ()
        return super().get_context_data(
            page=page,
            indicator=indicator,
            comparators=comparators,
            comparator_lines=lines,
            comparator_alt=f" Comparators drawn beside it: {', '.join(name for name, _ in lines)}." if lines else "",
            withdrawn_comparators=comparator_selectors.withdrawn_comparators(indicator),
            can_manage_comparators=access.can_manage_comparators(self.membership, indicator),
            page_title=f"{indicator.code} {indicator.name}",
            breadcrumbs=_crumbs(),
            threshold=settings.SMALL_NUMBER_THRESHOLD,
            can_record=access.can_record_measurement(self.membership, indicator),
            can_manage=access.can_manage_indicators(self.membership) and not indicator.is_withdrawn,
            library_definition=definition_for(indicator.library_code) if indicator.library_code else None,
            **kwargs,
        )


class IndicatorFormMixin(ConflictMixin, PartnershipMixin):
    """Add or change an indicator's definition: business manager and steering group only."""

    template_name = "outcomes/indicator_form.html"
    form_class = IndicatorForm
    permission_rule = access.can_manage_indicators
    indicator = None

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.indicator,
            "partnership": self.partnership,
            "priorities": priority_selectors.priorities_to_link(self.partnership),
        }

    def get_context_data(self, **kwargs):
        crumbs = _crumbs(("Indicators", reverse("outcomes:indicators")))
        if self.indicator is not None:
            crumbs.append((self.indicator.code, reverse("outcomes:indicator", args=[self.indicator.pk])))
        return super().get_context_data(page_title=self.page_title, breadcrumbs=crumbs, **kwargs)

    def form_valid(self, form):
        try:
            indicator = self.save(form.changes(), form.cleaned_data.get("version"))
        except StaleVersion as error:
            return self.conflict(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message.format(code=indicator.code))
        return redirect("outcomes:indicator", pk=indicator.pk)


class IndicatorCreateView(IndicatorFormMixin, FormView):
    page_title = "Add an indicator"
    success_message = "{code} has been added."

    def get_initial(self):
        return {"is_active": True}

    def save(self, fields, version=None):
        return services.indicator_create(self.membership, **fields)


class IndicatorUpdateView(IndicatorFormMixin, FormView):
    page_title = "Change the indicator"
    success_message = "{code} has been changed."

    def get(self, request, *args, **kwargs):
        self.indicator = selectors.indicator_for(self.partnership, self.kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.indicator = selectors.indicator_for(self.partnership, self.kwargs["pk"])
        return super().post(request, *args, **kwargs)

    def save(self, fields, version=None):
        return services.indicator_update(self.membership, self.indicator, version=version, **fields)


class MeasurementRecordView(PartnershipMixin, FormView):
    """Enter or correct one indicator's value for one period: plan editors and the supplying agency."""

    template_name = "outcomes/measurement_form.html"
    form_class = MeasurementForm

    def setup_indicator(self):
        self.indicator = selectors.indicator_for(self.partnership, self.kwargs["pk"])
        if not access.can_record_measurement(self.membership, self.indicator):
            refuse_if_withdrawn(self.indicator)
            raise PermissionDenied(f"You cannot enter values for {self.indicator.code}: {access.VALUES_REFUSAL}")
        self.measurements = selectors.indicator_measurements(self.indicator)
        self.periods = selectors.recordable_periods(self.indicator, self.measurements)

    def get(self, request, *args, **kwargs):
        self.setup_indicator()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_indicator()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "indicator": self.indicator, "periods": self.periods}
        return kwargs | {"measurements": self.measurements}

    def get_initial(self):
        labels = [p.label for p in self.periods]
        asked = self.request.GET.get("period", "")
        period = asked if asked in labels else selectors.default_period(self.indicator, labels)
        existing = next((m for m in self.measurements if m.period == period), None)
        return {"period": period, **measurement_initial(existing, VALUE_NAMES)}

    def get_context_data(self, **kwargs):
        crumbs = _crumbs((self.indicator.code, reverse("outcomes:indicator", args=[self.indicator.pk])))
        return super().get_context_data(
            indicator=self.indicator, page_title="Enter or correct a value", breadcrumbs=crumbs, **kwargs
        )

    def form_valid(self, form):
        try:
            measurement, created = services.measurement_record(self.membership, form.entry())
        except services.StaleValues as error:
            return self.values_conflict(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        done = "added" if created else "saved"
        messages.success(self.request, f"The {self.indicator.code} value for {measurement.period} has been {done}.")
        return redirect("outcomes:indicator", pk=self.indicator.pk)

    def values_conflict(self, form, error):
        """The form again, with what the person typed and the value someone else entered since: saving it again
        replaces that value knowingly."""
        self.measurements = selectors.indicator_measurements(self.indicator)
        data = self.request.POST.copy()
        data["seen"] = versions_text(self.measurements, self.periods)
        fresh = self.get_form_class()(**{**self.get_form_kwargs(), "data": data})
        fresh.is_valid()
        context = self.get_context_data(form=fresh, value_conflicts=value_conflicts(error.stale))
        return self.render_to_response(context, status=409)


class QuarterEntryView(PartnershipMixin, TemplateView):
    """Every quarterly indicator's value for one quarter, for one supplying agency, in one form.

    Choosing the quarter (and, for plan editors, the agency) is a GET step; the values are posted to
    the same address. Each good value is saved; the rows with a problem are shown again, alone, each
    problem at its field (decision 42). A quarter not yet ended takes only monthly indicators' figures.
    """

    template_name = "outcomes/quarter_entry.html"
    permission_rule = access.can_enter_values

    def choose(self):
        quarters = [current_quarter().shift(-offset) for offset in range(ENTRY_QUARTERS)]
        agencies = None
        if access.can_manage_plan(self.membership):
            agencies = selectors.supplying_agencies(self.partnership)
        data = self.request.GET if "quarter" in self.request.GET else None
        chooser = QuarterChoiceForm(data, quarters=quarters, agencies=agencies, initial={"quarter": quarters[1].label})
        self.waiting = []
        if not chooser.is_valid():
            return chooser, None
        quarter = Period.parse(chooser.cleaned_data["quarter"])
        agency = chooser.chosen_agency() if agencies is not None else None
        rows = []
        for row in selectors.quarter_entry_rows(self.membership, quarter, agency):
            # A quarter still running takes a value only for a monthly indicator, once a month of it has ended.
            if problem := services.period_not_ended_problem(row.indicator, quarter):
                self.waiting.append((row, problem))
            else:
                rows.append(row)
        self.agency = agency if agencies is not None else self.membership.agency
        return chooser, QuarterEntryForm(self.request.POST or None, rows=rows, quarter=quarter)

    def entry_url(self, chooser):
        """The form's own address for the chosen quarter and agency, to come back to after saving."""
        query = {"quarter": chooser.cleaned_data["quarter"]}
        if "agency" in chooser.cleaned_data:
            query["agency"] = chooser.cleaned_data["agency"]
        return f"{reverse('outcomes:quarter_entry')}?{urlencode(query)}"

    def get(self, request, *args, **kwargs):
        chooser, form = self.choose()
        return self.render_to_response(self.get_context_data(chooser=chooser, form=form))

    def post(self, request, *args, **kwargs):
        chooser, form = self.choose()
        if form is None:
            return self.render_to_response(self.get_context_data(chooser=chooser, form=None))
        form.is_valid()  # typing errors stay on their fields; the rows without any are recorded
        filled = form.filled()
        done = services.measurements_record_each(self.membership, [entry for _, entry in filled])
        saved = [done.recorded[position] for position in sorted(done.recorded)]
        if not form.errors and not done.errors and not done.stale:
            messages.success(request, _saved_message(form, filled, saved))
            return redirect(self.entry_url(chooser))
        service_errors = {filled[position][0]: errors for position, errors in done.errors.items()}
        stale = {filled[position][0]: (entry, current) for position, entry, current in done.stale}
        again = self.rows_again(form, service_errors, stale)
        context = self.get_context_data(
            chooser=chooser,
            form=again,
            saved_message=_partly_saved_message(form, saved),
            all_rows_url=self.entry_url(chooser),
        )
        return self.render_to_response(context, status=409 if stale else 200)

    def rows_again(self, form, service_errors, stale):
        """A form of only the rows with a problem, holding what was typed, each problem at its field.

        A row whose value someone else entered since the form was loaded now carries that value's version:
        sent again, the person's value replaces it knowingly.
        """
        bad = sorted(
            {index for index, names in enumerate(form.names) if any(name in form.errors for name in names.values())}
            | set(service_errors)
            | set(stale)
        )
        data = with_current_versions(self.request.POST, [(index, *stale[index]) for index in stale])
        again = QuarterEntryForm(data, rows=[form.rows[index] for index in bad], quarter=form.quarter)
        again.is_valid()
        for position, index in enumerate(bad):
            if index in service_errors:
                again.add_row_errors(position, service_errors[index])
            if index in stale:
                again.add_row_errors(position, {"value": [_conflict_words(*stale[index])]})
        if "correction_reason" in form.errors and "correction_reason" not in again.errors:
            again.add_error("correction_reason", form.errors["correction_reason"])
        return again

    def get_context_data(self, **kwargs):
        form = kwargs.get("form")
        return super().get_context_data(
            page_title="Enter a quarter's values",
            breadcrumbs=_crumbs(),
            quarter=form.quarter if form else None,
            agency=getattr(self, "agency", None),
            chooses_agency=access.can_manage_plan(self.membership),
            waiting=getattr(self, "waiting", []),
            **kwargs,
        )


def _conflict_words(entry, current) -> str:
    """A value someone else entered after the form was loaded, in words, for the row's value field."""
    sent = rating.display(Decimal(entry.value), entry.indicator.unit)
    if current is None:
        return f"The value was withdrawn after you opened this form: save again to enter {sent}"
    who = current.entered_by.get_full_name() or current.entered_by.email if current.entered_by else "someone else"
    when = timezone.localtime(current.updated_at)
    now = rating.display(current.value, entry.indicator.unit)
    return (
        f"{who} entered {now} at {when:%-d %b %Y %H:%M}, after you opened this form: "
        f"save again to replace it with {sent}, or change your value"
    )


@dataclass
class ValueConflict:
    """A value someone else entered after the form was loaded: what it is now, who entered it, what was sent."""

    indicator: object
    period: str
    current: str
    who: object
    when: object
    sent: str


def value_conflicts(stale) -> list[ValueConflict]:
    conflicts = []
    for _, entry, current in stale:
        unit = entry.indicator.unit
        conflicts.append(
            ValueConflict(
                indicator=entry.indicator,
                period=Period.parse(entry.period).label,
                current=rating.display(current.value, unit) if current else "withdrawn",
                who=current.entered_by if current else None,
                when=current.updated_at if current else None,
                sent=rating.display(Decimal(entry.value), unit),
            )
        )
    return conflicts


def _partly_saved_message(form, saved) -> str:
    """What was saved when some rows had a problem: "2 values saved for 2026/27 Q2 (1 added, 1 corrected)"."""
    quarter = form.quarter.label
    added = sum(1 for recorded in saved if recorded.result == services.CREATED)
    corrected = sum(1 for recorded in saved if recorded.result == services.UPDATED)
    if not added and not corrected:
        return f"No values have been saved for {quarter} yet."
    count = added + corrected
    parts = [f"{number} {verb}" for number, verb in ((added, "added"), (corrected, "corrected")) if number]
    return f"{count} {'value' if count == 1 else 'values'} saved for {quarter} ({', '.join(parts)})."


def _saved_message(form, filled, saved) -> str:
    """ "2 values added and 1 value corrected for 2026/27 Q2." Values entered again unchanged are not counted."""
    quarter = form.quarter.label
    if not filled:
        return f"Nothing was entered for {quarter}, so nothing has changed."
    added = sum(1 for recorded in saved if recorded.result == services.CREATED)
    corrected = sum(1 for recorded in saved if recorded.result == services.UPDATED)
    if not added and not corrected:
        return f"Nothing has changed for {quarter}: every value was already recorded."
    parts = [
        f"{count} {'value' if count == 1 else 'values'} {verb}"
        for count, verb in ((added, "added"), (corrected, "corrected"))
        if count
    ]
    return f"{' and '.join(parts)} for {quarter}."


class IndicatorWithdrawView(PartnershipMixin, WithdrawView):
    """Withdraw an indicator that should never have been on the framework (plan editors)."""

    noun = "indicator"
    permission_rule = access.can_manage_indicators

    def load(self):
        self.indicator = selectors.indicator_for(self.partnership, self.kwargs["pk"])

    def describe(self):
        return "Outcomes framework", f"{self.indicator.code} {self.indicator.name}"

    def withdraw(self, reason):
        services.indicator_withdraw(self.membership, self.indicator, reason)

    def done_url(self):
        return reverse("outcomes:indicator", args=[self.indicator.pk])

    def breadcrumbs(self):
        return _crumbs((self.indicator.code, self.done_url()))


class MeasurementWithdrawView(PartnershipMixin, WithdrawView):
    """Withdraw one period's value recorded by mistake: whoever may record the indicator's values."""

    noun = "value"

    def load(self):
        self.measurement = selectors.measurement_for(self.partnership, self.kwargs["pk"])
        if not access.can_record_measurement(self.membership, self.measurement.indicator):
            refuse_if_withdrawn(self.measurement.indicator)
            raise PermissionDenied(
                f"You cannot withdraw values of {self.measurement.indicator.code}: {access.VALUES_REFUSAL}"
            )

    def describe(self):
        measurement = self.measurement
        shown = rating.display(measurement.value, measurement.indicator.unit)
        return f"{measurement.indicator.code} {measurement.indicator.name}", f"{measurement.period}: {shown}"

    def withdraw(self, reason):
        services.measurement_withdraw(self.membership, self.measurement, reason)

    def done_url(self):
        return reverse("outcomes:indicator", args=[self.measurement.indicator_id])

    def breadcrumbs(self):
        return _crumbs((self.measurement.indicator.code, self.done_url()))


class ScorecardExportView(PartnershipMixin, View):
    """The scorecard as .xlsx, for the same ``priority`` and ``as_at`` as the scorecard page."""

    def get(self, request, *args, **kwargs):
        now = timezone.now()
        export = selectors.scorecard_export(self.partnership, request.GET)
        # A file leaves the portal: its small numbers are as published, whoever downloads it (decision 48).
        card = published.scorecard(export.scorecard, self.partnership.suppression, published=True)
        export = dataclasses.replace(export, scorecard=card)
        as_of = export.scorecard.as_of or f"{timezone.localdate(now):%Y-%m-%d}"
        name = f"{self.partnership.slug}-scorecard-{as_of.replace('/', '-').replace(' ', '-').lower()}.xlsx"
        about = exports.scorecard_about(export, self.partnership, request.user, now)
        return xlsx_response(name, [exports.scorecard_sheet(export)], about)
