"""The import pages: upload, every problem listed, preview, confirm once; who may do what."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts.models import Membership
from actions.imports import ActionPlanImporter
from actions.models import Action
from spreadsheets.models import Upload
from tests.actions.helpers import PLAN_HEADERS, plan_row
from tests.spreadsheets.helpers import csv_bytes, upload, xlsx_bytes

IMPORT = reverse("spreadsheets:action_plan_import")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def good_plan():
    moved = plan_row(
        "P2.1",
        2,
        "Roll out the neglect toolkit",
        measure="Measured by audit.",
        agency="Northshire Council",
        lead="lee@example.org",
        start=datetime.date(2025, 4, 1),
        due=datetime.date(2027, 6, 30),
        reason="Training budget agreed late",
    )
    return xlsx_bytes(PLAN_HEADERS, [plan_row("P1.2"), moved])


def snapshot():
    return sorted(Action.objects.values_list("pk", "reference", "title", "due_date", "status", "lead_id"))


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def digest_of(response):
    return re.search(r'name="digest" value="([0-9a-f]{64})"', response.content.decode()).group(1)


def uploaded(client, data=None, name="plan.xlsx"):
    """Upload a file and follow on to its preview."""
    response = client.post(IMPORT, {"file": upload(data or good_plan(), name)})
    assert response.status_code == 302, text(response)
    return client.get(response["Location"])


def test_the_import_page_offers_the_templates_the_column_guidance_and_the_upload_form(cast, client_for):
    page = text(client_for(cast.steve).get(IMPORT))
    assert '<h1 class="govuk-heading-l">Import an action plan</h1>' in page
    assert 'type="file" name="file"' in page and "govuk-file-upload" in page and 'enctype="multipart/form-data"' in page
    assert reverse("spreadsheets:action_plan_template", args=["xlsx"]) in page
    assert reverse("spreadsheets:action_plan_template", args=["csv"]) in page
    assert "Northshire Council; Northshire ICB; Northshire Police" in page  # the lead agencies allowed
    assert "Nothing has been imported yet." in page


def test_a_good_file_shows_what_will_change_and_changes_nothing_until_confirmed(cast, client_for):
    client = client_for(cast.steve)
    before = snapshot()

    preview = uploaded(client)

    page = text(preview)
    assert "Check what will change" in page and "Nothing from plan.xlsx has been saved yet." in page
    assert "P1.2 Run neglect awareness sessions in GP practices" in page and 'govuk-tag--green">New<' in page
    assert "P2.1 Roll out the neglect toolkit" in page and 'govuk-tag--blue">Changed<' in page
    assert (
        '31 Jan 2027 <span aria-hidden="true">→</span><span class="govuk-visually-hidden">changes to</span> 30 Jun 2027'
        in page
    )
    assert "Training budget agreed late" in page
    assert snapshot() == before

    response = client.post(
        reverse("spreadsheets:confirm", args=[Upload.objects.get().pk]), {"digest": digest_of(preview)}
    )

    assert response.status_code == 302 and response["Location"] == IMPORT
    page = text(client.get(IMPORT))
    assert "plan.xlsx has been imported: 1 action added, 1 changed and 0 unchanged." in page
    assert "Steve Example" in page and "1 action added, 1 changed and 0 unchanged" in page  # in the past imports
    assert Action.objects.get(pk=cast.a21.pk).due_date == datetime.date(2027, 6, 30)
    assert Action.objects.filter(reference="P1.2").exists()


def test_a_file_whose_rows_all_match_the_plan_offers_nothing_to_confirm(cast, client_for):
    row = plan_row("P2.1", 2, "Roll out the neglect toolkit", measure="Measured by audit.", agency="Northshire Council")
    row[6:10] = ["lee@example.org", datetime.date(2025, 4, 1), datetime.date(2027, 1, 31), "On track"]
    page = text(uploaded(client_for(cast.steve), xlsx_bytes(PLAN_HEADERS, [row])))
    assert "Nothing will change: every row of the file matches what is in the portal." in page
    assert "Confirm and import" not in page


def test_a_file_with_problems_lists_every_one_by_row_and_column_and_keeps_nothing(cast, client_for):
    rows = [plan_row(f"P1.{n}") for n in range(2, 10)]
    rows[0] = plan_row("P1.2", agency=None)
    rows[5] = plan_row("P1.7", due="soon", status="Done-ish")
    before = snapshot()

    response = client_for(cast.steve).post(IMPORT, {"file": upload(xlsx_bytes(PLAN_HEADERS, rows), "plan.xlsx")})

    page = text(response)
    assert response.status_code == 200
    assert (
        '<a href="#problems">plan.xlsx has 3 problems. Nothing has been imported: correct the file and upload it again</a>'
        in page
    )
    assert 'id="problems"' in page and "Problems in plan.xlsx" in page
    cells = re.findall(
        r'<td class="govuk-table__cell[^"]*">([^<]*)</td>', page.split('id="problems"')[1].split("</table>")[0]
    )
    assert [tuple(cells[i : i + 3]) for i in range(0, len(cells), 3)] == [
        ("2", "Lead agency", "Enter the lead agency"),
        ("7", "Due date", "Enter a date like 31/03/2027, a month like March 2027, or Ongoing"),
        (
            "7",
            "Status",
            "“Done-ish” is not a status: use Not started, On track, At risk, Off track, Completed, Cancelled, "
            "or Green, Amber, Red or Blue (completed)",
        ),
    ]
    assert "govuk-file-upload--error" in page
    refused = Upload.objects.get()  # kept, without its file, so its page can list the problems
    assert snapshot() == before and refused.status == Upload.Status.REFUSED and refused.content == b""


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (PNG, "plan.xlsx", "The file is not an Excel spreadsheet (.xlsx) or a CSV file"),
        (PNG, "plan.csv", "The file is not an Excel spreadsheet (.xlsx) or a CSV file"),
        (b"", "plan.csv", "The selected file is empty"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused_with_a_clear_message(cast, client_for, content, name, message):
    page = text(client_for(cast.steve).post(IMPORT, {"file": upload(content, name)}))
    assert f'<a href="#id_file">{message}</a>' in page
    assert Upload.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(cast, client_for, settings):
    settings.IMPORT_MAX_BYTES = 2048
    data = csv_bytes(PLAN_HEADERS, [plan_row(f"P1.{n}", description="x" * 200) for n in range(20)])
    page = text(client_for(cast.steve).post(IMPORT, {"file": upload(data, "plan.csv")}))
    assert '<a href="#id_file">The file must be smaller than 2 KB</a>' in page
    assert Upload.objects.count() == 0


def test_submitting_without_a_file_asks_for_one(cast, client_for):
    page = text(client_for(cast.steve).post(IMPORT, {}))
    assert '<a href="#id_file">Select the spreadsheet to upload</a>' in page


def test_confirming_twice_imports_once(cast, client_for):
    client = client_for(cast.steve)
    preview = uploaded(client)
    confirm = reverse("spreadsheets:confirm", args=[Upload.objects.get().pk])
    client.post(confirm, {"digest": digest_of(preview)})
    after_first = (snapshot(), Action.history.count())

    second = client.post(confirm, {"digest": digest_of(preview)}, follow=True)

    assert "plan.xlsx has been imported: 1 action added, 1 changed and 0 unchanged." in text(second)
    assert (snapshot(), Action.history.count()) == after_first
    assert bytes(Upload.objects.get().content) == b""


@pytest.mark.parametrize("other", ["alice", "charlie"])
def test_no_one_else_can_see_or_confirm_an_upload(cast, client_for, other):
    preview = uploaded(client_for(cast.steve))
    kept = Upload.objects.get()
    before = snapshot()
    client = client_for(getattr(cast, other))

    assert client.get(reverse("spreadsheets:preview", args=[kept.pk])).status_code == 404
    assert (
        client.post(reverse("spreadsheets:confirm", args=[kept.pk]), {"digest": digest_of(preview)}).status_code == 404
    )
    assert snapshot() == before and Upload.objects.get().status == Upload.Status.PREVIEWED


def test_an_upload_not_confirmed_within_an_hour_has_expired(cast, client_for):
    client = client_for(cast.steve)
    preview = uploaded(client)
    kept = Upload.objects.get()
    Upload.objects.filter(pk=kept.pk).update(created_at=kept.created_at - datetime.timedelta(minutes=61))
    before = snapshot()

    response = client.post(reverse("spreadsheets:confirm", args=[kept.pk]), {"digest": digest_of(preview)}, follow=True)

    assert "plan.xlsx was not confirmed within an hour. Upload it again." in text(response)
    assert snapshot() == before
    kept.refresh_from_db()
    assert kept.status == Upload.Status.EXPIRED and bytes(kept.content) == b""
    assert "plan.xlsx was not confirmed" in text(
        client.get(reverse("spreadsheets:preview", args=[kept.pk]), follow=True)
    )


def test_when_the_plan_changed_after_the_preview_nothing_is_imported_and_the_new_changes_are_shown(cast, client_for):
    client = client_for(cast.steve)
    preview = uploaded(client)
    Action.objects.filter(pk=cast.a21.pk).update(due_date=datetime.date(2027, 2, 28))
    before = snapshot()

    response = client.post(
        reverse("spreadsheets:confirm", args=[Upload.objects.get().pk]), {"digest": digest_of(preview)}
    )

    page = text(response)
    assert response.status_code == 200 and "the portal changed since you checked this file" in page
    assert "28 Feb 2027 <span" in page
    assert snapshot() == before and Upload.objects.get().status == Upload.Status.PREVIEWED
    client.post(reverse("spreadsheets:confirm", args=[Upload.objects.get().pk]), {"digest": digest_of(response)})
    assert Action.objects.get(pk=cast.a21.pk).due_date == datetime.date(2027, 6, 30)


def test_a_row_that_became_invalid_before_confirmation_stops_the_whole_import(cast, client_for):
    client = client_for(cast.steve)
    preview = uploaded(client)
    Membership.objects.filter(user=cast.sam).update(is_active=False)  # the lead of row 2 has left
    before = snapshot()

    response = client.post(
        reverse("spreadsheets:confirm", args=[Upload.objects.get().pk]), {"digest": digest_of(preview)}
    )

    page = text(response)
    assert "plan.xlsx has a problem. Nothing has been imported" in page
    assert "No member of Northshire Safeguarding Children Partnership has the e-mail address sam@example.org" in page
    assert snapshot() == before and Upload.objects.get().status == Upload.Status.REFUSED


def test_the_import_page_reminds_of_a_file_waiting_for_confirmation(cast, client_for):
    client = client_for(cast.steve)
    uploaded(client)
    page = text(client.get(IMPORT))
    assert "You uploaded plan.xlsx at" in page
    assert reverse("spreadsheets:preview", args=[Upload.objects.get().pk]) in page


@pytest.mark.parametrize("rows", [3, 60])
def test_the_preview_runs_a_fixed_number_of_queries(cast, client_for, django_assert_max_num_queries, rows):
    client = client_for(cast.steve)
    data = xlsx_bytes(PLAN_HEADERS, [plan_row(f"P1.{n + 2}") for n in range(rows)])
    response = client.post(IMPORT, {"file": upload(data, "plan.xlsx")})
    with django_assert_max_num_queries(13):  # with the partnership's other names of agencies
        assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("imports", [1, 30])
def test_the_import_page_runs_a_fixed_number_of_queries(cast, client_for, django_assert_max_num_queries, imports):
    for n in range(imports):
        Upload.objects.create(
            partnership=cast.partnership,
            uploaded_by=cast.alice,
            kind=ActionPlanImporter.kind,
            original_name=f"plan-{n}.xlsx",
            size=1,
            content=b"",
            status=Upload.Status.IMPORTED,
            imported_at=datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC),
            result={"summary": "2 actions added, 0 changed and 0 unchanged"},
        )
    client = client_for(cast.steve)
    with django_assert_max_num_queries(16):
        response = client.get(IMPORT)
    assert text(response).count("2 actions added, 0 changed and 0 unchanged") == min(imports, 20)
