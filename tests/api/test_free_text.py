"""Every free-text field the API accepts refuses text that could identify a child, read from the schema."""

import pytest

from neglect_portal.child_identifiers import DATE_OF_BIRTH_MESSAGE, NHS_NUMBER_MESSAGE
from tests.api.writes import REQUESTS, WRITE_OPERATIONS, everything, send, writes_world

CASES = [pytest.param(op.method, op.path, op.texts, id=f"{op.method} {op.path}") for op in WRITE_OPERATIONS if op.texts]


@pytest.fixture
def world(cast):
    return writes_world(cast)


def test_the_free_text_of_every_write_was_found():
    assert sum(len(op.texts) for op in WRITE_OPERATIONS) >= 40
    assert "narrative" in next(op.texts for op in WRITE_OPERATIONS if op.path == "/api/v1/progress-updates/")


@pytest.mark.parametrize(("method", "path", "fields"), CASES)
def test_an_nhs_number_in_any_free_text_field_is_a_400_on_that_field_and_changes_nothing(
    world, api_for, method, path, fields
):
    address, payload = REQUESTS[(method, path)](world)
    client = api_for(world.cast.alice)
    before = everything()

    for field in fields:
        response = send(client, method, address, {**payload, field: "Seen at home; NHS no. 943 476 5919"})

        assert response.status_code == 400, (field, response.content)
        assert NHS_NUMBER_MESSAGE in response.json()[field], field
        assert everything() == before


def test_a_date_of_birth_beside_a_name_in_a_progress_update_is_refused(world, api_for):
    response = api_for(world.cast.alice).post(
        "/api/v1/progress-updates/",
        {"action": world.cast.a11.pk, "status": "on_track", "narrative": "Kacey (DOB 03/02/2016) now attends"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"narrative": [DATE_OF_BIRTH_MESSAGE]}


def test_a_pushed_note_holding_an_nhs_number_is_refused_by_entry_and_field(world, api_for):
    client = api_for(world.cast.alice)
    before = everything()
    entry = {"indicator": "NOR-01", "value": 9, "note": "Includes 4857773457"}
    response = client.post(
        "/api/v1/measurements/bulk/",
        {"partnership": world.cast.partnership.pk, "period": "2026/27 Q2", "measurements": [entry]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["measurements"] == {"0": {"note": [NHS_NUMBER_MESSAGE]}}
    assert everything() == before


def test_ordinary_figures_and_phone_numbers_in_text_are_accepted(world, api_for):
    narrative = "73 → 147 → 195 contacts; call 0121 496 0000 or 07700 900123; reviewed 12/03/2026"
    response = api_for(world.cast.alice).post(
        "/api/v1/progress-updates/",
        {"action": world.cast.a11.pk, "status": "on_track", "narrative": narrative},
        format="json",
    )
    assert response.status_code == 201
