"""The partnership's small-number setting: threshold and mode, set by the business manager, refused below 1."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts import services
from accounts.models import Membership, Partnership
from neglect_portal.suppression import Policy

SETTINGS = {
    "name": "Northshire Safeguarding Children Partnership",
    "board_name": "Northshire Executive",
    "steering_group_name": "Neglect Group",
    "reminder_working_days": "10",
    "report_send_working_days": "15",
    "time_zone": "Europe/London",
    "bank_holiday_region": "ENG",
}


def test_a_new_partnership_suppresses_counts_under_five(cast):
    assert cast.partnership.suppression == Policy(5, "suppress")


def test_the_business_manager_chooses_the_threshold_and_mode(cast, client_for):
    client = client_for(cast.alice)
    page = client.get(reverse("settings:partnership")).content.decode()
    assert "Small-number threshold" in page and "Round every count to the nearest 5" in page
    data = {**SETTINGS, "suppression_threshold": "7", "suppression_mode": "round"}
    assert client.post(reverse("settings:partnership"), data).status_code == 302
    assert Partnership.objects.get(pk=cast.partnership.pk).suppression == Policy(7, "round")


@pytest.mark.parametrize(
    ("threshold", "message"),
    [
        ("0", "The small-number threshold must be 1 or more"),
        ("-3", "The small-number threshold must be 1 or more"),
        ("five", "The small-number threshold must be a whole number"),
    ],
)
def test_a_threshold_below_one_or_not_a_number_is_refused_on_its_field(cast, client_for, threshold, message):
    data = {**SETTINGS, "suppression_threshold": threshold, "suppression_mode": "show"}
    response = client_for(cast.alice).post(reverse("settings:partnership"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and 'href="#id_suppression_threshold"' in page  # in the error summary, on its field
    assert Partnership.objects.get(pk=cast.partnership.pk).suppression == Policy(5, "suppress")


def test_an_unknown_mode_is_refused(cast, client_for):
    data = {**SETTINGS, "suppression_threshold": "5", "suppression_mode": "blur"}
    assert (
        "Select a valid choice" in client_for(cast.alice).post(reverse("settings:partnership"), data).content.decode()
    )
    assert Partnership.objects.get(pk=cast.partnership.pk).suppression_mode == "suppress"


def test_the_service_refuses_a_threshold_below_one_and_anyone_but_the_business_manager(cast):
    admin = Membership.objects.get(user=cast.alice, partnership=cast.partnership)
    with pytest.raises(ValidationError, match="1 or more"):
        services.partnership_update(admin, cast.partnership, suppression_threshold=0)
    steering = Membership.objects.get(user=cast.steve, partnership=cast.partnership)
    with pytest.raises(PermissionDenied):
        services.partnership_update(steering, cast.partnership, suppression_mode="show")
    assert Partnership.objects.get(pk=cast.partnership.pk).suppression == Policy(5, "suppress")


def test_other_roles_cannot_open_the_setting(cast, client_for):
    assert client_for(cast.bea).get(reverse("settings:partnership")).status_code == 403
