"""An audit's grades as a board member reads them (decision 48): small counts hidden, and one more so the
cases audited do not reveal them; the steering group sees them as recorded, marked.

The audit graded its 20 cases: outstanding 3, good 9, requires improvement 6, inadequate 2.
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import Partnership
from tests import factories as f
from tests.outcomes.helpers import text


@pytest.fixture
def graded(cast):
    return f.AuditFactory(
        partnership=cast.partnership,
        title="Neglect of babies",
        case_count=20,
        grade_outstanding=3,
        grade_good=9,
        grade_requires_improvement=6,
        grade_inadequate=2,
    )


def grade_table(page: str) -> str:
    return page[page.index("How the") : page.index("How the") + 400]


def test_a_board_member_reads_small_grade_counts_as_c_with_their_percentages(cast, graded, client_for):
    response = client_for(cast.bea).get(reverse("audits:detail", args=[graded.pk]))
    page = text(response)
    table = grade_table(page)
    assert "Outstanding [c] [c]" in table and "Inadequate [c] [c]" in table
    assert "Good 9 45%" in table and "Requires improvement 6 30%" in table
    assert "How the 20 cases were graded" in table
    assert "Bar chart of the grades" not in response.content.decode()  # a chart would draw the hidden counts
    assert "[c]: not shown because it is fewer than 5" in page


def test_a_hidden_grade_is_protected_by_another_so_the_total_does_not_reveal_it(cast, graded, client_for):
    graded.case_count, graded.grade_inadequate = 26, 8  # only the 3 is small: the smallest other grade, 6, goes too
    graded.save()
    table = grade_table(text(client_for(cast.bea).get(reverse("audits:detail", args=[graded.pk]))))
    assert "Outstanding [c] [c]" in table and "Requires improvement [c] [c]" in table
    assert "Good 9" in table and "Inadequate 8" in table


def test_the_steering_group_sees_every_grade_marked_suppressed_in_outputs(cast, graded, client_for):
    response = client_for(cast.steve).get(reverse("audits:detail", args=[graded.pk]))
    table = grade_table(text(response))
    assert "Outstanding 3 Suppressed in outputs 15%" in table and "Good 9 45%" in table
    assert "Bar chart of the grades" in response.content.decode()


def test_the_api_gives_a_board_member_the_counts_as_published(cast, graded):
    client = APIClient()
    client.force_login(cast.bea)
    audit = client.get(f"/api/v1/audits/{graded.pk}/").json()
    assert (audit["grade_outstanding"], audit["grade_good"], audit["grade_inadequate"]) == (None, 9, None)
    assert audit["case_count"] == 20 and audit["graded_total"] is None
    assert set(audit["suppressed"]) == {"grade_outstanding", "grade_inadequate", "graded_total"}
    client.force_login(cast.steve)
    audit = client.get(f"/api/v1/audits/{graded.pk}/").json()
    assert (audit["grade_outstanding"], audit["graded_total"], audit["suppressed"]) == (3, 20, [])


def test_rounded_grades_in_the_api_and_every_count_shown_in_show_mode(cast, graded):
    client = APIClient()
    client.force_login(cast.bea)
    Partnership.objects.filter(pk=cast.partnership.pk).update(suppression_mode="round")
    audit = client.get(f"/api/v1/audits/{graded.pk}/").json()
    assert (audit["grade_outstanding"], audit["grade_good"], audit["grade_inadequate"]) == (5, 10, 0)
    Partnership.objects.filter(pk=cast.partnership.pk).update(suppression_mode="show")
    audit = client.get(f"/api/v1/audits/{graded.pk}/").json()
    assert (audit["grade_outstanding"], audit["grade_inadequate"], audit["suppressed"]) == (3, 2, [])
