"""The upload form of the import pages and the confirmation of a previewed file."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.conf import settings
from openpyxl.utils import get_column_letter

from neglect_portal.forms import GovukChoicesMixin
from spreadsheets.readers import size_words

ACCEPTED = ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload the spreadsheet",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = size_words(settings.IMPORT_MAX_BYTES)
        field = self.fields["file"]
        field.help_text = f"An Excel spreadsheet (.xlsx) or a CSV file, smaller than {limit}"
        field.error_messages.update(
            {
                "required": "Select the spreadsheet to upload",
                "invalid": "Select the spreadsheet to upload",
                "missing": "Select the spreadsheet to upload",
                "empty": "The selected file is empty",
            }
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("file", context={"label_size": Size.for_label(Size.MEDIUM)}),
            Submit("upload", "Upload and check the file"),
        )

    @classmethod
    def refusing(cls, message: str) -> UploadForm:
        """An upload form showing ``message`` against the file field, for a file refused after it was kept."""
        form = cls(data={}, files={})
        form.errors["file"] = form.error_class([message])
        return form

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(f"The file must be smaller than {size_words(settings.IMPORT_MAX_BYTES)}")
        return upload


class ConfirmForm(forms.Form):
    """The fingerprint of the preview the person saw, so exactly that is imported."""

    digest = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)


IGNORE = ""


class ColumnsForm(forms.Form):
    """One choice for each column of a file with its own header row: which field of the import it holds.

    ``headers`` are the file's header texts by position, ``samples`` a few values under each,
    ``columns`` the import's columns and ``initial_keys`` the field suggested or saved for each.
    """

    def __init__(self, *args, headers, samples, columns, initial_keys, if_absent=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        self.columns = columns
        self.if_absent = if_absent
        choices = [(IGNORE, "Ignore this column")] + [(c.key, c.header) for c in columns]
        for position, header in enumerate(headers):
            if not header.strip():
                continue
            examples = ", ".join(samples[position]) if position < len(samples) else ""
            hint = f"Column {get_column_letter(position + 1)}"
            hint += f". For example: {examples}" if examples else ". Its first rows are empty"
            keys = initial_keys[position] if position < len(initial_keys) else IGNORE
            self.fields[self.field_name(position)] = forms.ChoiceField(
                label=header, choices=choices, required=False, help_text=hint, initial=keys
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *(Field.select(name) for name in self.fields),
            Submit("match", "Save the columns and check the file"),
        )

    @staticmethod
    def field_name(position: int) -> str:
        return f"column_{position + 1}"

    def clean(self):
        cleaned = super().clean()
        chosen: dict[str, list[str]] = {}
        for position in range(len(self.headers)):
            key = cleaned.get(self.field_name(position))
            if key:
                chosen.setdefault(key, []).append(self.field_name(position))
        by_key = {c.key: c.header for c in self.columns}
        for key, names in chosen.items():
            if len(names) > 1:
                labels = " and ".join(self.fields[name].label for name in names)
                for name in names[1:]:
                    self.add_error(name, f"{by_key[key]} is chosen for {labels}: choose it for one column only")
        first = next(iter(self.fields), None)
        for column in self.columns:
            needed = column.required and not (self.if_absent and column.if_absent)
            if needed and column.key not in chosen and first is not None:
                self.add_error(first, f"Choose which column holds {column.header}")
        return cleaned

    def keys(self) -> list[str]:
        """The field chosen for each column of the header row ("" to ignore it)."""
        return [self.cleaned_data.get(self.field_name(p)) or IGNORE for p in range(len(self.headers))]


NONE_OF_THESE = "none"


class NamesForm(GovukChoicesMixin, forms.Form):
    """One choice for each name a file gives that the partnership does not know: what it means, or none of these.

    ``questions`` are the upload's questions (``NameQuestion.as_json``), ``choices`` the (value, label) a name may
    mean; a question's suggested value is chosen already.
    """

    def __init__(self, *args, questions, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        offered = {value for value, _ in choices}
        for position, question in enumerate(questions):
            suggested = question.get("suggested") if question.get("suggested") in offered else ""
            self.fields[self.field_name(position)] = forms.ChoiceField(
                label=question["prompt"],
                choices=[("", "Choose an agency"), *choices, (NONE_OF_THESE, "None of these")],
                help_text=where_named(question),
                initial=suggested,
                error_messages={
                    "required": f"Choose which agency “{question['written']}” means, or None of these",
                    "invalid_choice": f"Choose one of the partnership’s agencies for “{question['written']}”",
                },
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *(Field.select(name, legend_size=Size.SMALL) for name in self.fields),
            Submit("choose", "Save and check the file again"),
        )

    @staticmethod
    def field_name(position: int) -> str:
        return f"name_{position + 1}"

    def answers(self) -> dict[str, str | None]:
        """The question's key → the value chosen, or None for none of these."""
        answers = {}
        for position, question in enumerate(self.questions):
            value = self.cleaned_data.get(self.field_name(position))
            answers[question["key"]] = None if value == NONE_OF_THESE else value
        return answers


def where_named(question) -> str:
    """Which rows give the name, for the hint under its question."""
    rows = [str(row) for row in question.get("rows", [])]
    if len(rows) > 5:
        where = f"Rows {', '.join(rows[:5])} and {len(rows) - 5:,} more"
    elif len(rows) > 1:
        where = f"Rows {', '.join(rows[:-1])} and {rows[-1]}"
    else:
        where = f"Row {''.join(rows)}"
    column = question.get("column") or "the file"
    return (
        f"{where}, column {column}. Choose None of these if the partnership has no such agency: "
        "its rows are then listed as problems"
    )
