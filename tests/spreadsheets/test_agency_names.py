"""A council's plan names its agencies as the council writes them ("WMP", "NHS Black Country ICB", "CCG"): the
preview asks once per name which agency it means, remembers the answer for the partnership, and the next file
with those names needs no choice."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import Workbook

from accounts.models import AgencyAlias, Role
from accounts.selectors import agency_likely
from actions.models import Action
from spreadsheets import services
from spreadsheets.models import Upload
from tests import factories as f
from tests.spreadsheets.helpers import membership, upload

IMPORT = reverse("spreadsheets:action_plan_import")
HEADERS = ["Priority", "Ref", "Action", "Lead", "Timescale", "RAG", "Progress update"]


@pytest.fixture
def agencies(cast):
    """The agencies of a Black Country partnership, named in full, beside the cast's own."""
    return {
        "police": f.AgencyFactory(partnership=cast.partnership, name="West Midlands Police"),
        "icb": f.AgencyFactory(partnership=cast.partnership, name="NHS Black Country Integrated Care Board"),
        "walsall": f.AgencyFactory(partnership=cast.partnership, name="Walsall Council (Children's Services)"),
    }


def council_plan(leads=("WMP", "NHS Black Country ICB", "wmp", "Walsall Council (Childrens)", "CCG")):
    """A plan as a council keeps it: a title row, merged priority cells, its own column names, agencies abbreviated."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Neglect action plan"
    sheet.append(["Black Country neglect strategy: action plan 2024-27"])
    sheet.merge_cells("A1:G1")
    sheet.append([])
    sheet.append(HEADERS)
    titles = [
        "Neglect training for response officers",
        "Health visitors use the neglect toolkit",
        "Police referrals name the neglect indicators",
        "Early help assessments use the toolkit",
        "GP practices have a neglect champion",
    ]
    for number, (lead, title) in enumerate(zip(leads, titles, strict=False), start=1):
        priority = "Priority 1: Early help" if number == 1 else None
        sheet.append([priority, f"1.{number + 1}", title, lead, datetime.date(2026, 12, 31), "G", None])
    sheet.merge_cells(f"A4:A{3 + len(leads)}")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def selected(page):
    """{select name: the option chosen} on the names page."""
    chosen = {}
    for name, body in re.findall(r'<select[^>]*name="(name_\d+)"[^>]*>(.*?)</select>', page, re.S):
        match = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        chosen[name] = match[1] if match else ""
    return chosen


def upload_plan(client, data=None, name="council-plan.xlsx"):
    response = client.post(IMPORT, {"file": upload(data or council_plan(), name)})
    assert response.status_code == 302
    return response, Upload.objects.order_by("-pk").first()


def match_columns(client, kept):
    keys = ["priority", "reference", "title", "lead_agency", "due_date", "status", "update"]
    data = {f"column_{n}": key for n, key in enumerate(keys, start=1)}
    response = client.post(reverse("spreadsheets:columns", args=[kept.pk]), data)
    assert response.status_code == 302
    return client.get(response["Location"])


def asked(cast, agencies):
    """A council plan uploaded by Steve and its columns matched: the upload waits for its agencies."""
    client = f_client(cast)
    _, kept = upload_plan(client)
    match_columns(client, kept)
    kept.refresh_from_db()
    assert kept.status == Upload.Status.NAMES
    return client, kept


def f_client(cast):
    from django.test import Client

    client = Client()
    client.force_login(cast.steve)
    return client


def test_a_council_plan_with_agency_abbreviations_imports_after_choosing_once_and_the_next_one_needs_no_choice(
    cast, agencies, client_for
):
    client = client_for(cast.steve)
    response, kept = upload_plan(client)
    assert response["Location"] == reverse("spreadsheets:columns", args=[kept.pk])

    match_columns(client, kept)
    kept.refresh_from_db()
    assert kept.status == Upload.Status.NAMES
    page = client.get(reverse("spreadsheets:names", args=[kept.pk]))
    shown = text(page)
    assert "Choose what the names in your file mean" in shown
    # Once per name, however many rows give it ("WMP" and "wmp" are one name).
    assert shown.count("is not an agency of this partnership: choose which agency it means") == 4
    assert "“WMP” is not an agency of this partnership: choose which agency it means" in shown
    assert "Rows 4 and 6, column Lead agency." in shown
    # The likely agency is chosen already; "CCG" fits none well enough to guess.
    assert selected(page.content.decode()) == {
        "name_1": str(agencies["police"].pk),
        "name_2": str(agencies["icb"].pk),
        "name_3": str(agencies["walsall"].pk),
        "name_4": "",
    }
    assert not Action.objects.filter(reference="1.2").exists()

    response = client.post(
        reverse("spreadsheets:names", args=[kept.pk]),
        {
            "name_1": agencies["police"].pk,
            "name_2": agencies["icb"].pk,
            "name_3": agencies["walsall"].pk,
            "name_4": agencies["icb"].pk,
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("spreadsheets:preview", args=[kept.pk])
    assert set(AgencyAlias.objects.filter(partnership=cast.partnership).values_list("name", "agency")) == {
        ("WMP", agencies["police"].pk),
        ("NHS Black Country ICB", agencies["icb"].pk),
        ("Walsall Council (Childrens)", agencies["walsall"].pk),
        ("CCG", agencies["icb"].pk),
    }
    preview = re.sub(r"<[^>]+>", "", text(client.get(response["Location"]))).replace("&#x27;", "'")
    assert "Check what will change" in preview
    assert "Lead agency: West Midlands Police (from “WMP”)" in preview
    assert "Lead agency: West Midlands Police (from “wmp”)" in preview
    assert "Lead agency: NHS Black Country Integrated Care Board (from “CCG”)" in preview
    assert "Lead agency: Walsall Council (Children's Services) (from “Walsall Council (Childrens)”)" in preview
    kept.refresh_from_db()
    client.post(reverse("spreadsheets:confirm", args=[kept.pk]), {"digest": kept.preview["digest"]})
    leads = dict(Action.objects.filter(priority=cast.p1).values_list("reference", "lead_agency"))
    assert [leads[f"1.{n}"] for n in range(2, 7)] == [
        agencies["police"].pk,
        agencies["icb"].pk,
        agencies["police"].pk,
        agencies["walsall"].pk,
        agencies["icb"].pk,
    ]

    # The same file again: no columns to match, no names to choose, straight to what it would change.
    response, again = upload_plan(client)
    assert response["Location"] == reverse("spreadsheets:preview", args=[again.pk])
    assert again.status == Upload.Status.PREVIEWED
    assert again.preview["counts"] == {"new": 0, "changed": 0, "unchanged": 5}


def test_none_of_these_lists_the_rows_as_problems_and_saves_no_other_name(cast, agencies):
    client, kept = asked(cast, agencies)
    response = client.post(
        reverse("spreadsheets:names", args=[kept.pk]),
        {"name_1": agencies["police"].pk, "name_2": agencies["icb"].pk, "name_3": "none", "name_4": "none"},
    )

    kept.refresh_from_db()
    assert response.status_code == 302 and kept.status == Upload.Status.REFUSED
    assert [(row, column) for row, column, _ in kept.problems] == [(7, "Lead agency"), (8, "Lead agency")]
    assert "There is no agency called “CCG” in the partnership" in kept.problems[1][2]
    assert set(AgencyAlias.objects.values_list("name", flat=True)) == {"WMP", "NHS Black Country ICB"}
    assert not Action.objects.filter(reference__startswith="1.").exists()


def test_a_choice_must_be_made_for_every_name_and_nothing_is_saved_until_then(cast, agencies):
    client, kept = asked(cast, agencies)
    response = client.post(reverse("spreadsheets:names", args=[kept.pk]), {"name_1": agencies["police"].pk})

    assert response.status_code == 200
    assert "Choose which agency “CCG” means, or None of these" in text(response)
    assert 'class="govuk-error-summary' in response.content.decode()
    assert not AgencyAlias.objects.exists()
    kept.refresh_from_db()
    assert kept.status == Upload.Status.NAMES


def test_an_agency_of_another_partnership_cannot_be_chosen(cast, agencies):
    client, kept = asked(cast, agencies)
    response = client.post(
        reverse("spreadsheets:names", args=[kept.pk]),
        {
            "name_1": cast.other_agency.pk,
            "name_2": agencies["icb"].pk,
            "name_3": agencies["walsall"].pk,
            "name_4": agencies["icb"].pk,
        },
    )

    assert response.status_code == 200
    assert "Choose one of the partnership’s agencies for “WMP”" in text(response)
    assert not AgencyAlias.objects.exists()


def test_a_retired_agency_is_not_offered_and_cannot_be_chosen(cast, agencies):
    client, kept = asked(cast, agencies)
    agencies["walsall"].retired_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    agencies["walsall"].save()
    page = client.get(reverse("spreadsheets:names", args=[kept.pk])).content.decode()

    assert f'value="{agencies["walsall"].pk}"' not in page


def test_only_the_person_who_uploaded_the_file_sees_its_names_and_others_get_404(cast, agencies, client_for):
    _, kept = asked(cast, agencies)
    names = reverse("spreadsheets:names", args=[kept.pk])

    for user in (cast.alice, cast.charlie):
        other = client_for(user)
        assert other.get(names).status_code == 404
        assert other.post(names, {"name_1": agencies["police"].pk}).status_code == 404
    assert not AgencyAlias.objects.exists()


def test_someone_who_may_no_longer_import_cannot_choose_and_nothing_is_saved(cast, agencies):
    client, kept = asked(cast, agencies)
    cast.steve.memberships.update(role=Role.LEAD)
    response = client.post(
        reverse("spreadsheets:names", args=[kept.pk]),
        {
            "name_1": agencies["police"].pk,
            "name_2": agencies["icb"].pk,
            "name_3": agencies["walsall"].pk,
            "name_4": agencies["icb"].pk,
        },
    )

    assert response.status_code == 403
    assert not AgencyAlias.objects.exists()


def test_the_service_refuses_a_choice_from_someone_who_may_not_import(cast, agencies):
    _, kept = asked(cast, agencies)
    lee = membership(cast.lee)
    with pytest.raises(services.PermissionDenied):
        services.upload_names_choose(lee, kept, {"wmp": str(agencies["police"].pk)})
    assert not AgencyAlias.objects.exists()


def test_other_names_belong_to_the_partnership_that_chose_them(cast, agencies, client_for):
    client, kept = asked(cast, agencies)
    client.post(
        reverse("spreadsheets:names", args=[kept.pk]),
        {"name_1": agencies["police"].pk, "name_2": "none", "name_3": "none", "name_4": "none"},
    )
    assert AgencyAlias.objects.get().partnership == cast.partnership

    southshire = client_for(cast.charlie)
    data = council_plan(leads=("WMP",))
    response = southshire.post(IMPORT, {"file": upload(data, "southshire.xlsx")})
    theirs = Upload.objects.filter(partnership=cast.other).get()
    keys = ["priority", "reference", "title", "lead_agency", "due_date", "status", "update"]
    southshire.post(
        reverse("spreadsheets:columns", args=[theirs.pk]), {f"column_{n}": k for n, k in enumerate(keys, start=1)}
    )
    theirs.refresh_from_db()
    assert response.status_code == 302
    assert theirs.status == Upload.Status.NAMES  # "WMP" means nothing to Southshire yet
    assert [q["written"] for q in theirs.names["questions"]] == ["WMP"]
    page = southshire.get(reverse("spreadsheets:names", args=[theirs.pk])).content.decode()
    assert "West Midlands Police" not in page and "Southshire Council" in page


def test_the_import_page_points_back_to_a_file_waiting_for_its_agencies(cast, agencies):
    client, kept = asked(cast, agencies)
    page = text(client.get(IMPORT))

    assert "have not said what the agencies it names mean yet" in page
    assert reverse("spreadsheets:names", args=[kept.pk]) in page


def test_the_upload_page_sends_a_file_waiting_for_its_agencies_to_the_choice(cast, agencies):
    client, kept = asked(cast, agencies)
    response = client.get(reverse("spreadsheets:preview", args=[kept.pk]))

    assert response.status_code == 302 and response["Location"] == reverse("spreadsheets:names", args=[kept.pk])


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("WMP", "West Midlands Police"),
        ("W.M.P.", "West Midlands Police"),
        ("NHS Black Country ICB", "NHS Black Country Integrated Care Board"),
        ("Black Country ICB", "NHS Black Country Integrated Care Board"),
        ("Walsall Council (Childrens)", "Walsall Council (Children's Services)"),
        ("DfE", "Department for Education"),
        ("Police", None),  # two police forces: no guess
        ("CCG", None),
        ("Fire", None),
    ],
)
def test_the_likely_agency_is_found_by_words_and_initials_or_not_guessed(written, meant):
    from types import SimpleNamespace

    names = [
        "West Midlands Police",
        "Staffordshire Police",
        "NHS Black Country Integrated Care Board",
        "Walsall Council (Children's Services)",
        "Department for Education",
    ]
    likely = agency_likely(written, [SimpleNamespace(name=name) for name in names])

    assert (likely.name if likely else None) == meant
