"""The one home of audit writes: who may do what, what is refused, and what history keeps."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actions.models import Action
from audits import services
from audits.models import Audit, Finding, Recommendation
from tests import factories as f
from tests.audits.conftest import audits_snapshot, membership

AUDIT = {
    "kind": Audit.Kind.SINGLE_AGENCY,
    "title": "Health visiting case-file audit",
    "completed_on": datetime.date(2026, 5, 1),
    "case_count": 10,
    "grade_good": 6,
    "grade_inadequate": 2,
}


def test_a_steering_member_records_an_audit_and_history_names_him(cast):
    audit = services.audit_create(membership(cast.steve), **AUDIT)

    assert audit.partnership == cast.partnership
    assert audit.graded_total == 8
    assert audit.history.get().history_user == cast.steve


def test_grades_adding_up_to_more_than_the_cases_are_refused_naming_the_number_of_cases(cast):
    with pytest.raises(ValidationError) as refused:
        services.audit_create(membership(cast.alice), **{**AUDIT, "grade_good": 9})

    assert refused.value.message_dict == {"case_count": ["The grades add up to 11, more than the 10 cases."]}
    assert not Audit.objects.exists()


def test_changing_the_cases_below_the_grades_is_refused_and_changes_nothing(cast, audit_cast):
    with pytest.raises(ValidationError):
        services.audit_update(membership(cast.alice), audit_cast.audit, case_count=5)

    assert Audit.objects.get(pk=audit_cast.audit.pk).case_count == 12


@pytest.mark.parametrize("role", ["sam", "lee", "bea"])
def test_only_plan_editors_record_audits(cast, audit_cast, role):
    member = membership(getattr(cast, role))
    before = audits_snapshot()

    with pytest.raises(PermissionDenied):
        services.audit_create(member, **AUDIT)
    with pytest.raises(PermissionDenied):
        services.audit_update(member, audit_cast.audit, title="Changed")
    with pytest.raises(PermissionDenied):
        services.finding_add(member, audit_cast.audit, kind=Finding.Kind.STRENGTH, text="Good")
    with pytest.raises(PermissionDenied):
        services.recommendation_create(member, audit_cast.audit, reference="R9", text="Do it.")

    assert audits_snapshot() == before


def test_a_plan_editor_of_another_partnership_cannot_touch_northshires_audit(cast, audit_cast):
    with pytest.raises(PermissionDenied):
        services.audit_update(membership(cast.charlie), audit_cast.audit, title="Taken over")


def test_a_lead_agency_of_another_partnership_is_refused(cast):
    with pytest.raises(ValidationError) as refused:
        services.audit_create(membership(cast.alice), **AUDIT, lead_agency=cast.other_agency)

    assert "lead_agency" in refused.value.message_dict


def test_findings_are_added_changed_and_withdrawn_never_deleted_with_history(cast, audit_cast):
    steve = membership(cast.steve)
    finding = services.finding_add(steve, audit_cast.audit, kind=Finding.Kind.IMPROVEMENT, text="Chronologies thin.")
    pk = finding.pk
    services.finding_update(steve, finding, text="Chronologies were thin in 8 of 12 cases.")
    services.finding_withdraw(steve, finding, "The panel withdrew this finding on appeal")

    records = list(Finding.history.filter(id=pk).order_by("history_date"))
    assert [r.history_type for r in records] == ["+", "~", "~"]
    assert {r.history_user for r in records} == {cast.steve}
    kept = Finding.objects.get(pk=pk)
    assert (kept.withdrawn_by, kept.withdrawal_reason) == (cast.steve, "The panel withdrew this finding on appeal")
    assert kept.withdrawn_at is not None and not Finding.objects.current().filter(pk=pk).exists()
    with pytest.raises(PermissionDenied, match="withdrawn"):
        services.finding_update(steve, kept, text="Changed afterwards")


def test_a_recommendation_reference_is_unique_in_its_audit(cast, audit_cast):
    with pytest.raises(ValidationError) as refused:
        services.recommendation_create(membership(cast.alice), audit_cast.audit, reference="r1", text="Again.")

    assert refused.value.message_dict == {"reference": ["This audit already has a recommendation r1"]}


def test_two_people_saving_the_same_reference_at_once_get_a_message_not_an_error(cast, audit_cast, monkeypatch):
    # The other person's recommendation is saved between this one's checks and its save.
    monkeypatch.setattr(services, "_check_recommendation", lambda recommendation: None)
    monkeypatch.setattr(Recommendation, "validate_unique", lambda self, exclude=None: None)
    monkeypatch.setattr(Recommendation, "validate_constraints", lambda self, exclude=None: None)
    before = Recommendation.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.recommendation_create(membership(cast.alice), audit_cast.audit, reference="R1", text="Again.")

    assert "just been saved with this reference" in refused.value.message_dict["reference"][0]
    assert Recommendation.objects.count() == before


def test_the_same_reference_may_be_used_in_another_audit(cast, audit_cast):
    other = f.AuditFactory(partnership=cast.partnership)

    recommendation = services.recommendation_create(membership(cast.alice), other, reference="R1", text="Again.")

    assert recommendation.audit == other


def test_the_owner_must_be_a_member_of_the_partnership(cast, audit_cast):
    with pytest.raises(ValidationError) as refused:
        services.recommendation_update(membership(cast.alice), audit_cast.r1, owner=cast.charlie)

    assert "owner" in refused.value.message_dict
    assert Recommendation.objects.get(pk=audit_cast.r1.pk).owner is None


# --- status -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "recommendation", "allowed"),
    [
        ("alice", "r1", True),
        ("steve", "r2", True),
        ("sam", "r1", True),  # sponsor of the owning agency (health)
        ("sam", "r2", False),
        ("lee", "r2", True),  # named owner
        ("lee", "r1", False),
        ("bea", "r1", False),
    ],
)
def test_the_status_is_changed_by_plan_editors_the_owner_and_the_sponsor_of_the_owning_agency(
    cast, audit_cast, role, recommendation, allowed
):
    target = getattr(audit_cast, recommendation)
    member = membership(getattr(cast, role))

    if allowed:
        services.recommendation_update_status(member, target, Recommendation.Status.COMPLETED)
        assert Recommendation.objects.get(pk=target.pk).status == Recommendation.Status.COMPLETED
        assert target.history.latest().history_user == getattr(cast, role)
    else:
        with pytest.raises(PermissionDenied):
            services.recommendation_update_status(member, target, Recommendation.Status.COMPLETED)
        assert Recommendation.objects.get(pk=target.pk).status == Recommendation.Status.OPEN


def test_an_unknown_status_is_refused_naming_the_field(cast, audit_cast):
    with pytest.raises(ValidationError) as refused:
        services.recommendation_update_status(membership(cast.lee), audit_cast.r2, "abandoned")

    assert "status" in refused.value.message_dict


def test_an_owner_cannot_change_anything_but_the_status(cast, audit_cast):
    with pytest.raises(PermissionDenied):
        services.recommendation_update(membership(cast.lee), audit_cast.r2, text="Easier.")


# --- actions ---------------------------------------------------------------------------


def test_an_action_created_from_a_recommendation_is_added_to_the_plan_and_linked(cast, audit_cast):
    action = services.recommendation_create_action(
        membership(cast.steve),
        audit_cast.r2,
        priority=cast.p2,
        reference="P2.2",
        title="Roll the toolkit out to schools",
        success_measure="Toolkit used in 90% of audited cases",
        lead_agency=cast.council,
        lead=cast.lee,
        start_date=datetime.date(2026, 4, 1),
        due_date=datetime.date(2027, 3, 31),
    )

    assert action.priority == cast.p2
    assert list(audit_cast.r2.actions.all()) == [action]
    assert action.history.get().history_user == cast.steve
    assert audit_cast.r2.history.latest().history_user == cast.steve


def test_an_action_that_cannot_be_created_leaves_no_link_and_no_action(cast, audit_cast):
    before = (Action.objects.count(), audits_snapshot())

    with pytest.raises(ValidationError):
        services.recommendation_create_action(
            membership(cast.steve),
            audit_cast.r2,
            priority=cast.p2,
            reference="P2.2",
            title="Backwards",
            success_measure="x",
            lead_agency=cast.council,
            start_date=datetime.date(2027, 4, 1),
            due_date=datetime.date(2026, 3, 31),
        )

    assert (Action.objects.count(), audits_snapshot()) == before


def test_a_sponsor_cannot_create_an_action_from_a_recommendation(cast, audit_cast):
    with pytest.raises(PermissionDenied):
        services.recommendation_create_action(
            membership(cast.sam), audit_cast.r1, priority=cast.p1, reference="P1.9", title="x", success_measure="x",
            lead_agency=cast.health, start_date=datetime.date(2026, 4, 1), due_date=datetime.date(2027, 3, 31),
        )  # fmt: skip
    assert not Action.objects.filter(reference="P1.9").exists()


def test_setting_the_linked_actions_links_and_unlinks_with_history(cast, audit_cast):
    steve = membership(cast.steve)

    services.recommendation_set_actions(steve, audit_cast.r1, [cast.a21])

    assert list(audit_cast.r1.actions.all()) == [cast.a21]
    latest = audit_cast.r1.history.latest()
    assert latest.history_user == cast.steve
    assert [link.action_id for link in latest.actions.all()] == [cast.a21.pk]


def test_unlinking_an_action_keeps_the_action(cast, audit_cast):
    services.recommendation_unlink_action(membership(cast.alice), audit_cast.r1, cast.a11)

    assert not audit_cast.r1.actions.exists()
    assert Action.objects.filter(pk=cast.a11.pk).exists()


def test_actions_of_another_partnership_cannot_be_linked(cast, audit_cast):
    with pytest.raises(ValidationError) as refused:
        services.recommendation_set_actions(membership(cast.alice), audit_cast.r1, [cast.other_action])

    assert "actions" in refused.value.message_dict
    assert list(audit_cast.r1.actions.all()) == [cast.a11]
