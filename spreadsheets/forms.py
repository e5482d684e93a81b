"""The upload form of the import pages and the confirmation of a previewed file."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.conf import settings

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
