"""Evidence files on progress updates: attached by whoever may update the action, downloaded by every member
of the partnership and nobody else, refused with a message on the field when they cannot be taken."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from accounts.models import Role
from actions.models import ProgressUpdate
from evidence.models import EvidenceFile
from tests import factories as f
from tests.evidence.conftest import PDF, PNG, office, upload

pytestmark = pytest.mark.django_db


def add_update(client, action, **extra):
    data = {"status": "on_track", "narrative": "Training delivered to two teams.", **extra}
    return client.post(reverse("actions:add_update", args=[action.pk]), data)


def attached(cast, name="Evaluation report.pdf", content=PDF, action=None):
    """A progress update by Sam on P1.1 with a file, through the page."""
    client = cast.client_for(cast.sam)
    response = add_update(client, action or cast.a11, evidence_file=upload(name, content))
    assert response.status_code == 302, response.content.decode()[:2000]
    return EvidenceFile.objects.get(original_name=name)


@pytest.fixture
def cast(cast, client_for):
    cast.client_for = client_for
    return cast


def test_a_sponsor_attaches_a_file_to_an_update_and_it_is_stored_under_a_random_name(cast):
    record = attached(cast, "Health visitor evaluation 2026.pdf")

    update = ProgressUpdate.objects.get()
    assert record.owner == update
    assert record.partnership == cast.partnership
    assert record.uploaded_by == cast.sam
    assert (record.mime_type, record.size) == ("application/pdf", len(PDF))
    assert record.file.name.startswith(f"evidence/{cast.partnership.pk}/")
    assert "evaluation" not in record.file.name.lower()
    assert default_storage.open(record.file.name).read() == PDF


def test_the_action_page_lists_the_file_with_its_update_and_in_the_history(cast):
    record = attached(cast, "Health visitor evaluation 2026.pdf")

    page = cast.client_for(cast.bea).get(reverse("actions:detail", args=[cast.a11.pk])).content.decode()
    assert f'href="/files/{record.pk}/"' in page
    assert "Health visitor evaluation 2026.pdf" in page
    assert "(PDF, 1 KB)" in page
    assert "Evidence file added to the update of" in page
    assert "Add an evidence file" not in page  # the board reads, never adds
    assert "Remove" not in page


def test_a_board_member_downloads_it_as_an_attachment_that_is_never_sniffed(cast):
    record = attached(cast, "Évaluation finale.pdf")

    response = cast.client_for(cast.bea).get(reverse("evidence:download", args=[record.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%C3%89valuation%20finale.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_another_partnerships_file_is_not_found(cast, client_for):
    record = attached(cast)
    client = client_for(cast.charlie)
    assert client.get(reverse("evidence:download", args=[record.pk])).status_code == 404
    assert client.get(reverse("evidence:remove", args=[record.pk])).status_code == 404
    assert client.post(reverse("evidence:remove", args=[record.pk]), {"reason": "x"}).status_code == 404
    record.refresh_from_db()
    assert record.withdrawn_at is None


def test_a_member_of_both_partnerships_working_in_the_other_one_is_not_shown_it_either(cast, client_for):
    record = attached(cast)
    other = f.MembershipFactory(user=cast.bea, partnership=cast.other, role=Role.BOARD, agency=cast.other_agency)
    client = client_for(cast.bea)
    client.post(reverse("accounts:choose_partnership"), {"membership": other.pk})
    assert client.get(reverse("evidence:download", args=[record.pk])).status_code == 404


def test_a_board_member_may_not_attach_a_file(cast):
    update = f.ProgressUpdateFactory(action=cast.a11, author=cast.sam)
    client = cast.client_for(cast.bea)
    url = reverse("evidence:add", args=["update", update.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"file": upload("sneaky.pdf", PDF)}).status_code == 403
    assert add_update(client, cast.a11, evidence_file=upload("sneaky.pdf", PDF)).status_code == 403
    assert not EvidenceFile.objects.exists()
    assert ProgressUpdate.objects.count() == 1


def test_a_lead_may_not_attach_a_file_to_an_update_of_someone_elses_action(cast):
    update = f.ProgressUpdateFactory(action=cast.a11, author=cast.sam)
    response = cast.client_for(cast.lee).post(
        reverse("evidence:add", args=["update", update.pk]), {"file": upload("x.pdf", PDF)}
    )
    assert response.status_code == 403
    assert not EvidenceFile.objects.exists()


def test_a_file_of_the_wrong_type_is_refused_on_the_field_and_nothing_is_saved(cast):
    response = add_update(
        cast.client_for(cast.sam), cast.a11, evidence_file=upload("minutes.pdf", b"<html>not a pdf</html>")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The selected file is named .pdf but is not a PDF" in page
    assert 'enctype="multipart/form-data"' in page
    assert "novalidate" in page
    assert not ProgressUpdate.objects.exists()
    assert not EvidenceFile.objects.exists()


def test_a_file_too_big_is_refused_and_nothing_is_saved(cast, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    update = f.ProgressUpdateFactory(action=cast.a11, author=cast.sam)
    response = cast.client_for(cast.sam).post(
        reverse("evidence:add", args=["update", update.pk]), {"file": upload("scan.png", PNG + b"\0" * 2000)}
    )
    assert response.status_code == 200
    assert "The selected file must be smaller than 1 KB" in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_a_file_over_the_partnerships_quota_is_refused_saying_how_much_is_used(cast):
    cast.partnership.evidence_quota_mb = 1
    cast.partnership.save()
    first = attached(cast, "first.pdf", PDF + b"\0" * (700 * 1024))
    assert first.size > 700 * 1024

    response = add_update(
        cast.client_for(cast.sam), cast.a11, evidence_file=upload("second.pdf", PDF + b"\0" * (400 * 1024))
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is no room for this file (400 KB): the partnership&#x27;s evidence files already use 700 KB" in page
    assert "of its 1 MB" in page
    assert list(EvidenceFile.objects.values_list("original_name", flat=True)) == ["first.pdf"]
    assert ProgressUpdate.objects.count() == 1


def test_a_file_added_later_to_an_update_goes_back_to_the_update(cast):
    update = f.ProgressUpdateFactory(action=cast.a21, author=cast.lee)
    client = cast.client_for(cast.lee)
    url = reverse("evidence:add", args=["update", update.pk])
    page = client.get(url).content.decode()
    assert "Upload a file" in page
    assert 'accept=".pdf,.docx,.xlsx,.pptx,.doc,.xls,.png,.jpg,.jpeg"' in page
    response = client.post(url, {"file": upload("Toolkit.docx", office("word/document.xml"))})
    assert response.status_code == 302
    assert response["Location"] == reverse("actions:detail", args=[cast.a21.pk]) + f"#update-{update.pk}"
    assert EvidenceFile.objects.get().kind_words == "DOCX"


def test_removing_a_file_keeps_its_record_and_deletes_its_content(cast, django_capture_on_commit_callbacks):
    record = attached(cast)
    stored = record.file.name
    client = cast.client_for(cast.steve)
    url = reverse("evidence:remove", args=[record.pk])
    assert "Why is it being removed?" in client.get(url).content.decode()
    assert "Enter why the file is being removed" in client.post(url, {"reason": ""}).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "The wrong file was uploaded"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.withdrawn_by, record.withdrawal_reason) == (cast.steve, "The wrong file was uploaded")
    assert record.file.name == ""
    assert not default_storage.exists(stored)
    assert cast.client_for(cast.bea).get(reverse("evidence:download", args=[record.pk])).status_code == 404
    page = cast.client_for(cast.bea).get(reverse("actions:detail", args=[cast.a11.pk])).content.decode()
    assert "Evidence file removed from the update of" in page
    assert "Evaluation report.pdf. Why: The wrong file was uploaded" in page


def test_a_board_member_may_not_remove_a_file(cast):
    record = attached(cast)
    client = cast.client_for(cast.bea)
    assert client.post(reverse("evidence:remove", args=[record.pk]), {"reason": "No"}).status_code == 403
    record.refresh_from_db()
    assert record.withdrawn_at is None


def test_a_file_whose_name_could_identify_a_child_is_refused(cast):
    response = add_update(
        cast.client_for(cast.sam), cast.a11, evidence_file=upload("Jayden DOB 12-03-2015 plan.pdf", PDF)
    )
    assert "Rename the file before uploading it" in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_the_action_page_reads_the_same_number_of_queries_however_many_files(cast, django_assert_max_num_queries):
    client = cast.client_for(cast.bea)
    url = reverse("actions:detail", args=[cast.a11.pk])

    def grow(count):
        for number in range(count):
            update = f.ProgressUpdateFactory(
                action=cast.a11, author=cast.sam, update_date=datetime.date(2026, 4, 1) + datetime.timedelta(number)
            )
            for name in ("a.pdf", "b.png"):
                EvidenceFile.objects.create(
                    partnership=cast.partnership,
                    owner=update,
                    file=f"evidence/{cast.partnership.pk}/{update.pk}-{name}",
                    original_name=name,
                    mime_type="application/pdf",
                    kind_extension="pdf",
                    size=10,
                    uploaded_by=cast.sam,
                )

    grow(2)
    client.get(url)  # the content types are cached from here on
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    grow(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("Evidence file added to the update of") == 44


def test_the_business_manager_sets_the_partnerships_space_for_files(cast):
    data = {
        "name": cast.partnership.name,
        "board_name": "Board",
        "steering_group_name": "Group",
        "reminder_working_days": "10",
        "report_send_working_days": "15",
        "time_zone": "Europe/London",
        "bank_holiday_region": "ENG",
    }
    client = cast.client_for(cast.alice)
    assert "Space for evidence files (MB)" in client.get(reverse("settings:partnership")).content.decode()
    assert client.post(reverse("settings:partnership"), {**data, "evidence_quota_mb": "2048"}).status_code == 302
    cast.partnership.refresh_from_db()
    assert cast.partnership.evidence_quota_mb == 2048
    # A form sent without it leaves it as it is.
    assert client.post(reverse("settings:partnership"), data).status_code == 302
    cast.partnership.refresh_from_db()
    assert cast.partnership.evidence_quota_mb == 2048
    page = client.post(reverse("settings:partnership"), {**data, "evidence_quota_mb": "0"}).content.decode()
    assert "The space for evidence files must be 1 MB or more" in page
