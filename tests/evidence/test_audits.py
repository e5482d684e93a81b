"""Evidence files on audits and their findings: added and removed by the business manager and the steering
group, read by every member of the partnership."""

import pytest
from django.urls import reverse

from evidence.models import EvidenceFile
from neglect_portal.withdrawal import withdraw
from tests import factories as f
from tests.evidence.conftest import JPEG, PDF, upload, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit(cast):
    return f.AuditFactory(partnership=cast.partnership, title="Neglect themed audit 2026")


def test_the_steering_group_attaches_a_report_to_an_audit_and_the_board_downloads_it(cast, client_for, audit):
    client = client_for(cast.steve)
    response = client.post(reverse("evidence:add", args=["audit", audit.pk]), {"file": upload("Audit report.pdf", PDF)})
    assert response.status_code == 302
    assert response["Location"] == reverse("audits:detail", args=[audit.pk]) + "#evidence"
    record = EvidenceFile.objects.get()
    assert record.owner == audit

    board = client_for(cast.bea)
    page = board.get(reverse("audits:detail", args=[audit.pk])).content.decode()
    assert "Audit report.pdf" in page
    assert "Evidence file added to the audit" in page
    assert "Add an evidence file" not in page
    download = board.get(reverse("evidence:download", args=[record.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_a_file_on_a_finding_is_listed_under_it(cast, client_for, audit):
    finding = f.FindingFactory(audit=audit, text="Chronologies were rarely up to date.")
    client = client_for(cast.alice)
    url = reverse("evidence:add", args=["finding", finding.pk])
    assert client.post(url, {"file": upload("Chronology sample.xlsx", xlsx())}).status_code == 302
    page = client.get(reverse("audits:detail", args=[audit.pk])).content.decode()
    item = page.split(f'id="finding-{finding.pk}"')[1].split("</li>")[0]
    assert "Chronology sample.xlsx" in item
    assert "(XLSX," in item
    assert "Evidence file added to a finding" in page


@pytest.mark.parametrize("who", ["sam", "lee", "bea"])
def test_only_plan_editors_attach_files_to_audits_and_findings(cast, client_for, audit, who):
    finding = f.FindingFactory(audit=audit)
    client = client_for(getattr(cast, who))
    for kind, owner in (("audit", audit), ("finding", finding)):
        url = reverse("evidence:add", args=[kind, owner.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"file": upload("x.jpg", JPEG)}).status_code == 403
    assert not EvidenceFile.objects.exists()


def test_another_partnerships_audit_and_an_unknown_kind_are_not_found(cast, client_for):
    theirs = f.AuditFactory(partnership=cast.other)
    client = client_for(cast.steve)
    assert client.get(reverse("evidence:add", args=["audit", theirs.pk])).status_code == 404
    assert client.get(reverse("evidence:add", args=["recommendation", theirs.pk])).status_code == 404


def test_a_withdrawn_finding_takes_no_more_files(cast, client_for, audit):
    finding = f.FindingFactory(audit=audit)
    withdraw(finding, cast.steve, "Entered twice")
    url = reverse("evidence:add", args=["finding", finding.pk])
    assert client_for(cast.steve).post(url, {"file": upload("x.pdf", PDF)}).status_code == 403


def test_the_audit_page_reads_the_same_number_of_queries_however_many_files(
    cast, client_for, audit, django_assert_max_num_queries
):
    client = client_for(cast.bea)
    url = reverse("audits:detail", args=[audit.pk])

    def grow(count):
        for number in range(count):
            finding = f.FindingFactory(audit=audit, text=f"Finding {number}")
            for owner in (finding, audit):
                EvidenceFile.objects.create(
                    partnership=cast.partnership,
                    owner=owner,
                    file=f"evidence/{cast.partnership.pk}/{owner.pk}-{number}.pdf",
                    original_name=f"file {number}.pdf",
                    mime_type="application/pdf",
                    kind_extension="pdf",
                    size=10,
                    uploaded_by=cast.steve,
                )

    grow(2)
    client.get(url)
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    grow(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("Evidence file added to") == 44
