"""The audit pages as a steering-group member and an owner use them: forms, errors, links and filters."""

import datetime
import re

import pytest
from django.urls import reverse
from freezegun import freeze_time

from actions.models import Action
from audits.models import Audit, Finding, Recommendation
from tests import factories as f

TODAY = datetime.date(2026, 11, 23)


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _audit_data(**overrides):
    data = {
        "kind": "multi_agency",
        "title": "Neglect in adolescence",
        **_date("completed_on", datetime.date(2026, 9, 30)),
        "scope": "Twelve young people aged 13 to 17.",
        "case_count": "12",
        "grade_good": "6",
        "grade_requires_improvement": "4",
    }
    return {**data, **overrides}


# --- the audit page ---------------------------------------------------------------------------


@freeze_time(TODAY)
def test_the_audit_page_shows_grades_as_a_chart_numbers_and_words(audit_cast, client_for, cast):
    # As the steering group reads them (a board member reads the small counts as [c]: test_grade_suppression.py).
    page = client_for(cast.steve).get(reverse("audits:detail", args=[audit_cast.audit.pk])).content.decode()

    assert "Two thirds of the 12 cases were graded good or outstanding." in page
    assert '<img class="app-chart" src="data:image/svg+xml;base64,' in page
    assert (
        'alt="Bar chart of the grades of the 12 cases: Outstanding 1, Good 7, Requires improvement 3, Inadequate 1."'
        in page
    )
    assert "How the 12 cases were graded" in page and "58%" in page
    assert "Information reached conference." in page and "Few GCP2 assessments on file." in page


@freeze_time(TODAY)
def test_the_audit_page_shows_each_recommendation_with_owner_due_date_status_and_actions(audit_cast, client_for, cast):
    page = client_for(cast.bea).get(reverse("audits:detail", args=[audit_cast.audit.pk])).content.decode()

    start = page.index(f'id="recommendation-{audit_cast.r2.pk}"')
    r2 = page[start : page.index('class="govuk-summary-card"', start)]
    assert "Northshire Council, Lee Example" in r2 and "31 March 2025" in r2
    assert "Overdue" in r2 and "No action yet" in r2
    assert f'href="/actions/{cast.a11.pk}/">P1.1</a> Train health visitors' in page
    assert "On track (Green)" in page
    assert "3 recommendations: 2 open, 0 in progress, 1 completed." in page


def test_the_action_page_links_each_recommendation_to_its_audit(audit_cast, client_for, cast):
    page = client_for(cast.lee).get(reverse("actions:detail", args=[cast.a11.pk])).content.decode()

    assert f'href="/audits/{audit_cast.audit.pk}/#recommendation-{audit_cast.r1.pk}"' in page


def test_the_navigation_has_audits_after_my_actions(cast, client_for):
    page = client_for(cast.bea).get(reverse("audits:list")).content.decode()

    assert page.index("My actions") < page.index('href="/audits/" aria-current="page"')


def test_unknown_audits_answer_404(cast, client_for):
    client = client_for(cast.alice)
    for name in ("audits:detail", "audits:update", "audits:finding_create", "audits:recommendation_status"):
        assert client.get(reverse(name, args=[99999])).status_code == 404


# --- the audit list ---------------------------------------------------------------------------


def test_the_audit_list_filters_by_kind_and_financial_year(audit_cast, client_for, cast):
    f.AuditFactory(
        partnership=cast.partnership, kind=Audit.Kind.INSPECTION, title="JTAI", completed_on=datetime.date(2026, 4, 1)
    )
    client = client_for(cast.bea)

    by_kind = client.get(reverse("audits:list"), {"kind": "inspection"}).content.decode()
    by_year = client.get(reverse("audits:list"), {"year": "2025"}).content.decode()

    assert "JTAI" in by_kind and "Neglect and the toxic trio" not in by_kind
    assert "JTAI" not in by_year and "Neglect and the toxic trio" in by_year
    assert re.search(r'value="2025"\s*>\s*<label[^>]*>\s*2025/26', by_kind)


def test_a_nonsense_filter_shows_the_whole_list_and_never_fails(audit_cast, client_for, cast):
    response = client_for(cast.bea).get(reverse("audits:list"), {"kind": "<script>", "year": "x", "page": "999"})

    assert response.status_code == 200
    assert "Neglect and the toxic trio" in response.content.decode()


def test_the_audit_list_is_paginated(cast, client_for):
    for n in range(25):
        f.AuditFactory(
            partnership=cast.partnership, title=f"Audit number {n:02d}", completed_on=datetime.date(2026, 1, 1)
        )

    first = client_for(cast.bea).get(reverse("audits:list")).content.decode()
    second = client_for(cast.bea).get(reverse("audits:list"), {"page": 2}).content.decode()

    assert first.count("Audit number") == 20 and second.count("Audit number") == 5
    assert 'aria-label="Pagination"' in first


# --- adding and changing audits ------------------------------------------------------------------


def test_a_steering_member_adds_an_audit_and_lands_on_its_page(cast, client_for):
    client = client_for(cast.steve)

    response = client.post(reverse("audits:create"), _audit_data(lead_agency=cast.health.pk))

    audit = Audit.objects.get(title="Neglect in adolescence")
    assert response.status_code == 302 and response["Location"] == reverse("audits:detail", args=[audit.pk])
    assert (audit.partnership, audit.case_count, audit.grade_good, audit.lead_agency) == (
        cast.partnership,
        12,
        6,
        cast.health,
    )
    page = client.get(response["Location"]).content.decode()
    assert "“Neglect in adolescence” has been added." in page and "govuk-notification-banner--success" in page


def test_grades_over_the_cases_are_refused_with_an_error_summary_linking_to_the_field(cast, client_for):
    response = client_for(cast.steve).post(reverse("audits:create"), _audit_data(grade_inadequate="7"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert '<a href="#id_case_count">The grades add up to 17, more than the 12 cases.</a>' in page
    assert not Audit.objects.exists()


def test_an_empty_audit_form_names_each_missing_answer(cast, client_for):
    page = client_for(cast.steve).post(reverse("audits:create"), {}).content.decode()

    for message in ("Choose what kind of audit it is", "Enter the title of the audit", "Enter the date of the audit"):
        assert message in page
    assert "This field is required" not in page


def test_a_number_of_cases_that_is_not_a_whole_number_is_explained(cast, client_for):
    page = client_for(cast.steve).post(reverse("audits:create"), _audit_data(grade_good="six")).content.decode()

    assert "Enter the number of cases graded good as a whole number, like 12" in page


def test_a_date_that_does_not_exist_is_explained_and_linked_to_its_day(cast, client_for):
    data = _audit_data(completed_on_0="31", completed_on_1="2", completed_on_2="2026")

    page = client_for(cast.steve).post(reverse("audits:create"), data).content.decode()

    assert '<a href="#id_completed_on_0">Date of the audit must be a real date, for example 15 10 2025</a>' in page
    assert not Audit.objects.exists()


def test_changing_an_audit_keeps_the_change_in_its_history(audit_cast, client_for, cast):
    client = client_for(cast.alice)
    url = reverse("audits:update", args=[audit_cast.audit.pk])
    data = _audit_data(title="Neglect and the toxic trio", case_count="14", grade_good="7", grade_outstanding="1")
    data.update(
        grade_requires_improvement="3", grade_inadequate="1", **_date("completed_on", datetime.date(2025, 10, 15))
    )

    assert client.get(url).status_code == 200
    response = client.post(url, data)

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Number of cases: 12 → 14" in page and "Alice Example" in page


# --- findings ---------------------------------------------------------------------------------


def test_a_finding_is_withdrawn_with_a_reason_and_the_audit_page_keeps_it_under_show_withdrawn(
    audit_cast, client_for, cast
):
    client = client_for(cast.steve)
    url = reverse("audits:finding_withdraw", args=[audit_cast.improvement.pk])

    confirm = client.get(url).content.decode()
    without_reason = client.post(url, {"reason": "  "})
    response = client.post(url, {"reason": "Belongs to the 2025 audit"})

    assert "Withdraw this finding" in confirm and "Few GCP2 assessments on file." in confirm
    assert "Enter why it is being withdrawn" in without_reason.content.decode()
    assert response["Location"].endswith("#findings")
    finding = Finding.objects.get(pk=audit_cast.improvement.pk)
    assert (finding.withdrawn_by, finding.withdrawal_reason) == (cast.steve, "Belongs to the 2025 audit")
    page = client.get(response["Location"]).content.decode()
    assert "The finding has been withdrawn." in page and "Area for improvement withdrawn" in page
    assert "Show withdrawn findings and recommendations" in page and "Belongs to the 2025 audit" in page


def test_a_finding_without_words_is_refused(audit_cast, client_for, cast):
    page = (
        client_for(cast.steve).post(reverse("audits:finding_create", args=[audit_cast.audit.pk]), {}).content.decode()
    )

    assert "Choose strength or area for improvement" in page and "Enter what the audit found" in page


# --- recommendations --------------------------------------------------------------------------


def test_a_recommendation_reference_used_twice_is_refused_on_the_reference(audit_cast, client_for, cast):
    response = client_for(cast.steve).post(
        reverse("audits:recommendation_create", args=[audit_cast.audit.pk]),
        {"reference": "R2", "text": "Another.", "status": "open"},
    )

    assert '<a href="#id_reference">This audit already has a recommendation R2</a>' in response.content.decode()
    assert audit_cast.audit.recommendations.count() == 3


def test_a_recommendation_is_added_with_an_owner_and_due_date(audit_cast, client_for, cast):
    data = {"reference": "R4", "text": "Share chronologies.", "status": "open", "owner_agency": cast.police.pk}
    data.update(owner=cast.steve.pk, **_date("due_date", datetime.date(2027, 6, 30)))

    response = client_for(cast.steve).post(reverse("audits:recommendation_create", args=[audit_cast.audit.pk]), data)

    recommendation = Recommendation.objects.get(reference="R4")
    assert response["Location"].endswith(f"#recommendation-{recommendation.pk}")
    assert (recommendation.owner, recommendation.due_date) == (cast.steve, datetime.date(2027, 6, 30))


def test_the_owner_changes_the_status_and_sees_it_on_the_audit_page(audit_cast, client_for, cast):
    client = client_for(cast.lee)
    url = reverse("audits:recommendation_status", args=[audit_cast.r2.pk])

    assert re.search(r'value="open"\s+checked="checked"', client.get(url).content.decode())
    response = client.post(url, {"status": "in_progress"})

    assert Recommendation.objects.get(pk=audit_cast.r2.pk).status == "in_progress"
    assert "Recommendation R2 is now in progress." in client.get(response["Location"]).content.decode()


def test_a_status_that_is_not_offered_is_refused(audit_cast, client_for, cast):
    page = client_for(cast.lee).post(
        reverse("audits:recommendation_status", args=[audit_cast.r2.pk]), {"status": "done"}
    )

    assert "Choose the status" in page.content.decode()
    assert Recommendation.objects.get(pk=audit_cast.r2.pk).status == "open"


def test_linking_actions_offers_every_action_with_the_linked_ones_ticked(audit_cast, client_for, cast):
    client = client_for(cast.steve)
    url = reverse("audits:recommendation_actions", args=[audit_cast.r1.pk])

    form = client.get(url).content.decode()
    response = client.post(url, {"actions": [cast.a21.pk]})

    assert re.search(rf'value="{cast.a11.pk}"\s+checked="checked"', form)
    assert "P2.1 Roll out the neglect toolkit" in form
    assert "S1.1" not in form  # Southshire's action
    assert list(audit_cast.r1.actions.all()) == [cast.a21]
    assert "1 action now answers recommendation R1." in client.get(response["Location"]).content.decode()


def test_another_partnerships_action_cannot_be_linked(audit_cast, client_for, cast):
    response = client_for(cast.steve).post(
        reverse("audits:recommendation_actions", args=[audit_cast.r1.pk]), {"actions": [cast.other_action.pk]}
    )

    assert "Choose actions from the list" in response.content.decode()
    assert list(audit_cast.r1.actions.all()) == [cast.a11]


# --- an action straight from a recommendation ---------------------------------------------------


@freeze_time(TODAY)
def test_the_action_form_starts_from_the_recommendation(audit_cast, client_for, cast):
    form = client_for(cast.steve).get(reverse("audits:recommendation_action_create", args=[audit_cast.r1.pk]))

    page = form.content.decode()
    assert "Train health visitors in the GCP2." in page  # shown above the form and as the title
    assert re.search(rf'name="lead_agency"[^>]*value="{cast.health.pk}"\s*checked', page)
    assert 'name="due_date_2" value="2027"' in page and 'name="start_date_2" value="2026"' in page
    assert "Priority 2: Recognising neglect" in page


@freeze_time(TODAY)
def test_a_due_date_already_past_is_left_for_the_user_to_set(audit_cast, client_for, cast):
    form = client_for(cast.steve).get(reverse("audits:recommendation_action_create", args=[audit_cast.r2.pk]))

    page = form.content.decode()
    assert 'name="due_date_2" value=' not in page
    assert re.search(rf'name="lead"[^>]*value="{cast.lee.pk}"\s*checked', page)


def test_an_action_created_from_a_recommendation_is_linked_and_the_user_sees_it(audit_cast, client_for, cast):
    client = client_for(cast.steve)
    data = {
        "priority": cast.p2.pk,
        "reference": "P2.2",
        "title": "Use the toolkit in every case",
        "success_measure": "Toolkit on file in 90% of audited cases",
        "lead_agency": cast.council.pk,
        "lead": cast.lee.pk,
        "status": "not_started",
        **_date("start_date", datetime.date(2026, 12, 1)),
        **_date("due_date", datetime.date(2027, 6, 30)),
    }

    response = client.post(reverse("audits:recommendation_action_create", args=[audit_cast.r2.pk]), data)

    action = Action.objects.get(reference="P2.2")
    assert list(audit_cast.r2.actions.all()) == [action]
    assert response["Location"] == reverse("audits:detail", args=[audit_cast.audit.pk]) + (
        f"#recommendation-{audit_cast.r2.pk}"
    )
    page = client.get(response["Location"]).content.decode()
    assert "P2.2 has been added to the plan and linked to recommendation R2." in page
    assert f'href="/actions/{action.pk}/">P2.2</a>' in page


def test_an_action_reference_already_used_in_the_priority_is_refused(audit_cast, client_for, cast):
    data = {
        "priority": cast.p2.pk,
        "reference": "P2.1",
        "title": "Duplicate",
        "success_measure": "x",
        "lead_agency": cast.council.pk,
        "status": "not_started",
        **_date("start_date", datetime.date(2026, 12, 1)),
        **_date("due_date", datetime.date(2027, 6, 30)),
    }

    page = client_for(cast.steve).post(reverse("audits:recommendation_action_create", args=[audit_cast.r2.pk]), data)

    assert "Priority 2 already has an action P2.1" in page.content.decode()
    assert not audit_cast.r2.actions.exists()


def test_an_action_form_without_a_priority_says_so(audit_cast, client_for, cast):
    page = client_for(cast.steve).post(reverse("audits:recommendation_action_create", args=[audit_cast.r2.pk]), {})

    text = page.content.decode()
    assert "Choose the priority" in text and "Enter how success will be measured" in text


# --- the tracker ------------------------------------------------------------------------------


@freeze_time(TODAY)
@pytest.mark.parametrize(
    ("query", "references"),
    [
        ({}, ["R2", "R1", "R3"]),
        ({"status": "completed"}, ["R3"]),
        ({"overdue": "on"}, ["R2"]),
        ({"without_action": "on"}, ["R2", "R3"]),
        ({"owner_agency": "HEALTH"}, ["R1"]),
        ({"audit_kind": "inspection"}, []),
        ({"status": "nonsense"}, ["R2", "R1", "R3"]),
    ],
)
def test_the_tracker_filters(audit_cast, client_for, cast, query, references):
    if query.get("owner_agency") == "HEALTH":
        query = {"owner_agency": cast.health.pk}

    response = client_for(cast.bea).get(reverse("audits:tracker"), query)

    assert response.status_code == 200
    assert [r.reference for r in response.context["recommendations"]] == references


@freeze_time(TODAY)
def test_the_tracker_shows_the_counts_and_an_export_link_with_the_same_filters(audit_cast, client_for, cast):
    page = client_for(cast.bea).get(reverse("audits:tracker"), {"overdue": "on"}).content.decode()

    assert "1 recommendation matches the filters." in page
    assert 'href="/audits/tracker/export/?overdue=on"' in page
    for number, label in ((3, "recommendations in all"), (2, "open"), (1, "overdue"), (2, "without an action")):
        assert (
            f'<span class="app-stats__number">{number}</span>\n    <span class="app-stats__label">{label}</span>'
            in page
        )


def test_the_tracker_is_paginated(audit_cast, client_for, cast):
    for n in range(30):
        f.RecommendationFactory(audit=audit_cast.audit, reference=f"X{n:02d}")

    response = client_for(cast.bea).get(reverse("audits:tracker"), {"page": 2})

    assert len(response.context["recommendations"]) == 8
    assert "33 recommendations in all." in response.content.decode()
