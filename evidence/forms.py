"""The GOV.UK file upload of an evidence file, on its own page or inside another form (a progress update)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.conf import settings

from evidence import filetypes
from neglect_portal.forms import PortalFormMixin

SELECT = "Select a file to upload"


def evidence_file_field(*, required: bool, label: str = "Evidence file") -> forms.FileField:
    """A GOV.UK file upload for one evidence file; its kind and size are checked by :func:`clean_evidence_file`."""
    limit = filetypes.size_words(settings.EVIDENCE_MAX_BYTES)
    hint = f"A PDF, a Word, Excel or PowerPoint document, or a PNG or JPEG image, smaller than {limit}."
    field = forms.FileField(
        label=label,
        required=required,
        widget=forms.ClearableFileInput(attrs={"accept": filetypes.ACCEPT}),
        help_text=hint if required else f"Optional. {hint}",
    )
    field.error_messages.update(
        {"required": SELECT, "invalid": SELECT, "missing": SELECT, "empty": "The selected file is empty"}
    )
    return field


def clean_evidence_file(upload):
    """Refuse, on the field, a file that is empty, too big, of a kind not taken or not what its name says."""
    if upload:
        try:
            filetypes.check(upload)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages) from error
    return upload


class EvidenceForm(PortalFormMixin, forms.Form):
    """Attach one file to a progress update, a finding or an audit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"] = evidence_file_field(required=True, label="Upload a file")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("file", context={"label_size": Size.for_label(Size.MEDIUM)}),
            Submit("upload", "Upload the file"),
        )

    def clean_file(self):
        return clean_evidence_file(self.cleaned_data.get("file"))
