"""Staffordshire and Stoke-on-Trent: demo content.

Drawn from two documents: the Staffordshire and Stoke-on-Trent Safeguarding Children Boards'
"Neglect Multi-Agency Strategy" (interim version; shared strategic priorities for 2018-2021), and
Staffordshire County Council's report "Neglect" to the Safeguarding Overview and Scrutiny Committee,
16 June 2022, which publishes the Graded Care Profile 2 (GCP2) training numbers, the case-file audit
results and the child protection planning survey percentages used below. People are fictional. The
strategy does not number its priorities; the four below follow its "Our focus" section, the report's
GCP2 work and the strategy's domestic abuse and hidden harm sections.
"""

from datetime import date
from decimal import Decimal

QUARTERS = ("2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26 Q4", "2026/27 Q1", "2026/27 Q2")
REPORT = "Published figure, Staffordshire County Council report 'Neglect' to the Safeguarding Overview and Scrutiny Committee, 16 June 2022"

# The serious case review's seven recommendations, as the report to the Scrutiny Committee (June 2022) gives
# them: their number and the three findings they answer, not each one's wording, owner or due date. Shown in
# progress because the report describes the partnership's work on them and none as finished.
SCR_RECOMMENDATIONS = [
    {
        "reference": f"R{number}",
        "text": (
            f"Recommendation {number} of the seven the review made for the Local Authority and the Partnership. "
            "The report to the Safeguarding Overview and Scrutiny Committee (June 2022) gives the three findings "
            "they answer (the impact of neglect, professional curiosity about family history, the child's lived "
            "experience), not each recommendation's wording, owner or due date."
        ),
        "owner_agency": None,
        "due": None,
        "status": "in_progress",
        "actions": [],
    }
    for number in range(1, 8)
]


def _quarterly(values):
    """Six illustrative quarterly measurements; a (numerator, denominator) pair becomes a percentage."""
    rows = []
    for period, value in zip(QUARTERS, values, strict=True):
        row = {"period": period, "illustrative": True}
        if isinstance(value, tuple):
            numerator, denominator = value
            row["value"] = (Decimal(100 * numerator) / denominator).quantize(Decimal("0.1"))
            row["numerator"], row["denominator"] = numerator, denominator
        else:
            row["value"] = value
        rows.append(row)
    return rows


def _published(period, value, note):
    return {"period": period, "value": value, "note": f"{REPORT}: {note}", "illustrative": False}


def _illustrative(period, value):
    return {"period": period, "value": value, "illustrative": True}


def _u(day, author, status, narrative):
    return {"date": day, "author": author, "status": status, "narrative": narrative}


SURVEY = "revised child protection planning survey of families and professionals, responses received so far"

# Data table kept compact (one record per line) so the module stays readable; ruff format would double it.
# fmt: off
PARTNERSHIP = {
    "name": "Staffordshire and Stoke-on-Trent Safeguarding Children Boards",
    "slug": "staffordshire",
    "source": (
        "Staffordshire and Stoke-on-Trent Safeguarding Children Boards, 'Neglect Multi-Agency Strategy' (interim version, "
        "strategic priorities 2018–2021); Staffordshire County Council report 'Neglect' to the Safeguarding Overview and "
        "Scrutiny Committee, 16 June 2022. Neglect has remained a partnership priority; the demonstration runs the strategy on "
        "to March 2027 (an illustrative extension)"
    ),
    "agencies": [
        {"key": "scc", "name": "Staffordshire County Council Children's Services", "sector": "local_authority"},
        {"key": "stoke", "name": "Stoke-on-Trent City Council Children's Services", "sector": "local_authority"},
        {"key": "police", "name": "Staffordshire Police", "sector": "police"},
        {"key": "icb", "name": "NHS Staffordshire and Stoke-on-Trent Integrated Care Board", "sector": "health"},
        {"key": "mh", "name": "Adult mental health services (Midlands Partnership University NHS Foundation Trust)", "sector": "health"},
        {"key": "ph", "name": "Staffordshire County Council Public Health (drug and alcohol commissioning)", "sector": "public_health"},
        {"key": "probation", "name": "Probation Service, Staffordshire and Stoke-on-Trent", "sector": "probation"},
        {"key": "schools", "name": "Staffordshire and Stoke-on-Trent schools and academies", "sector": "education"},
    ],
    "people": [
        {"key": "admin", "first_name": "Alison", "last_name": "Wragg", "email": "staffordshire.admin@example.org", "role": "admin", "agency": "scc", "job_title": "Safeguarding Children Partnership Business Manager"},
        {"key": "chair", "first_name": "Ravinder", "last_name": "Kaur", "email": "staffordshire.chair@example.org", "role": "steering", "agency": "scc", "job_title": "Head of Service, Families First; Chair, Graded Care Profile 2 Steering Group"},
        {"key": "steering_stoke", "first_name": "Gary", "last_name": "Bloor", "email": "staffordshire.steering.stoke@example.org", "role": "steering", "agency": "stoke", "job_title": "Safeguarding Quality Assurance Manager"},
        {"key": "steering_schools", "first_name": "Heather", "last_name": "Plant", "email": "staffordshire.steering.schools@example.org", "role": "steering", "agency": "schools", "job_title": "Designated Safeguarding Lead (primary schools representative)"},
        {"key": "sponsor_stoke", "first_name": "Michael", "last_name": "Salt", "email": "staffordshire.sponsor.stoke@example.org", "role": "sponsor", "agency": "stoke", "job_title": "Assistant Director, Safeguarding and Quality"},
        {"key": "sponsor_scc", "first_name": "Deborah", "last_name": "Whitfield", "email": "staffordshire.sponsor.scc@example.org", "role": "sponsor", "agency": "scc", "job_title": "Assistant Director, Children and Families"},
        {"key": "sponsor_police", "first_name": "Craig", "last_name": "Machin", "email": "staffordshire.sponsor.police@example.org", "role": "sponsor", "agency": "police", "job_title": "Detective Chief Superintendent, Public Protection"},
        {"key": "sponsor_icb", "first_name": "Julia", "last_name": "Featherstone", "email": "staffordshire.sponsor.icb@example.org", "role": "sponsor", "agency": "icb", "job_title": "Director of Nursing and Safeguarding"},
        {"key": "lead_gcp2", "first_name": "Samantha", "last_name": "Hollins", "email": "staffordshire.lead.gcp2@example.org", "role": "lead", "agency": "scc", "job_title": "Graded Care Profile 2 Implementation Lead"},
        {"key": "lead_audit", "first_name": "Neil", "last_name": "Ridgway", "email": "staffordshire.lead.audit@example.org", "role": "lead", "agency": "scc", "job_title": "Quality Assurance and Audit Manager"},
        {"key": "lead_data", "first_name": "Priyanka", "last_name": "Mehta", "email": "staffordshire.lead.data@example.org", "role": "lead", "agency": "scc", "job_title": "Performance and Insight Analyst"},
        {"key": "lead_comms", "first_name": "Lewis", "last_name": "Shenton", "email": "staffordshire.lead.comms@example.org", "role": "lead", "agency": "stoke", "job_title": "Safeguarding Communications Officer"},
        {"key": "lead_police", "first_name": "Karen", "last_name": "Bagnall", "email": "staffordshire.lead.police@example.org", "role": "lead", "agency": "police", "job_title": "Detective Inspector, Domestic Abuse and MARAC"},
        {"key": "lead_probation", "first_name": "Errol", "last_name": "Gordon", "email": "staffordshire.lead.probation@example.org", "role": "lead", "agency": "probation", "job_title": "Senior Probation Officer, Safeguarding"},
        {"key": "lead_mh", "first_name": "Rosie", "last_name": "Tunstall", "email": "staffordshire.lead.mh@example.org", "role": "lead", "agency": "mh", "job_title": "Safeguarding Lead, Adult Mental Health"},
        {"key": "lead_ph", "first_name": "Umar", "last_name": "Farooq", "email": "staffordshire.lead.ph@example.org", "role": "lead", "agency": "ph", "job_title": "Commissioning Manager, Drug and Alcohol Services"},
        {"key": "board_scc", "first_name": "Philippa", "last_name": "Cope", "email": "staffordshire.board.scc@example.org", "role": "board", "agency": "scc", "job_title": "Director for Children and Families"},
        {"key": "board_stoke", "first_name": "Anthony", "last_name": "Beech", "email": "staffordshire.board.stoke@example.org", "role": "board", "agency": "stoke", "job_title": "Director of Children's Services"},
        {"key": "board_police", "first_name": "Louise", "last_name": "Harper", "email": "staffordshire.board.police@example.org", "role": "board", "agency": "police", "job_title": "Assistant Chief Constable"},
    ],
    "steering_group_name": "Graded Care Profile 2 Steering Group",
    "board_name": "Staffordshire and Stoke-on-Trent Safeguarding Children Boards Executive Group",
    "strategy": {
        "title": "Neglect Multi-Agency Strategy 2018–2021",
        "start": date(2018, 4, 1),
        "end": date(2027, 3, 31),
        "status": "active",
        "vision": "Children and young people are safe through agencies working together effectively to provide the right help to families at the right time.",
        "principles": [
            {"title": "The child's best interests must be the top priority", "description": "The best interests of children and young people and their rights to protection must drive all decision making."},
            {"title": "Participation of children, young people, parents and their carers", "description": "A whole-family approach, involving children, parents and carers when decisions are made about the child's care, protection and support."},
            {"title": "Enduring relationships and support", "description": "Support tailored to the child's age, identity and needs; children tell us a consistent practitioner throughout is crucial to their recovery."},
            {"title": "Comprehensive problem-profiling", "description": "A multi-agency problem profile of the patterns of neglect, shared with partners to inform strategy, commissioning and training."},
            {"title": "Effective information-sharing within and between agencies", "description": "A cross-sector information-sharing protocol, with historical information considered to identify families at risk of inter-generational neglect."},
            {"title": "Supervision, support and training of staff", "description": "Regular supervision, opportunities to reflect critically on practice, and specialist training for those working directly with neglect."},
            {"title": "Evaluation and review", "description": "Regular review of the strategy and action plan to make sure services achieve their intended outcomes."},
        ],
    },
    "priorities": [
        {
            "number": 1,
            "title": "Strategic commitment, leadership and understanding of local need",
            "description": "Secure the collective commitment to addressing neglect across all partner agencies, understand local need through a multi-agency needs assessment, and challenge each other and hold agencies to account for the neglect strategy action plan. In the demonstration the strategy runs on to March 2027 (an illustrative extension).",
            "sponsor_agency": "stoke",
            "sponsor_lead": "sponsor_stoke",
            "actions": [
                {
                    "reference": "P1.1", "title": "Complete a multi-agency neglect needs assessment and problem profile",
                    "description": "Profile the patterns and prevalence of neglect across both local authority areas, informed by the views of children, young people, parents, carers and practitioners.",
                    "success_measure": "Problem profile agreed by both Boards by March 2026 and used to refresh the action plan.",
                    "lead_agency": "scc", "lead": "lead_data", "start": date(2025, 4, 1), "due": date(2026, 3, 31), "status": "completed",
                    "updates": [
                        _u(date(2025, 10, 9), "lead_data", "on_track", "Data gathered from both councils, police and health; practitioner survey had 412 responses."),
                        _u(date(2026, 3, 24), "lead_data", "completed", "Problem profile agreed by both Boards."),
                    ],
                },
                {
                    "reference": "P1.2", "title": "Agree the local neglect protocol with the strategic partnerships",
                    "description": "Agree a local protocol for a strategically driven, multi-agency response to infants at risk of, or experiencing, neglect.",
                    "success_measure": "Protocol agreed by the relevant strategic partnerships by March 2023.",
                    "lead_agency": "scc", "lead": "admin", "start": date(2022, 6, 1), "due": date(2023, 3, 31), "status": "completed",
                    "updates": [
                        _u(date(2022, 11, 15), "admin", "on_track", "Protocol circulated to the strategic partnerships."),
                        _u(date(2023, 3, 22), "admin", "completed", "Protocol agreed by all partnerships."),
                    ],
                },
                {
                    "reference": "P1.3", "title": "Publish the annual neglect assurance report and review the local dataset",
                    "description": "Give the Boards an annual overview of progress and improvement, backed by the local neglect dataset reviewed each quarter.",
                    "success_measure": "Assurance report presented every summer; dataset reviewed at every quarterly steering group.",
                    "lead_agency": "scc", "lead": "lead_audit", "start": date(2023, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2025, 7, 16), "lead_audit", "on_track", "2024/25 assurance report presented."),
                        _u(date(2026, 7, 21), "lead_audit", "on_track", "2025/26 assurance report presented, including the problem profile."),
                        _u(date(2026, 10, 29), "lead_audit", "on_track", "Q2 dataset reviewed; family survey results added."),
                    ],
                },
                {
                    "reference": "P1.4", "title": "Bring together the strategic groups working on related priorities",
                    "description": "Combine the groups working on neglect, domestic abuse, substance misuse and parental mental health so the partnership shows a joined-up approach.",
                    "success_measure": "One joined-up neglect and 'toxic trio' delivery plan replaces separate plans by September 2026.",
                    "lead_agency": "scc", "lead": "chair", "start": date(2025, 10, 1), "due": date(2026, 9, 30), "status": "at_risk",
                    "updates": [
                        _u(date(2026, 2, 26), "chair", "on_track", "Terms of reference drafted for a combined group."),
                        _u(date(2026, 6, 30), "chair", "at_risk", "The domestic abuse partnership board wants to keep its own plan."),
                        _u(date(2026, 9, 24), "chair", "at_risk", "Compromise proposed: shared measures with separate plans; decision due in January."),
                    ],
                },
                {
                    "reference": "P1.5", "title": "Agree a cross-sector information-sharing protocol",
                    "description": "Set out what information is shared, by whom and how, including historical information, so that assessments consider family history.",
                    "success_measure": "Protocol signed by all relevant agencies by December 2026.",
                    "lead_agency": "stoke", "lead": "steering_stoke", "start": date(2026, 1, 12), "due": date(2026, 12, 18), "status": "on_track",
                    "updates": [
                        _u(date(2026, 5, 6), "steering_stoke", "on_track", "Draft agreed by information governance leads."),
                        _u(date(2026, 11, 16), "steering_stoke", "on_track", "Six of eight agencies have signed."),
                    ],
                },
            ],
        },
        {
            "number": 2,
            "title": "Awareness, understanding and early identification of neglect",
            "description": "Improve awareness and understanding of neglect across the whole partnership, from senior level to frontline practitioners, and support early identification of neglect, including low-level neglect, through the Graded Care Profile 2.",
            "sponsor_agency": "scc",
            "sponsor_lead": "sponsor_scc",
            "actions": [
                {
                    "reference": "P2.1", "title": "Train Graded Care Profile 2 champions",
                    "description": "Train champions across the partnership to support colleagues in using the GCP2.",
                    "success_measure": "Champions trained across the partnership by the end of 2021/22.",
                    "lead_agency": "scc", "lead": "lead_gcp2", "start": date(2020, 4, 1), "due": date(2022, 3, 31), "status": "completed",
                    "updates": [
                        _u(date(2021, 9, 30), "lead_gcp2", "at_risk", "COVID restrictions forced training online; plans modified."),
                        _u(date(2022, 4, 20), "lead_gcp2", "completed", "Over 30 champions trained by the end of 2021/22."),
                    ],
                },
                {
                    "reference": "P2.2", "title": "Deliver GCP2 awareness training and conferences",
                    "description": "Raise awareness of the GCP2 across the partnership through awareness sessions and conferences.",
                    "success_measure": "Awareness training and conferences reach practitioners from every partner agency by the end of 2021/22.",
                    "lead_agency": "scc", "lead": "lead_gcp2", "start": date(2020, 4, 1), "due": date(2022, 3, 31), "status": "completed",
                    "updates": [
                        _u(date(2022, 4, 20), "lead_gcp2", "completed", "Over 1,200 people from across the partnership attended awareness training and conferences."),
                    ],
                },
                {
                    "reference": "P2.3", "title": "Train practitioners to use the GCP2 tool",
                    "description": "Train staff in all agencies to use the tool to identify and evidence neglect in families.",
                    "success_measure": "1,000 staff trained to use the tool by March 2027 (over 600 by the end of 2021/22).",
                    "lead_agency": "scc", "lead": "lead_gcp2", "start": date(2020, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2022, 4, 20), "lead_gcp2", "on_track", "Over 600 staff trained in using the tool by the end of 2021/22."),
                        _u(date(2026, 4, 28), "lead_gcp2", "on_track", "905 staff trained to date."),
                        _u(date(2026, 10, 7), "lead_gcp2", "on_track", "948 trained; two courses booked for the spring."),
                    ],
                },
                {
                    "reference": "P2.4", "title": "Improve use of the GCP2 in assessments across all tiers of service",
                    "description": "Staff have been trained, but use of the tool in assessments needs to improve across all tiers of service delivery for children and families.",
                    "success_measure": "GCP2 completed in 60% of early help and child in need assessments where neglect is a concern by March 2027.",
                    "lead_agency": "scc", "lead": "lead_gcp2", "start": date(2022, 6, 16), "due": date(2027, 3, 31), "status": "off_track",
                    "updates": [
                        _u(date(2025, 10, 22), "lead_gcp2", "at_risk", "Use at 31%; staffing pressures in district teams."),
                        _u(date(2026, 4, 9), "lead_gcp2", "off_track", "Use has fallen to 28%; the sponsor has asked for a recovery plan."),
                        _u(date(2026, 8, 25), "lead_gcp2", "off_track", "Recovery plan agreed: GCP2 prompts in the case recording system and champion surgeries in each district."),
                    ],
                },
                {
                    "reference": "P2.5", "title": "Re-instate the Graded Care Profile 2 Steering Group",
                    "description": "Re-establish strategic oversight of GCP2 training and roll-out.",
                    "success_measure": "Steering group meeting every quarter with multi-agency membership from September 2022.",
                    "lead_agency": "scc", "lead": "chair", "start": date(2022, 4, 1), "due": date(2022, 9, 30), "status": "completed",
                    "updates": [
                        _u(date(2022, 9, 14), "chair", "completed", "Steering group re-instated with police, health, education and both councils."),
                    ],
                },
                {
                    "reference": "P2.6", "title": "Run a public awareness campaign on neglect",
                    "description": "Deliver the media and communication strategy to raise public awareness of neglect and signpost families to early help.",
                    "success_measure": "Three campaign waves a year; visits to the early help pages up 20% during each wave.",
                    "lead_agency": "stoke", "lead": "lead_comms", "start": date(2026, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 6, 17), "lead_comms", "on_track", "First wave ran in May; early help page visits up 26%."),
                        _u(date(2026, 10, 14), "lead_comms", "on_track", "Second wave (back to school) completed."),
                    ],
                },
            ],
        },
        {
            "number": 3,
            "title": "Children living with domestic abuse",
            "description": "Children and young people who live with domestic abuse experience a child-centred approach from all professionals, and the risks to them and their needs are assessed and responded to effectively.",
            "sponsor_agency": "police",
            "sponsor_lead": "sponsor_police",
            "actions": [
                {
                    "reference": "P3.1", "title": "Train professionals to see domestic abuse incidents through the eyes of the child",
                    "description": "Make sure professionals and support staff are trained, confident and knowledgeable about the impact of domestic abuse on children.",
                    "success_measure": "80% of frontline officers and children's practitioners trained by December 2026; audit shows the child's experience recorded.",
                    "lead_agency": "police", "lead": "lead_police", "start": date(2025, 4, 1), "due": date(2026, 12, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 1, 14), "lead_police", "on_track", "52% of frontline officers trained."),
                        _u(date(2026, 6, 2), "lead_police", "on_track", "68% trained; module added to new officer induction."),
                        _u(date(2026, 10, 21), "lead_police", "on_track", "77% trained."),
                    ],
                },
                {
                    "reference": "P3.2", "title": "Strengthen MARAC action planning for children",
                    "description": "Make sure multi-agency risk assessment conferences protect children through timely information sharing and effective action plans.",
                    "success_measure": "A child-focused action recorded for each child in 95% of MARAC cases by December 2026.",
                    "lead_agency": "police", "lead": "lead_police", "start": date(2025, 9, 1), "due": date(2026, 12, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 2, 19), "lead_police", "on_track", "MARAC template now has a section for each child."),
                        _u(date(2026, 8, 20), "lead_police", "on_track", "Child-focused actions recorded in 92% of cases in Q1."),
                        _u(date(2026, 11, 11), "lead_police", "on_track", "94% in Q2; MARAC chairs now check each child's action before closing a case."),
                    ],
                },
                {
                    "reference": "P3.3", "title": "Assess the risk that perpetrators and adult offenders pose to children",
                    "description": "Reduce the risk of harm to children by identifying and assessing the risks posed by perpetrators and adult offenders.",
                    "success_measure": "Child safeguarding enquiries made at court stage in every domestic abuse case; children in the household recorded in all risk assessments.",
                    "lead_agency": "probation", "lead": "lead_probation", "start": date(2025, 10, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 4, 30), "lead_probation", "on_track", "Enquiries made in 91% of cases."),
                        _u(date(2026, 9, 17), "lead_probation", "on_track", "94%; gaps were cases transferred from other areas."),
                    ],
                },
                {
                    "reference": "P3.4", "title": "Seek assurance that commissioned domestic abuse services meet children's needs",
                    "description": "Check that children, their families and perpetrators can access a sufficient range of commissioned local services.",
                    "success_measure": "Assurance report to the Boards by March 2027, including waiting times for children's support.",
                    "lead_agency": "ph", "lead": "lead_ph", "start": date(2026, 11, 1), "due": date(2027, 3, 31), "status": "not_started",
                    "updates": [
                        _u(date(2026, 10, 26), "lead_ph", "not_started", "Waiting for the county domestic abuse needs assessment; start moved to January 2027."),
                    ],
                },
            ],
        },
        {
            "number": 4,
            "title": "Hidden harm: parental substance misuse and parental mental ill health",
            "description": "Seek assurance that all practitioners working with families affected by drug and alcohol problems or parental mental ill health have the competence and confidence to identify the impact on the child, and that adult services 'think family'.",
            "sponsor_agency": "icb",
            "sponsor_lead": "sponsor_icb",
            "actions": [
                {
                    "reference": "P4.1", "title": "Agree data from drug and alcohol and adult mental health services for the neglect dataset",
                    "description": "Confirm with commissioners and providers what data they supply, including the number of adults in treatment who are parents or carers.",
                    "success_measure": "Quarterly returns from both services from 2026/27 Q1.",
                    "lead_agency": "ph", "lead": "lead_ph", "start": date(2025, 4, 1), "due": date(2026, 6, 30), "status": "completed",
                    "updates": [
                        _u(date(2025, 12, 3), "lead_ph", "on_track", "Data specification agreed with both providers."),
                        _u(date(2026, 6, 24), "lead_ph", "completed", "First quarterly returns received."),
                    ],
                },
                {
                    "reference": "P4.2", "title": "Audit adult mental health case files for 'think family' practice",
                    "description": "Establish whether adult mental health practitioners identify children, consider their needs and risks, and refer for support where necessary.",
                    "success_measure": "Audit of 20 cases by October 2026; children's needs considered in 85%.",
                    "lead_agency": "mh", "lead": "lead_mh", "start": date(2026, 1, 5), "due": date(2026, 10, 31), "status": "at_risk",
                    "updates": [
                        _u(date(2026, 5, 21), "lead_mh", "on_track", "Audit tool agreed; auditors trained."),
                        _u(date(2026, 9, 29), "lead_mh", "at_risk", "Only 12 of 20 case files audited because of clinical capacity."),
                    ],
                },
                {
                    "reference": "P4.3", "title": "Identify and support young carers of adults with mental ill health",
                    "description": "Make sure young carers of adults with mental health issues are identified and helped to access early support.",
                    "success_measure": "Young carer question in all adult mental health assessments; referrals to young carers' services up 20% on 2025/26.",
                    "lead_agency": "mh", "lead": "lead_mh", "start": date(2026, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 7, 16), "lead_mh", "on_track", "Question added to the assessment form."),
                        _u(date(2026, 11, 9), "lead_mh", "on_track", "Referrals up 14% in the first half of the year."),
                    ],
                },
                {
                    "reference": "P4.4", "title": "Set out safeguarding duties in drug and alcohol service contracts",
                    "description": "Make sure the safeguarding role of adult drug and alcohol services is explicit in all relevant tender documents and contracts.",
                    "success_measure": "Safeguarding clauses in all contracts; annual compliance check reported to the Boards.",
                    "lead_agency": "ph", "lead": "lead_ph", "start": date(2024, 4, 1), "due": date(2025, 3, 31), "status": "completed",
                    "updates": [
                        _u(date(2024, 10, 8), "lead_ph", "on_track", "Clauses drafted with legal services."),
                        _u(date(2025, 3, 26), "lead_ph", "completed", "Clauses included in the new treatment contract from 1 April 2025."),
                    ],
                },
            ],
        },
    ],
    "indicators": [
        {
            "code": "STS-01", "name": "Graded Care Profile 2 champions trained (cumulative)",
            "definition": "Practitioners trained as GCP2 champions since the roll-out began.",
            "rba": "how_much", "unit": "count", "polarity": "higher_better", "frequency": "annual", "is_context": False,
            "source_agency": "scc", "baseline": 30, "target": 45, "amber_tolerance": 5, "priority": 2,
            "measurements": [
                _published("2021/22", 30, "published as 'over 30 champions' trained by the end of 2021-22"),
                _illustrative("2024/25", 38),
                _illustrative("2025/26", 41),
            ],
        },
        {
            "code": "STS-02", "name": "People attending GCP2 awareness training and conferences (cumulative)",
            "definition": "People from across the partnership who have attended GCP2 awareness training and conferences.",
            "rba": "how_much", "unit": "count", "polarity": "higher_better", "frequency": "annual", "is_context": True,
            "source_agency": "scc", "baseline": 1200, "target": None, "amber_tolerance": None, "priority": 2,
            "measurements": [
                _published("2021/22", 1200, "published as 'over 1200 people' by the end of 2021-22"),
                _illustrative("2024/25", 1540),
                _illustrative("2025/26", 1655),
            ],
        },
        {
            "code": "STS-03", "library": "GCP2-TRAINED", "name": "Staff trained to use the GCP2 tool (cumulative)",
            "definition": "Staff trained in using the GCP2 tool to identify and evidence neglect.",
            "rba": "how_much", "unit": "count", "polarity": "higher_better", "frequency": "annual", "is_context": False,
            "source_agency": "scc", "baseline": 600, "target": 1000, "amber_tolerance": 100, "priority": 2,
            "measurements": [
                _published("2021/22", 600, "published as 'over 600 staff' trained by the end of 2021-22"),
                _illustrative("2024/25", 812),
                _illustrative("2025/26", 905),
            ],
        },
        {
            "code": "STS-04", "library": "AUDIT-GOOD", "name": "Children's team case files graded outstanding or good",
            "definition": "Case files audited in the regular audit of children's teams graded outstanding or good, as a percentage of files audited.",
            "rba": "how_well", "unit": "percentage", "polarity": "higher_better", "frequency": "annual", "is_context": False,
            "source_agency": "scc", "baseline": Decimal("66.7"), "target": 75, "amber_tolerance": 10, "priority": None,
            "measurements": [
                _published("2021/22", Decimal("66.7"), "published as 'two thirds of files audited' graded outstanding or good (audit period not stated)"),
                _illustrative("2024/25", Decimal("69.0")),
                {"period": "2025/26", "value": Decimal("71.4"), "numerator": 25, "denominator": 35, "illustrative": True},
            ],
        },
        {
            "code": "STS-05", "library": "CP-IMPACT-CHILD", "name": "Child protection plan had a positive impact on the child",
            "definition": "Respondents to the child protection planning survey (families and professionals) who felt the plan had a positive impact on the child, as a percentage of respondents.",
            "rba": "better_off", "unit": "percentage", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "scc", "baseline": 77, "target": 80, "amber_tolerance": 5, "priority": 2,
            "measurements": [_published("2022/23 Q1", 77, SURVEY), *_quarterly([(31, 40), (29, 37), (34, 43), (30, 38), (33, 42), (29, 39)])],
        },
        {
            "code": "STS-06", "name": "Child protection plan had a positive impact on parents",
            "definition": "Respondents to the child protection planning survey who felt the plan had a positive impact on parents, as a percentage of respondents.",
            "rba": "better_off", "unit": "percentage", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "scc", "baseline": 55, "target": 65, "amber_tolerance": 10, "priority": 4,
            "measurements": [_published("2022/23 Q1", 55, SURVEY), *_quarterly([(22, 40), (21, 37), (25, 43), (22, 38), (25, 42), (23, 39)])],
        },
        {
            "code": "STS-07", "name": "Child protection plan had a positive impact on families",
            "definition": "Respondents to the child protection planning survey who felt the plan had a positive impact on families, as a percentage of respondents.",
            "rba": "better_off", "unit": "percentage", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "scc", "baseline": 68, "target": 70, "amber_tolerance": 5, "priority": 4,
            "measurements": [_published("2022/23 Q1", 68, SURVEY), *_quarterly([(27, 40), (26, 37), (30, 43), (27, 38), (30, 42), (28, 39)])],
        },
        {
            "code": "STS-08", "library": "AGENCIES-TOGETHER", "name": "Agencies worked together effectively",
            "definition": "Respondents to the child protection planning survey who felt that agencies worked together effectively, as a percentage of respondents.",
            "rba": "how_well", "unit": "percentage", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "scc", "baseline": 86, "target": 85, "amber_tolerance": 5, "priority": 1,
            "measurements": [_published("2022/23 Q1", 86, SURVEY), *_quarterly([(34, 40), (32, 37), (36, 43), (33, 38), (37, 42), (35, 39)])],
        },
        {
            "code": "STS-09", "name": "Children known to tier 4 social care services due to neglect",
            "definition": "Children known to tier 4 children's social care services where neglect is the reason, as a percentage of all children known to tier 4 services.",
            "rba": "how_much", "unit": "percentage", "polarity": "neither", "frequency": "annual", "is_context": True,
            "source_agency": "scc", "baseline": 28, "target": None, "amber_tolerance": None, "priority": None,
            "measurements": [_published("2021/22", 28, "published as 'approximately 28%' (a further 34.8% are known due to family dysfunction); period not stated")],
        },
        {
            "code": "STS-10", "library": "CLA-NEG-SHARE", "name": "Children in care known due to neglect",
            "definition": "Children in the care of Staffordshire County Council who became known because of neglect, as a percentage of all children in care.",
            "rba": "how_much", "unit": "percentage", "polarity": "neither", "frequency": "annual", "is_context": True,
            "source_agency": "scc", "baseline": 41, "target": None, "amber_tolerance": None, "priority": None,
            "measurements": [_published("2021/22", 41, "published as 'over 41%', most of them aged 10 to 15; period not stated")],
        },
    ],
    "audits": [
        {
            "kind": "case_review",
            "title": "Serious case review: four children who died in a house fire on 5 February 2019",
            "date": date(2020, 11, 30),
            "scope": "Commissioned by the Staffordshire Safeguarding Children Board in February 2019 in respect of four children who died in a house fire; published in November 2020. It made three main findings and a total of seven recommendations for the Local Authority and the Partnership.",
            "cases": 4,
            "grades": None,
            "summary": "Following this review, neglect (including the impact of low-level neglect on children and families) became a priority for the Safeguarding Partnership and has remained on its agenda.",
            "findings": [
                {"kind": "improvement", "text": "Developing understanding within the partnership of the impact of neglect on children."},
                {"kind": "improvement", "text": "Use of appropriate professional curiosity to understand family history and dynamics."},
                {"kind": "improvement", "text": "Ability to understand and act upon a child's lived experience."},
            ],
            # The report to the Scrutiny Committee gives the review's three findings and says it made seven
            # recommendations, not their wording, owners or dates: the demo has the seven and invents none.
            "recommendations": SCR_RECOMMENDATIONS,
        },
        {
            "kind": "single_agency",
            "title": "Regular audit of children's teams case files",
            "date": date(2022, 6, 16),
            "scope": "Staffordshire County Council's regular audit of children's teams files, as reported to the Safeguarding Overview and Scrutiny Committee on 16 June 2022. The report gives proportions but not the number of files or grade counts, so none are recorded here.",
            "cases": 0,
            "grades": None,
            "summary": "Two thirds of files audited were graded outstanding or good, which maintains standards through the service's transformation. The report also records that use of the GCP2 in assessments needs to improve across all tiers.",
            "findings": [
                {"kind": "strength", "text": "Audit findings are overwhelmingly positive about practitioners' approaches to engaging children and young people (50 of 62 comments)."},
                {"kind": "strength", "text": "Most assessments and review reports identify worries and what needs to change well (53 positive comments out of 63)."},
                {"kind": "strength", "text": "Four fifths of auditors' comments show planning driven by children's wishes and feelings and taking their lived experience into account."},
                {"kind": "improvement", "text": "Staff have been trained, but the use of the GCP2 in assessments needs to improve across all tiers of service delivery."},
            ],
            "recommendations": [
                {"reference": "R1", "text": "Improve use of the GCP2 assessment tool in practice across all tiers of services and agencies.", "owner_agency": "scc", "due": date(2027, 3, 31), "status": "in_progress", "actions": ["P2.4"]},
                {"reference": "R2", "text": "Continue gathering feedback from families and professionals through the revised child protection planning survey and report it in the dataset.", "owner_agency": "scc", "due": date(2027, 3, 31), "status": "in_progress", "actions": ["P1.3"]},
            ],
        },
        {
            "kind": "multi_agency",
            "title": "Multi-agency themed audit: neglect and the 'toxic trio'",
            "date": date(2025, 10, 15),
            "scope": "Illustrative audit for demonstration. Fifteen children on child protection plans for neglect where domestic abuse, parental substance misuse or parental mental ill health was present, audited by both councils, police, health and probation.",
            "cases": 15,
            "grades": {"outstanding": 1, "good": 7, "requires_improvement": 5, "inadequate": 2},
            "summary": "Eight of fifteen cases were good or better. Police and children's services shared domestic abuse information well; adult mental health and drug and alcohol services were rarely part of the plan.",
            "findings": [
                {"kind": "strength", "text": "MARAC information reached the child protection conference in every relevant case."},
                {"kind": "improvement", "text": "Adult mental health practitioners had recorded the children in only six of eleven relevant cases."},
                {"kind": "improvement", "text": "A GCP2 was on file in only four of fifteen cases."},
            ],
            "recommendations": [
                {"reference": "R1", "text": "Audit adult mental health case files for 'think family' practice.", "owner_agency": "mh", "due": date(2026, 10, 31), "status": "in_progress", "actions": ["P4.2"]},
                {"reference": "R2", "text": "Train frontline officers and practitioners to see domestic abuse through the eyes of the child.", "owner_agency": "police", "due": date(2026, 12, 31), "status": "in_progress", "actions": ["P3.1"]},
                {"reference": "R3", "text": "Use the GCP2 in every child protection case where neglect is the category.", "owner_agency": "scc", "due": date(2027, 3, 31), "status": "open", "actions": ["P2.4"]},
            ],
        },
    ],
    "board_recipients": [
        {"name": "Margaret Boote", "email": "staffordshire.board.icb@example.org"},
        {"name": "Desmond Ryder", "email": "staffordshire.board.probation@example.org"},
        {"name": "Shabana Akhtar", "email": "staffordshire.board.schools@example.org"},
    ],
}
# fmt: on
