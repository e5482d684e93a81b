"""The demo partnerships' quarterly reports: the last quarter of the demo figures signed off by the
steering group's chair and issued (so locked), the current one a draft while its quarter is open or collecting.

The commentary is what each steering group might write about its demo plan and scorecard for
2026/27 Q2; it is illustrative, like the quarterly figures it describes. Issuing goes through the
same services as the portal (figures frozen, PDF stored) but sends no e-mail. A report that exists
already is left as it is, so loading the demo again changes nothing.
"""

from django.utils import timezone

from accounts.models import Membership, Role
from neglect_portal.periods import Period, current_quarter
from priorities.selectors import quarter_record
from reports import selectors, services
from reports.models import QuarterlyReport

DEMO_REPORT_QUARTER = Period.parse("2026/27 Q2")  # the last quarter of the demo content's figures
# Printed in the report beside what was missing when the chair signed the quarter off.
SIGN_OFF_REASON = (
    "Illustrative (demonstration data): the agencies concerned were asked for the missing figures and "
    "updates, which will be reported next quarter."
)

COMMENTARY = {
    "walsall": {
        "going_well": (
            "Practitioner confidence after neglect training has risen again, to 87%, above the 80% target, "
            "and early help episodes closed with needs met remain on target. Priority 3 has no action off "
            "track or overdue."
        ),
        "worrying": (
            "Repeat child protection plans for neglect rose to 24.4% and the Graded Care Profile 2 completion "
            "rate in early help assessments is still short of target. The police AWARE app pilot (P2.2) has "
            "been paused by an unresolved information governance review, and vacancies in health visiting "
            "mean only 6 of 11 teams have been briefed on recognising neglect (P2.4)."
        ),
        "decisions": (
            "1. The Executive Group is asked to help resolve the information governance review of the AWARE "
            "app, so the evaluation can restart in the next quarter.\n"
            "2. To agree a revised completion date of 31 December 2026 for the Holiday Activities and Food "
            "programme action (P1.3)."
        ),
        "issues_and_risks": "Health visiting capacity, which affects P2.4 and the timeliness of health contacts.",
    },
    "hounslow": {
        "going_well": (
            "The rate of children on a child protection plan for neglect fell again and is below target. "
            "Training in neglect and the Quality of Care tool is ahead of plan, and one action was completed "
            "this quarter."
        ),
        "worrying": (
            "Repeat referrals for neglect within 12 months rose to 19.4%. Work to raise awareness of the "
            "neglect of disabled children (P2.3) has stalled and is overdue; one school still uses an adapted "
            "version of the Quality of Care tool (P1.2)."
        ),
        "decisions": (
            "The partnership is asked to nominate a senior lead from the SEND service to restart the "
            "co-production of P2.3, with a briefing for SENCOs in the spring term."
        ),
        "issues_and_risks": "Five actions had no progress update this quarter: leads have been reminded.",
    },
    "halton": {
        "going_well": (
            "Practitioners trained in neglect and the assessment tools reached 82 this quarter, and 86.6% say "
            "they are confident using the tools after training. The college safeguarding action was completed."
        ),
        "worrying": (
            "Only 44.4% of parents say things are better for their child when the case closes, down sharply, "
            "and use of the neglect screening tool in MAP assessments is stuck below target (P3.2). The "
            "website refresh (P2.2) is off track because of the council's platform migration."
        ),
        "decisions": (
            "The Partnership Board is asked to write to the council's ICT service to prioritise the "
            "partnership website in the platform migration, and to endorse a parents' survey review at the "
            "next Neglect Sub-Group."
        ),
        "issues_and_risks": "",
    },
    "staffordshire": {
        "going_well": (
            "Staff trained to use the Graded Care Profile 2 passed 900, and 89.7% of those answering the child "
            "protection planning survey felt that agencies worked together effectively."
        ),
        "worrying": (
            "Fewer of those answering the survey felt their child protection plan had a positive impact on the "
            "child (74.4%, down 4.2 points). Use of the GCP2 in assessments (P2.4) is off track, and the adult "
            "mental health 'think family' audit (P4.2) has reached only 12 of 20 case files."
        ),
        "decisions": (
            "The Executive Group is asked to agree the compromise on related strategic groups (shared measures, "
            "separate plans) in January, and to support clinical time to finish the P4.2 audit."
        ),
        "issues_and_risks": "Clinical capacity in adult mental health services.",
    },
}


# The voice and learning sections quote the source documents, saying which; where a source says
# nothing the text is marked illustrative. The recommendation to the board is the one the source
# report makes; no source gives a level of assurance, so none is chosen.
BOARD_SECTIONS = {
    "walsall": {
        "voice": (
            "From Walsall's report to members on the Child Neglect Strategy: children and young people "
            "helped write the strategy's guiding principles: training, so everyone understands what neglect "
            "means; seeing and hearing children, listening to them in every way possible; and taking action, "
            "with at least one adult or a network of adults they can trust. Practitioners told the consultation "
            "that aligning the strategies of their work would help them, so the neglect strategy was launched "
            "with the refreshed Early Help and Domestic Abuse strategies."
        ),
        "learning": (
            "From the same report: the joint targeted area inspection (JTAI) by Ofsted, the Care Quality "
            'Commission and HMICFRS in November 2022 found that "children who need help and protection receive a '
            "coordinated and effective multiagency response at the 'front door' in Walsall\", and that senior "
            "leaders ensure a culture of continuous and shared learning across the partnership."
        ),
        "board_recommendation": "note",
    },
    "staffordshire": {
        "voice": (
            "From the report to the Safeguarding Overview and Scrutiny Committee (June 2022): the survey of "
            "families and professionals on child protection planning found that 77% felt the plan had a "
            "positive impact on the child, 55% on parents and 68% on families, and 86% felt that agencies "
            "worked together effectively. Audit findings were overwhelmingly positive about practitioners' "
            "approaches to engaging children and young people (50 of 62 comments)."
        ),
        "learning": (
            "From the same report: the serious case review commissioned in February 2019, after four children "
            "died in a house fire, was published in November 2020. It made three main findings (understanding "
            "the impact of neglect on children, professional curiosity about family history and dynamics, and "
            "understanding and acting on a child's lived experience) and seven recommendations for the local "
            "authority and the partnership."
        ),
        "board_recommendation": "note",
    },
    "halton": {
        "voice": (
            "From the Halton Neglect Strategy 2022–2025: through the partnership's safeguarding surveys a "
            "significant proportion of young people said they understand the term 'neglect' and would know "
            "where to seek support for a friend experiencing it, but were less confident they could spot the "
            "signs. The awareness campaign is based on what young people said would have most impact."
        ),
        "learning": (
            "From the same strategy: the 2020 Ofsted inspection of the local authority found that some children "
            "remain in chronic neglect for too long before decisive action is taken, and audit shows parental "
            "mental ill health is not well understood across the children's workforce."
        ),
    },
    "hounslow": {
        "voice": (
            "Illustrative: the source strategy commits to gathering feedback from parents and children who have "
            "engaged with services because of neglect, but gives none; this text stands in for it."
        ),
        "learning": (
            "From the Hounslow neglect strategy: the multi-agency neglect themed audits of 2017 and 2018 "
            "highlighted areas for further development, and the strategy draws on Ofsted's thematic reports "
            "In the child's time (2014) and Growing up neglected (2018)."
        ),
    },
}


def demo_reports(partnership, strategy, today=None) -> list[QuarterlyReport]:
    """The demo quarter's report issued by the steering-group chair, and a draft for the current quarter."""
    today = today or timezone.localdate()
    steering = Membership.objects.select_related("partnership", "user").filter(
        partnership=partnership, role=Role.STEERING, is_active=True
    )
    chair = steering.filter(user__email__contains=".chair@").order_by("pk").first() or steering.order_by("pk").first()
    if chair is None or DEMO_REPORT_QUARTER.end >= today:
        return []
    if partnership.steering_group_chair_id is None:
        partnership.steering_group_chair = chair.user
        partnership.save(update_fields=["steering_group_chair"])
        chair.partnership = partnership
    reports = [_issued(chair, strategy, today)]
    quarter = current_quarter(today)
    if quarter != DEMO_REPORT_QUARTER and quarter.start <= strategy.end_date:
        reports.append(services.report_start(chair, strategy, quarter, today=today))
    return reports


def _issued(chair, strategy, today) -> QuarterlyReport:
    existing = QuarterlyReport.objects.filter(strategy=strategy, period=DEMO_REPORT_QUARTER.label).first()
    if existing is not None and existing.status != QuarterlyReport.Status.DRAFT:
        return existing
    # Figures as they stood on the day the report was due, as if it had been issued on time.
    issued_on = min(selectors.send_date(strategy.partnership, DEMO_REPORT_QUARTER), today)
    report = existing or services.report_start(chair, strategy, DEMO_REPORT_QUARTER, today=issued_on)
    slug = strategy.partnership.slug
    commentary = {**COMMENTARY.get(slug, {}), **BOARD_SECTIONS.get(slug, {})}
    if commentary:
        services.report_update_commentary(chair, report, **commentary)
    record = quarter_record(strategy, DEMO_REPORT_QUARTER)
    if record is None or record.signed_off_at is None:
        services.report_sign_off(chair, report, reason=SIGN_OFF_REASON, today=issued_on)
    services.report_issue(chair, report, today=issued_on)
    return report
