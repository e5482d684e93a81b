"""Issued report PDFs go through Django's storage API: with AWS_STORAGE_BUCKET_NAME set, to an S3-compatible bucket.

The bucket is served on 127.0.0.1 by moto's S3-compatible server, standing in for AWS S3, MinIO or any
other store that speaks the S3 protocol (none can be reached from here).
"""

import ast
import os
import subprocess
import sys

import boto3
import pytest
from django.urls import reverse

from operations.backups import stored_files
from reports import services
from tests.reports.conftest import REPORT_DAY, membership_of, signed_off
from tests.services import ROOT, free_port

BUCKET = "portal-media"


@pytest.fixture
def bucket(settings):
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    credentials = {"aws_access_key_id": "portal", "aws_secret_access_key": "portal-secret", "region_name": "eu-west-2"}
    s3 = boto3.client("s3", endpoint_url=endpoint, **credentials)
    s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    # What the settings build from AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL and AWS_S3_REGION_NAME.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "eu-west-2",
                "access_key": "portal",
                "secret_key": "portal-secret",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    yield s3
    # moto keeps its buckets for the whole process: leave none behind for the next test.
    boto3.resource("s3", endpoint_url=endpoint, **credentials).Bucket(BUCKET).objects.all().delete()
    s3.delete_bucket(Bucket=BUCKET)
    server.stop()


def test_an_issued_reports_pdf_is_kept_in_the_bucket_and_served_from_it(world, draft, bucket, client_for):
    signed_off(world)
    services.report_issue(membership_of(world.steve), draft, today=REPORT_DAY)
    services.report_pdf_store(draft.pk)  # the worker, after the issue's commit
    draft.refresh_from_db()

    stored = bucket.get_object(Bucket=BUCKET, Key=draft.pdf.name)["Body"].read()
    assert draft.pdf.name == "reports/2026/northshire-neglect-report-2026-27-Q2.pdf"
    assert stored.startswith(b"%PDF")
    assert client_for(world.bea).get(reverse("reports:pdf", args=[draft.pk])).content == stored
    assert stored_files() == {draft.pdf.name: len(stored)}  # what a backup archives


def test_the_health_of_the_media_disk_is_not_checked_when_files_are_in_a_bucket(bucket, client, db):
    assert "media disk: not used (files are kept in object storage)" in client.get("/health/").content.decode()


def test_the_bucket_is_switched_on_by_the_environment():
    script = "import django; django.setup(); from django.conf import settings; print(settings.STORAGES['default'])"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "neglect_portal.settings",
        "AWS_STORAGE_BUCKET_NAME": "portal-media",
        "AWS_S3_ENDPOINT_URL": "https://s3.example.org",
        "AWS_S3_REGION_NAME": "eu-west-2",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )

    storage = ast.literal_eval(result.stdout.strip())
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] | {"location": ""} == storage["OPTIONS"]
    assert {key: storage["OPTIONS"][key] for key in ("bucket_name", "endpoint_url", "region_name", "default_acl")} == {
        "bucket_name": "portal-media",
        "endpoint_url": "https://s3.example.org",
        "region_name": "eu-west-2",
        "default_acl": None,
    }
