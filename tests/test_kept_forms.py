"""A filter panel or an empty comment box is drawn once for each state (``{% kept_form %}``): it is exactly what
crispy-forms-gds draws, with the page's own CSRF token, and it shows every change (a new or renamed agency, what
was asked, an error) at once."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from actions.filters import ActionTableFilter
from actions.forms import CommentForm
from actions.models import Action
from audits.filters import AuditFilter, RecommendationFilter
from audits.models import Audit, Recommendation
from neglect_portal.templatetags import kept_forms
from priorities.models import Priority
from tests import factories as f


def drawn(form, tag):
    return Template(f"{{% load crispy_forms_tags kept_forms %}}{{% {tag} form %}}").render(Context({"form": form}))


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
    kept_forms._drawn.clear()
    forms = [
        lambda: action_filter(cast, data, membership=cast.bea.memberships.get()).form,
        lambda: RecommendationFilter(data, queryset=Recommendation.objects.all(), partnership=cast.partnership).form,
        lambda: AuditFilter(data, queryset=Audit.objects.all(), years=[]).form,
    ]
    for make in forms:
        expected = drawn(make(), "crispy")
        assert drawn(make(), "kept_form") == expected  # drawn
        assert drawn(make(), "kept_form") == expected  # kept
    assert len(kept_forms._drawn) == len(forms)


def offered(page, agency):
    return re.search(rf'name="lead_agency"[^>]*value="{agency.pk}"', page) and agency.name in page


def chosen(page, agency):
    return re.search(rf'name="lead_agency"[^>]*value="{agency.pk}"\s*checked', page)


def test_a_new_or_renamed_agency_is_offered_in_the_filter_at_once(cast, client_for):
    kept_forms._drawn.clear()
    client = client_for(cast.bea)
    assert "Northshire Fire" not in client.get(reverse("actions:list")).content.decode()
    fire = f.AgencyFactory(partnership=cast.partnership, name="Northshire Fire")
    assert offered(client.get(reverse("actions:list")).content.decode(), fire)
    fire.name = "Northshire Fire and Rescue"
    fire.save()
    assert offered(client.get(reverse("actions:list")).content.decode(), fire)


def test_the_filter_shows_what_was_asked_and_forgets_it_when_not_asked(cast, client_for):
    kept_forms._drawn.clear()
    client = client_for(cast.bea)
    asked = client.get(reverse("actions:list"), {"lead_agency": cast.health.pk}).content.decode()
    assert chosen(asked, cast.health)
    plain = client.get(reverse("actions:list")).content.decode()
    assert offered(plain, cast.health) and not chosen(plain, cast.health)
    refused = client.get(reverse("actions:list"), {"lead_agency": "999999"}).content.decode()
    assert "govuk-error-message" in refused and "govuk-error-message" not in plain


def test_a_comment_box_is_kept_empty_with_each_pages_own_csrf_token(cast, client_for):
    kept_forms._drawn.clear()
    form = CommentForm(action_url="/actions/1/comments/new/")
    token = Context({"form": form, "csrf_token": "a-token-of-this-page"})
    template = "{% load crispy_forms_tags kept_forms %}{% TAG form %}"
    expected = Template(template.replace("TAG", "crispy")).render(token)
    assert Template(template.replace("TAG", "kept_form")).render(token) == expected
    assert 'value="a-token-of-this-page"' in expected and len(kept_forms._drawn) == 1
    for _ in range(2):  # drawn, then kept: each time with the token of the page, as its sign-out form has
        page = client_for(cast.steve).get(reverse("actions:detail", args=[cast.a21.pk])).content.decode()
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="(\w+)"', page)
        assert len(tokens) == 2 and tokens[0] == tokens[1]
        assert "Add the comment" in page and kept_forms._TOKEN not in page


def test_a_form_holding_typed_text_is_drawn_every_time_and_never_kept(cast):
    kept_forms._drawn.clear()
    form = CommentForm({"text": "Who leads the training in March?"}, action_url="/actions/1/comments/new/")
    assert drawn(form, "kept_form") == drawn(form, "crispy")
    assert "Who leads the training in March?" in drawn(form, "kept_form")
    assert not kept_forms._drawn
