"""The search box: what may be searched for, and what a person is told when it cannot be."""

import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Layout, Size
from django import forms

from neglect_portal.forms import PortalFormMixin

MAX_CHARACTERS = 200
_WORD = re.compile(r"[^\W_]+")


def query_words(query: str) -> list[str]:
    """The words and numbers of a search, in order (symbols and spaces between them dropped)."""
    return _WORD.findall(query or "")


class SearchForm(PortalFormMixin, forms.Form):
    q = forms.CharField(
        label="Search the partnership's plan, outcomes and audits",
        help_text="Words from an action, a progress update, an indicator, an audit, a finding or a recommendation",
        max_length=MAX_CHARACTERS,
        widget=forms.TextInput(attrs={"input_type": "search"}),
        error_messages={
            "required": "Enter the words to search for",
            "max_length": f"Search for {MAX_CHARACTERS} characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = True
        self.helper.attrs = {"role": "search", "aria-label": "Search"}
        self.helper.layout = Layout(
            Field.text("q", label_size=Size.MEDIUM),
            # A button without a name: the address of the results holds only the search.
            HTML('<button type="submit" class="govuk-button" data-module="govuk-button">Search</button>'),
        )

    def clean_q(self):
        query = " ".join(self.cleaned_data["q"].split())
        if not query_words(query):
            raise forms.ValidationError("Enter a word or a number to search for, not only symbols")
        return query
