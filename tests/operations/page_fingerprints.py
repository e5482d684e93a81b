"""Print, as JSON, every table's row count and what a few pages answer, for comparing a database with its restore.

Run as ``python -m tests.operations.page_fingerprints`` with DATABASE_URL and MEDIA_ROOT set.
"""

import hashlib
import json
import os
import re

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "neglect_portal.settings")
django.setup()

from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from actions.models import Action  # noqa: E402
from operations.backups import table_row_counts  # noqa: E402
from reports.models import QuarterlyReport  # noqa: E402
from tests.security import complete_second_factor  # noqa: E402

# Values made afresh for every response.
VOLATILE = re.compile(rb'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"|<time data-printed[^>]*>[^<]*</time>')


def fingerprints() -> dict:
    tables = table_row_counts()
    client = Client()
    chair = User.objects.get(email="walsall.chair@example.org")
    client.force_login(chair)
    complete_second_factor(client, chair)
    report = QuarterlyReport.objects.filter(strategy__partnership__slug="walsall", status="issued").earliest("pk")
    action = Action.objects.filter(priority__strategy__partnership__slug="walsall").earliest("pk")
    paths = ["/", "/actions/", f"/actions/{action.pk}/", "/outcomes/", "/audits/", "/audits/tracker/", "/reports/"]
    paths += [f"/reports/{report.pk}/", f"/reports/{report.pk}/pdf/"]
    pages = {}
    for path in paths:
        response = client.get(path)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        content = VOLATILE.sub(b"", content)
        pages[path] = [response.status_code, len(content), hashlib.sha256(content).hexdigest()]
    return {"tables": tables, "pages": pages}


if __name__ == "__main__":
    print(json.dumps(fingerprints()))
