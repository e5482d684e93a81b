"""factory_boy factories for every model, one section per app."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from accounts.models import Agency, Membership, Partnership, Role, Sector, User
from actions.models import Action, ProgressUpdate, Status
from audits.models import Audit, Finding, Recommendation
from outcomes.models import ComparatorKind, ComparatorValue, Indicator, Measurement, RBACategory
from priorities.models import Priority, Quarter, Strategy
from reports.models import DistributionList, Recipient

PASSWORD = "correct-horse-battery"


# --- accounts ---------------------------------------------------------------
class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(PASSWORD)


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Partnership {n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Agency {n}")
    sector = Sector.LOCAL_AUTHORITY


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = Role.STEERING
    agency = None


# --- priorities -------------------------------------------------------------
class StrategyFactory(DjangoModelFactory):
    class Meta:
        model = Strategy

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Neglect Strategy {n}")
    start_date = datetime.date(2024, 4, 1)
    end_date = datetime.date(2027, 3, 31)
    vision = "Every child has their needs met."
    status = Strategy.Status.ACTIVE


class SignedOffQuarterFactory(DjangoModelFactory):
    """A strategy's quarter signed off (by ``signed_off_by``) so that its report may be issued."""

    class Meta:
        model = Quarter
        django_get_or_create = ("strategy", "period")

    strategy = factory.SubFactory(StrategyFactory)
    period = "2026/27 Q2"
    signed_off_at = factory.LazyFunction(lambda: datetime.datetime(2026, 10, 2, 9, 0, tzinfo=datetime.UTC))
    signed_off_by = factory.SubFactory("tests.factories.UserFactory")


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority title {n}")
    sponsor_agency = factory.LazyAttribute(lambda o: AgencyFactory(partnership=o.strategy.partnership))


# --- actions ----------------------------------------------------------------
class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    priority = factory.SubFactory(PriorityFactory)
    reference = factory.Sequence(lambda n: f"A{n}")
    title = factory.Sequence(lambda n: f"Action {n}")
    success_measure = "Measured by audit."
    lead_agency = factory.LazyAttribute(lambda o: o.priority.sponsor_agency)
    start_date = datetime.date(2025, 4, 1)
    due_date = datetime.date(2027, 3, 31)
    status = Status.ON_TRACK


class ProgressUpdateFactory(DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    author = factory.SubFactory(UserFactory)
    update_date = datetime.date(2026, 10, 15)
    status = Status.ON_TRACK
    narrative = "Work continues as planned."


# --- outcomes ---------------------------------------------------------------
class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    partnership = factory.SubFactory(PartnershipFactory)
    code = factory.Sequence(lambda n: f"IND-{n:02d}")
    name = factory.Sequence(lambda n: f"Indicator {n}")
    rba_category = RBACategory.HOW_MUCH


class MeasurementFactory(DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    period = "2026/27 Q1"
    value = Decimal("10")


class ComparatorValueFactory(DjangoModelFactory):
    class Meta:
        model = ComparatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    kind = ComparatorKind.ENGLAND
    period = "2025/26"
    value = Decimal("42.1")
    source = "DfE Characteristics of children in need 2025/26"
    published = datetime.date(2026, 10, 30)


# --- audits -----------------------------------------------------------------
class AuditFactory(DjangoModelFactory):
    class Meta:
        model = Audit

    partnership = factory.SubFactory(PartnershipFactory)
    kind = Audit.Kind.MULTI_AGENCY
    title = factory.Sequence(lambda n: f"Audit {n}")
    completed_on = datetime.date(2026, 6, 30)


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    audit = factory.SubFactory(AuditFactory)
    kind = Finding.Kind.STRENGTH
    text = "Practitioners knew the children well."


class RecommendationFactory(DjangoModelFactory):
    class Meta:
        model = Recommendation

    audit = factory.SubFactory(AuditFactory)
    reference = factory.Sequence(lambda n: f"R{n}")
    text = "Use the neglect assessment tool in every case."
    due_date = datetime.date(2027, 1, 31)


# --- reports ----------------------------------------------------------------
class DistributionListFactory(DjangoModelFactory):
    class Meta:
        model = DistributionList

    partnership = factory.SubFactory(PartnershipFactory)
    name = "Board"
    kind = DistributionList.Kind.BOARD


class RecipientFactory(DjangoModelFactory):
    class Meta:
        model = Recipient

    distribution_list = factory.SubFactory(DistributionListFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"board{n}@example.org")
