"""Every role × every outcomes page × read and write.

Reads: every member of Northshire reads the scorecard, the indicator list and
every indicator page (inactive ones too); Charlie, of Southshire, gets 404 for
Northshire's indicators and never sees their names. Writes follow
``accounts.access``: plan editors define indicators; plan editors and the
supplying agency's sponsors and leads enter values; board members change
nothing. A denied write answers 403 (404 across partnerships) and changes nothing.
"""

import pytest
from django.urls import reverse

from outcomes.models import Indicator, Measurement
from tests.outcomes.helpers import indicator_data

pytestmark = pytest.mark.usefixtures("today")

ROLES = ["alice", "steve", "sam", "lee", "bea", "charlie"]
QUARTER = "?quarter=2026/27+Q2"


def snapshot():
    """Every row an outcomes write could touch, and the history kept of them."""
    return {
        "indicators": list(Indicator.objects.order_by("pk").values()),
        "measurements": list(Measurement.objects.order_by("pk").values()),
        "indicator_history": Indicator.history.count(),
        "measurement_history": Measurement.history.count(),
    }


def northshire_snapshot():
    return {
        "indicators": list(Indicator.objects.filter(partnership__slug="northshire").order_by("pk").values()),
        "measurements": list(
            Measurement.objects.filter(indicator__partnership__slug="northshire").order_by("pk").values()
        ),
    }


READ_PAGES = {
    "scorecard": lambda c, fw: reverse("outcomes:scorecard"),
    "indicator list": lambda c, fw: reverse("outcomes:indicators"),
    "indicator TR-1": lambda c, fw: reverse("outcomes:indicator", args=[fw.training.pk]),
    "inactive indicator OLD-1": lambda c, fw: reverse("outcomes:indicator", args=[fw.retired.pk]),
}
OBJECT_PAGES = {"indicator TR-1", "inactive indicator OLD-1"}

# Who may open each form (GET) and submit it (POST): 200 allowed, 403 denied, 404 other partnership.
WRITE_EXPECTED = {
    "add indicator": {"alice": 200, "steve": 200, "sam": 403, "lee": 403, "bea": 403, "charlie": 200},
    "change TR-1": {"alice": 200, "steve": 200, "sam": 403, "lee": 403, "bea": 403, "charlie": 404},
    "value of TR-1 (health)": {"alice": 200, "steve": 200, "sam": 200, "lee": 403, "bea": 403, "charlie": 404},
    "value of SC-1 (council)": {"alice": 200, "steve": 200, "sam": 403, "lee": 200, "bea": 403, "charlie": 404},
    "quarter entry": {"alice": 200, "steve": 200, "sam": 200, "lee": 200, "bea": 403, "charlie": 200},
}


def write_request(cast, fw, form):
    """The form's address and a good submission of it."""
    if form == "add indicator":
        return reverse("outcomes:indicator_create"), indicator_data()
    if form == "change TR-1":
        data = indicator_data(code="TR-1", name="Renamed", source_agency=cast.health.pk, target="75")
        return reverse("outcomes:indicator_update", args=[fw.training.pk]), data
    if form.startswith("value of"):
        indicator = fw.training if "TR-1" in form else fw.screening
        url = reverse("outcomes:measurement_record", args=[indicator.pk])
        return url, {"period": "2026/27 Q1", "value": "60", "note": "Corrected from the register."}
    data = {f"i{fw.training.pk}-value": "91", f"i{fw.screening.pk}-value": "55"}
    return reverse("outcomes:quarter_entry") + QUARTER, data


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(READ_PAGES))
def test_every_member_reads_their_partnerships_outcomes_and_no_one_elses(cast, framework, client_for, role, page):
    response = client_for(getattr(cast, role)).get(READ_PAGES[page](cast, framework))
    if role == "charlie" and page in OBJECT_PAGES:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert ("Practitioners trained in neglect" in html) == (role != "charlie" and page != "inactive indicator OLD-1")
    assert ("Southshire secret measure" in html) == (role == "charlie")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("form", list(WRITE_EXPECTED))
def test_the_outcomes_forms_open_only_for_those_allowed_to_write(cast, framework, client_for, role, form):
    url, _ = write_request(cast, framework, form)
    assert client_for(getattr(cast, role)).get(url).status_code == WRITE_EXPECTED[form][role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("form", list(WRITE_EXPECTED))
def test_an_outcomes_write_succeeds_only_when_allowed_and_a_denied_one_changes_nothing(
    cast, framework, client_for, role, form
):
    url, data = write_request(cast, framework, form)
    before, northshire_before = snapshot(), northshire_snapshot()
    response = client_for(getattr(cast, role)).post(url, data)
    expected = WRITE_EXPECTED[form][role]
    if role == "charlie" and expected == 200:
        # His own partnership's form: whatever he posts, nothing of Northshire's changes.
        assert response.status_code == 302
        assert northshire_snapshot() == northshire_before
    elif expected == 200:
        assert response.status_code == 302
        assert snapshot() != before
    else:
        assert response.status_code == expected
        assert snapshot() == before


def test_the_scorecard_offers_each_member_only_the_links_they_may_follow(cast, framework, client_for):
    def links(user):
        html = client_for(user).get(reverse("outcomes:scorecard")).content.decode()
        return ("Add an indicator" in html, "Enter a quarter's values" in html)

    assert links(cast.steve) == (True, True)
    assert links(cast.sam) == (False, True)
    assert links(cast.lee) == (False, True)
    assert links(cast.bea) == (False, False)


def test_the_indicator_page_offers_each_member_only_the_buttons_they_may_use(cast, framework, client_for):
    url = reverse("outcomes:indicator", args=[framework.training.pk])

    def buttons(user):
        html = client_for(user).get(url).content.decode()
        return ("Enter or correct a value" in html, "Change the indicator" in html)

    assert buttons(cast.alice) == (True, True)
    assert buttons(cast.sam) == (True, False)  # health supplies TR-1
    assert buttons(cast.lee) == (False, False)  # the council does not
    assert buttons(cast.bea) == (False, False)
