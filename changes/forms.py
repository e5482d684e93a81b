"""The date *What changed* looks back to, and a steering-group meeting's date on the settings page."""

import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Size, Submit
from django import forms
from django.utils import timezone

from neglect_portal.forms import PortalFormMixin, date_field, date_input

SINCE_PARTS = ("since_0", "since_1", "since_2")  # the day, month and year boxes of the date input
FUTURE_MESSAGE = "The date to show changes since must be today or in the past"
EARLIEST = datetime.date(2000, 1, 1)


class ChangesSinceForm(PortalFormMixin, forms.Form):
    """The date to show changes since, as a GOV.UK date input sent by GET.

    A link or bookmark may give it as ``?since=2026-10-01`` instead of the three boxes; that is read into them,
    and a ``since`` that is not such a date is refused with the same message as boxes that are not a date.
    """

    since = date_field("Show changes since", "Enter the date to show changes since", example="1 10 2026")

    def __init__(self, data=None, *args, today=None, **kwargs):
        self.today = today or timezone.localdate()
        super().__init__(_boxes(data), *args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = True
        self.helper.layout = Layout(
            date_input("since", legend_size=Size.MEDIUM), Submit("show", "Show changes", css_class="govuk-button")
        )

    def clean_since(self):
        since = self.cleaned_data["since"]
        if since > self.today:
            raise forms.ValidationError(FUTURE_MESSAGE, code="future")
        if since < EARLIEST:
            raise forms.ValidationError(f"The date to show changes since must be after {EARLIEST:%-d %B %Y}")
        return since


def _boxes(data):
    """The query with ``since=YYYY-MM-DD`` put into the date input's boxes (unless the boxes were sent)."""
    if data is None or "since" not in data or any(part in data for part in SINCE_PARTS):
        return data
    boxes = data.copy()
    try:
        day = datetime.date.fromisoformat(str(data["since"]).strip())
    except ValueError:
        # Not a date: boxes the field reads as no real date, so it answers with its own message.
        boxes.update({"since_0": "0", "since_1": "0", "since_2": "0"})
        return boxes
    boxes.update({"since_0": str(day.day), "since_1": str(day.month), "since_2": str(day.year)})
    return boxes


class MeetingForm(PortalFormMixin, forms.Form):
    """A steering-group meeting's date, added on the settings page."""

    date = date_field("Date of the meeting", "Enter the date of the meeting", example="14 1 2027")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(date_input("date"), Submit("add", "Add the meeting"))
