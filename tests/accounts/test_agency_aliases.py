"""Other names of agencies: added and removed in the settings, read by the imports, kept to one partnership."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts import selectors, services
from accounts.models import AgencyAlias
from tests import factories as f

PAGE = reverse("settings:agency_aliases")


def test_the_business_manager_adds_an_other_name_and_the_imports_read_it_as_the_agency(cast, client_for):
    client = client_for(cast.alice)
    assert 'href="/settings/agencies/other-names/"' in client.get(reverse("settings:agencies")).content.decode()

    response = client.post(PAGE, {"name": " wmp ", "agency": cast.police.pk})

    assert response.status_code == 302
    page = client.get(PAGE).content.decode()
    assert "“wmp” now means Northshire Police in imports." in page
    assert '<td class="govuk-table__cell">wmp</td>' in page
    lookup = selectors.agency_lookup(cast.partnership)
    assert lookup["wmp"] == cast.police and lookup["northshire police"] == cast.police


def test_a_name_an_agency_already_has_or_an_other_name_already_taken_is_refused_on_the_field(cast, client_for):
    client = client_for(cast.alice)
    client.post(PAGE, {"name": "NP", "agency": cast.police.pk})

    taken = client.post(PAGE, {"name": "n.p.", "agency": cast.council.pk}).content.decode()
    own = client.post(PAGE, {"name": "NORTHSHIRE  council", "agency": cast.police.pk}).content.decode()
    empty = client.post(PAGE, {"name": "", "agency": cast.police.pk}).content.decode()

    assert "“n.p.” already means Northshire Police" in taken
    assert "“NORTHSHIRE council” is already the name of Northshire Council" in own
    assert "Enter the other name, for example WMP" in empty
    assert list(AgencyAlias.objects.values_list("name", "agency")) == [("NP", cast.police.pk)]


def test_another_partnerships_agency_cannot_be_chosen_and_its_names_are_not_read(cast, client_for):
    response = client_for(cast.alice).post(PAGE, {"name": "SP", "agency": cast.other_agency.pk})
    assert "Choose one of the partnership&#x27;s current agencies" in response.content.decode()
    AgencyAlias.objects.create(partnership=cast.other, agency=cast.other_agency, name="NP")
    assert "np" not in selectors.agency_lookup(cast.partnership)
    assert not AgencyAlias.objects.filter(partnership=cast.partnership).exists()


def test_the_business_manager_removes_an_other_name_and_another_partnerships_answers_404(cast, client_for):
    alias = services.agency_alias_add(cast.alice.memberships.get(), agency=cast.health, name="CCG")
    theirs = AgencyAlias.objects.create(partnership=cast.other, agency=cast.other_agency, name="SCC")
    client = client_for(cast.alice)

    assert client.post(PAGE, {"remove": theirs.pk}).status_code == 404
    assert client.post(PAGE, {"remove": "not a number"}).status_code == 404
    assert client.post(PAGE, {"remove": alias.pk}).status_code == 302

    assert list(AgencyAlias.objects.values_list("name", flat=True)) == ["SCC"]
    assert "“CCG” no longer means Northshire ICB." in client.get(PAGE).content.decode()


@pytest.mark.parametrize("who", ["steve", "sam", "lee", "bea"])
def test_only_the_business_manager_sees_or_changes_the_settings_page(cast, client_for, who):
    alias = services.agency_alias_add(cast.alice.memberships.get(), agency=cast.health, name="CCG")
    client = client_for(getattr(cast, who))
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"name": "WMP", "agency": cast.police.pk}).status_code == 403
    assert client.post(PAGE, {"remove": alias.pk}).status_code == 403
    assert list(AgencyAlias.objects.values_list("name", flat=True)) == ["CCG"]


def test_the_steering_group_may_name_an_agency_when_importing_and_a_lead_may_not(cast):
    services.agency_alias_add(cast.steve.memberships.get(), agency=cast.police, name="WMP")
    with pytest.raises(PermissionDenied):
        services.agency_alias_add(cast.lee.memberships.get(), agency=cast.police, name="Police")
    with pytest.raises(PermissionDenied):
        services.agency_alias_add(cast.steve.memberships.get(), agency=cast.other_agency, name="SP")
    with pytest.raises(ValidationError):
        services.agency_alias_add(cast.steve.memberships.get(), agency=cast.police, name="NHS 943 476 5919")
    assert list(AgencyAlias.objects.values_list("name", flat=True)) == ["WMP"]


def test_a_name_without_its_bracketed_part_is_read_unless_two_agencies_share_it(cast):
    council = f.AgencyFactory(partnership=cast.partnership, name="Walsall Council (Children's Services)")
    lookup = selectors.agency_lookup(cast.partnership)
    assert lookup["walsall council"] == council
    f.AgencyFactory(partnership=cast.partnership, name="Walsall Council (Public Health)")
    lookup = selectors.agency_lookup(cast.partnership)
    assert "walsall council" not in lookup
    assert lookup["walsall council public health"].name == "Walsall Council (Public Health)"
