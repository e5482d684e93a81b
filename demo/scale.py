"""Benchmark data: partnerships the size of the biggest real ones, and as many as a national service holds.

``scale_build(N)`` makes ``round(24 × N / 100)`` partnerships (at least one). At ×100 there are 24; the
first, the biggest, has 1,919 actions, about 19,000 progress updates and 128 indicators with 40 quarters
of values each; the others are about a tenth of its size (50,000 updates and 20,000 values in all).
Everything is generated from a seed, so the same scale always gives the same data; a partnership is
built in one transaction and one that exists already is left alone, so running it again adds nothing.

The rows are written in bulk (with their history records, as the services keep them), because a
partnership of 19,000 updates takes minutes through one-row-at-a-time forms. Every figure, name and
date is invented and marked as such: the partnerships are called "Benchmark partnership", and every
indicator value is illustrative.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.models import Agency, Membership, Partnership, Role, Sector, User
from actions.models import CLOSED_STATUSES, Action, ProgressUpdate, Status
from audits.models import Audit, Finding, Recommendation
from neglect_portal.periods import current_quarter
from outcomes.models import Frequency, Indicator, Measurement, Polarity, RBACategory, Unit
from priorities.models import Priority, Quarter, Strategy
from reports import services as report_services
from reports.models import DistributionList, Recipient

FULL_SCALE_PARTNERSHIPS = 24  # at ×100
BIGGEST_ACTIONS = 19.19  # per unit of scale: 1,919 at ×100
UPDATES_PER_ACTION = 10
BIGGEST_INDICATORS = 1.28  # 128 at ×100
OTHERS_SHARE = 0.085  # the other partnerships' plans, against the biggest's
OTHERS_INDICATOR_SHARE = 0.12
QUARTERS = 40
PRIORITIES = 5
REPORT_QUARTERS = 4

SECTORS = [
    Sector.LOCAL_AUTHORITY,
    Sector.HEALTH,
    Sector.POLICE,
    Sector.EDUCATION,
    Sector.EARLY_YEARS,
    Sector.HOUSING,
    Sector.VOLUNTARY,
    Sector.PUBLIC_HEALTH,
]
STATUS_WEIGHTS = {
    Status.NOT_STARTED: 10,
    Status.ON_TRACK: 40,
    Status.AT_RISK: 15,
    Status.OFF_TRACK: 8,
    Status.COMPLETED: 25,
    Status.CANCELLED: 2,
}
WORDS = [
    "practitioners",
    "neglect",
    "training",
    "audit",
    "early",
    "help",
    "health",
    "visitors",
    "schools",
    "housing",
    "police",
    "referral",
    "assessment",
    "tool",
    "graded",
    "care",
    "profile",
    "families",
    "children",
    "support",
    "partnership",
    "review",
    "pathway",
    "guidance",
    "briefing",
    "multi-agency",
    "safeguarding",
    "threshold",
    "attendance",
    "dental",
    "appointments",
    "home",
    "conditions",
]


@dataclass(frozen=True)
class Size:
    actions: int
    indicators: int


def partnership_count(scale: int) -> int:
    return max(1, round(FULL_SCALE_PARTNERSHIPS * scale / 100))


def size_of(scale: int, index: int) -> Size:
    """The biggest partnership first (``index`` 0), then the others, each about a tenth of it."""
    share, indicator_share = (1, 1) if index == 0 else (OTHERS_SHARE, OTHERS_INDICATOR_SHARE)
    return Size(
        actions=max(4, round(BIGGEST_ACTIONS * scale * share)),
        indicators=max(3, round(BIGGEST_INDICATORS * scale * indicator_share)),
    )


def slug_for(scale: int, index: int) -> str:
    return f"bench-x{scale}-{index + 1:02d}"


# The send day of a national service (``build_scale_data --send-day 150``, decision 13): as many small
# partnerships (the demo's size) as England has, each with its last quarter signed off and a board list.
SEND_DAY_PREFIX = "send-day-"
SEND_DAY_SIZE = Size(actions=19, indicators=3)
SEND_DAY_RECIPIENTS = 30  # 150 partnerships: 4,500 e-mails


def send_day_slug(index: int) -> str:
    return f"{SEND_DAY_PREFIX}{index + 1:03d}"


def send_day_build(count: int, stdout=None, today: datetime.date | None = None) -> dict:
    """Build (or leave as they are) ``count`` small partnerships whose last quarter's report is due."""
    today = today or timezone.localdate()
    counts = Counter()
    for index in range(count):
        slug = send_day_slug(index)
        if Partnership.objects.filter(slug=slug).exists():
            counts["send-day partnerships kept"] += 1
            continue
        with transaction.atomic():
            builder = _Builder(slug, index, SEND_DAY_SIZE, today, counts)
            builder.build()
            builder.due_for_the_board()
        counts["send-day partnerships built"] += 1
        if stdout is not None and (index + 1) % 25 == 0:
            stdout.write(f"Built {slug}\n")
    return dict(counts)


def scale_build(scale: int, stdout=None, today: datetime.date | None = None) -> dict:
    """Build (or leave as they are) the partnerships of ``scale``; return how many rows each kind has."""
    if scale < 1:
        raise ValueError("The scale is a whole number of at least 1.")
    today = today or timezone.localdate()
    counts = Counter()
    for index in range(partnership_count(scale)):
        slug = slug_for(scale, index)
        if Partnership.objects.filter(slug=slug).exists():
            counts["partnerships kept"] += 1
            continue
        with transaction.atomic():
            _Builder(slug, index, size_of(scale, index), today, counts).build()
        counts["partnerships built"] += 1
        if stdout is not None:
            stdout.write(f"Built {slug}\n")
    return dict(counts)


class _Builder:
    def __init__(self, slug, index, size, today, counts):
        self.slug, self.index, self.size, self.today, self.counts = slug, index, size, today, counts
        self.random = random.Random(slug)

    def text(self, words):
        return " ".join(self.random.choice(WORDS) for _ in range(words)).capitalize() + "."

    def build(self):
        self.partnership = Partnership.objects.create(
            name=f"Benchmark partnership {self.slug} (invented data)",
            short_name=f"Bench {self.index + 1}",
            slug=self.slug,
        )
        self.agencies = Agency.objects.bulk_create(
            Agency(partnership=self.partnership, name=f"{sector.label} agency {self.index + 1}", sector=sector)
            for sector in SECTORS
        )
        self._people()
        self._plan()
        self._outcomes()
        self._audits()
        self._reports()

    # --- people ---------------------------------------------------------------
    def _people(self):
        leads = max(3, self.size.actions // 15)
        roles = [(Role.ADMIN, "manager", 1), (Role.STEERING, "steering", 2), (Role.BOARD, "board", 4)]
        roles += [(Role.SPONSOR, "sponsor", len(self.agencies)), (Role.LEAD, "lead", leads)]
        people = []
        for role, word, number in roles:
            for n in range(number):
                user = User(email=f"{word}{n + 1}.{self.slug}@bench.example.org", first_name=word.title())
                user.last_name = f"{n + 1} ({self.slug})"
                user.set_unusable_password()
                people.append((role, user, self.agencies[n % len(self.agencies)]))
        User.objects.bulk_create(user for _, user, _ in people)
        Membership.objects.bulk_create(
            Membership(user=user, partnership=self.partnership, role=role, agency=agency)
            for role, user, agency in people
        )
        self.by_role = {}
        for role, user, agency in people:
            self.by_role.setdefault(role, []).append((user, agency))
        self.counts["people"] += len(people)

    # --- the plan -------------------------------------------------------------
    def _plan(self):
        start = datetime.date(self.today.year - 2 if self.today.month >= 4 else self.today.year - 3, 4, 1)
        manager = self.by_role[Role.ADMIN][0][0]
        strategy = Strategy(
            partnership=self.partnership,
            title=f"Neglect strategy {start.year}–{start.year + 3} (invented)",
            start_date=start,
            end_date=datetime.date(start.year + 3, 3, 31),
            vision=self.text(30),
            status=Strategy.Status.ACTIVE,
        )
        self.strategy = bulk_create_with_history([strategy], Strategy, default_user=manager)[0]
        sponsors = self.by_role[Role.SPONSOR]
        priorities = [
            Priority(
                strategy=self.strategy,
                number=n + 1,
                title=self.text(6),
                description=self.text(40),
                sponsor_agency=sponsors[n % len(sponsors)][1],
                sponsor_lead=sponsors[n % len(sponsors)][0],
            )
            for n in range(PRIORITIES)
        ]
        self.priorities = bulk_create_with_history(priorities, Priority, default_user=manager)
        self._actions(manager)

    def _actions(self, manager):
        leads = self.by_role[Role.LEAD]
        statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
        span = (self.strategy.end_date - self.strategy.start_date).days
        actions = []
        for n in range(self.size.actions):
            priority = self.priorities[n % PRIORITIES]
            lead, agency = leads[n % len(leads)]
            begins = self.strategy.start_date + datetime.timedelta(days=self.random.randrange(0, span // 2))
            due = begins + datetime.timedelta(days=self.random.randrange(60, span // 2 + 60))
            status = self.random.choices(statuses, weights)[0]
            completed = min(due, self.today) if status == Status.COMPLETED else None
            actions.append(
                Action(
                    priority=priority,
                    reference=f"P{priority.number}.{n // PRIORITIES + 1}",
                    title=self.text(8),
                    description=self.text(30),
                    success_measure=self.text(15),
                    lead_agency=agency,
                    lead=lead,
                    start_date=begins,
                    due_date=due,
                    original_due_date=due,
                    status=status,
                    completed_on=completed,
                    impact_statement=self.text(20) if completed else "",
                    impact_evidence="Board-minutes (invented).pdf" if completed else "",
                )
            )
        self.actions = bulk_create_with_history(actions, Action, batch_size=500, default_user=manager)
        self.counts["actions"] += len(self.actions)
        updates = []
        for action in self.actions:
            # The last update somewhere in the last four months (or on completion), the others spread before it.
            recent = self.today - datetime.timedelta(days=self.random.randrange(0, 120))
            last = max(min(recent, action.completed_on or recent), action.start_date)
            days = max((last - action.start_date).days, 1)
            for n in range(UPDATES_PER_ACTION):
                day = action.start_date + datetime.timedelta(days=days * (n + 1) // UPDATES_PER_ACTION)
                status = action.status if n == UPDATES_PER_ACTION - 1 else Status.ON_TRACK
                if status in CLOSED_STATUSES and n != UPDATES_PER_ACTION - 1:
                    status = Status.ON_TRACK
                updates.append(
                    ProgressUpdate(
                        action=action, author=action.lead, update_date=day, status=status, narrative=self.text(45)
                    )
                )
        ProgressUpdate.objects.bulk_create(updates, batch_size=2000)
        self.counts["progress updates"] += len(updates)

    # --- outcomes ---------------------------------------------------------------
    def _outcomes(self):
        manager = self.by_role[Role.ADMIN][0][0]
        categories = list(RBACategory)
        units = [Unit.COUNT, Unit.PERCENTAGE, Unit.RATE_PER_10K, Unit.DAYS]
        polarities = [Polarity.HIGHER_BETTER, Polarity.LOWER_BETTER, Polarity.NEITHER]
        indicators = [
            Indicator(
                partnership=self.partnership,
                code=f"B{self.index + 1}-{n + 1:03d}",
                name=self.text(7),
                definition=self.text(25),
                rba_category=categories[n % len(categories)],
                unit=units[n % len(units)],
                polarity=polarities[n % len(polarities)],
                frequency=Frequency.QUARTERLY,
                is_context=n % 11 == 0,
                source_agency=self.agencies[n % len(self.agencies)],
                target=Decimal(50 + n % 40),
                amber_tolerance=Decimal(5),
                priority=self.priorities[n % PRIORITIES],
            )
            for n in range(self.size.indicators)
        ]
        indicators = bulk_create_with_history(indicators, Indicator, default_user=manager)
        last = current_quarter(self.today).previous()
        values = []
        for indicator in indicators:
            level = self.random.uniform(30, 90)
            for offset in range(QUARTERS - 1, -1, -1):
                period = last.shift(-offset)
                level = min(max(level + self.random.uniform(-4, 4), 1), 99)
                ratio = indicator.unit == Unit.PERCENTAGE
                values.append(
                    Measurement(
                        indicator=indicator,
                        period=period.label,
                        period_start=period.start,
                        value=Decimal(f"{level:.1f}"),
                        numerator=round(level * 2) if ratio else None,
                        denominator=200 if ratio else None,
                        note=self.text(20) if offset % 4 == 0 else "",
                        is_illustrative=True,
                        entered_by=manager,
                    )
                )
        bulk_create_with_history(values, Measurement, batch_size=2000, default_user=manager)
        self.counts["indicator values"] += len(values)

    # --- audits -------------------------------------------------------------------
    def _audits(self):
        for n in range(4):
            audit = Audit.objects.create(
                partnership=self.partnership,
                kind=Audit.Kind.choices[n % len(Audit.Kind.choices)][0],
                title=f"Audit {n + 1}: {self.text(5)}",
                completed_on=self.today - datetime.timedelta(days=90 * (n + 1)),
                scope=self.text(20),
                case_count=12,
                grade_good=6,
                grade_requires_improvement=4,
                grade_inadequate=2,
            )
            Finding.objects.bulk_create(
                Finding(audit=audit, kind=Finding.Kind.choices[k % 2][0], text=self.text(20)) for k in range(4)
            )
            for k in range(4):
                recommendation = Recommendation.objects.create(
                    audit=audit,
                    reference=f"R{k + 1}",
                    text=self.text(20),
                    owner_agency=self.agencies[k],
                    due_date=self.today + datetime.timedelta(days=30 * (k - 1)),
                )
                recommendation.actions.set(self.actions[k :: max(len(self.actions) // 3, 1)][:2])

    # --- reports ------------------------------------------------------------------
    def due_for_the_board(self):
        """The last quarter signed off and a board distribution list, so that its report goes on the send day."""
        manager = self.by_role[Role.ADMIN][0][0]
        Quarter.objects.update_or_create(
            strategy=self.strategy,
            period=current_quarter(self.today).previous().label,
            defaults={"signed_off_at": timezone.now(), "signed_off_by": manager},
        )
        board = DistributionList.objects.create(partnership=self.partnership, name="Board (invented)")
        Recipient.objects.bulk_create(
            Recipient(
                distribution_list=board,
                name=f"Board member {n + 1}",
                email=f"board{n + 1}.{self.slug}@bench.example.org",
            )
            for n in range(SEND_DAY_RECIPIENTS)
        )
        self.counts["board recipients"] += SEND_DAY_RECIPIENTS

    def _reports(self):
        """The last few quarters' reports, started as drafts through the report service with their figures."""
        steering = Membership.objects.get(user=self.by_role[Role.STEERING][0][0], partnership=self.partnership)
        quarter = current_quarter(self.today)
        for offset in range(REPORT_QUARTERS, 0, -1):
            report_services.report_start(steering, self.strategy, quarter.shift(-offset), today=self.today)
        self.counts["reports"] += REPORT_QUARTERS
