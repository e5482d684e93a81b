"""A Northshire plan, scorecard and audit record to report on for 2026/27 Q2 (July to September 2026).

Built on the cast (tests/conftest.py). Reported on 21 October 2026:

Priority 1 (sponsor: health, Sam): P1.1 on track, updated in the quarter; P1.2 off track, updated
in August and again after the quarter; P1.3 at risk, never updated; P1.4 completed in August.
Priority 2 (sponsor: the council): P2.1 on track (Lee), updated in July; P2.2 on track but due
15 September, so overdue; P2.3 completed in May; P2.4 not started, starts and is due next quarter;
P2.5 cancelled.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from freezegun import freeze_time

from actions.models import Status
from audits.models import Audit, Recommendation
from neglect_portal.periods import Period
from outcomes.models import Frequency, Polarity, RBACategory
from reports import services
from reports.models import QuarterlyReport
from tests import factories as f

QUARTER = Period.parse("2026/27 Q2")
REPORT_DAY = datetime.date(2026, 10, 21)
CP_PLANS_STORY = "Two large sibling groups became subject to plans in August."


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Issued PDFs go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def update(action, day, status, narrative, author):
    return f.ProgressUpdateFactory(action=action, update_date=day, status=status, narrative=narrative, author=author)


@pytest.fixture
def world(cast):
    """The cast's plan filled out for the quarter, with indicators, audits and a board distribution list."""
    p1, p2, sam, lee = cast.p1, cast.p2, cast.sam, cast.lee
    date = datetime.date
    a12 = f.ActionFactory(
        priority=p1, reference="P1.2", title="Recruit family support workers", status=Status.OFF_TRACK, lead=sam
    )
    a13 = f.ActionFactory(priority=p1, reference="P1.3", title="Publish the neglect toolkit", status=Status.AT_RISK)
    a14 = f.ActionFactory(priority=p1, reference="P1.4", title="Audit health visitor records", status=Status.COMPLETED)
    a14.completed_on = date(2026, 8, 20)
    a14.save()
    a22 = f.ActionFactory(priority=p2, reference="P2.2", title="Train school staff", due_date=date(2026, 9, 15))
    a23 = f.ActionFactory(priority=p2, reference="P2.3", title="Agree thresholds", status=Status.COMPLETED)
    a23.completed_on = date(2026, 5, 1)
    a23.save()
    a24 = f.ActionFactory(
        priority=p2,
        reference="P2.4",
        title="Launch the parenting offer",
        status=Status.NOT_STARTED,
        start_date=date(2026, 10, 1),
        due_date=date(2026, 11, 30),
    )
    f.ActionFactory(priority=p2, reference="P2.5", title="Commission a helpline", status=Status.CANCELLED)

    update(cast.a11, date(2026, 9, 1), Status.ON_TRACK, "Two of five teams trained.", sam)
    update(a12, date(2026, 8, 10), Status.OFF_TRACK, "Recruitment has stalled: no applicants.", sam)
    update(a12, date(2026, 10, 5), Status.OFF_TRACK, "Written after the quarter closed.", sam)
    update(cast.a21, date(2026, 7, 15), Status.ON_TRACK, "Toolkit printed.", lee)
    update(a22, date(2026, 7, 20), Status.ON_TRACK, "Sessions booked for September.", lee)

    indicators = _indicators(cast)
    recommendations = _audits(cast, a12)
    board_list = f.DistributionListFactory(partnership=cast.partnership, name="Northshire board")
    recipients = [
        f.RecipientFactory(distribution_list=board_list, name="Bea Example", email="bea@example.org", user=cast.bea),
        f.RecipientFactory(distribution_list=board_list, name="Cllr Dana Jones", email="dana.jones@example.org"),
        f.RecipientFactory(
            distribution_list=board_list, name="Former member", email="former@example.org", is_active=False
        ),
    ]
    return SimpleNamespace(
        **vars(cast),
        a12=a12,
        a13=a13,
        a14=a14,
        a22=a22,
        a23=a23,
        a24=a24,
        indicators=indicators,
        recommendations=recommendations,
        board_list=board_list,
        recipients=recipients,
    )


def _indicators(cast):
    partnership = cast.partnership
    contacts = f.IndicatorFactory(
        partnership=partnership,
        code="HAL-01",
        name="Early Help contacts where neglect is the presenting issue",
        frequency=Frequency.ANNUAL,
        polarity=Polarity.NEITHER,
        is_context=True,
    )
    f.MeasurementFactory(indicator=contacts, period="2017/18", value=73)
    f.MeasurementFactory(indicator=contacts, period="2018/19", value=147)
    plans = f.IndicatorFactory(
        partnership=partnership,
        code="CP-01",
        name="Children on a child protection plan for neglect",
        rba_category=RBACategory.BETTER_OFF,
        polarity=Polarity.LOWER_BETTER,
        target=Decimal(100),
        amber_tolerance=Decimal(5),
        source_agency=cast.council,
    )
    f.MeasurementFactory(indicator=plans, period="2026/27 Q1", value=110)
    f.MeasurementFactory(indicator=plans, period="2026/27 Q2", value=120, note=CP_PLANS_STORY)
    training = f.IndicatorFactory(
        partnership=partnership,
        code="TR-01",
        name="Practitioners trained in the neglect toolkit",
        target=Decimal(50),
        amber_tolerance=Decimal(15),
        source_agency=cast.health,
    )
    f.MeasurementFactory(indicator=training, period="2026/27 Q1", value=40)
    return SimpleNamespace(contacts=contacts, plans=plans, training=training)


def _audits(cast, a12):
    date = datetime.date
    partnership = cast.partnership
    audit = f.AuditFactory(partnership=partnership, title="Neglect in adolescence", completed_on=date(2026, 6, 30))
    overdue = f.RecommendationFactory(
        audit=audit, reference="R1", text="Use the toolkit with teenagers.", due_date=date(2026, 9, 30)
    )
    overdue.actions.set([cast.a21, a12])
    with freeze_time("2026-07-01 10:00"):
        shared = f.RecommendationFactory(
            audit=audit, reference="R2", text="Share chronologies.", status=Recommendation.Status.IN_PROGRESS
        )
    with freeze_time("2026-08-14 10:00"):  # completed during 2026/27 Q2: the report shows it
        shared.status = Recommendation.Status.COMPLETED
        shared.save()
    f.RecommendationFactory(
        audit=audit,
        reference="R3",
        text="Train GP practices.",
        status=Recommendation.Status.IN_PROGRESS,
        owner_agency=cast.health,
        due_date=date(2027, 1, 31),
    )
    old = f.AuditFactory(
        partnership=partnership,
        kind=Audit.Kind.LEARNING_REVIEW,
        title="Learning review: Child K",
        completed_on=date(2024, 5, 1),
    )
    f.RecommendationFactory(audit=old, reference="K1", text="Done long ago.", status=Recommendation.Status.COMPLETED)
    f.RecommendationFactory(audit=old, reference="K2", text="Still open.", due_date=date(2025, 3, 31))
    later = f.AuditFactory(partnership=partnership, title="Audit after the quarter", completed_on=date(2026, 10, 5))
    f.RecommendationFactory(audit=later, reference="L1", text="Not known at the quarter's end.")
    return SimpleNamespace(overdue=overdue)


@pytest.fixture
def draft(world):
    """A draft report for the quarter, started by Steve, with its figures built on the report day."""
    return services.report_start(membership_of(world.steve), world.strategy, QUARTER, today=REPORT_DAY)


def signed_off(world, period=QUARTER):
    """The quarter signed off by Alice, the business manager, so that its report may be issued."""
    return f.SignedOffQuarterFactory(strategy=world.strategy, period=period.label, signed_off_by=world.alice)


def membership_of(user):
    return user.memberships.get()


def issued_report(world, **commentary) -> QuarterlyReport:
    """The quarter's report (started if need be), with this commentary, issued by Steve on the report day."""
    report = QuarterlyReport.objects.filter(strategy=world.strategy, period=QUARTER.label).first()
    if report is None:
        report = services.report_start(membership_of(world.steve), world.strategy, QUARTER, today=REPORT_DAY)
    if commentary:
        services.report_update_commentary(membership_of(world.steve), report, **commentary)
    signed_off(world)
    services.report_issue(membership_of(world.steve), report, today=REPORT_DAY)
    services.report_pdf_store(report.pk)  # what the worker asked for after the issue's commit does
    report.refresh_from_db()
    return report
