"""Adding and changing indicator definitions: GOV.UK forms with a message for every field."""

from decimal import Decimal

import pytest
from django.urls import reverse

from outcomes.models import Indicator
from tests.outcomes.helpers import indicator_data, text

pytestmark = pytest.mark.usefixtures("today")


def test_a_steering_group_member_adds_an_indicator_and_lands_on_its_page(cast, framework, client_for):
    client = client_for(cast.steve)
    data = indicator_data(
        code=" EH-1 ",
        definition="Families offered early help in the quarter.",
        unit="percentage",
        source_agency=cast.council.pk,
        priority=cast.p2.pk,
        baseline="40",
        target="60.5",
        amber_tolerance="5",
    )
    response = client.post(reverse("outcomes:indicator_create"), data)
    indicator = Indicator.objects.get(code="EH-1")
    assert response.status_code == 302 and response.url == reverse("outcomes:indicator", args=[indicator.pk])
    assert indicator.partnership == cast.partnership and indicator.priority == cast.p2
    assert (indicator.target, indicator.amber_tolerance, indicator.is_active) == (Decimal("60.5"), 5, True)
    assert indicator.history.get().history_user == cast.steve
    page = text(client.get(response.url))
    assert "EH-1 has been added." in page and "Target 60.5%" in page


def test_changing_an_indicator_keeps_who_changed_what(cast, framework, client_for):
    client = client_for(cast.alice)
    url = reverse("outcomes:indicator_update", args=[framework.training.pk])
    html = client.get(url).content.decode()
    assert 'value="TR-1"' in html and 'value="75.00"' in html
    data = indicator_data(code="TR-1", name="Practitioners trained", source_agency=cast.health.pk, target="80")
    response = client.post(url, data)
    assert response.status_code == 302
    framework.training.refresh_from_db()
    assert (framework.training.name, framework.training.target) == ("Practitioners trained", 80)
    latest = framework.training.history.latest()
    assert latest.history_user == cast.alice
    assert "Name: Practitioners trained in neglect → Practitioners trained" in text(client.get(response.url))


def test_saving_an_unchanged_indicator_adds_no_history(cast, framework, client_for):
    training = framework.training
    data = indicator_data(
        code="TR-1",
        name=training.name,
        definition=training.definition,
        source_agency=cast.health.pk,
        priority=cast.p1.pk,
        target="75",
        amber_tolerance="15",
    )
    before = training.history.count()
    response = client_for(cast.steve).post(reverse("outcomes:indicator_update", args=[training.pk]), data)
    assert response.status_code == 302 and training.history.count() == before


def test_an_inactive_indicator_leaves_the_scorecard_and_can_be_made_active_again(cast, framework, client_for):
    client = client_for(cast.steve)
    url = reverse("outcomes:indicator_update", args=[framework.training.pk])
    base = {"code": "TR-1", "name": "Practitioners trained in neglect", "source_agency": cast.health.pk}
    client.post(url, indicator_data(**base, is_active=""))
    assert "Practitioners trained in neglect" not in text(client.get(reverse("outcomes:scorecard")))
    listing = text(client.get(reverse("outcomes:indicators")))
    assert "Practitioners trained in neglect" in listing and "Inactive" in listing
    client.post(url, indicator_data(**base))
    assert "Practitioners trained in neglect" in text(client.get(reverse("outcomes:scorecard")))


def test_a_code_already_used_in_the_partnership_is_refused_whatever_its_case(cast, framework, client_for):
    response = client_for(cast.steve).post(reverse("outcomes:indicator_create"), indicator_data(code="tr-1"))
    assert response.status_code == 200
    assert "The partnership already has an indicator with the code tr-1" in text(response)
    assert not Indicator.objects.filter(code="tr-1").exists()


def test_a_code_used_only_by_another_partnership_is_free(cast, framework, client_for):
    response = client_for(cast.steve).post(reverse("outcomes:indicator_create"), indicator_data(code="SOUTH-1"))
    assert response.status_code == 302
    assert Indicator.objects.filter(code="SOUTH-1").count() == 2


def test_an_empty_form_says_what_each_field_needs(cast, client_for):
    response = client_for(cast.steve).post(reverse("outcomes:indicator_create"), {})
    page = text(response)
    for message in [
        "Enter the indicator's code, for example HAL-03",
        "Enter the indicator's name",
        "Choose the question the indicator answers",
        "Choose the unit",
        "Choose whether higher or lower is better",
        "Choose how often the indicator is measured",
    ]:
        assert page.count(message) == 2, message  # once in the error summary, once by the field
    assert "This field is required" not in page
    assert 'href="#id_code"' in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("target", "lots", "Enter the target as a number, like 75 or 51.8"),
        ("baseline", "1.234", "Give the baseline with no more than 2 decimal places"),
        ("amber_tolerance", "-5", "The amber tolerance cannot be negative"),
        ("target", "99999999999", "Enter a target smaller than 10 billion"),
        ("code", "X" * 21, "The code must be 20 characters or fewer"),
    ],
)
def test_a_bad_number_or_code_is_explained_and_nothing_is_saved(cast, framework, client_for, field, value, message):
    before = list(Indicator.objects.values())
    response = client_for(cast.steve).post(reverse("outcomes:indicator_create"), indicator_data(**{field: value}))
    assert response.status_code == 200 and message in text(response)
    assert list(Indicator.objects.values()) == before


def test_an_agency_or_priority_of_another_partnership_cannot_be_chosen(cast, framework, client_for):
    data = indicator_data(source_agency=cast.other_agency.pk, priority=cast.other_priority.pk)
    response = client_for(cast.steve).post(reverse("outcomes:indicator_create"), data)
    assert response.status_code == 200
    assert not Indicator.objects.filter(code="NEW-1").exists()
    assert text(response).count("Select a valid choice") == 0
    html = response.content.decode()
    assert "Southshire Council" not in html and "Choose an agency from the list" in html
    assert "Choose a priority from the list" in html
