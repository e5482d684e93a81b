"""Evidence files go through Django's storage API: into an S3-compatible bucket when one is set, served from it,
and archived by a backup with every other stored file."""

import pytest
from django.urls import reverse

from evidence.models import EvidenceFile
from operations.backups import stored_files
from tests.evidence.conftest import PDF, upload
from tests.reports import test_storage

pytestmark = pytest.mark.django_db
bucket = test_storage.bucket  # moto's S3-compatible server on 127.0.0.1, with the settings a bucket gives


def test_a_file_attached_with_a_bucket_set_is_kept_in_the_bucket_and_downloaded_from_it(cast, client_for, bucket):
    response = client_for(cast.sam).post(
        reverse("actions:add_update", args=[cast.a11.pk]),
        {"status": "on_track", "narrative": "Evaluation attached.", "evidence_file": upload("Evaluation.pdf", PDF)},
    )
    assert response.status_code == 302
    record = EvidenceFile.objects.get()

    key = record.file.name
    assert key.startswith(f"evidence/{cast.partnership.pk}/") and "Evaluation" not in key
    assert bucket.get_object(Bucket=test_storage.BUCKET, Key=key)["Body"].read() == PDF
    download = client_for(cast.bea).get(reverse("evidence:download", args=[record.pk]))
    assert b"".join(download.streaming_content) == PDF
    assert stored_files() == {key: len(PDF)}  # what `make backup` archives


def test_a_backup_archives_evidence_files_kept_on_disk(cast, client_for, media_root):
    client_for(cast.sam).post(
        reverse("actions:add_update", args=[cast.a11.pk]),
        {"status": "on_track", "narrative": "Evaluation attached.", "evidence_file": upload("Evaluation.pdf", PDF)},
    )
    record = EvidenceFile.objects.get()
    assert (media_root / record.file.name).read_bytes() == PDF
    assert stored_files() == {record.file.name: len(PDF)}
