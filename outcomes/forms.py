"""Forms of the outcomes pages; each hands its cleaned data to ``outcomes.services``.

Values are parsed leniently (``1,234``, ``63.5%``) and then validated by
``outcomes.services.measurement_errors``, so the pages, imports and the API
refuse the same things in the same words.
"""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Div, Field, Fieldset, Fixed, Layout, Size, Submit
from django import forms
from django.utils import timezone
from django.utils.html import format_html

from accounts.models import Agency
from neglect_portal.forms import PortalFormMixin, VersionedFormMixin, set_required_messages
from neglect_portal.values import NOT_PUBLISHED_EXAMPLES, not_published_marker
from outcomes.models import Indicator, RBACategory, Unit
from outcomes.selectors import RATIO_UNITS
from outcomes.services import INDICATOR_FIELDS, MULTIPLIERS, MeasurementInput

DECIMAL = {"inputmode": "decimal", "spellcheck": "false", "autocomplete": "off"}
WHOLE = {"inputmode": "numeric", "spellcheck": "false", "autocomplete": "off"}


def number_text(text):
    """A typed number without thousands separators, spaces or a trailing %, or None when blank."""
    text = (text or "").strip().replace(",", "").replace(" ", "").removesuffix("%")
    return text or None


class WholeNumberField(forms.IntegerField):
    """A whole number as people type it: thousands separators and spaces are allowed (71,000)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").replace(" ", "")
        return super().to_python(value)


def whole_number_field(label, message, **kwargs):
    return WholeNumberField(
        label=label,
        required=False,
        widget=forms.TextInput(attrs=WHOLE),
        error_messages={"invalid": message, "max_value": message, "min_value": message},
        max_value=2_147_483_647,
        **kwargs,
    )


# --- the scorecard filter -------------------------------------------------------


class ScorecardFilterForm(PortalFormMixin, forms.Form):
    """Which indicators (by priority) and which moment (latest, or as at a quarter) the scorecard shows."""

    priority = forms.ChoiceField(
        label="Priority",
        required=False,
        error_messages={"invalid_choice": "Choose a priority from the list"},
    )
    as_at = forms.ChoiceField(
        label="Figures",
        required=False,
        error_messages={"invalid_choice": "Choose a quarter from the list"},
    )

    def __init__(self, *args, priorities, quarters, **kwargs):
        super().__init__(*args, **kwargs)
        several = len({p.strategy_id for p in priorities}) > 1
        self.fields["priority"].choices = [("", "All priorities")] + [
            (str(p.pk), f"Priority {p.number}: {p.title}" + (f" ({p.strategy.title})" if several else ""))
            for p in priorities
        ]
        self.fields["as_at"].choices = [("", "Latest figures")] + [(q.label, f"As at {q.label}") for q in quarters]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "app-filter-row"
        self.helper.layout = Layout(
            Field.select("priority"),
            Field.select("as_at"),
            Submit("show", "Show the scorecard", css_class="govuk-button--secondary"),
        )


# --- indicator definitions --------------------------------------------------------

INDICATOR_MESSAGES = {
    "code": "Enter the indicator's code, for example HAL-03",
    "name": "Enter the indicator's name",
    "rba_category": "Choose the question the indicator answers",
    "unit": "Choose the unit",
    "polarity": "Choose whether higher or lower is better",
    "frequency": "Choose how often the indicator is measured",
}
NUMBER_WORDS = {"baseline": "baseline", "target": "target", "amber_tolerance": "amber tolerance"}


class IndicatorForm(VersionedFormMixin, PortalFormMixin, forms.ModelForm):
    """Add or change an indicator of the outcomes framework (business manager and steering group)."""

    class Meta:
        model = Indicator
        fields = list(INDICATOR_FIELDS)
        labels = {
            "rba_category": "Which question does it answer?",
            "is_context": "This is a context measure: monitor it without a RAG rating",
            "source_agency": "Agency that supplies the figures",
            "priority": "Linked priority",
            "is_active": "Show it on the scorecard (active)",
        }
        help_texts = {
            "is_context": "",  # the label says it all
            "code": "A short reference that is unique in the partnership, for example HAL-03.",
            "definition": "What is counted, over what period, and where the figures come from.",
            "rba_category": "Results-Based Accountability groups indicators by these three questions.",
            "polarity": "Decides whether a rise is shown as improving or getting worse, and how RAG is worked out.",
            "source_agency": "Sponsors and leads of this agency can enter its values.",
            "baseline": "The value before the strategy started, in the indicator's unit.",
            "target": "In the indicator's unit. Leave it blank if there is none: the indicator is then not rated.",
            "amber_tolerance": (
                "How far short of the target, in the indicator's unit, still counts as amber rather than red."
            ),
            "is_active": "An inactive indicator drops off the scorecard; its page and values are kept.",
        }
        widgets = {
            **{name: forms.TextInput(attrs=DECIMAL) for name in NUMBER_WORDS},
            **dict.fromkeys(("rba_category", "unit", "polarity", "frequency"), forms.RadioSelect),
        }

    def __init__(self, *args, partnership, priorities, **kwargs):
        super().__init__(*args, partnership=partnership, **kwargs)
        set_required_messages(self, INDICATOR_MESSAGES)
        self.fields["rba_category"].choices = RBACategory.choices  # radios need no blank choice
        self.fields["code"].error_messages["max_length"] = "The code must be 20 characters or fewer"
        self.fields["name"].error_messages["max_length"] = "The name must be 250 characters or fewer"
        for name, words in NUMBER_WORDS.items():
            self.fields[name].error_messages.update(
                invalid=f"Enter the {words} as a number, like 75 or 51.8",
                max_digits=f"Enter a {words} smaller than 10 billion",
                max_whole_digits=f"Enter a {words} smaller than 10 billion",
                max_decimal_places=f"Give the {words} with no more than 2 decimal places",
            )
        self.fields["source_agency"].queryset = Agency.objects.offered(partnership, keep=self.instance.source_agency_id)
        self.fields["source_agency"].empty_label = "Not set"
        self.fields["source_agency"].error_messages["invalid_choice"] = "Choose an agency from the list"
        self.fields["priority"].error_messages["invalid_choice"] = "Choose a priority from the list"
        priority = self.fields["priority"]
        priority.queryset = priorities
        priority.empty_label = "None"
        priority.label_from_instance = lambda p: f"Priority {p.number}: {p.title} ({p.strategy.title})"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("code", field_width=Fixed.TEN),
            Field.text("name"),
            Field.textarea("definition", rows=4),
            Field.radios("rba_category", legend_size=Size.SMALL),
            Field.radios("unit", legend_size=Size.SMALL),
            Field.radios("polarity", legend_size=Size.SMALL),
            Field.radios("frequency", legend_size=Size.SMALL, inline=True),
            Field.checkbox("is_context", small=True),
            Field.select("source_agency"),
            Field.select("priority"),
            Field.text("baseline", field_width=Fixed.TEN),
            Field.text("target", field_width=Fixed.TEN),
            Field.text("amber_tolerance", field_width=Fixed.TEN),
            Field.checkbox("is_active", small=True),
            Submit("submit", "Save the indicator"),
        )

    def _post_clean(self):
        # The service validates and saves the indicator; the instance stays untouched here.
        pass

    def changes(self):
        return {name: self.cleaned_data[name] for name in INDICATOR_FIELDS}


# --- one value of one indicator --------------------------------------------------------


def measurement_fields(form, indicator, prefix="", message_prefix=""):
    """Add value, numerator, denominator and note fields for ``indicator`` to ``form``; return their names."""
    unit = indicator.get_unit_display().lower()
    names = {part: f"{prefix}{part}" for part in ("value", "numerator", "denominator", "is_estimated", "note")}
    form.fields[names["value"]] = forms.CharField(
        label=f"Value ({unit})",
        required=False,
        max_length=30,
        help_text=f"A figure your source did not publish: write its marker ({NOT_PUBLISHED_EXAMPLES}).",
        widget=forms.TextInput(attrs=DECIMAL),
        error_messages={"max_length": f"{message_prefix}Enter the value as a number, like 147 or 51.8"},
    )
    if indicator.unit in RATIO_UNITS:
        form.fields[names["numerator"]] = whole_number_field(
            "Numerator", f"{message_prefix}Enter the numerator as a whole number, like 46"
        )
        form.fields[names["denominator"]] = whole_number_field(
            "Denominator", f"{message_prefix}Enter the denominator as a whole number, like 71"
        )
    form.fields[names["is_estimated"]] = forms.BooleanField(
        label="This value is an estimate",
        help_text="It is marked Estimated on every page, the report and the exports until a final figure replaces it.",
        required=False,
    )
    form.fields[names["note"]] = forms.CharField(
        label="Note: the story behind the curve",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": f"{message_prefix}The note must be 5,000 characters or fewer"},
    )
    return {part: name for part, name in names.items() if name in form.fields}


def measurement_entry(form, indicator, period, names, version=None) -> MeasurementInput:
    data = form.cleaned_data
    typed = data.get(names["value"])
    marker = not_published_marker(typed) or ""  # "<5", "*": the figure was not published
    return MeasurementInput(
        indicator=indicator,
        period=period,
        value=None if marker else number_text(typed),
        not_published=marker,
        numerator=data.get(names.get("numerator", "")),
        denominator=data.get(names.get("denominator", "")),
        note=(data.get(names["note"]) or "").strip(),
        is_estimated=bool(data.get(names["is_estimated"])),
        version=version,
    )


# The versions of the values a form was loaded with, in a hidden field: "2026/27 Q1=3;2026/27 Q2=0".
def versions_text(measurements, periods) -> str:
    found = {m.period: m.version for m in measurements}
    return ";".join(f"{p.label}={found.get(p.label, 0)}" for p in periods)


def versions_from(text) -> dict[str, int]:
    versions = {}
    for part in (text or "").split(";"):
        label, _, number = part.rpartition("=")
        if label and number.isdigit():
            versions[label] = int(number)
    return versions


def measurement_initial(measurement, names) -> dict:
    if measurement is None:
        return {}
    value = f"{measurement.value.normalize():f}" if measurement.is_published else measurement.not_published
    values = {"value": value, "numerator": measurement.numerator}
    values |= {
        "denominator": measurement.denominator,
        "note": measurement.note,
        "is_estimated": measurement.is_estimated,
    }
    return {names[part]: value for part, value in values.items() if part in names}


def _correction_reason_field():
    return forms.CharField(
        label="Why is this a correction? (only for a quarter already reported)",
        help_text="Needed only to change a value of a quarter whose report has been issued to the board: "
        "the correction is listed in the next report.",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": "The reason must be 2,000 characters or fewer"},
    )


class MeasurementForm(PortalFormMixin, forms.Form):
    """Enter or correct an indicator's value for one period."""

    period = forms.ChoiceField(
        label="Period",
        help_text="If the period already has a value, what you enter here replaces it.",
        error_messages={"required": "Choose the period", "invalid_choice": "Choose a period from the list"},
    )

    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=5000)
    correction_reason = _correction_reason_field()

    def __init__(self, *args, indicator, periods, measurements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["period"].choices = [(p.label, p.label) for p in periods]
        self.initial.setdefault("seen", versions_text(measurements, periods))
        self.names = measurement_fields(self, indicator)
        hint = "For a percentage you may give only the numerator and denominator: the value is worked out."
        if "numerator" in self.names and indicator.unit == Unit.PERCENTAGE:
            self.fields["value"].help_text = f"{hint} {self.fields['value'].help_text}"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("period"),
            Field.text("value", field_width=Fixed.TEN),
            *[
                Field.text(self.names[p], field_width=Fixed.TEN)
                for p in ("numerator", "denominator")
                if p in self.names
            ],
            Field.checkbox("is_estimated"),
            Field.textarea("note", rows=4),
            Field.textarea("correction_reason", rows=2),
            Submit("submit", "Save the value"),
        )
        self.helper.render_hidden_fields = True

    def entry(self) -> MeasurementInput:
        """The value to record; made from the version of the period's value the form was loaded with, if it says."""
        period = self.cleaned_data["period"]
        seen = versions_from(self.cleaned_data.get("seen")) if self.cleaned_data.get("seen") else None
        version = None if seen is None else seen.get(period, 0)
        entry = measurement_entry(self, self.indicator, period, self.names, version)
        entry.correction_reason = self.cleaned_data.get("correction_reason", "")
        return entry


# --- the quarter entry form -------------------------------------------------------------


class QuarterChoiceForm(PortalFormMixin, forms.Form):
    """The quarter, and for plan editors the supplying agency, whose values the entry form shows."""

    quarter = forms.ChoiceField(
        label="Quarter",
        error_messages={"required": "Choose the quarter", "invalid_choice": "Choose a quarter from the list"},
    )
    agency = forms.ChoiceField(
        label="Agency that supplies the figures",
        required=False,
        error_messages={"invalid_choice": "Choose an agency from the list"},
    )

    def __init__(self, *args, quarters, agencies=None, **kwargs):
        """``agencies``: those to choose from; None when the member may only enter their own agency's values."""
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["quarter"].choices = [
            (q.label, q.label if q.end < today else f"{q.label} (not ended: monthly figures only)") for q in quarters
        ]
        self.agencies = {str(a.pk): a for a in agencies or []}
        if agencies is None:
            del self.fields["agency"]
        else:
            self.fields["agency"].choices = [("", "All agencies")] + [(pk, a.name) for pk, a in self.agencies.items()]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "app-filter-row"
        self.helper.layout = Layout(
            Field.select("quarter"),
            *([Field.select("agency")] if agencies is not None else []),
            Submit("show", "Show the indicators", css_class="govuk-button--secondary"),
        )

    def chosen_agency(self):
        return self.agencies.get(self.cleaned_data.get("agency") or "")


class QuarterEntryForm(PortalFormMixin, forms.Form):
    """One fieldset per quarterly indicator: its value, numerator, denominator and note for the quarter.

    Blank rows are left alone; every message names the indicator, because
    the labels (Value, Note…) repeat from one fieldset to the next.
    """

    def __init__(self, *args, rows, quarter, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows, self.quarter = rows, quarter
        self.names = []
        fieldsets = []
        for row in rows:
            indicator = row.indicator
            names = measurement_fields(self, indicator, f"i{indicator.pk}-", f"{indicator.code}: ")
            version = f"i{indicator.pk}-version"
            self.fields[version] = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
            self.initial[version] = row.current.version if row.current else 0
            self.names.append(names)
            self.fields[names["value"]].help_text = self._previous_hint(row)
            self.initial.update(measurement_initial(row.current, names))
            fieldsets.append(self._fieldset(row, names))
        rule = HTML('<hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible">')
        between = [part for fieldset in fieldsets for part in (fieldset, rule)]
        self.fields["correction_reason"] = _correction_reason_field()
        self.refuse_child_identifiers()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *between,
            Field.textarea("correction_reason", rows=2),
            Submit("submit", f"Save the values for {quarter.label}"),
        )
        self.helper.render_hidden_fields = True

    def _previous_hint(self, row):
        previous = self.quarter.previous().label
        if row.previous is None:
            return f"No value for {previous}."
        return f"{previous}: {row.previous_display}."

    def _fieldset(self, row, names):
        indicator = row.indicator
        # Legends and hints are rendered unescaped by the template pack: escape what users typed.
        legend = format_html("{} {}", indicator.code, indicator.name)
        supplier = indicator.source_agency.name if indicator.source_agency else "no agency set"
        about = format_html(
            '<p class="govuk-body-s app-entry__about">{}, {}. Supplied by {}.</p>',
            indicator.get_unit_display(),
            indicator.get_polarity_display().lower(),
            supplier,
        )
        numbers = [
            Field.text(names[p], field_width=Fixed.TEN) for p in ("value", "numerator", "denominator") if p in names
        ]
        worked_out = {}
        if "numerator" in names:
            # static/js/quarter-entry.js shows the value worked out as the numbers are typed, in this live region.
            multiplier = MULTIPLIERS[indicator.unit]
            worked_out = {"data_multiplier": f"{multiplier:f}", "data_unit": indicator.unit}
            numbers.append(HTML('<p class="govuk-body-s app-worked-out" aria-live="polite" data-app-worked-out></p>'))
        fields = [
            Div(*numbers, css_class="app-entry__numbers", **worked_out),
            Field.checkbox(names["is_estimated"]),
            Field.textarea(names["note"], rows=2),
        ]
        return Fieldset(
            HTML(about),
            *fields,
            legend=legend,
            legend_size=Size.MEDIUM,
            css_class="app-entry",
            css_id=f"i{indicator.pk}",
        )

    def filled(self):
        """``(row index, entry)`` for each indicator with anything typed in and no typing error.

        Blank rows are left out: they are left alone, not refused.
        """
        data, filled = self.cleaned_data, []
        for index, (row, names) in enumerate(zip(self.rows, self.names, strict=True)):
            if any(name in self.errors for name in names.values()):
                continue
            # A tick alone (Estimated, with no value) is no value to record.
            typed = [name for part, name in names.items() if part != "is_estimated"]
            if any(data.get(name) not in (None, "") for name in typed):
                version = data.get(f"i{row.indicator.pk}-version")
                entry = measurement_entry(self, row.indicator, self.quarter.label, names, version)
                entry.correction_reason = data.get("correction_reason", "")
                filled.append((index, entry))
        return filled

    def add_row_errors(self, index, errors):
        """Put a row's service errors on its fields, each message naming the indicator."""
        names, code = self.names[index], self.rows[index].indicator.code
        for part, messages in errors.items():
            # A period problem belongs to the row's value; a missing correction reason to the form's reason.
            name = "correction_reason" if part == "correction_reason" else names.get(part, names["value"])
            for message in messages:
                self.add_error(name, f"{code}: {message}")


def with_current_versions(data, stale, prefix=lambda entry: f"i{entry.indicator.pk}-"):
    """A copy of posted ``data`` whose versions are those of the values that moved on (``StaleValues.stale``):
    sent again, the person's values then knowingly replace them."""
    data = data.copy()
    for _, entry, current in stale:
        data[f"{prefix(entry)}version"] = current.version if current else 0
    return data


class EngagementQuarterForm(PortalFormMixin, forms.Form):
    """The quarter whose agency engagement is shown, with the three before it as the trend."""

    quarter = forms.ChoiceField(
        label="Quarter",
        required=False,
        error_messages={"invalid_choice": "Choose a quarter from the list"},
    )

    def __init__(self, *args, quarters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [(q.label, q.label) for q in quarters]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "app-filter-row"
        self.helper.layout = Layout(
            Field.select("quarter"),
            Submit("show", "Show the quarter", css_class="govuk-button--secondary"),
        )
