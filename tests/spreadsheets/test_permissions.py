"""Every role × every import page, read and write; a refused request changes nothing.

Charlie is the business manager of Southshire: he may import into Southshire,
never see or touch Northshire's uploads, and a Northshire file means nothing there.
"""

import pytest
from django.urls import reverse

from actions.models import Action
from neglect_portal.periods import current_quarter
from outcomes.models import Measurement
from spreadsheets.models import Upload
from tests.actions.helpers import PLAN_HEADERS, plan_row
from tests.outcomes.helpers import VALUE_HEADERS
from tests.spreadsheets.helpers import upload, xlsx_bytes

ROLES = ["alice", "steve", "sam", "lee", "bea", "charlie"]
EVERYONE = dict.fromkeys(ROLES, 200)
PLAN_EDITORS = {"alice": 200, "steve": 200, "sam": 403, "lee": 403, "bea": 403, "charlie": 200}
VALUE_ENTRY = {"alice": 200, "steve": 200, "sam": 200, "lee": 200, "bea": 403, "charlie": 200}

PAGES = {
    "spreadsheets:index": ([], EVERYONE),
    "spreadsheets:action_plan_import": ([], PLAN_EDITORS),
    "spreadsheets:action_plan_template xlsx": (["xlsx"], PLAN_EDITORS),
    "spreadsheets:action_plan_template csv": (["csv"], PLAN_EDITORS),
    "spreadsheets:indicator_values_import": ([], VALUE_ENTRY),
    "spreadsheets:indicator_values_template xlsx": (["xlsx"], VALUE_ENTRY),
    "spreadsheets:indicator_values_template csv": (["csv"], VALUE_ENTRY),
}


def page_url(page):
    name = page.split(" ")[0]
    return reverse(name, args=PAGES[page][0])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_opens_only_for_the_roles_allowed(cast, indicators, client_for, role, page):
    response = client_for(getattr(cast, role)).get(page_url(page))
    assert response.status_code == PAGES[page][1][role]


@pytest.mark.parametrize("page", list(PAGES))
def test_signed_out_visitors_are_sent_to_sign_in(db, client, page):
    response = client.get(page_url(page))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_index_offers_each_import_only_to_those_who_may_run_it_and_every_export(cast, indicators, client_for):
    lee_page = client_for(cast.lee).get(reverse("spreadsheets:index")).content.decode()
    assert reverse("spreadsheets:indicator_values_import") in lee_page
    assert reverse("spreadsheets:action_plan_import") not in lee_page
    assert "The partnership business manager and steering-group members can import the action plan." in lee_page
    assert (
        reverse("spreadsheets:action_plan_export") in lee_page and reverse("spreadsheets:scorecard_export") in lee_page
    )


def plan_state():
    return sorted(Action.objects.values_list("pk", "priority_id", "reference", "title", "due_date", "status"))


@pytest.mark.parametrize("role", ROLES)
def test_an_action_plan_upload_is_kept_only_for_plan_editors_and_a_refused_one_changes_nothing(cast, client_for, role):
    before = plan_state()
    data = xlsx_bytes(PLAN_HEADERS, [plan_row("P1.5")])
    response = client_for(getattr(cast, role)).post(
        reverse("spreadsheets:action_plan_import"), {"file": upload(data, "plan.xlsx")}
    )
    if role in ("alice", "steve"):
        assert response.status_code == 302
        assert Upload.objects.get().partnership == cast.partnership
    elif role == "charlie":
        # Southshire has no agency called Northshire ICB: he is asked which of Southshire's agencies it means.
        kept = Upload.objects.get()
        assert response.status_code == 302 and response["Location"] == reverse("spreadsheets:names", args=[kept.pk])
        assert kept.partnership == cast.other and kept.status == Upload.Status.NAMES
        page = client_for(cast.charlie).get(response["Location"]).content.decode()
        assert "Southshire Council" in page and "Northshire Police" not in page
    else:
        assert response.status_code == 403
        assert Upload.objects.count() == 0
    assert plan_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_an_indicator_values_upload_is_kept_only_for_those_who_enter_them(cast, indicators, client_for, role):
    code = {"sam": "TR-1", "lee": "SC-1"}.get(role, "TR-1")
    data = xlsx_bytes(VALUE_HEADERS, [[code, current_quarter().previous().label, 12, None, None, None]])
    response = client_for(getattr(cast, role)).post(
        reverse("spreadsheets:indicator_values_import"), {"file": upload(data, "values.xlsx")}
    )
    expected = {"bea": 403, "charlie": 200}.get(role, 302)
    assert response.status_code == expected
    assert Upload.objects.exclude(status=Upload.Status.REFUSED).count() == (1 if expected == 302 else 0)
    assert Measurement.objects.count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_only_the_person_who_uploaded_a_file_may_preview_or_confirm_it(cast, client_for, role):
    client = client_for(cast.steve)
    client.post(
        reverse("spreadsheets:action_plan_import"), {"file": upload(xlsx_bytes(PLAN_HEADERS, [plan_row()]), "p.xlsx")}
    )
    kept = Upload.objects.get()
    before = plan_state()

    client = client_for(getattr(cast, role))
    preview = client.get(reverse("spreadsheets:preview", args=[kept.pk]))
    confirm = client.post(reverse("spreadsheets:confirm", args=[kept.pk]), {"digest": "x"})

    if role == "steve":
        assert preview.status_code == 200 and confirm.status_code == 200  # a wrong digest shows the preview again
    else:
        assert (preview.status_code, confirm.status_code) == (404, 404)
    assert plan_state() == before and Upload.objects.get().status == Upload.Status.PREVIEWED


def test_a_plan_editor_who_lost_the_role_can_no_longer_confirm_their_upload(cast, client_for):
    client = client_for(cast.steve)
    client.post(
        reverse("spreadsheets:action_plan_import"), {"file": upload(xlsx_bytes(PLAN_HEADERS, [plan_row()]), "p.xlsx")}
    )
    cast.steve.memberships.update(role="board")
    before = plan_state()
    response = client.post(reverse("spreadsheets:confirm", args=[Upload.objects.get().pk]), {"digest": "x"})
    assert response.status_code == 403 and plan_state() == before
