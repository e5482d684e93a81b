"""The business manager's form to start a new strategy, from scratch or rolling the current one over."""

from __future__ import annotations

import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from neglect_portal.forms import PortalFormMixin, date_field, date_input, set_required_messages
from priorities.services import carriable_actions, carriable_indicators


class ObjectsChoiceField(forms.MultipleChoiceField):
    """Checkboxes of objects already scoped to the partnership; cleans to the chosen objects."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, objects, describe, **kwargs):
        self.objects = {str(obj.pk): obj for obj in objects}
        super().__init__(choices=[(pk, describe(obj)) for pk, obj in self.objects.items()], required=False, **kwargs)

    def clean(self, value):
        return [self.objects[pk] for pk in super().clean(value)]


class StrategyStartForm(PortalFormMixin, forms.Form):
    title = forms.CharField(label="Title of the new strategy", max_length=200)
    start_date = date_field("Start date", "Enter the start date", example="1 4 2027")
    end_date = date_field("End date", "Enter the end date", example="31 3 2030")
    vision = forms.CharField(
        label="Vision",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The partnership's vision for children, in a sentence or two.",
    )

    def __init__(self, *args, partnership, current=None, rollover=False, **kwargs):
        super().__init__(*args, partnership=partnership, **kwargs)
        set_required_messages(self, {"title": "Enter the new strategy's title"})
        self.fields["title"].error_messages["max_length"] = "The title must be 200 characters or fewer"
        layout = [Field.text("title"), date_input("start_date")]
        layout += [date_input("end_date"), Field.textarea("vision", rows=3)]
        if rollover:
            self.fields["priorities"] = ObjectsChoiceField(
                list(current.priorities.select_related("sponsor_agency").order_by("number")),
                lambda p: f"Priority {p.number}: {p.title} (sponsored by {p.sponsor_agency.name})",
                label="Priorities to carry over",
                help_text="Each is copied into the new strategy with its sponsor.",
            )
            self.fields["actions"] = ObjectsChoiceField(
                carriable_actions(current),
                lambda a: f"{a.reference} {a.title} ({a.get_status_display()})",
                label="Open actions to carry over",
                help_text="Each moves to the copy of its priority with its progress updates. "
                "Carry an action's priority too.",
            )
            layout += [
                Field.checkboxes("priorities", legend_size=Size.MEDIUM, small=True),
                Field.checkboxes("actions", legend_size=Size.MEDIUM, small=True),
            ]
        self.fields["indicators"] = ObjectsChoiceField(
            carriable_indicators(partnership),
            lambda i: f"{i.code} {i.name}",
            label="Indicators to keep on the scorecard",
            help_text="Their values so far stay with them, so each series carries on. "
            "The others leave the scorecard; their values are kept.",
        )
        layout.append(Field.checkboxes("indicators", legend_size=Size.MEDIUM, small=True))
        self.helper = FormHelper()
        self.helper.layout = Layout(*layout, Submit("submit", "Start the new strategy"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be on or after the start date")
        return cleaned

    @staticmethod
    def initial_for(current, partnership, rollover) -> dict:
        """Everything chosen, and dates that follow the current strategy's."""
        initial = {"indicators": [str(i.pk) for i in carriable_indicators(partnership)]}
        if current is None:
            return initial
        start = current.end_date + datetime.timedelta(days=1)
        initial |= {"start_date": start, "end_date": start.replace(year=start.year + 3) - datetime.timedelta(days=1)}
        if rollover:
            initial |= {
                "vision": current.vision,
                "priorities": [str(p.pk) for p in current.priorities.all()],
                "actions": [str(a.pk) for a in carriable_actions(current)],
            }
        return initial
