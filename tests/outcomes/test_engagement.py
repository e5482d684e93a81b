"""Each agency's engagement: actions updated, values by the deadline, overdue actions and days since an update.

The figures of a small Northshire built here are worked out by hand below. Quarter shown: 2026/27 Q2
(1 July to 30 September 2026), looked at on 2 November 2026. Its collection deadline is the day its
report is due, 15 working days after it ends: Wednesday 21 October 2026.

Actions (all started 1 April 2025):
- Health leads P1.1 (updated 10 May and 5 August), P1.2 (due 15 September, off track, updated 20 June),
  P1.3 (completed 20 August, no update), P1.4 (cancelled) and P1.5 (completed 1 May).
- The council leads P2.1 (updated 15 July), P2.3 (due 30 September, updated that day), P2.4 (updated
  30 June and 1 October) and P2.2 (starts 1 October).
- The police lead no action.

Values for 2026/27 Q2: the police supply POL-1 (entered 21 October at 23:30 UK time: on time) and POL-2
(entered 22 October: late), and an annual one that is not counted; health supply HLT-1 (monthly, entered
5 October), HLT-3 (no value) and HLT-2 (inactive: not counted).

Hand-worked 2026/27 Q2:
- Health: under way P1.1, P1.2, P1.3 (P1.4 cancelled, P1.5 closed before July) = 3; updated: P1.1 = 1 (33%);
  overdue: P1.2 = 1; newest update by 30 September: 5 August, 56 days; values 1 of 2 (50%).
- Council: under way P2.1, P2.3, P2.4 (P2.2 not started) = 3; updated: P2.1, P2.3 = 2 (67%) (P2.4's
  1 October update is the next quarter's); overdue: P2.3, due on the quarter's last day = 1; newest update
  30 September, 0 days; no quarterly indicator.
- Police: no action; values 1 of 2 (50%).
Hand-worked 2026/27 Q1 (April to June): health 2 of 4 updated (P1.1, P1.2; P1.5 counts, completed 1 May);
council 1 of 3 (P2.4 on 30 June); no values entered, so 0 of 2 on time for health and for the police.
Ranked (mean of the shares): council 67, police 50, health (33 + 50) / 2 = 42.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time

from accounts.models import Sector
from actions.models import Status
from neglect_portal.periods import Period
from outcomes import engagement
from outcomes.models import Frequency, RBACategory
from priorities.selectors import values_due
from tests import factories as f
from tests.spreadsheets.helpers import about_sheet, downloaded_sheet, sheet_table

QUARTER = Period.parse("2026/27 Q2")
TODAY = datetime.date(2026, 11, 2)
date = datetime.date


def _update(action, day, author):
    return f.ProgressUpdateFactory(action=action, update_date=day, status=action.status, author=author)


def _value(indicator, period, entered_at):
    with freeze_time(entered_at):
        return f.MeasurementFactory(indicator=indicator, period=period, value=Decimal("12"))


def _indicator(cast, code, agency, frequency=Frequency.QUARTERLY, **extra):
    return f.IndicatorFactory(
        partnership=cast.partnership,
        code=code,
        source_agency=agency,
        frequency=frequency,
        rba_category=RBACategory.HOW_MUCH,
        **extra,
    )


@pytest.fixture
def built(cast):
    p1, p2, sam, lee = cast.p1, cast.p2, cast.sam, cast.lee
    health, council, police = cast.health, cast.council, cast.police
    f.AgencyFactory(partnership=cast.partnership, name="Northshire Housing", sector=Sector.HOUSING)  # nothing to count

    a11 = cast.a11  # health, on track, due 31 March 2027
    _update(a11, date(2026, 5, 10), sam)
    _update(a11, date(2026, 8, 5), sam)
    a12 = f.ActionFactory(
        priority=p1, reference="P1.2", lead_agency=health, status=Status.OFF_TRACK, due_date=date(2026, 9, 15)
    )
    _update(a12, date(2026, 6, 20), sam)
    a13 = f.ActionFactory(priority=p1, reference="P1.3", lead_agency=health, status=Status.COMPLETED)
    a13.completed_on = date(2026, 8, 20)
    a13.save()
    f.ActionFactory(priority=p1, reference="P1.4", lead_agency=health, status=Status.CANCELLED)
    a15 = f.ActionFactory(priority=p1, reference="P1.5", lead_agency=health, status=Status.COMPLETED)
    a15.completed_on = date(2026, 5, 1)
    a15.save()

    _update(cast.a21, date(2026, 7, 15), lee)  # council, due 31 January 2027
    f.ActionFactory(
        priority=p2, reference="P2.2", lead_agency=council, start_date=date(2026, 10, 1), due_date=date(2026, 11, 30)
    )
    a23 = f.ActionFactory(priority=p2, reference="P2.3", lead_agency=council, due_date=date(2026, 9, 30))
    _update(a23, date(2026, 9, 30), lee)
    a24 = f.ActionFactory(priority=p2, reference="P2.4", lead_agency=council)
    _update(a24, date(2026, 6, 30), lee)
    _update(a24, date(2026, 10, 1), lee)

    pol1 = _indicator(cast, "POL-1", police)
    pol2 = _indicator(cast, "POL-2", police)
    pol3 = _indicator(cast, "POL-3", police, frequency=Frequency.ANNUAL)
    hlt1 = _indicator(cast, "HLT-1", health, frequency=Frequency.MONTHLY)
    hlt2 = _indicator(cast, "HLT-2", health, is_active=False)
    _indicator(cast, "HLT-3", health)
    _value(pol1, "2026/27 Q2", "2026-10-21 22:30")  # 23:30 in the UK (summer time): the deadline's last hour
    _value(pol2, "2026/27 Q2", "2026-10-22 08:00")
    _value(pol3, "2025/26", "2026-05-01 09:00")
    _value(hlt1, "2026/27 Q2", "2026-10-05 09:00")
    _value(hlt2, "2026/27 Q2", "2026-10-05 09:00")

    # Southshire's own action, update and value never show in Northshire's figures.
    _update(cast.other_action, date(2026, 8, 1), cast.charlie)
    other_indicator = f.IndicatorFactory(partnership=cast.other, code="S-1", source_agency=cast.other_agency)
    _value(other_indicator, "2026/27 Q2", "2026-10-01 09:00")
    return cast


def _figures(cast, period=QUARTER, today=TODAY):
    result = engagement.engagement(cast.partnership, cast.strategy, period, today)
    return result, {row.name: row for row in result.rows}


def test_the_collection_deadline_is_the_day_the_quarters_report_is_due(cast):
    assert values_due(cast.partnership, QUARTER) == date(2026, 10, 21)
    assert values_due(cast.partnership, Period.parse("2026/27 Q1")) == date(2026, 7, 21)


def test_each_agencys_figures_for_the_quarter_are_those_worked_out_by_hand(built):
    result, rows = _figures(built)
    assert result.deadline == date(2026, 10, 21)
    assert [row.name for row in result.rows] == ["Northshire Council", "Northshire ICB", "Northshire Police"]
    health = rows["Northshire ICB"].current
    assert (health.actions, health.updated, health.updated_share) == (3, 1, 33)
    assert (health.overdue, health.last_update, health.days_since_update) == (1, date(2026, 8, 5), 56)
    assert (health.values_due, health.on_time, health.on_time_share) == (2, 1, 50)
    council = rows["Northshire Council"].current
    assert (council.actions, council.updated, council.updated_share) == (3, 2, 67)
    assert (council.overdue, council.last_update, council.days_since_update) == (1, date(2026, 9, 30), 0)
    assert (council.values_due, council.on_time_share) == (0, None)
    police = rows["Northshire Police"].current
    assert (police.actions, police.values_due, police.on_time, police.values_entered) == (0, 2, 1, 2)
    assert "Southshire Council" not in rows


def test_the_trend_covers_the_quarter_and_the_three_before_it(built):
    result, rows = _figures(built)
    assert [p.label for p in result.periods] == ["2025/26 Q3", "2025/26 Q4", "2026/27 Q1", "2026/27 Q2"]
    q1_health, q1_council = rows["Northshire ICB"].quarters[2], rows["Northshire Council"].quarters[2]
    assert q1_health.period == "2026/27 Q1"
    assert (q1_health.actions, q1_health.updated, q1_health.overdue) == (4, 2, 0)
    assert (q1_health.values_due, q1_health.on_time) == (2, 0)
    assert (q1_council.actions, q1_council.updated, q1_council.days_since_update) == (3, 1, 0)
    q3_health = rows["Northshire ICB"].quarters[0]  # October to December 2025: nothing updated
    assert (q3_health.actions, q3_health.updated, q3_health.last_update) == (4, 0, None)


def test_quarter_boundaries_count_an_update_on_the_last_day_and_not_the_day_after(built):
    _, rows = _figures(built)
    council = rows["Northshire Council"]
    # P2.4: 30 June counts for Q1, 1 October for Q3, so neither for Q2.
    assert council.quarters[2].updated == 1 and council.current.updated == 2
    q3 = engagement.engagement(built.partnership, built.strategy, Period.parse("2026/27 Q3"), TODAY)
    council_q3 = next(row for row in q3.rows if row.name == "Northshire Council").current
    # Q3 runs until 31 December: on 2 November P2.2 (started 1 October) and P2.4 (updated 1 October) count.
    assert (council_q3.actions, council_q3.updated) == (4, 1)
    assert council_q3.days_since_update == (TODAY - date(2026, 10, 1)).days


def test_a_value_entered_after_the_deadline_day_is_late_and_one_on_it_is_on_time(built):
    _, rows = _figures(built)
    police = rows["Northshire Police"].current
    assert police.on_time == 1 and police.values_entered == 2
    before_deadline = engagement.engagement(built.partnership, built.strategy, QUARTER, date(2026, 10, 21))
    police_then = next(row for row in before_deadline.rows if row.name == "Northshire Police").current
    assert not police_then.deadline_passed and police_then.values_text == "1 of 2 (50%) so far"


def test_agencies_are_listed_by_name_unless_the_partnership_ranks_them(built):
    result, _ = _figures(built)
    assert not result.ranked and all(row.position is None for row in result.rows)
    built.partnership.rank_agency_engagement = True
    built.partnership.save()
    result, _ = _figures(built)
    assert result.ranked
    assert [(row.position, row.name) for row in result.rows] == [
        (1, "Northshire Council"),
        (2, "Northshire Police"),
        (3, "Northshire ICB"),
    ]


def _add_agencies(cast, count):
    for n in range(count):
        agency = f.AgencyFactory(partnership=cast.partnership, name=f"Extra agency {n}")
        action = f.ActionFactory(priority=cast.p2, reference=f"X{n}", lead_agency=agency, due_date=date(2026, 8, 1))
        _update(action, date(2026, 8, 1), cast.lee)
        indicator = _indicator(cast, f"X-{n}", agency)
        _value(indicator, "2026/27 Q2", "2026-10-10 09:00")


@pytest.mark.parametrize("count", [1, 25])
def test_the_page_query_count_does_not_grow_with_agencies(built, client_for, django_assert_max_num_queries, count):
    _add_agencies(built, count)
    with django_assert_max_num_queries(6):
        engagement.engagement(built.partnership, built.strategy, QUARTER, TODAY)
    client = client_for(built.steve)
    with freeze_time("2026-11-02 10:00"), django_assert_max_num_queries(16):
        response = client.get(reverse("outcomes:engagement"))
    assert response.status_code == 200
    assert response.content.decode().count("Extra agency") == 2 * count  # the quarter's table and the trend


def test_the_page_shows_the_last_ended_quarter_with_the_hand_worked_figures(built, client_for):
    with freeze_time("2026-11-02 10:00"):
        page = client_for(built.bea).get(reverse("outcomes:engagement")).content.decode()
    assert "Agency engagement in 2026/27 Q2" in page
    assert "21 October 2026" in page
    assert "1 of 3 (33%)" in page and "2 of 3 (67%)" in page and "56 days" in page
    assert "1 of 2 (50%); 1 late" in page  # the police: POL-2 entered the day after the deadline
    assert "33% of actions updated; 50% of values on time" in page  # health's Q2 in the trend
    assert "Southshire" not in page and "Northshire Housing" not in page
    assert "Position" not in page


def test_the_page_ranks_agencies_where_the_partnership_turns_it_on(built, client_for):
    built.partnership.rank_agency_engagement = True
    built.partnership.save()
    with freeze_time("2026-11-02 10:00"):
        page = client_for(built.alice).get(reverse("outcomes:engagement") + "?quarter=2026/27+Q2").content.decode()
    assert "Position" in page
    assert page.index("Northshire Council") < page.index("Northshire Police") < page.index("Northshire ICB")


def test_a_quarter_not_offered_is_refused_with_a_message(built, client_for):
    response = client_for(built.steve).get(reverse("outcomes:engagement") + "?quarter=1999/00+Q1")
    assert response.status_code == 200
    assert "Choose a quarter from the list" in response.content.decode()


@pytest.mark.parametrize("who, status", [("alice", 200), ("steve", 200), ("bea", 200), ("sam", 403), ("lee", 403)])
def test_the_business_manager_steering_group_and_board_see_the_page(cast, client_for, who, status):
    assert client_for(getattr(cast, who)).get(reverse("outcomes:engagement")).status_code == status


def test_the_scorecard_links_to_the_engagement_page(cast, client_for):
    page = client_for(cast.bea).get(reverse("outcomes:scorecard")).content.decode()
    assert reverse("outcomes:engagement") in page


def test_the_business_manager_turns_ranking_on_in_the_partnerships_settings(cast, client_for):
    client = client_for(cast.alice)
    page = client.get(reverse("settings:partnership")).content.decode()
    assert "Rank agencies on the engagement page and in the report" in page
    form = {
        "name": cast.partnership.name,
        "short_name": "",
        "board_name": cast.partnership.board_name,
        "steering_group_name": cast.partnership.steering_group_name,
        "steering_group_chair": "",
        "reminder_working_days": "10",
        "report_send_working_days": "15",
        "time_zone": cast.partnership.time_zone,
        "bank_holiday_region": cast.partnership.bank_holiday_region,
        "evidence_quota_mb": "1024",
        "rank_agency_engagement": "on",
    }
    assert client.post(reverse("settings:partnership"), form).status_code == 302
    cast.partnership.refresh_from_db()
    assert cast.partnership.rank_agency_engagement
    del form["rank_agency_engagement"]
    client.post(reverse("settings:partnership"), form)
    cast.partnership.refresh_from_db()
    assert not cast.partnership.rank_agency_engagement


def test_the_excel_export_has_each_agencys_figures_for_each_quarter(built, client_for):
    built.partnership.rank_agency_engagement = True
    built.partnership.save()
    with freeze_time("2026-11-02 10:00"):
        response = client_for(built.steve).get(reverse("spreadsheets:engagement_export") + "?quarter=2026/27+Q2")
    _, headers, rows = sheet_table(downloaded_sheet(response), "Position")
    assert headers[:7] == [
        "Position",
        "Agency",
        "Quarter",
        "Actions under way",
        "Actions updated in the quarter",
        "Actions updated (%)",
        "Overdue actions",
    ]
    assert len(rows) == 3 * 4 and rows[0][:3] == [1, "Northshire Council", "2026/27 Q2"]
    health_q2 = next(row for row in rows if row[1] == "Northshire ICB" and row[2] == "2026/27 Q2")
    assert health_q2[3:13] == [3, 1, 33, 1, datetime.datetime(2026, 8, 5), 56, 2, 1, 50, 1]
    assert about_sheet(response)["Partnership"] == built.partnership.name


def test_the_excel_export_is_refused_to_sponsors_and_leads(cast, client_for):
    assert client_for(cast.lee).get(reverse("spreadsheets:engagement_export")).status_code == 403


@pytest.mark.parametrize("who, offered", [("steve", True), ("bea", True), ("sam", False), ("lee", False)])
def test_the_import_and_export_page_offers_the_engagement_download_only_to_who_may_take_it(
    cast, client_for, who, offered
):
    page = client_for(getattr(cast, who)).get(reverse("spreadsheets:index")).content.decode()
    assert (reverse("spreadsheets:engagement_export") in page) is offered
    # The downloads everyone may take are still offered.
    assert reverse("spreadsheets:scorecard_export") in page
