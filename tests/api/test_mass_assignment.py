"""No request can point an object at another partnership's objects (mass assignment), read from the schema.

Every writable field of every write operation in the OpenAPI schema that names another
object is found by reading the operation's request serializer, and tried with another
partnership's object: one of a partnership Alice also belongs to (as a lead in Southshire,
the case of a person who is admin in one partnership and lead in another) and one of a
partnership she does not belong to (Westshire). Each is refused with a 400 that names the
field, and nothing in the database changes; the same request naming Northshire's own
object then succeeds, so the refusal was for that field alone.

A new write operation or a new related field fails :func:`test_every_write_operation_is_in_the_table`
until it is given a row in ``tests.api.writes.REQUESTS``.
"""

import pytest

from tests.api.writes import REQUESTS, WRITE_OPERATIONS, everything, send, writes_world

# The field of an operation that decides which partnership a new object belongs to: there only a
# partnership Alice does not belong to is tried.
PARENTS = {
    ("POST", "/api/v1/actions/"): "priority",
    ("POST", "/api/v1/audits/"): "partnership",
    ("POST", "/api/v1/comparators/"): "indicator",
    ("POST", "/api/v1/findings/"): "audit",
    ("POST", "/api/v1/indicators/"): "partnership",
    ("POST", "/api/v1/measurements/"): "indicator",
    ("POST", "/api/v1/measurements/bulk/"): "partnership",
    ("POST", "/api/v1/priorities/"): "strategy",
    ("POST", "/api/v1/progress-updates/"): "action",
    ("POST", "/api/v1/recommendations/"): "audit",
    ("POST", "/api/v1/strategies/"): "partnership",
}


CASES = [
    pytest.param(op.method, op.path, op.naming, id=f"{op.method} {op.path}") for op in WRITE_OPERATIONS if op.naming
]


@pytest.fixture
def world(cast):
    return writes_world(cast)


def test_every_write_operation_is_in_the_table():
    missing = [(op.method, op.path) for op in WRITE_OPERATIONS if (op.method, op.path) not in REQUESTS]
    assert not missing, f"Add these write operations to tests.api.writes.REQUESTS: {missing}"
    assert sum(len(op.naming) for op in WRITE_OPERATIONS) >= 30  # the schema was read, not skipped


@pytest.mark.parametrize(("method", "path", "naming"), CASES)
def test_another_partnerships_object_is_refused_on_its_field_and_changes_nothing(world, api_for, method, path, naming):
    address, payload = REQUESTS[(method, path)](world)
    client = api_for(world.cast.alice)
    before = everything()

    for field, (model, many) in naming.items():
        # Naming a partnership of hers where a new object's partnership is chosen is a choice, refused only by role.
        partnerships = ["westshire"] if PARENTS.get((method, path)) == field else ["southshire", "westshire"]
        for whose in partnerships:
            foreign = getattr(world, whose)[model]
            response = send(client, method, address, {**payload, field: [foreign.pk] if many else foreign.pk})

            assert response.status_code == 400, (field, whose, response.content)
            assert field in response.json(), (field, whose, response.json())
            assert everything() == before

    # The same request naming Northshire's own objects succeeds: the refusals were for those fields alone.
    own = {field: [world.own[model].pk] if many else world.own[model].pk for field, (model, many) in naming.items()}
    response = send(client, method, address, {**payload, **own})
    assert response.status_code in (200, 201), response.content


def test_a_pushed_value_naming_another_partnerships_indicator_code_is_refused(world, api_for):
    client = api_for(world.cast.alice)
    before = everything()
    push = {"partnership": world.cast.partnership.pk, "period": "2026/27 Q2", "measurements": [{"indicator": "SOU-01"}]}
    push["measurements"][0]["value"] = 9
    response = client.post("/api/v1/measurements/bulk/", push, format="json")

    assert response.status_code == 400
    assert "indicator" in response.json()["measurements"]["0"]
    assert everything() == before
