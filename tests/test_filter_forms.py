"""A list page's filter panel is drawn once for each state (``{% filter_form %}``): it is exactly what crispy-forms-gds
draws, and it shows every change (a new or renamed agency, what was asked, an error) at once."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from actions.filters import ActionTableFilter
from actions.models import Action
from audits.filters import AuditFilter, RecommendationFilter
from audits.models import Audit, Recommendation
from neglect_portal.templatetags import filter_forms
from priorities.models import Priority
from tests import factories as f


def drawn(form, tag):
    return Template(f"{{% load crispy_forms_tags filter_forms %}}{{% {tag} form %}}").render(Context({"form": form}))


def action_filter(cast, data, **kwargs):
    priorities = Priority.objects.filter(strategy__partnership=cast.partnership)
    return ActionTableFilter(
        data, queryset=Action.objects.all(), partnership=cast.partnership, priorities=priorities, **kwargs
    )


@pytest.mark.parametrize(
    "data",
    [None, {"status": "at_risk", "overdue": "on"}, {"lead_agency": "999999", "status": "nonsense", "mine": "on"}],
    ids=["unbound", "chosen", "refused"],
)
def test_the_filter_panel_is_what_crispy_forms_draws_drawn_again_or_kept(cast, data):
    filter_forms._drawn.clear()
    forms = [
        lambda: action_filter(cast, data, membership=cast.bea.memberships.get()).form,
        lambda: RecommendationFilter(data, queryset=Recommendation.objects.all(), partnership=cast.partnership).form,
        lambda: AuditFilter(data, queryset=Audit.objects.all(), years=[]).form,
    ]
    for make in forms:
        expected = drawn(make(), "crispy")
        assert drawn(make(), "filter_form") == expected  # drawn
        assert drawn(make(), "filter_form") == expected  # kept
    assert len(filter_forms._drawn) == len(forms)


def offered(page, agency):
    return re.search(rf'name="lead_agency"[^>]*value="{agency.pk}"', page) and agency.name in page


def chosen(page, agency):
    return re.search(rf'name="lead_agency"[^>]*value="{agency.pk}"\s*checked', page)


def test_a_new_or_renamed_agency_is_offered_in_the_filter_at_once(cast, client_for):
    filter_forms._drawn.clear()
    client = client_for(cast.bea)
    assert "Northshire Fire" not in client.get(reverse("actions:list")).content.decode()
    fire = f.AgencyFactory(partnership=cast.partnership, name="Northshire Fire")
    assert offered(client.get(reverse("actions:list")).content.decode(), fire)
    fire.name = "Northshire Fire and Rescue"
    fire.save()
    assert offered(client.get(reverse("actions:list")).content.decode(), fire)


def test_the_filter_shows_what_was_asked_and_forgets_it_when_not_asked(cast, client_for):
    filter_forms._drawn.clear()
    client = client_for(cast.bea)
    asked = client.get(reverse("actions:list"), {"lead_agency": cast.health.pk}).content.decode()
    assert chosen(asked, cast.health)
    plain = client.get(reverse("actions:list")).content.decode()
    assert offered(plain, cast.health) and not chosen(plain, cast.health)
    refused = client.get(reverse("actions:list"), {"lead_agency": "999999"}).content.decode()
    assert "govuk-error-message" in refused and "govuk-error-message" not in plain


def test_a_form_that_is_not_a_get_filter_is_drawn_every_time(cast):
    filter_forms._drawn.clear()
    form = action_filter(cast, None, membership=None).form
    form.helper.form_method = "post"
    assert drawn(form, "filter_form") == drawn(form, "crispy")
    assert not filter_forms._drawn
