"""No request ends in a server error: every list page given nonsense in its query string answers 200 or 400."""

import pytest
from django.urls import reverse

NONSENSE = {
    "priority": "99999999999999999999999999",
    "status": "%(x)s",
    "lead_agency": "-1",
    "owner_agency": "2.5",
    "kind": "<script>",
    "year": "99999999999999999999",
    "as_at": "100% wrong",
    "quarter": "2026/27 Q9",
    "agency": "all%",
    "overdue": "maybe",
    "without_action": "2",
    "no_update": "x",
    "sort": "'; DROP TABLE",
    "page": "99999999999999999999",
}

PAGES = [
    "accounts:home",
    "priorities:list",
    "actions:list",
    "actions:mine",
    "outcomes:scorecard",
    "outcomes:indicators",
    "outcomes:quarter_entry",
    "audits:list",
    "audits:tracker",
    "audits:tracker_export",
    "reports:archive",
    "reports:reminders",
    "spreadsheets:index",
    "spreadsheets:action_plan_export",
    "spreadsheets:scorecard_export",
]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("role", ["alice", "bea"])
def test_a_page_given_nonsense_parameters_answers_without_a_server_error(cast, client_for, name, role):
    response = client_for(getattr(cast, role)).get(reverse(name), NONSENSE)
    assert response.status_code in (200, 400, 403, 404)


@pytest.mark.parametrize("name", PAGES)
def test_a_page_given_each_nonsense_parameter_alone_answers_without_a_server_error(cast, client_for, name):
    client = client_for(cast.steve)
    for key, value in NONSENSE.items():
        assert client.get(reverse(name), {key: value}).status_code in (200, 400, 403, 404), key


HUGE = "99999999999999999999999999"


def forms_with_numbers(cast):
    """(URL, the fields of its form that hold numbers)."""
    return [
        (reverse("audits:create"), ["case_count", "grade_good", "grade_outstanding"]),
        (reverse("priorities:create", args=[cast.strategy.pk]), ["number", "sponsor_agency", "sponsor_lead"]),
        (reverse("outcomes:indicator_create"), ["baseline", "target", "amber_tolerance", "priority", "source_agency"]),
        (reverse("actions:create", args=[cast.p1.pk]), ["lead_agency", "lead", "start_date_0", "due_date_2"]),
    ]


def test_forms_given_enormous_numbers_show_errors_without_a_server_error(cast, client_for):
    client = client_for(cast.alice)
    for url, fields in forms_with_numbers(cast):
        response = client.post(url, dict.fromkeys(fields, HUGE))
        assert response.status_code == 200, url
        assert "govuk-error-summary" in response.content.decode(), url
