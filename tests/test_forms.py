"""Every portal form refuses another partnership's objects and text that could identify a child.

The forms are found by introspection: every form class of the portal's apps. Each one
that offers a choice of objects (a ``ModelChoiceField``) or takes free text must be a
``PortalFormMixin`` and have a row in ``FORMS`` that builds it as its page does; then
each of its object choices is tried with an object of another partnership (one the
person also belongs to, and one they do not), and each free-text field with an NHS number.
"""

import importlib
import pkgutil
from types import SimpleNamespace

import pytest
from django import forms
from django.apps import apps

from accounts import forms as account_forms
from accounts.models import Agency, Membership, Partnership, Role, User
from actions.models import Action
from audits.models import Finding
from neglect_portal.child_identifiers import NHS_NUMBER_MESSAGE
from neglect_portal.forms import PortalFormMixin, is_free_text
from neglect_portal.periods import Period
from outcomes import selectors as outcome_selectors
from outcomes.curve import selectors as curve_selectors
from outcomes.models import Indicator
from priorities.models import Priority, Strategy
from tests import factories as f

PORTAL_APPS = (
    "accounts",
    "priorities",
    "actions",
    "outcomes",
    "audits",
    "reports",
    "changes",
    "spreadsheets",
    "evidence",
    "search",
    "neglect_portal",
)

# Forms outside the rule, and why. Their fields are checked below to still hold no free text.
NOT_PORTAL_FORMS = {
    account_forms.SignInForm: "an e-mail address and a password",
    account_forms.GDSPasswordResetForm: "an e-mail address",
    account_forms.GDSSetPasswordForm: "passwords",
    account_forms.GDSPasswordChangeForm: "passwords",
}


def portal_form_classes():
    for app in PORTAL_APPS:
        package = apps.get_app_config(app).module
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            skipped = (".migrations", ".management", ".settings", "wsgi", "asgi")
            if not any(part in module.name for part in skipped):
                importlib.import_module(module.name)
    found, pending = set(), [forms.BaseForm]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in PORTAL_APPS and cls is not PortalFormMixin:
            found.add(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


@pytest.fixture
def world(cast):
    """Alice: business manager of Northshire and an action lead in Southshire; Westshire is no partnership of hers."""
    f.MembershipFactory(user=cast.alice, partnership=cast.other, role=Role.LEAD, agency=cast.other_agency)
    westshire = f.PartnershipFactory(name="Westshire Safeguarding Children Partnership", slug="westshire")
    wendy = f.UserFactory(email="wendy@example.org")
    f.MembershipFactory(user=wendy, partnership=westshire, role=Role.ADMIN)
    audit = f.AuditFactory(partnership=cast.partnership)
    indicator = f.IndicatorFactory(partnership=cast.partnership, code="NOR-01", unit="percentage")
    quarter = Period.parse("2026/27 Q1")
    return SimpleNamespace(
        cast=cast,
        audit=audit,
        recommendation=f.RecommendationFactory(audit=audit),
        indicator=indicator,
        quarter=quarter,
        own={
            Agency: cast.health,
            User: cast.lee,
            Priority: cast.p1,
            Action: cast.a11,
            Membership: None,
            Indicator: indicator,
            Finding: f.FindingFactory(audit=audit),
        },
        foreign={
            "southshire": {
                Agency: cast.other_agency,
                User: cast.charlie,
                Priority: cast.other_priority,
                Action: cast.other_action,
                Indicator: f.IndicatorFactory(partnership=cast.other),
                Finding: f.FindingFactory(audit=f.AuditFactory(partnership=cast.other)),
            },
            "westshire": objects_of(westshire, wendy),
        },
    )


def objects_of(partnership, person):
    agency = f.AgencyFactory(partnership=partnership)
    priority = f.PriorityFactory(strategy=f.StrategyFactory(partnership=partnership), sponsor_agency=agency)
    return {
        Agency: agency,
        User: person,
        Priority: priority,
        Action: f.ActionFactory(priority=priority),
        Indicator: f.IndicatorFactory(partnership=partnership),
        Finding: f.FindingFactory(audit=f.AuditFactory(partnership=partnership)),
    }


def _every_action():
    # Deliberately every partnership's actions: the form must narrow them to its own partnership.
    return list(Action.objects.select_related("priority__strategy"))


# Each form built as its page builds it, from the world and the data posted.
FORMS = {
    "accounts.forms.ChoosePartnershipForm": lambda w, data: account_forms.ChoosePartnershipForm(
        data, memberships=Membership.objects.filter(user=w.cast.alice)
    ),
    "actions.forms.ActionForm": lambda w, data: form("actions.forms.ActionForm")(
        data, partnership=w.cast.partnership, creating=True
    ),
    "actions.forms.ProgressUpdateForm": lambda w, data: form("actions.forms.ProgressUpdateForm")(
        data, action=w.cast.a11
    ),
    "actions.forms.CommentForm": lambda w, data: form("actions.forms.CommentForm")(data),
    "actions.forms.NoChangeForm": lambda w, data: form("actions.forms.NoChangeForm")(data),
    "audits.forms.AuditForm": lambda w, data: form("audits.forms.AuditForm")(data, partnership=w.cast.partnership),
    "audits.forms.FindingForm": lambda w, data: form("audits.forms.FindingForm")(data),
    "audits.forms.LinkedActionsForm": lambda w, data: form("audits.forms.LinkedActionsForm")(
        data, partnership=w.cast.partnership, actions=_every_action()
    ),
    "audits.forms.RecommendationActionForm": lambda w, data: form("audits.forms.RecommendationActionForm")(
        data, partnership=w.cast.partnership, recommendation=w.recommendation
    ),
    "audits.forms.RecommendationForm": lambda w, data: form("audits.forms.RecommendationForm")(
        data, partnership=w.cast.partnership
    ),
    "audits.forms.RecommendationStatusForm": lambda w, data: form("audits.forms.RecommendationStatusForm")(data),
    "outcomes.forms.IndicatorForm": lambda w, data: form("outcomes.forms.IndicatorForm")(
        data,
        partnership=w.cast.partnership,
        priorities=Priority.objects.all(),  # every one: the form narrows them
    ),
    "outcomes.forms.MeasurementForm": lambda w, data: form("outcomes.forms.MeasurementForm")(
        data, indicator=w.indicator, periods=[w.quarter]
    ),
    "outcomes.forms.QuarterChoiceForm": lambda w, data: form("outcomes.forms.QuarterChoiceForm")(
        data, quarters=[w.quarter], agencies=[w.cast.health]
    ),
    "outcomes.forms.QuarterEntryForm": lambda w, data: form("outcomes.forms.QuarterEntryForm")(
        data,
        rows=outcome_selectors.quarter_entry_rows(
            w.cast.alice.memberships.get(partnership=w.cast.partnership), w.quarter
        ),
        quarter=w.quarter,
    ),
    "outcomes.forms.ScorecardFilterForm": lambda w, data: form("outcomes.forms.ScorecardFilterForm")(
        data, priorities=[w.cast.p1], quarters=[w.quarter]
    ),
    "outcomes.comparator_forms.ComparatorValueForm": lambda w, data: form(
        "outcomes.comparator_forms.ComparatorValueForm"
    )(data, indicator=w.indicator, partnership=w.cast.partnership),
    "outcomes.curve.forms.CurvePlanForm": lambda w, data: form("outcomes.curve.forms.CurvePlanForm")(
        data,
        partnership=w.cast.partnership,
        agencies=curve_selectors.partner_agencies_offered(w.indicator, None),
        actions=curve_selectors.linkable_actions(w.indicator),
        choose_for_report=True,
    ),
    "priorities.forms.PriorityForm": lambda w, data: form("priorities.forms.PriorityForm")(
        data, strategy=w.cast.strategy
    ),
    "priorities.forms.StrategyForm": lambda w, data: form("priorities.forms.StrategyForm")(
        data, partnership=w.cast.partnership
    ),
    "reports.forms.ReportCommentaryForm": lambda w, data: form("reports.forms.ReportCommentaryForm")(data),
    "reports.forms.ReportStartForm": lambda w, data: form("reports.forms.ReportStartForm")(data, quarters=[w.quarter]),
    "reports.forms.ReportSignOffForm": lambda w, data: form("reports.forms.ReportSignOffForm")(data),
    "reports.forms.ReportSignOffWithdrawForm": lambda w, data: form("reports.forms.ReportSignOffWithdrawForm")(data),
    "reports.forms.ReportCorrectionForm": lambda w, data: form("reports.forms.ReportCorrectionForm")(data),
    "neglect_portal.forms.WithdrawForm": lambda w, data: form("neglect_portal.forms.WithdrawForm")(data),
    "accounts.settings_forms.PartnershipSettingsForm": lambda w, data: form(
        "accounts.settings_forms.PartnershipSettingsForm"
    )(data, instance=w.cast.partnership, partnership=w.cast.partnership),
    "accounts.settings_forms.AgencyForm": lambda w, data: form("accounts.settings_forms.AgencyForm")(
        data, partnership=w.cast.partnership
    ),
    "accounts.settings_forms.AgencyAliasForm": lambda w, data: form("accounts.settings_forms.AgencyAliasForm")(
        data, partnership=w.cast.partnership
    ),
    "accounts.settings_forms.InvitationForm": lambda w, data: form("accounts.settings_forms.InvitationForm")(
        data, membership=w.cast.alice.memberships.get(partnership=w.cast.partnership)
    ),
    "accounts.settings_forms.MembershipForm": lambda w, data: form("accounts.settings_forms.MembershipForm")(
        data, membership=w.cast.alice.memberships.get(partnership=w.cast.partnership)
    ),
    "priorities.settings_forms.StrategyStartForm": lambda w, data: form("priorities.settings_forms.StrategyStartForm")(
        data, partnership=w.cast.partnership, current=w.cast.strategy, rollover=True
    ),
    "accounts.audit_views.AccessAuditFilterForm": lambda w, data: form("accounts.audit_views.AccessAuditFilterForm")(
        data
    ),
    "accounts.security_forms.TokenForm": lambda w, data: form("accounts.security_forms.TokenForm")(data),
    "accounts.admin.PartnershipAddForm": lambda w, data: form("accounts.admin.PartnershipAddForm")(data),
    "reports.settings_forms.RecipientForm": lambda w, data: form("reports.settings_forms.RecipientForm")(
        data, partnership=w.cast.partnership
    ),
    "search.forms.SearchForm": lambda w, data: form("search.forms.SearchForm")(data, partnership=w.cast.partnership),
    "accounts.settings_forms.AcceptInvitationForm": lambda w, data: form(
        "accounts.settings_forms.AcceptInvitationForm"
    )(data, email="new.person@example.org"),
}


def form(dotted):
    module, name = dotted.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def dotted(cls):
    return f"{cls.__module__}.{cls.__name__}"


def test_every_form_that_takes_free_text_or_objects_is_a_portal_form_with_a_row_in_the_table():
    classes = portal_form_classes()
    assert len(classes) > 15  # the forms were found
    for cls in classes:
        if cls in NOT_PORTAL_FORMS:
            assert not issubclass(cls, PortalFormMixin)
            assert not any(is_free_text(field) for field in cls.base_fields.values()), cls
            assert not any(isinstance(field, forms.ModelChoiceField) for field in cls.base_fields.values()), cls
        elif dotted(cls) not in FORMS:
            # Without a row, a form may hold nothing this test would have to try.
            fields = cls.base_fields.values()
            assert not any(is_free_text(field) or isinstance(field, forms.ModelChoiceField) for field in fields), cls
        else:
            assert issubclass(cls, PortalFormMixin), cls


def object_choices(built):
    unscoped = getattr(built, "unscoped_fields", ())
    return [
        name
        for name, field in built.fields.items()
        if isinstance(field, forms.ModelChoiceField) and name not in unscoped
    ]


CHOICE_CASES = ["actions.forms.ActionForm", "audits.forms.AuditForm", "audits.forms.LinkedActionsForm"]
CHOICE_CASES += ["audits.forms.RecommendationActionForm", "audits.forms.RecommendationForm"]
CHOICE_CASES += ["outcomes.forms.IndicatorForm", "priorities.forms.PriorityForm", "actions.forms.ProgressUpdateForm"]
CHOICE_CASES += ["accounts.settings_forms.InvitationForm", "accounts.settings_forms.MembershipForm"]
CHOICE_CASES += ["reports.settings_forms.RecipientForm", "accounts.settings_forms.AgencyAliasForm"]
CHOICE_CASES += ["accounts.settings_forms.PartnershipSettingsForm", "outcomes.curve.forms.CurvePlanForm"]


def test_the_forms_with_object_choices_are_exactly_those_tried(world):
    with_choices = sorted(name for name, build in FORMS.items() if object_choices(build(world, None)))
    assert with_choices == sorted(CHOICE_CASES)


# A field that offers only some of the partnership's own objects is tried with one it offers.
OWN_FOR_FIELD = {
    # The chair is one of the steering group (decision 30).
    ("accounts.settings_forms.PartnershipSettingsForm", "steering_group_chair"): lambda world: world.cast.steve,
}


@pytest.mark.parametrize("name", CHOICE_CASES)
def test_every_object_choice_refuses_another_partnerships_object(world, name):
    build = FORMS[name]
    for field in object_choices(build(world, None)):
        model = build(world, None).fields[field].queryset.model
        many = isinstance(build(world, None).fields[field], forms.ModelMultipleChoiceField)
        for whose, objects in world.foreign.items():
            value = objects[model].pk
            bound = build(world, {field: [value] if many else value})
            assert not bound.is_valid()
            assert field in bound.errors, (name, field, whose)
            assert str(value) not in [str(pk) for pk, _ in bound.fields[field].choices], (name, field, whose)
        own = OWN_FOR_FIELD.get((name, field), lambda world: world.own[model])(world).pk
        bound = build(world, {field: [own] if many else own})
        bound.is_valid()
        assert field not in bound.errors, (name, field, bound.errors)


def test_a_person_chooses_only_among_their_own_memberships(world):
    choose = FORMS["accounts.forms.ChoosePartnershipForm"]
    wendys = Membership.objects.get(user__email="wendy@example.org")
    assert not choose(world, {"membership": wendys.pk}).is_valid()
    alices = Membership.objects.get(user=world.cast.alice, partnership=world.cast.other)
    assert choose(world, {"membership": alices.pk}).is_valid()


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_free_text_field_refuses_an_nhs_number_saying_why(world, name):
    build = FORMS[name]
    text_fields = [field for field, value in build(world, None).fields.items() if is_free_text(value)]
    for field in text_fields:
        bound = build(world, {field: "Seen with her mother; NHS number 943 476 5919"})
        bound.is_valid()
        assert NHS_NUMBER_MESSAGE in bound.errors.get(field, []), (name, field, bound.errors)


def test_numbers_and_addresses_are_not_free_text():
    assert not is_free_text(forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal"})))
    assert not is_free_text(forms.EmailField())
    assert not is_free_text(forms.CharField(widget=forms.PasswordInput))
    assert is_free_text(forms.CharField(widget=forms.Textarea))


def test_partnership_and_strategy_models_are_reached_by_their_rules(world):
    assert list(Partnership.objects.for_partnership(world.cast.partnership)) == [world.cast.partnership]
    assert set(User.objects.for_partnership(world.cast.other)) == {world.cast.charlie, world.cast.alice}
    assert world.cast.strategy in Strategy.objects.for_partnership(world.cast.partnership.pk)
