"""The safeguarding indicator library: the definitions, their themes and their sources.

Definitions only, never figures: a definition says what is counted, over what, who publishes it and why it
matters for neglect, and a partnership adopting it records its own values. Kept in the code rather than the
database (decision 45) so that a change to a definition is reviewed and released like any other change, and
every installation offers the same library. An adopted indicator is a copy that keeps the code of the
definition it came from (``Indicator.library_code``): changing a definition here never rewrites it.

A code, once released, is never reused for a different measure; a definition dropped from the library keeps
its adopted indicators, which then say their definition is no longer offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from outcomes.models import Frequency, Polarity, RBACategory, Unit

# Raised when a definition is added, changed or withdrawn, and shown on the library page.
VERSION = "2026.1"


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str


@dataclass(frozen=True)
class Source:
    """Who publishes the figures and in which collection; ``url`` where the collection has a stable address."""

    publisher: str
    collection: str
    url: str = ""

    @property
    def is_local(self) -> bool:
        """Figures the partnership's own agencies count: no national collection publishes them."""
        return self.publisher == LOCAL

    def __str__(self):
        return f"{self.publisher}: {self.collection}"


@dataclass(frozen=True)
class Definition:
    code: str
    name: str
    theme: Theme
    definition: str
    numerator: str
    denominator: str
    unit: str
    polarity: str
    rba_category: str
    frequency: str
    source: Source
    why_it_matters: str
    # In the indicator's own units: how far short of a target still counts as amber. None: set it locally
    # (a count's tolerance depends on the size of the area), or a context measure, which is not rated.
    suggested_tolerance: Decimal | None = None
    is_context: bool = False

    @property
    def unit_label(self) -> str:
        return Unit(self.unit).label

    @property
    def polarity_label(self) -> str:
        return Polarity(self.polarity).label

    @property
    def rba_label(self) -> str:
        return RBACategory(self.rba_category).label

    @property
    def frequency_label(self) -> str:
        return Frequency(self.frequency).label

    def indicator_definition(self) -> str:
        """The definition an adopted indicator carries: what is measured, its numerator and denominator, its source."""
        lines = [self.definition]
        if self.numerator:
            lines.append(f"Numerator: {self.numerator}")
        if self.denominator:
            lines.append(f"Denominator: {self.denominator}")
        lines.append(f"Source: {self.source}")
        return "\n".join(lines)


FRONT_DOOR = Theme("front-door", "Front door, referrals and assessment")
CHILD_PROTECTION = Theme("child-protection", "Child protection and care")
EARLY_HELP = Theme("early-help", "Early help")
TOOLS = Theme("tools", "Neglect assessment tools and Graded Care Profile 2")
EDUCATION = Theme("education", "School attendance, suspensions and exclusions")
HEALTH = Theme("health", "Health and the early years")
FAMILY = Theme("family", "Family circumstances")
PRACTICE = Theme("practice", "Workforce, training and practice quality")
VOICE = Theme("voice", "Children's and families' voice")

THEMES = (FRONT_DOOR, CHILD_PROTECTION, EARLY_HELP, TOOLS, EDUCATION, HEALTH, FAMILY, PRACTICE, VOICE)

LOCAL = "The partnership's own agencies"
DFE = "Department for Education"
OHID = "Office for Health Improvement and Disparities (OHID)"

CHILDREN_IN_NEED = Source(
    DFE,
    "Children in need statistics (Characteristics of children in need), from the Children in Need census",
    "https://explore-education-statistics.service.gov.uk/find-statistics/characteristics-of-children-in-need",
)
LOOKED_AFTER = Source(
    DFE,
    "Children looked after in England including adoptions, from the SSDA903 return",
    "https://explore-education-statistics.service.gov.uk/find-statistics/children-looked-after-in-england-including-adoptions",
)
OUTCOMES_IN_NEED = Source(
    DFE,
    "Outcomes for children in need, including children looked after by local authorities in England",
    "https://explore-education-statistics.service.gov.uk/find-statistics/"
    "outcomes-for-children-in-need-including-children-looked-after-by-local-authorities-in-england",
)
ABSENCE = Source(
    DFE,
    "Pupil absence in schools in England, from the school census",
    "https://explore-education-statistics.service.gov.uk/find-statistics/pupil-absence-in-schools-in-england",
)
EXCLUSIONS = Source(
    DFE,
    "Suspensions and permanent exclusions in England",
    "https://explore-education-statistics.service.gov.uk/find-statistics/suspensions-and-permanent-exclusions-in-england",
)
EARLY_YEARS_PROFILE = Source(
    DFE,
    "Early years foundation stage profile results",
    "https://explore-education-statistics.service.gov.uk/find-statistics/early-years-foundation-stage-profile-results",
)
HEALTH_VISITING = Source(
    OHID,
    "Health visitor service delivery metrics (also in the Fingertips child and maternal health profiles)",
    "https://fingertips.phe.org.uk/profile/child-health-profiles",
)
CHILD_HEALTH_PROFILES = Source(
    OHID, "Fingertips child and maternal health profiles", "https://fingertips.phe.org.uk/profile/child-health-profiles"
)
TOOTH_EXTRACTIONS = Source(
    OHID,
    "Hospital tooth extractions in 0 to 19 year olds, from NHS Hospital Episode Statistics",
    "https://www.gov.uk/government/publications/hospital-tooth-extractions-of-0-to-19-year-olds",
)
VACCINATION = Source(
    "NHS England (formerly NHS Digital)",
    "Childhood vaccination coverage statistics (COVER)",
    "https://digital.nhs.uk/data-and-information/publications/statistical/childhood-vaccination-coverage-statistics",
)
HOMELESSNESS = Source(
    "Ministry of Housing, Communities and Local Government",
    "Statutory homelessness statistics (temporary accommodation)",
    "https://www.gov.uk/government/collections/homelessness-statistics",
)
FRONT_DOOR_RECORDS = Source(LOCAL, "Front door (multi-agency safeguarding hub) contact records")
SOCIAL_CARE_RECORDS = Source(LOCAL, "Children's social care case management system")
EARLY_HELP_RECORDS = Source(LOCAL, "Early help case management system")
GCP2_RECORDS = Source(LOCAL, "Case recording of Graded Care Profile 2 assessments (the tool is licensed by the NSPCC)")
TRAINING_RECORDS = Source(LOCAL, "Partnership training records and course evaluations")
PRACTITIONER_SURVEY = Source(LOCAL, "The partnership's practitioner survey")
AUDIT_PROGRAMME = Source(
    LOCAL,
    "The partnership's multi-agency audit programme (Working Together to Safeguard Children 2023)",
    "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
)
FEEDBACK = Source(LOCAL, "Feedback from children and families at plan or case closure")

CHILDREN_0_17 = "Children aged 0 to 17 living in the area (ONS mid-year population estimate), divided by 10,000"

Q, A = Frequency.QUARTERLY, Frequency.ANNUAL
HOW_MUCH, HOW_WELL, BETTER_OFF = RBACategory.HOW_MUCH, RBACategory.HOW_WELL, RBACategory.BETTER_OFF
HIGHER, LOWER, NEITHER = Polarity.HIGHER_BETTER, Polarity.LOWER_BETTER, Polarity.NEITHER
COUNT, PERCENT, RATE, DAYS = Unit.COUNT, Unit.PERCENTAGE, Unit.RATE_PER_10K, Unit.DAYS


def _d(code, name, theme, definition, numerator, denominator, unit, polarity, rba, frequency, source, why, **more):
    return Definition(
        code, name, theme, definition, numerator, denominator, unit, polarity, rba, frequency, source, why, **more
    )


DEFINITIONS: tuple[Definition, ...] = (
    # --- front door, referrals and assessment ------------------------------------
    _d(
        "NEG-CONTACTS",
        "Contacts to the front door where neglect is the primary concern",
        FRONT_DOOR,
        "Contacts received by the multi-agency front door in the period where neglect is recorded as the "
        "primary concern.",
        "Contacts in the period with neglect as the primary concern",
        "",
        COUNT,
        NEITHER,
        HOW_MUCH,
        Q,
        FRONT_DOOR_RECORDS,
        "Shows whether practitioners recognise neglect and bring it to the front door; a rise after training "
        "can be good news, so it is monitored rather than rated.",
        is_context=True,
    ),
    _d(
        "CIN-REF-RATE",
        "Referrals to children's social care, per 10,000 children",
        FRONT_DOOR,
        "Referrals to children's social care received in the period, per 10,000 children aged 0 to 17.",
        "Referrals received in the period (Children in Need census definition of a referral)",
        CHILDREN_0_17,
        RATE,
        NEITHER,
        HOW_MUCH,
        Q,
        CHILDREN_IN_NEED,
        "The demand on children's social care that neglect work sits within; read beside the share of referrals "
        "for neglect.",
        is_context=True,
    ),
    _d(
        "NEG-REF-SHARE",
        "Referrals to children's social care where neglect is the primary reason",
        FRONT_DOOR,
        "Referrals in the period with neglect as the primary reason, as a percentage of all referrals to "
        "children's social care.",
        "Referrals in the period with neglect as the primary reason",
        "All referrals to children's social care in the period",
        PERCENT,
        NEITHER,
        HOW_MUCH,
        Q,
        SOCIAL_CARE_RECORDS,
        "Neglect is the most common reason for a child protection plan; its share of referrals shows how much "
        "of the front door's work it is.",
        is_context=True,
    ),
    _d(
        "CIN-REREF-12M",
        "Re-referrals within 12 months of a previous referral",
        FRONT_DOOR,
        "Referrals in the period about a child referred to children's social care within the previous 12 months, "
        "as a percentage of all referrals in the period.",
        "Referrals in the period within 12 months of the child's previous referral",
        "All referrals in the period",
        PERCENT,
        LOWER,
        BETTER_OFF,
        Q,
        CHILDREN_IN_NEED,
        "Chronic neglect returns: a child referred again within a year may have been closed before things "
        "changed for them.",
        suggested_tolerance=Decimal("3"),
    ),
    _d(
        "NEG-REREF-12M",
        "Repeat referrals for neglect within 12 months",
        FRONT_DOOR,
        "Neglect referrals in the period about a child referred for neglect in the previous 12 months, as a "
        "percentage of all neglect referrals in the period.",
        "Neglect referrals in the period about a child referred for neglect in the previous 12 months",
        "All neglect referrals in the period",
        PERCENT,
        LOWER,
        BETTER_OFF,
        Q,
        SOCIAL_CARE_RECORDS,
        "The neglect-specific form of re-referral: whether help changed things for the child, or the same "
        "concerns came back.",
        suggested_tolerance=Decimal("3"),
    ),
    _d(
        "NEG-REF-TO-ASSESS",
        "Neglect referrals that progress to statutory assessment",
        FRONT_DOOR,
        "Referrals with neglect as the primary reason in the period that progressed to a statutory (section 17 "
        "or section 47) assessment, as a percentage of those referrals.",
        "Neglect referrals in the period that progressed to a section 17 or section 47 assessment",
        "Referrals in the period with neglect as the primary reason",
        PERCENT,
        NEITHER,
        HOW_WELL,
        Q,
        SOCIAL_CARE_RECORDS,
        "Shows whether neglect referrals are at the right threshold: too low a share suggests referrals that "
        "early help could have met, too high a share that concerns arrive late.",
        is_context=True,
    ),
    _d(
        "CIN-ASSESS-NEG",
        "Assessments with neglect identified as a factor",
        FRONT_DOOR,
        "Children's social care assessments completed in the period where neglect was identified as a factor at "
        "the end of the assessment, as a percentage of all assessments completed.",
        "Assessments completed in the period with neglect recorded as a factor at the end of the assessment",
        "All assessments completed in the period",
        PERCENT,
        NEITHER,
        HOW_MUCH,
        Q,
        CHILDREN_IN_NEED,
        "The census records the factors found at the end of each assessment: the truest count of how often "
        "neglect is present, whatever the reason for the referral.",
        is_context=True,
    ),
    _d(
        "CIN-N1-RATE",
        "Children in need with abuse or neglect as their primary need, per 10,000 children",
        FRONT_DOOR,
        "Children in need at the end of the period whose primary need is abuse or neglect, per 10,000 children "
        "aged 0 to 17.",
        "Children in need at the end of the period with abuse or neglect (N1) as the primary need",
        CHILDREN_0_17,
        RATE,
        NEITHER,
        HOW_MUCH,
        Q,
        CHILDREN_IN_NEED,
        "The size of the group the neglect strategy is for, in a form that compares with other areas.",
        is_context=True,
    ),
    _d(
        "S47-RATE",
        "Section 47 enquiries started, per 10,000 children",
        FRONT_DOOR,
        "Section 47 enquiries started in the period, per 10,000 children aged 0 to 17.",
        "Section 47 enquiries started in the period",
        CHILDREN_0_17,
        RATE,
        NEITHER,
        HOW_MUCH,
        Q,
        CHILDREN_IN_NEED,
        "A high rate of enquiries that do not lead to a plan can mean neglect is reaching the partnership only "
        "once it has become a crisis.",
        is_context=True,
    ),
    # --- child protection and care ---------------------------------------------------
    _d(
        "CPP-NEG-RATE",
        "Children on a child protection plan under the category of neglect, per 10,000 children",
        CHILD_PROTECTION,
        "Children subject to a child protection plan with neglect as the category of abuse at the end of the "
        "period, per 10,000 children aged 0 to 17.",
        "Children subject to a child protection plan at the end of the period whose category of abuse is neglect",
        CHILDREN_0_17,
        RATE,
        LOWER,
        BETTER_OFF,
        Q,
        CHILDREN_IN_NEED,
        "The measure most partnerships report for neglect. As a rate it compares with England, the region and "
        "statistical neighbours; a falling rate is good only if earlier help is reaching children sooner.",
        suggested_tolerance=Decimal("3"),
    ),
    _d(
        "CPP-NEG-SHARE",
        "Child protection plans starting with neglect as the initial category of abuse",
        CHILD_PROTECTION,
        "Child protection plans starting in the period with neglect as the initial category of abuse, as a "
        "percentage of all child protection plans starting in the period.",
        "Child protection plans starting in the period with neglect as the initial category of abuse",
        "All child protection plans starting in the period",
        PERCENT,
        NEITHER,
        HOW_MUCH,
        Q,
        CHILDREN_IN_NEED,
        "Neglect is the most common initial category of abuse, here and nationally; this shows how much of the "
        "child protection system neglect accounts for.",
        is_context=True,
    ),
    _d(
        "CPP-NEG-REPEAT",
        "Neglect child protection plans that are a second or subsequent plan",
        CHILD_PROTECTION,
        "Children starting a child protection plan for neglect in the period who have had a previous child "
        "protection plan, as a percentage of all children starting a plan for neglect.",
        "Children starting a neglect plan in the period who had a previous child protection plan",
        "All children starting a child protection plan for neglect in the period",
        PERCENT,
        LOWER,
        BETTER_OFF,
        Q,
        CHILDREN_IN_NEED,
        "A second plan for neglect means the first did not bring lasting change: the mark of chronic neglect "
        "that strategies aim to break.",
        suggested_tolerance=Decimal("3"),
    ),
    _d(
        "CPP-REPEAT",
        "Second or subsequent child protection plans (all categories)",
        CHILD_PROTECTION,
        "Children starting a child protection plan in the period who have had a previous plan, as a percentage "
        "of all children starting a plan.",
        "Children starting a plan in the period who had a previous child protection plan",
        "All children starting a child protection plan in the period",
        PERCENT,
        LOWER,
        BETTER_OFF,
        Q,
        CHILDREN_IN_NEED,
        "The census's headline measure of repeat plans; read beside the neglect-only figure.",
        suggested_tolerance=Decimal("3"),
    ),
    _d(
        "CPP-NEG-DURATION",
        "Average length of child protection plans for neglect",
        CHILD_PROTECTION,
        "Average length in days of child protection plans with neglect as the category that ended in the period.",
        "Total days of the neglect plans that ended in the period",
        "Neglect plans that ended in the period",
        DAYS,
        LOWER,
        BETTER_OFF,
        Q,
        SOCIAL_CARE_RECORDS,
        "Long plans can mean drift: a child left in neglect while the plan continues without change.",
        suggested_tolerance=Decimal("30"),
    ),
    _d(
        "CPP-2YR-PLUS",
        "Child protection plans ending after two years or more",
        CHILD_PROTECTION,
        "Child protection plans ending in the period that had lasted two years or more, as a percentage of all "
        "plans ending in the period.",
        "Plans ending in the period that lasted two years or more",
        "All child protection plans ending in the period",
        PERCENT,
        LOWER,
        BETTER_OFF,
        Q,
        CHILDREN_IN_NEED,
        "Plans this long are the clearest sign of drift in chronic neglect.",
        suggested_tolerance=Decimal("2"),
    ),
    _d(
        "CLA-NEG-SHARE",
        "Children looked after with abuse or neglect as their category of need",
        CHILD_PROTECTION,
        "Children looked after at the end of the period whose category of need is abuse or neglect, as a "
        "percentage of all children looked after.",
        "Children looked after at the end of the period with abuse or neglect (N1) as the category of need",
        "All children looked after at the end of the period",
        PERCENT,
        NEITHER,
        HOW_MUCH,
        A,
        LOOKED_AFTER,
        "Shows how many children come into care because neglect was not turned around at home.",
        is_context=True,
    ),
    # --- early help --------------------------------------------------------------------
    _d(
        "EH-NEG-ASSESS",
        "Early help assessments where neglect is identified",
        EARLY_HELP,
        "Early help assessments completed in the period where neglect is identified as a need.",
        "Early help assessments completed in the period with neglect identified as a need",
        "",
        COUNT,
        NEITHER,
        HOW_MUCH,
        Q,
        EARLY_HELP_RECORDS,
        "Neglect met early, before it becomes entrenched, is the aim of most neglect strategies: this counts how "
        "often early help is the door it comes through.",
        is_context=True,
    ),
    _d(
        "EH-NEG-FAMILIES",
        "Families supported by early help where neglect is a factor",
        EARLY_HELP,
        "Families with an open early help episode in the period where neglect is recorded as a factor.",
        "Families with an open early help episode in the period with neglect recorded as a factor",
        "",
        COUNT,
        NEITHER,
        HOW_MUCH,
        Q,
        EARLY_HELP_RECORDS,
        "The reach of early help into families where neglect is a concern.",
        is_context=True,
    ),
    _d(
        "EH-NEG-OUTCOME",
        "Early help episodes closed with needs met where neglect was a factor",
        EARLY_HELP,
        "Early help episodes closed in the period with outcomes achieved, where neglect was a factor at the "
        "start, as a percentage of all such closures.",
        "Episodes closed in the period with outcomes achieved, where neglect was a factor at the start",
        "All early help episodes closed in the period where neglect was a factor at the start",
        PERCENT,
        HIGHER,
        BETTER_OFF,
        Q,
        EARLY_HELP_RECORDS,
        "Whether early help changes things for neglected children, not only whether it is offered.",
        suggested_tolerance=Decimal("5"),
    ),
    # --- assessment tools -------------------------------------------------------------
    _d(
        "GCP2-EH",
        "Early help assessments for neglect with a completed Graded Care Profile 2",
        TOOLS,
        "Early help assessments completed in the period where neglect is the primary need and a Graded Care "
        "Profile 2 is on file, as a percentage of all such assessments.",
        "Early help assessments for neglect in the period with a completed Graded Care Profile 2",
        "All early help assessments in the period where neglect is the primary need",
        PERCENT,
        HIGHER,
        HOW_WELL,
        Q,
        GCP2_RECORDS,
        "The Graded Care Profile 2 measures the care a child receives against their needs, so plans name what "
        "must change and progress can be seen.",
        suggested_tolerance=Decimal("10"),
    ),
    _d(
        "GCP2-CP",
        "Child protection plans for neglect with a current Graded Care Profile 2",
        TOOLS,
        "Children on a child protection plan for neglect at the end of the period with a Graded Care Profile 2 "
        "completed or reviewed in the last six months, as a percentage of those children.",
        "Children on a neglect plan at the end of the period with a Graded Care Profile 2 from the last six months",
        "Children on a child protection plan for neglect at the end of the period",
        PERCENT,
        HIGHER,
        HOW_WELL,
        Q,
        GCP2_RECORDS,
        "A current profile lets the conference see whether the care of the child is improving, rather than "
        "judging from impressions.",
        suggested_tolerance=Decimal("10"),
    ),
    _d(
        "NEG-TOOL-USE",
        "Neglect assessments where a neglect assessment tool was used",
        TOOLS,
        "Assessments completed in the period where neglect is a concern in which the partnership's neglect "
        "assessment or screening tool was completed, as a percentage of those assessments.",
        "Assessments in the period with neglect as a concern where the neglect tool was completed",
        "All assessments in the period where neglect is a concern",
        PERCENT,
        HIGHER,
        HOW_WELL,
        Q,
        SOCIAL_CARE_RECORDS,
        "For partnerships using a tool other than the Graded Care Profile 2 (a quality of care assessment or a "
        "home conditions screening tool): whether the tool is used where it is needed.",
        suggested_tolerance=Decimal("10"),
    ),
    _d(
        "GCP2-TRAINED",
        "Practitioners trained to use the Graded Care Profile 2 (cumulative)",
        TOOLS,
        "Practitioners from all agencies trained to use the Graded Care Profile 2 since the roll-out began.",
        "Practitioners who have completed Graded Care Profile 2 practitioner training, counted once each",
        "",
        COUNT,
        HIGHER,
        HOW_MUCH,
        A,
        TRAINING_RECORDS,
        "The tool is only used where enough trained practitioners are in every agency.",
    ),
    # --- education ---------------------------------------------------------------------
    _d(
        "PERSISTENT-ABS",
        "Pupils persistently absent from school",
        EDUCATION,
        "Pupils missing 10% or more of their possible sessions in the period, as a percentage of pupils.",
        "Pupils missing 10% or more of their possible sessions",
        "All pupils of compulsory school age on roll in the area's schools",
        PERCENT,
        LOWER,
        BETTER_OFF,
        A,
        ABSENCE,
        "Poor attendance is one of the first signs of neglect that a school sees, and absence deepens its harm.",
        suggested_tolerance=Decimal("2"),
    ),
    _d(
        "SEVERE-ABS",
        "Pupils severely absent from school",
        EDUCATION,
        "Pupils missing 50% or more of their possible sessions in the period, as a percentage of pupils.",
        "Pupils missing 50% or more of their possible sessions",
        "All pupils of compulsory school age on roll in the area's schools",
        PERCENT,
        LOWER,
        BETTER_OFF,
        A,
        ABSENCE,
        "A child out of school half the time is out of sight of the professionals most likely to notice neglect.",
        suggested_tolerance=Decimal("0.5"),
    ),
    _d(
        "CPP-PERSISTENT-ABS",
        "Children on a child protection plan who are persistently absent from school",
        EDUCATION,
        "Pupils on a child protection plan missing 10% or more of their possible sessions, as a percentage of "
        "pupils on a child protection plan.",
        "Pupils on a child protection plan missing 10% or more of their possible sessions",
        "All pupils of compulsory school age on a child protection plan",
        PERCENT,
        LOWER,
        BETTER_OFF,
        A,
        OUTCOMES_IN_NEED,
        "Whether children already known to be at risk are in school, where they are seen every day.",
        suggested_tolerance=Decimal("5"),
    ),
    _d(
        "SUSPENSION-RATE",
        "Suspensions from school",
        EDUCATION,
        "Suspensions (fixed-period exclusions) in the period, as a percentage of pupils on roll.",
        "Suspensions issued in the period",
        "All pupils on roll in the area's schools",
        PERCENT,
        LOWER,
        BETTER_OFF,
        A,
        EXCLUSIONS,
        "Behaviour that leads to suspension can be unmet need: neglect of older children is often first seen "
        "as behaviour.",
        suggested_tolerance=Decimal("1"),
    ),
    _d(
        "PERM-EXCL-RATE",
        "Permanent exclusions from school",
        EDUCATION,
        "Permanent exclusions in the period, as a percentage of pupils on roll.",
        "Permanent exclusions in the period",
        "All pupils on roll in the area's schools",
        PERCENT,
        LOWER,
        BETTER_OFF,
        A,
        EXCLUSIONS,
        "A permanent exclusion removes a neglected child from the adults who see them most.",
        suggested_tolerance=Decimal("0.02"),
    ),
    # --- health and the early years ---------------------------------------------------
    _d(
        "HV-NEW-BIRTH",
        "New birth visits by a health visitor within 14 days",
        HEALTH,
        "Infants who turned 30 days old in the period and received a face-to-face new birth visit within 14 "
        "days of birth, as a percentage of infants who turned 30 days old in the period.",
        "Infants turning 30 days in the period who had a new birth visit within 14 days",
        "All infants turning 30 days in the period",
        PERCENT,
        HIGHER,
        HOW_WELL,
        Q,
        HEALTH_VISITING,
        "The first of the mandated health visiting contacts: every family is seen at home, where neglect of a "
        "baby can be seen early.",
        suggested_tolerance=Decimal("5"),
    ),
    _d(
        "HV-6-8-WEEK",
        "6 to 8 week reviews by a health visitor",
        HEALTH,
        "Infants who turned 8 weeks in the period and received a 6 to 8 week review by then, as a percentage of "
        "infants who turned 8 weeks in the period.",
        "Infants turning 8 weeks in the period who had a 6 to 8 week review",
        "All infants turning 8 weeks in the period",
        PERCENT,
        HIGHER,
        HOW_WELL,
        Q,
        HEALTH_VISITING,
        "A mandated contact that checks the baby's growth and the parent's wellbeing, including maternal mood.",
        suggested_tolerance=Decimal("5"),
    ),
    _d(
        "HV-12-MONTH",
        "12 month reviews by a health visitor by the age of 12 months",
        HEALTH,
        "Children who turned 12 months in the period and received a 12 month development review by then, as a "
        "percentage of children who turned 12 months in the period.",
        "Children turning 12 months in the period who had a 12 month review by then",
        "All children turning 12 months in the period",
        PERCENT,
        HIGHER,
        HOW_WELL,
        Q,
        HEALTH_VISITING,
        "Families who miss the review are often the ones it matters for most: missed contacts are a known "
        "warning sign of neglect.",
        suggested_tolerance=Decimal("5"),
    ),
    _d(
        "HV-2-YEAR",
        "2 to 2½ year reviews by a health visitor",
        HEALTH,
        "Children who turned 2½ years in the period and received a 2 to 2½ year review by then, as a percentage "
        "of children who turned 2½ years in the period.",
        "Children turning 2½ years in the period who had a 2 to 2½ year review",
        "All children turning 2½ years in the period",
        PERCENT,
        HIGHER,
        HOW_WELL,
        Q,
        HEALTH_VISITING,
        "The last mandated contact before nursery: delays in speech, development and care show here.",
        suggested_tolerance=Decimal("5"),
    ),
    _d(
        "ASQ-2-YEAR",
        "Children at the expected level in all five areas at the 2 to 2½ year review",
        HEALTH,
        "Children reviewed with the Ages and Stages Questionnaire (ASQ-3) at 2 to 2½ years in the period who "
        "were at or above the expected level in all five areas, as a percentage of children reviewed with it.",
        "Children reviewed with ASQ-3 in the period at or above the expected level in all five areas",
        "All children reviewed with ASQ-3 at 2 to 2½ years in the period",
        PERCENT,
        HIGHER,
        BETTER_OFF,
        Q,
        CHILD_HEALTH_PROFILES,
        "Neglect in the first years shows in a child's development; this is where the early years strategy and "
        "the neglect strategy meet.",
        suggested_tolerance=Decimal("5"),
    ),
    _d(
        "DENTAL-EXTRACT",
        "Hospital tooth extractions for decay in children aged 0 to 10, per 10,000 children",
        HEALTH,
        "Hospital episodes in the year for the extraction of one or more decayed teeth in children aged 0 to 10, "
        "per 10,000 children aged 0 to 10. OHID publishes this as a rate per 100,000: divide it by 10 to compare.",
        "Finished consultant episodes with a tooth extraction and a diagnosis of dental caries, children aged 0 to 10",
        "Children aged 0 to 10 living in the area (ONS mid-year population estimate), divided by 10,000",
        RATE,
        LOWER,
        BETTER_OFF,
        A,
        TOOTH_EXTRACTIONS,
        "Untreated tooth decay severe enough for a general anaesthetic is a recognised marker of dental neglect.",
        suggested_tolerance=Decimal("2"),
    ),
    _d(
        "MMR2-AGE-5",
        "Children with two doses of MMR vaccine by their fifth birthday",
        HEALTH,
        "Children reaching their fifth birthday in the period who have had two doses of MMR vaccine, as a "
        "percentage of children reaching their fifth birthday.",
        "Children turning 5 in the period with two doses of MMR",
        "All children turning 5 in the period registered with a GP in the area",
        PERCENT,
        HIGHER,
        BETTER_OFF,
        Q,
        VACCINATION,
        "Missed immunisations can be a sign of medical neglect, and of families not reached by universal services.",
        suggested_tolerance=Decimal("3"),
    ),
    _d(
        "INJURY-ADMIT-0-4",
        "Hospital admissions for injuries in children aged 0 to 4, per 10,000 children",
        HEALTH,
        "Emergency hospital admissions caused by unintentional and deliberate injuries in children aged 0 to 4 "
        "in the year, per 10,000 children aged 0 to 4.",
        "Emergency admissions of children aged 0 to 4 with an injury as the cause",
        "Children aged 0 to 4 living in the area (ONS mid-year population estimate), divided by 10,000",
        RATE,
        LOWER,
        BETTER_OFF,
        A,
        CHILD_HEALTH_PROFILES,
        "Many injuries to young children happen when supervision fails: supervisory neglect.",
        suggested_tolerance=Decimal("10"),
    ),
    _d(
        "EY-GOOD-LEVEL",
        "Children with a good level of development at the end of reception",
        HEALTH,
        "Children assessed at the end of the reception year who reached a good level of development, as a "
        "percentage of children assessed.",
        "Children at the end of reception with a good level of development",
        "All children assessed at the end of the reception year",
        PERCENT,
        HIGHER,
        BETTER_OFF,
        A,
        EARLY_YEARS_PROFILE,
        "School readiness reflects the care a child received in their first five years.",
        suggested_tolerance=Decimal("3"),
    ),
    # --- family circumstances ----------------------------------------------------------
    _d(
        "TA-CHILDREN",
        "Households with children in temporary accommodation",
        FAMILY,
        "Households with dependent children living in temporary accommodation arranged by the council at the end "
        "of the period.",
        "Households with dependent children in temporary accommodation at the end of the period",
        "",
        COUNT,
        NEITHER,
        HOW_MUCH,
        Q,
        HOMELESSNESS,
        "Poor and unstable housing is one of the circumstances in which neglect grows, and moves break "
        "children's links with school and health visiting.",
        is_context=True,
    ),
    # --- workforce, training and practice quality -------------------------------------
    _d(
        "NEG-TRAINED",
        "Practitioners attending multi-agency neglect training",
        PRACTICE,
        "Practitioners from all agencies who attended partnership neglect training in the period.",
        "Attendances at partnership neglect training in the period, each practitioner counted once per course",
        "",
        COUNT,
        HIGHER,
        HOW_MUCH,
        Q,
        TRAINING_RECORDS,
        "Recognising neglect depends on practitioners across agencies sharing one understanding of it.",
    ),
    _d(
        "NEG-CONFIDENCE",
        "Practitioners reporting increased confidence after neglect training",
        PRACTICE,
        "Training evaluations returned in the period reporting increased confidence in recognising and "
        "responding to neglect, as a percentage of evaluations returned.",
        "Evaluations returned in the period reporting increased confidence",
        "All evaluations of neglect training returned in the period",
        PERCENT,
        HIGHER,
        HOW_WELL,
        Q,
        TRAINING_RECORDS,
        "Whether training changes how practitioners feel about acting on neglect, not only how many attend.",
        suggested_tolerance=Decimal("5"),
    ),
    _d(
        "PRACTITIONER-SURVEY",
        "Practitioners confident in recognising and responding to neglect (survey)",
        PRACTICE,
        "Respondents to the partnership's practitioner survey who say they are confident in recognising neglect "
        "and knowing what to do about it, as a percentage of respondents.",
        "Survey respondents who agree or strongly agree that they are confident",
        "All respondents to the question",
        PERCENT,
        HIGHER,
        HOW_WELL,
        A,
        PRACTITIONER_SURVEY,
        "Confidence across the whole workforce, trained or not, shows whether the strategy has reached practice.",
        suggested_tolerance=Decimal("5"),
    ),
    _d(
        "AUDIT-GOOD",
        "Audited neglect cases graded good or outstanding",
        PRACTICE,
        "Cases audited in the period's multi-agency (or case-file) neglect audits graded outstanding or good, as "
        "a percentage of cases audited.",
        "Audited cases graded outstanding or good",
        "All cases audited in the period",
        PERCENT,
        HIGHER,
        HOW_WELL,
        Q,
        AUDIT_PROGRAMME,
        "Audit is how the partnership sees the quality of neglect practice behind the numbers.",
        suggested_tolerance=Decimal("10"),
    ),
    _d(
        "AGENCIES-TOGETHER",
        "Agencies worked together effectively (survey)",
        PRACTICE,
        "Respondents to a survey of child protection planning (families and professionals) who say that agencies "
        "worked together effectively, as a percentage of respondents.",
        "Respondents who say agencies worked together effectively",
        "All respondents to the question",
        PERCENT,
        HIGHER,
        HOW_WELL,
        Q,
        PRACTITIONER_SURVEY,
        "Neglect is rarely seen whole by one agency: help works when agencies share what they see.",
        suggested_tolerance=Decimal("5"),
    ),
    # --- children's and families' voice --------------------------------------------------
    _d(
        "CHILD-TRUSTED-ADULT",
        "Children on a neglect plan who say they have a trusted adult",
        VOICE,
        "Children giving feedback at plan closure who say they have at least one adult they trust and can talk "
        "to, as a percentage of children giving feedback.",
        "Children giving feedback who say they have a trusted adult",
        "All children giving feedback at plan closure",
        PERCENT,
        HIGHER,
        BETTER_OFF,
        Q,
        FEEDBACK,
        "Children themselves say a trusted adult is what helps most; small numbers, so read with care.",
        suggested_tolerance=Decimal("10"),
    ),
    _d(
        "PARENT-BETTER",
        "Parents who say things are better for their child at case closure",
        VOICE,
        "Parents giving feedback at the close of a case where neglect was a factor who say things are better for "
        "their child, as a percentage of parents giving feedback.",
        "Parents giving feedback who say things are better for their child",
        "All parents giving feedback at the close of a case where neglect was a factor",
        PERCENT,
        HIGHER,
        BETTER_OFF,
        Q,
        FEEDBACK,
        "Whether families experience the help as changing things; small numbers, so read with care.",
        suggested_tolerance=Decimal("10"),
    ),
    _d(
        "CP-IMPACT-CHILD",
        "Child protection plans that had a positive impact on the child (survey)",
        VOICE,
        "Respondents to a survey of child protection planning (families and professionals) who say the plan had "
        "a positive impact on the child, as a percentage of respondents.",
        "Respondents who say the plan had a positive impact on the child",
        "All respondents to the question",
        PERCENT,
        HIGHER,
        BETTER_OFF,
        Q,
        FEEDBACK,
        "The child's experience of the plan is the outcome the plan exists for.",
        suggested_tolerance=Decimal("5"),
    ),
)

BY_CODE: dict[str, Definition] = {definition.code: definition for definition in DEFINITIONS}
THEMES_BY_SLUG: dict[str, Theme] = {theme.slug: theme for theme in THEMES}


def definition_for(code: str) -> Definition | None:
    return BY_CODE.get(code)
