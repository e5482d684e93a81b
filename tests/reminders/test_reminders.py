"""Who is reminded or escalated to, about which actions, and when: frozen time around quarter ends.

2026/27 Q3 runs from 1 October to Thursday 31 December 2026. Christmas Day
(Friday 25th) and the Boxing Day holiday (Monday 28th) are bank holidays, so
the tenth working day before 31 December is Tuesday 15 December, and the first
working day after the quarter is Monday 4 January 2027 (New Year's Day is a
Friday bank holiday).
"""

import datetime

import pytest
from django.utils import timezone
from freezegun import freeze_time

from accounts.models import Membership, Role
from actions.models import Action, Status
from neglect_portal.periods import Period
from reminders.models import Reminder
from reminders.selectors import escalations_from, reminders_due, update_reminders_from
from tests import factories as f

Q2 = Period(2026, 2)
Q3 = Period(2026, 3)


@pytest.fixture
def plan(cast):
    """The cast's plan entered in April 2026, both actions updated in Q2 (so Q2 has nothing to escalate)."""
    Action.objects.update(created_at=timezone.make_aware(datetime.datetime(2026, 4, 1, 9)))
    for action in (cast.a11, cast.a21):
        f.ProgressUpdateFactory(action=action, author=cast.alice, update_date=datetime.date(2026, 8, 14))
    cast.sue = f.UserFactory(email="sue@example.org", first_name="Sue", last_name="Example")
    f.MembershipFactory(user=cast.sue, partnership=cast.partnership, role=Role.SPONSOR, agency=cast.council)
    return cast


def due_on(partnership, day):
    with freeze_time(day):
        return reminders_due(partnership, timezone.localdate())


def summary(found):
    """{(kind, first name, quarter): [action references]} of what was selected."""
    return {(d.kind, d.user.first_name, str(d.period)): [i.action.reference for i in d.items] for d in found}


def add_action(cast, priority, reference, **fields):
    """An action entered in April 2026 and updated in Q2, like the cast's."""
    fields.setdefault("lead_agency", priority.sponsor_agency)
    action = f.ActionFactory(priority=priority, reference=reference, **fields)
    Action.objects.filter(pk=action.pk).update(created_at=timezone.make_aware(datetime.datetime(2026, 4, 1, 9)))
    f.ProgressUpdateFactory(action=action, author=cast.alice, update_date=datetime.date(2026, 8, 14))
    return action


# --- the update-due window ------------------------------------------------------


def test_the_window_opens_ten_working_days_before_christmas_quarter_end(plan):
    assert update_reminders_from(plan.partnership, Q3) == datetime.date(2026, 12, 15)
    plan.partnership.reminder_working_days = 3
    assert update_reminders_from(plan.partnership, Q3) == datetime.date(2026, 12, 24)
    assert escalations_from(Q3) == datetime.date(2027, 1, 4)


def test_nothing_is_selected_the_day_before_the_window_opens(plan):
    assert due_on(plan.partnership, "2026-12-14") == []


def test_on_the_first_day_of_the_window_each_lead_is_reminded_of_their_actions_without_an_update(plan):
    found = due_on(plan.partnership, "2026-12-15")
    assert summary(found) == {("update_due", "Lee", "2026/27 Q3"): ["P2.1"]}
    assert found[0].items[0].reasons == ["No progress update in 2026/27 Q3"]


def test_on_the_quarters_last_day_the_same_leads_are_still_selected(plan):
    assert summary(due_on(plan.partnership, "2026-12-31")) == {("update_due", "Lee", "2026/27 Q3"): ["P2.1"]}


def test_a_lead_gets_one_reminder_listing_all_their_actions_without_an_update_by_due_date(plan):
    add_action(plan, plan.p1, "P1.2", lead=plan.lee, due_date=datetime.date(2026, 12, 1))
    add_action(plan, plan.p1, "P1.3", lead=plan.lee, status=Status.COMPLETED)
    add_action(plan, plan.p2, "P2.2", lead=plan.lee, status=Status.CANCELLED)
    add_action(plan, plan.p2, "P2.3", lead=plan.sam, status=Status.AT_RISK)
    assert summary(due_on(plan.partnership, "2026-12-15")) == {
        ("update_due", "Lee", "2026/27 Q3"): ["P1.2", "P2.1"],
        ("update_due", "Sam", "2026/27 Q3"): ["P2.3"],
    }


def test_an_update_dated_in_the_quarter_removes_the_action_and_one_dated_before_it_does_not(plan):
    f.ProgressUpdateFactory(action=plan.a21, author=plan.lee, update_date=datetime.date(2026, 9, 30))
    assert summary(due_on(plan.partnership, "2026-12-15")) == {("update_due", "Lee", "2026/27 Q3"): ["P2.1"]}
    f.ProgressUpdateFactory(action=plan.a21, author=plan.lee, update_date=datetime.date(2026, 10, 1))
    assert due_on(plan.partnership, "2026-12-15") == []


def test_weekends_and_bank_holidays_are_not_counted_in_the_window(plan):
    plan.partnership.reminder_working_days = 3
    plan.partnership.save()
    assert due_on(plan.partnership, "2026-12-23") == []
    assert summary(due_on(plan.partnership, "2026-12-24")) == {("update_due", "Lee", "2026/27 Q3"): ["P2.1"]}


def test_an_action_that_has_not_started_is_not_reminded(plan):
    Action.objects.filter(pk=plan.a21.pk).update(start_date=datetime.date(2027, 1, 4))
    assert due_on(plan.partnership, "2026-12-15") == []


def test_actions_without_a_lead_get_no_update_reminder(plan):
    Action.objects.filter(pk=plan.a21.pk).update(lead=None)
    assert due_on(plan.partnership, "2026-12-15") == []


def test_a_lead_who_is_no_longer_an_active_member_gets_nothing(plan):
    Membership.objects.filter(user=plan.lee).update(is_active=False)
    assert due_on(plan.partnership, "2026-12-15") == []


def test_a_lead_whose_account_is_disabled_gets_nothing(plan):
    plan.lee.is_active = False
    plan.lee.save()
    assert due_on(plan.partnership, "2026-12-15") == []


def test_a_partnership_without_an_active_strategy_has_nothing_due(plan):
    plan.strategy.status = "archived"
    plan.strategy.save()
    assert due_on(plan.partnership, "2026-12-15") == []


# --- after the quarter closes ----------------------------------------------------


@pytest.mark.parametrize("day", ["2027-01-01", "2027-01-02", "2027-01-03"])
def test_nothing_is_sent_on_the_bank_holiday_and_weekend_after_the_quarter_closes(plan, day):
    assert due_on(plan.partnership, day) == []


def test_on_the_first_working_day_after_the_quarter_sponsors_hear_of_actions_without_an_update(plan):
    found = due_on(plan.partnership, "2027-01-04")
    assert summary(found) == {
        ("escalation", "Sam", "2026/27 Q3"): ["P1.1"],
        ("escalation", "Sue", "2026/27 Q3"): ["P2.1"],
    }
    assert all(kind == "escalation" for kind, *_ in summary(found)), "no update reminder for the closed quarter"
    sam = next(d for d in found if d.user == plan.sam)
    assert sam.groups[0].why == "You are the sponsor lead of this priority."
    assert sam.items[0].reasons == ["No progress update in 2026/27 Q3"]


def test_overdue_actions_are_escalated_even_when_they_were_updated(plan):
    Action.objects.filter(pk=plan.a21.pk).update(due_date=datetime.date(2026, 12, 18))
    for action in (plan.a11, plan.a21):
        f.ProgressUpdateFactory(action=action, author=plan.alice, update_date=datetime.date(2026, 11, 2))
    found = due_on(plan.partnership, "2027-01-04")
    assert summary(found) == {("escalation", "Sue", "2026/27 Q3"): ["P2.1"]}
    assert found[0].items[0].reasons == ["Overdue: due 18 December 2026"]


def test_an_action_overdue_and_without_an_update_gives_both_reasons(plan):
    Action.objects.filter(pk=plan.a21.pk).update(due_date=datetime.date(2026, 12, 31))
    found = due_on(plan.partnership, "2027-01-04")
    sue = next(d for d in found if d.user == plan.sue)
    assert sue.items[0].reasons == ["No progress update in 2026/27 Q3", "Overdue: due 31 December 2026"]


def test_an_action_due_after_the_quarter_is_not_called_overdue(plan):
    Action.objects.filter(pk=plan.a21.pk).update(due_date=datetime.date(2027, 1, 2))
    f.ProgressUpdateFactory(action=plan.a21, author=plan.lee, update_date=datetime.date(2026, 12, 1))
    assert ("escalation", "Sue", "2026/27 Q3") not in summary(due_on(plan.partnership, "2027-01-04"))


def test_nothing_to_escalate_means_no_escalation(plan):
    for action in (plan.a11, plan.a21):
        f.ProgressUpdateFactory(action=action, author=plan.alice, update_date=datetime.date(2026, 12, 1))
    assert due_on(plan.partnership, "2027-01-04") == []


def test_actions_without_a_lead_are_listed_to_the_sponsor_with_no_lead(plan):
    found = due_on(plan.partnership, "2027-01-04")
    sam = next(d for d in found if d.user == plan.sam)
    assert sam.items[0].action == plan.a11 and sam.items[0].action.lead is None


def test_closed_actions_are_never_escalated(plan):
    Action.objects.filter(pk=plan.a11.pk).update(status=Status.COMPLETED)
    Action.objects.filter(pk=plan.a21.pk).update(status=Status.CANCELLED, due_date=datetime.date(2026, 11, 1))
    assert due_on(plan.partnership, "2027-01-04") == []


def test_actions_entered_or_started_after_the_quarter_closed_are_not_escalated_for_it(plan):
    Action.objects.filter(pk=plan.a11.pk).update(created_at=timezone.make_aware(datetime.datetime(2027, 1, 2, 9)))
    Action.objects.filter(pk=plan.a21.pk).update(
        start_date=datetime.date(2027, 1, 1), due_date=datetime.date(2027, 3, 1)
    )
    assert due_on(plan.partnership, "2027-01-04") == []


def test_escalations_are_caught_up_later_in_the_following_quarter_but_not_after_it(plan):
    assert ("escalation", "Sam", "2026/27 Q3") in summary(due_on(plan.partnership, "2027-02-10"))
    assert ("escalation", "Sam", "2026/27 Q3") not in summary(due_on(plan.partnership, "2027-04-06"))


def test_a_sponsor_lead_who_has_left_is_replaced_by_the_sponsors_of_the_agency(plan):
    Membership.objects.filter(user=plan.sam).update(is_active=False)
    hana = f.UserFactory(email="hana@example.org", first_name="Hana")
    f.MembershipFactory(user=hana, partnership=plan.partnership, role=Role.SPONSOR, agency=plan.health)
    found = due_on(plan.partnership, "2027-01-04")
    assert ("escalation", "Hana", "2026/27 Q3") in summary(found)
    assert "Sam" not in {d.user.first_name for d in found}
    hana_due = next(d for d in found if d.user == hana)
    assert hana_due.groups[0].why == "You are a sponsor from Northshire ICB, which sponsors this priority."


def test_a_priority_with_no_sponsor_in_the_portal_is_escalated_to_the_business_manager(plan):
    Membership.objects.filter(user=plan.sue).delete()
    found = due_on(plan.partnership, "2027-01-04")
    assert summary(found)[("escalation", "Alice", "2026/27 Q3")] == ["P2.1"]
    alice = next(d for d in found if d.user == plan.alice)
    assert "business manager" in alice.groups[0].why


def test_a_sponsor_of_two_priorities_gets_one_escalation_listing_both(plan):
    plan.p2.sponsor_lead = plan.sam
    plan.p2.save()
    found = due_on(plan.partnership, "2027-01-04")
    assert summary(found) == {("escalation", "Sam", "2026/27 Q3"): ["P1.1", "P2.1"]}
    assert [g.priority.number for g in found[0].groups] == [1, 2]


def test_at_the_end_of_the_following_quarter_both_kinds_can_be_due(plan):
    f.ProgressUpdateFactory(action=plan.a21, author=plan.lee, update_date=datetime.date(2026, 12, 1))
    found = due_on(plan.partnership, "2027-03-31")
    assert summary(found) == {
        ("escalation", "Sam", "2026/27 Q3"): ["P1.1"],
        ("update_due", "Lee", "2026/27 Q4"): ["P2.1"],
    }


def test_another_partnerships_actions_and_people_are_never_mixed_in(plan):
    southshire = due_on(plan.other, "2027-01-04")
    assert {d.user for d in southshire} <= {plan.charlie}
    assert all(i.action == plan.other_action for d in southshire for i in d.items)
    northshire_people = {d.user for d in due_on(plan.partnership, "2027-01-04")}
    assert plan.charlie not in northshire_people


def test_the_subject_says_how_many_actions_and_by_when(plan):
    add_action(plan, plan.p1, "P1.2", lead=plan.lee)
    lee = due_on(plan.partnership, "2026-12-15")[0]
    assert lee.subject == (
        "Northshire Safeguarding Children Partnership: 2 actions need a progress update before 31 December 2026"
    )
    sam = next(d for d in due_on(plan.partnership, "2027-01-04") if d.user == plan.sam)
    assert sam.subject == (
        "Northshire Safeguarding Children Partnership: 2 actions of your priorities need following up after 2026/27 Q3"
    )


# --- a fixed number of queries ------------------------------------------------------


def grow(cast, leads=6, actions_each=4):
    for n in range(leads):
        lead = f.UserFactory()
        f.MembershipFactory(user=lead, partnership=cast.partnership, role=Role.LEAD, agency=cast.police)
        for m in range(actions_each):
            priority = cast.p1 if m % 2 else cast.p2
            add_action(cast, priority, f"X{n}.{m}", lead=lead, due_date=datetime.date(2026, 12, 20))


@pytest.mark.parametrize("day", ["2026-12-15", "2027-01-04"])
def test_selection_takes_the_same_few_queries_however_many_actions_and_people(plan, django_assert_max_num_queries, day):
    with django_assert_max_num_queries(4):
        small = due_on(plan.partnership, day)
    grow(plan)
    with django_assert_max_num_queries(4):
        large = due_on(plan.partnership, day)
    assert sum(d.count for d in large) > sum(d.count for d in small)


def test_rows_already_recorded_do_not_change_what_is_selected(plan):
    Reminder.objects.create(partnership=plan.partnership, user=plan.lee, period="2026/27 Q3", kind="update_due")
    assert summary(due_on(plan.partnership, "2026-12-15")) == {("update_due", "Lee", "2026/27 Q3"): ["P2.1"]}
