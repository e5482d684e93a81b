from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms

from neglect_portal.forms import GovukChoicesMixin
from outcomes.library.definitions import THEMES


class ThemeFilterForm(GovukChoicesMixin, forms.Form):
    """Which theme of the library to show (all of them when none is chosen)."""

    choice_hints = False

    theme = forms.ChoiceField(
        label="Theme",
        required=False,
        choices=[("", "All themes")] + [(theme.slug, theme.name) for theme in THEMES],
        error_messages={"invalid_choice": "Choose a theme from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "app-filter-row"
        self.helper.layout = Layout(Field.select("theme"), Submit("show", "Show", css_class="govuk-button--secondary"))
