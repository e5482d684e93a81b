"""Comparator figures (England, region, statistical neighbours) entered on the indicator page.

The pages are looked at on 23 November 2026; TR-1's latest value is for 2026/27 Q2 (ended
30 September 2026), so a comparator figure for a period that ended before 30 September 2024 is
older than two years.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from outcomes import comparator_services as services
from outcomes.comparator_services import ComparatorInput
from outcomes.models import ComparatorKind, ComparatorValue
from tests import factories as f
from tests.outcomes.helpers import text

pytestmark = pytest.mark.usefixtures("today")


def membership(user):
    return user.memberships.get()


def form_data(**overrides):
    return {
        "kind": "england",
        "name": "",
        "period": "2025/26",
        "value": "41.5",
        "source": "DfE Characteristics of children in need 2025/26",
        "published_0": "30",
        "published_1": "10",
        "published_2": "2026",
        **overrides,
    }


def test_a_steering_group_member_adds_an_england_figure_and_the_indicator_page_shows_it(cast, framework, client_for):
    client = client_for(cast.steve)
    url = reverse("outcomes:comparator_create", args=[framework.training.pk])
    response = client.post(url, form_data())
    assert response.status_code == 302
    saved = ComparatorValue.objects.get()
    assert (saved.kind, saved.period, saved.value, saved.entered_by) == (
        "england",
        "2025/26",
        Decimal("41.5"),
        cast.steve,
    )
    assert saved.published == datetime.date(2026, 10, 30)

    page = text(client.get(reverse("outcomes:indicator", args=[framework.training.pk])))
    assert "Compared with England and neighbours" in page
    assert "England, newest first" in page
    assert "2025/26 41.5 DfE Characteristics of children in need 2025/26 30 October 2026" in page
    assert "41.5 Older than two years" not in page


def test_the_indicator_page_marks_a_figure_older_than_two_years_and_draws_the_comparators(cast, framework, client_for):
    indicator = framework.training
    f.ComparatorValueFactory(
        indicator=indicator, period="2023/24", value=Decimal("38"), published=datetime.date(2024, 10, 31)
    )
    f.ComparatorValueFactory(indicator=indicator, period="2026/27 Q2", value=Decimal("80"))
    f.ComparatorValueFactory(
        indicator=indicator, kind=ComparatorKind.NEIGHBOUR, name="Sandwell", period="2026/27 Q1", value=Decimal("66")
    )
    response = client_for(cast.bea).get(reverse("outcomes:indicator", args=[indicator.pk]))
    page = text(response)
    assert "2023/24 38 Older than two years" in page  # ended 31 March 2024, before 30 September 2024
    assert "2026/27 Q2 80 DfE" in page
    assert "Sandwell, newest first" in page and "2026/27 Q1 66 DfE" in page
    assert "Comparators drawn beside it: England, Sandwell." in response.content.decode()
    # A board member reads the figures and changes none of them.
    assert "Add a comparator figure" not in page and reverse("outcomes:comparator_create", args=[indicator.pk]) not in (
        response.content.decode()
    )


def test_an_illustrative_figure_is_marked_as_such_on_the_indicator_page(cast, framework, client_for):
    f.ComparatorValueFactory(indicator=framework.training, period="2025/26", is_illustrative=True)
    page = text(client_for(cast.alice).get(reverse("outcomes:indicator", args=[framework.training.pk])))
    assert "2025/26 42.1 Illustrative" in page


def test_a_bad_figure_is_refused_with_a_message_at_each_field_and_nothing_is_saved(cast, framework, client_for):
    url = reverse("outcomes:comparator_create", args=[framework.training.pk])
    response = client_for(cast.alice).post(
        url,
        form_data(
            kind="neighbour", name="", period="2025/26 Q7", value="lots", source="", published_0="31", published_1="2"
        ),
    )
    assert response.status_code == 200
    page = text(response)
    assert "Enter the neighbouring area's name, like Sandwell" in page
    assert "is not a period" in page
    assert "Enter the value as a number, like 42.1" in page
    assert "Enter the source" in page
    assert "Publication date must be a real date" in page
    assert not ComparatorValue.objects.exists()


def test_a_figure_cannot_be_published_before_its_period_ends_nor_be_for_a_period_not_ended(cast, framework):
    steve = membership(cast.steve)
    early = ComparatorInput(framework.training, "england", "", "2025/26", "40", "DfE", datetime.date(2026, 1, 5))
    with pytest.raises(ValidationError) as refused:
        services.comparator_value_add(steve, early)
    assert refused.value.message_dict["published"] == [
        "A figure for 2025/26 cannot be published before it ends (31 March 2026)"
    ]
    running = ComparatorInput(framework.training, "england", "", "2026/27 Q3", "40", "DfE", datetime.date(2026, 11, 1))
    with pytest.raises(ValidationError) as refused:
        services.comparator_value_add(steve, running)
    assert "2026/27 Q3 has not ended yet" in refused.value.message_dict["period"][0]


def test_a_second_figure_for_the_same_series_and_period_is_refused_on_the_form(cast, framework, client_for):
    f.ComparatorValueFactory(indicator=framework.training, period="2025/26")
    response = client_for(cast.alice).post(
        reverse("outcomes:comparator_create", args=[framework.training.pk]), form_data()
    )
    assert "England already has a figure for 2025/26: correct that one instead" in text(response)
    assert ComparatorValue.objects.count() == 1


def test_correcting_a_figure_keeps_its_history_and_withdrawing_it_takes_it_off_the_page(cast, framework, client_for):
    figure = f.ComparatorValueFactory(indicator=framework.training, period="2025/26")
    client = client_for(cast.alice)
    update = reverse("outcomes:comparator_update", args=[figure.pk])
    assert 'value="42.1"' in client.get(update).content.decode()
    response = client.post(update, form_data(value="43", version=figure.version))
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.value == Decimal("43") and figure.history.count() == 2

    response = client.post(reverse("outcomes:comparator_withdraw", args=[figure.pk]), {"reason": "Wrong table"})
    assert response.status_code == 302
    page = text(client.get(reverse("outcomes:indicator", args=[framework.training.pk])))
    assert "No comparator figures yet." in page
    assert "Withdrawn comparator figures" in page and "Wrong table" in page


@pytest.mark.parametrize("who", ["sam", "lee", "bea"])
def test_only_those_who_may_change_the_indicator_may_add_correct_or_withdraw_its_comparators(
    cast, framework, client_for, who
):
    figure = f.ComparatorValueFactory(indicator=framework.training, period="2025/26")
    client = client_for(getattr(cast, who))
    assert client.get(reverse("outcomes:comparator_create", args=[framework.training.pk])).status_code == 403
    assert (
        client.post(
            reverse("outcomes:comparator_create", args=[framework.training.pk]), form_data(period="2024/25")
        ).status_code
        == 403
    )
    assert client.post(reverse("outcomes:comparator_update", args=[figure.pk]), form_data(value="1")).status_code == 403
    assert client.post(reverse("outcomes:comparator_withdraw", args=[figure.pk]), {"reason": "x"}).status_code == 403
    figure.refresh_from_db()
    assert figure.value == Decimal("42.1") and not figure.is_withdrawn
    assert ComparatorValue.objects.count() == 1


def test_another_partnerships_indicator_and_figures_are_not_found(cast, framework, client_for):
    theirs = f.ComparatorValueFactory(indicator=framework.south, period="2025/26")
    client = client_for(cast.alice)
    assert client.get(reverse("outcomes:comparator_create", args=[framework.south.pk])).status_code == 404
    assert client.post(reverse("outcomes:comparator_create", args=[framework.south.pk]), form_data()).status_code == 404
    assert client.post(reverse("outcomes:comparator_update", args=[theirs.pk]), form_data(value="1")).status_code == 404
    assert client.post(reverse("outcomes:comparator_withdraw", args=[theirs.pk]), {"reason": "x"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.value == Decimal("42.1") and not theirs.is_withdrawn
    with pytest.raises(PermissionDenied):
        services.comparator_value_withdraw(membership(cast.alice), theirs, "Not ours")


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("England", ("england", "")),
        ("statistical neighbours’ average", ("neighbours", "")),
        ("Neighbours", ("neighbours", "")),
        ("Region: West Midlands", ("region", "West Midlands")),
        ("Region", ("region", "")),
        ("neighbour: Sandwell", ("neighbour", "Sandwell")),
    ],
)
def test_the_comparator_names_people_write_are_read(written, read):
    assert services.comparator_read(written) == read


@pytest.mark.parametrize("written", ["Wales", "Neighbour:", "Neighbour", "", "Mars: Olympus"])
def test_an_unknown_comparator_name_is_refused_saying_what_is_allowed(written):
    with pytest.raises(ValueError, match="England, Statistical neighbours, Region"):
        services.comparator_read(written)
