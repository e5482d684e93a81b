"""Evidence files in a real browser: a sponsor attaches one to a progress update, a wrong one is refused in the
error summary, a board member downloads the file and is offered no upload."""

import pytest

from evidence.models import EvidenceFile
from tests.browser.conftest import assert_accessible, choose, sign_in
from tests.evidence.conftest import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_sponsor_attaches_evidence_to_an_update_and_a_board_member_downloads_it(page, browser, live_server, cast):
    sign_in(page, "sam@example.org")
    page.goto(f"/actions/{cast.a11.pk}/updates/new/")
    choose(page, "Status now", "On track (Green)")
    page.get_by_label("What has happened").fill("All five health visitor teams trained; the evaluation is attached.")
    upload = page.get_by_label("Evidence file")
    assert upload.get_attribute("type") == "file"
    assert "govuk-file-upload" in upload.get_attribute("class")

    # A web page renamed .pdf: refused in the error summary, which takes focus; nothing is saved.
    upload.set_input_files({"name": "evaluation.pdf", "mimeType": "application/pdf", "buffer": b"<html></html>"})
    page.get_by_role("button", name="Add the update").click()
    page.wait_for_function("document.activeElement && document.activeElement.closest('.govuk-error-summary')")
    summary = page.inner_text(".govuk-error-summary")
    assert "The selected file is named .pdf but is not a PDF" in summary
    assert_accessible(page, "evidence-update-wrong-file")
    assert not EvidenceFile.objects.exists()

    page.get_by_label("Evidence file").set_input_files(
        {"name": "Health visitor evaluation.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Add the update").click()
    assert "Your progress update on P1.1 has been added." in page.inner_text(".govuk-notification-banner--success")
    timeline = page.inner_text(".app-timeline")
    assert "Health visitor evaluation.pdf" in timeline
    assert "(PDF, 1 KB)" in timeline
    assert_accessible(page, "evidence-on-the-action-page")

    # The board reads and downloads; it is offered no upload.
    board = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900}, bypass_csp=True)
    reader = board.new_page()
    sign_in(reader, "bea@example.org")
    reader.goto(f"/actions/{cast.a11.pk}/")
    assert reader.get_by_role("link", name="Add an evidence file").count() == 0
    assert reader.get_by_role("link", name="Remove").count() == 0
    assert_accessible(reader, "evidence-as-the-board-sees-it")
    with reader.expect_download() as waiting:
        reader.get_by_role("link", name="Health visitor evaluation.pdf").click()
    download = waiting.value
    assert download.suggested_filename == "Health visitor evaluation.pdf"
    with open(download.path(), "rb") as saved:
        assert saved.read() == PDF
    record = EvidenceFile.objects.get()
    assert reader.goto(f"/files/{record.pk}/new/").status == 404  # no such page
    assert reader.goto(f"/files/update/{record.object_id}/new/").status == 403
    board.close()


def test_the_upload_page_of_an_audit_is_accessible_and_says_how_much_space_is_used(page, cast):
    from tests import factories as f

    audit = f.AuditFactory(partnership=cast.partnership, title="Neglect themed audit 2026")
    sign_in(page, "steve@example.org")
    page.goto(f"/audits/{audit.pk}/")
    page.get_by_role("link", name="Add an evidence file").click()
    assert page.inner_text("h1") == "Add an evidence file"
    assert "Your partnership's evidence files use 0 KB of the 1 GB it has." in page.inner_text("main")
    page.get_by_role("button", name="Upload the file").click()
    page.wait_for_function("document.activeElement && document.activeElement.closest('.govuk-error-summary')")
    assert "Select a file to upload" in page.inner_text(".govuk-error-summary")
    assert_accessible(page, "evidence-upload-page-with-error")
    page.get_by_label("Upload a file").set_input_files(
        {"name": "Audit report.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Upload the file").click()
    assert "Audit report.pdf has been added." in page.inner_text(".govuk-notification-banner--success")
    assert "Audit report.pdf" in page.inner_text("#evidence ~ ul")
