"""Every portal form follows the GOV.UK patterns: radios for a choice of up to six options (never a
"---------" option), the action statuses always with their colour words, and no browser validation,
so the GOV.UK error summary reports every error.

The forms are those of ``tests.test_forms``: every form class of the portal, each built as its page builds it.
"""

import re
from pathlib import Path

import pytest
from crispy_forms.utils import render_crispy_form
from django import forms
from django.conf import settings

from actions.filters import ActionTableFilter
from actions.models import Action, Status, status_words
from neglect_portal.forms import RADIOS_UP_TO, GovukChoicesMixin, is_single_choice
from tests.test_forms import FORMS, NOT_PORTAL_FORMS, portal_form_classes, world  # noqa: F401  (a fixture)

SELECT = re.compile(r"<select\b.*?</select>", re.S)
OPTION = re.compile(r"<option\b")
FORM_TAG = re.compile(r"<form\b[^>]*>")
COLOURED = {Status.ON_TRACK: "On track (Green)", Status.AT_RISK: "At risk (Amber)", Status.OFF_TRACK: "Off track (Red)"}


def rendered(name, world, data=None):  # noqa: F811
    form = FORMS[name](world, data)
    return form, render_crispy_form(form)


def test_every_form_class_shows_its_choices_the_govuk_way():
    for cls in portal_form_classes():
        choices = [field for field in cls.base_fields.values() if is_single_choice(field)]
        if cls in NOT_PORTAL_FORMS:
            assert not choices, cls
        elif choices or cls.__name__.endswith("FilterForm"):
            assert issubclass(cls, GovukChoicesMixin), cls


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_form_offers_radios_and_colour_words_and_leaves_errors_to_the_error_summary(world, name):  # noqa: F811
    form, html = rendered(name, world)
    # A choice of up to six options is a set of radios, with no "---------" option.
    for select in SELECT.findall(html):
        assert len(OPTION.findall(select)) > RADIOS_UP_TO + 1, (name, select[:200])
    assert "---------" not in html, name
    for field_name, field in form.fields.items():
        if is_single_choice(field) and field.required and isinstance(field.widget, forms.RadioSelect):
            assert not [value for value, _ in field.choices if str(value) == ""], (name, field_name)
        # The action statuses always come with their colour words.
        if is_single_choice(field) and Status.AT_RISK in {str(value) for value, _ in field.choices}:
            for status, words in COLOURED.items():
                assert f'value="{status}"' in html and words in html, (name, words)
    # No browser validation: the error summary reports every error.
    if getattr(form, "helper", None) is None or form.helper.form_tag:
        tags = FORM_TAG.findall(html)
        assert tags and all("novalidate" in tag for tag in tags), (name, tags)


def test_every_form_written_in_a_template_turns_browser_validation_off():
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for tag in FORM_TAG.findall(path.read_text()):
            assert "novalidate" in tag, (path, tag)


def test_the_status_of_a_progress_update_is_a_set_of_radios_with_colour_words_and_hints(world):  # noqa: F811
    form, html = rendered("actions.forms.ProgressUpdateForm", world)
    assert isinstance(form.fields["status"].widget, forms.RadioSelect)
    assert html.count('type="radio"') == len(Status)
    assert "At risk (Amber)" in html and "It may miss its due date" in html
    assert "Completed (Blue)" in html and "Not started" in html


def test_the_error_summary_links_a_missing_choice_to_its_first_radio(cast, client_for):
    client = client_for(cast.lee)
    response = client.post(f"/actions/{cast.a21.pk}/updates/new/", {"narrative": "Met the schools' leads."})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_status_1">Choose the status</a>' in page
    assert 'id="id_status_1"' in page
    assert Action.objects.get(pk=cast.a21.pk).updates.count() == 0


def test_an_evidence_link_that_is_not_a_web_address_is_reported_in_the_error_summary(cast, client_for):
    client = client_for(cast.lee)
    data = {"status": "on_track", "narrative": "Met the schools' leads.", "evidence_url": "not a link"}
    response = client.post(f"/actions/{cast.a21.pk}/updates/new/", data)
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert '<a href="#id_evidence_url">Enter the evidence link as a web address' in page
    assert re.search(r"<form[^>]*novalidate", page)
    assert cast.a21.updates.count() == 0


def test_the_action_tables_status_filter_is_a_set_of_radios_with_colour_words(cast):
    table = ActionTableFilter(None, queryset=Action.objects.all(), partnership=cast.partnership)
    html = render_crispy_form(table.form)
    assert html.count("Any status") == 1  # offered once, not again by django-filter's own blank choice
    assert status_words(Status.AT_RISK) in html
    assert 'name="status"' in html and "<select" not in html.split('name="status"')[0][-200:]
    assert isinstance(table.form.fields["status"].widget, forms.RadioSelect)
