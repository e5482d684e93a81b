"""Hounslow Safeguarding Children Partnership: demo content.

Drawn from the HSCP "Neglect Multi-Agency Strategy 2020 - 2022". People are fictional. The strategy
publishes no figures, so every measurement here is illustrative; the measures themselves are the
strategy's own "How we will measure success?" list. The strategy does not name priority sponsors;
those below are a sensible assignment for demonstration.
"""

from datetime import date
from decimal import Decimal

QUARTERS = ("2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26 Q4", "2026/27 Q1", "2026/27 Q2")


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


def _u(day, author, status, narrative):
    return {"date": day, "author": author, "status": status, "narrative": narrative}


# Data table kept compact (one record per line) so the module stays readable; ruff format would double it.
# fmt: off
PARTNERSHIP = {
    "name": "Hounslow Safeguarding Children Partnership",
    "slug": "hounslow",
    "source": (
        "Hounslow Safeguarding Children Partnership, 'Neglect Multi-Agency Strategy 2020 - 2022'; "
        "the demonstration runs the strategy on to March 2027 (an illustrative extension)"
    ),
    "agencies": [
        {"key": "csc", "name": "London Borough of Hounslow Children's Social Care", "sector": "local_authority"},
        {"key": "earlyhelp", "name": "London Borough of Hounslow Early Help Service", "sector": "local_authority"},
        {"key": "icb", "name": "NHS North West London Integrated Care Board", "sector": "health"},
        {"key": "hrch", "name": "Hounslow and Richmond Community Healthcare NHS Trust", "sector": "health"},
        {"key": "police", "name": "Metropolitan Police Service, West Area Basic Command Unit", "sector": "police"},
        {"key": "schools", "name": "Hounslow schools and colleges", "sector": "education"},
        {"key": "earlyyears", "name": "Hounslow early years settings", "sector": "early_years"},
    ],
    "people": [
        {"key": "admin", "first_name": "Ruth", "last_name": "Adeyemi", "email": "hounslow.admin@example.org", "role": "admin", "agency": "csc", "job_title": "HSCP Business Manager"},
        {"key": "chair", "first_name": "Simon", "last_name": "Hargreaves", "email": "hounslow.chair@example.org", "role": "steering", "agency": "csc", "job_title": "Head of Safeguarding and Quality Assurance; Chair, Neglect Task and Finish Group"},
        {"key": "steering_sesg", "first_name": "Kirsty", "last_name": "Malone", "email": "hounslow.steering.police@example.org", "role": "steering", "agency": "police", "job_title": "Detective Chief Inspector; Chair, Safeguarding Effectiveness Sub-Group"},
        {"key": "steering_hrch", "first_name": "Anjali", "last_name": "Desai", "email": "hounslow.steering.hrch@example.org", "role": "steering", "agency": "hrch", "job_title": "Head of Safeguarding Children"},
        {"key": "sponsor_csc", "first_name": "Jonathan", "last_name": "Ellery", "email": "hounslow.sponsor.csc@example.org", "role": "sponsor", "agency": "csc", "job_title": "Head of Children's Social Care, Assessment and Intervention"},
        {"key": "sponsor_icb", "first_name": "Grace", "last_name": "Mensah", "email": "hounslow.sponsor.icb@example.org", "role": "sponsor", "agency": "icb", "job_title": "Designated Nurse for Safeguarding Children, Hounslow"},
        {"key": "sponsor_eh", "first_name": "Paul", "last_name": "Dunmore", "email": "hounslow.sponsor.earlyhelp@example.org", "role": "sponsor", "agency": "earlyhelp", "job_title": "Head of Early Help"},
        {"key": "sponsor_police", "first_name": "Harjit", "last_name": "Gill", "email": "hounslow.sponsor.police@example.org", "role": "sponsor", "agency": "police", "job_title": "Detective Superintendent, Public Protection"},
        {"key": "lead_qoc", "first_name": "Eleanor", "last_name": "Voss", "email": "hounslow.lead.qoc@example.org", "role": "lead", "agency": "csc", "job_title": "Quality of Care Tool Practice Lead"},
        {"key": "lead_training", "first_name": "Tomasz", "last_name": "Nowak", "email": "hounslow.lead.training@example.org", "role": "lead", "agency": "csc", "job_title": "HSCP Training Coordinator"},
        {"key": "lead_data", "first_name": "Layla", "last_name": "Hussain", "email": "hounslow.lead.data@example.org", "role": "lead", "agency": "csc", "job_title": "Performance and Insight Analyst"},
        {"key": "lead_iro", "first_name": "Bernadette", "last_name": "Quinn", "email": "hounslow.lead.iro@example.org", "role": "lead", "agency": "csc", "job_title": "Child Protection Chair"},
        {"key": "lead_eh", "first_name": "Adam", "last_name": "Kowalczyk", "email": "hounslow.lead.earlyhelp@example.org", "role": "lead", "agency": "earlyhelp", "job_title": "Early Help Hub Team Manager"},
        {"key": "lead_hrch", "first_name": "Chloe", "last_name": "Barnes", "email": "hounslow.lead.hrch@example.org", "role": "lead", "agency": "hrch", "job_title": "Named Nurse, Safeguarding Children"},
        {"key": "lead_schools", "first_name": "Rashid", "last_name": "Karim", "email": "hounslow.lead.schools@example.org", "role": "lead", "agency": "schools", "job_title": "Designated Safeguarding Lead and SENCO, secondary school"},
        {"key": "lead_police", "first_name": "Dean", "last_name": "Crossley", "email": "hounslow.lead.police@example.org", "role": "lead", "agency": "police", "job_title": "Detective Sergeant, Multi-Agency Safeguarding Hub"},
        {"key": "lead_ey", "first_name": "Megan", "last_name": "Lloyd", "email": "hounslow.lead.earlyyears@example.org", "role": "lead", "agency": "earlyyears", "job_title": "Early Years Safeguarding Adviser"},
        {"key": "board_dcs", "first_name": "Catherine", "last_name": "Ashworth", "email": "hounslow.board.dcs@example.org", "role": "board", "agency": "csc", "job_title": "Executive Director of Children's Services"},
        {"key": "board_icb", "first_name": "Olusegun", "last_name": "Bakare", "email": "hounslow.board.icb@example.org", "role": "board", "agency": "icb", "job_title": "Borough Director of Nursing, Hounslow"},
        {"key": "board_police", "first_name": "Victoria", "last_name": "Hale", "email": "hounslow.board.police@example.org", "role": "board", "agency": "police", "job_title": "Detective Chief Superintendent, West Area"},
    ],
    "steering_group_name": "Neglect Task and Finish Group",
    "board_name": "Hounslow Safeguarding Children Partnership Executive Group",
    "strategy": {
        "title": "Neglect Multi-Agency Strategy 2020–2022",
        "start": date(2020, 4, 1),
        "end": date(2027, 3, 31),
        "status": "active",
        "vision": (
            "The HSCP, linking to our strategic principles of Empowerment, Prevention and Proportionality, intends to "
            "reduce the impact of neglect on the emotional and physical well-being of children by identifying it earlier "
            "within families. Through partnership working we will support parents to enable and sustain change, and by "
            "intervening early we know we can reduce the damaging and long-term impact of neglect on our children."
        ),
        "principles": [
            {"title": "The safety and welfare of children is paramount", "description": "Agreed by the HSCP and all of its partner organisations across Hounslow."},
            {"title": "Everyone has a responsibility", "description": "All professionals and volunteers have a statutory responsibility to safeguard children from neglect."},
            {"title": "Empowerment", "description": "Through partnership working we support parents to enable and sustain change."},
            {"title": "Prevention", "description": "Identify neglect earlier in children's lives, including older children, and coordinate support through early help processes."},
            {"title": "Proportionality", "description": "Interventions are timely, supported by evidence and make a difference to outcomes for children, young people and their families."},
        ],
    },
    "priorities": [
        {
            "number": 1,
            "title": "Full strategic and operational commitment from all organisations",
            "description": "All senior managers lead by example to tackle neglect, ensuring neglect is a priority within all agencies and across all partnerships. In the demonstration the 2020–2022 strategy runs on to March 2027 (an illustrative extension).",
            "sponsor_agency": "csc",
            "sponsor_lead": "sponsor_csc",
            "actions": [
                {
                    "reference": "P1.1", "title": "Make neglect a priority in every partner agency, led by senior managers",
                    "description": "Each agency names a senior neglect lead and reports on neglect in its annual safeguarding self-assessment.",
                    "success_measure": "Every partner agency has a named senior neglect lead and a completed neglect section in its self-assessment by March 2026.",
                    "lead_agency": "csc", "lead": "admin", "start": date(2025, 4, 1), "due": date(2026, 3, 31), "status": "completed",
                    "updates": [
                        _u(date(2025, 10, 10), "admin", "on_track", "Eight of eleven agencies have named a senior neglect lead."),
                        _u(date(2026, 4, 9), "admin", "completed", "All eleven agencies returned their self-assessment with a neglect section."),
                    ],
                },
                {
                    "reference": "P1.2", "title": "Protect the integrity of the Quality of Care Assessment Tool",
                    "description": "The HSCP retains all rights and control of the QoC tool: publish a governance protocol, check that no local versions are in use and decide every proposed amendment at the Task and Finish Group.",
                    "success_measure": "Protocol published; annual check finds no local variants in use; all change requests logged and decided by the HSCP.",
                    "lead_agency": "csc", "lead": "lead_qoc", "start": date(2025, 4, 1), "due": date(2026, 7, 31), "status": "at_risk",
                    "updates": [
                        _u(date(2025, 11, 4), "lead_qoc", "on_track", "Governance protocol drafted and circulated for comment."),
                        _u(date(2026, 6, 16), "lead_qoc", "at_risk", "Annual check found two adapted versions in early help templates; withdrawal agreed with both agencies."),
                        _u(date(2026, 9, 3), "lead_qoc", "at_risk", "One school pastoral system still holds an adapted version; the Designated Safeguarding Lead network is following up."),
                    ],
                },
                {
                    "reference": "P1.3", "title": "Monitor the action plan at every meeting and report to the Board and Executive Group",
                    "description": "Monitor action and implementation plans at every meeting until completion so that any delay in progress is identified and acted on quickly.",
                    "success_measure": "Plan reviewed at every Task and Finish Group meeting; a progress report to each Executive Group; delays escalated within one meeting cycle.",
                    "lead_agency": "csc", "lead": "admin", "start": date(2024, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 5, 20), "admin", "on_track", "Q4 2025/26 progress report taken by the Executive Group."),
                        _u(date(2026, 8, 26), "admin", "on_track", "Q1 2026/27 report issued; P2.3 escalated to its sponsor."),
                        _u(date(2026, 11, 18), "admin", "on_track", "Q2 2026/27 report issued with the neglect scorecard."),
                    ],
                },
                {
                    "reference": "P1.4", "title": "Carry out the two-yearly review and refresh of the neglect strategy",
                    "description": "Review the strategy against the Ofsted thematic reports and local audit learning, and agree its successor.",
                    "success_measure": "Refreshed strategy approved by the HSCP Executive Group by March 2027.",
                    "lead_agency": "csc", "lead": "chair", "start": date(2026, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 7, 15), "chair", "on_track", "Review workshop held with partners; consultation with parents planned for the autumn."),
                    ],
                },
            ],
        },
        {
            "number": 2,
            "title": "Improve awareness, understanding and recognition",
            "description": "Develop a workforce that works together to tackle neglect, with practitioners and managers confident to identify it early, recognise a concern and know what action to take, using language appropriate to the whole family.",
            "sponsor_agency": "icb",
            "sponsor_lead": "sponsor_icb",
            "actions": [
                {
                    "reference": "P2.1", "title": "Deliver multi-agency neglect training, including neglect of older children",
                    "description": "Train practitioners across agencies in recognising neglect at every age, drawing on 'Growing up neglected' for adolescents.",
                    "success_measure": "600 practitioners trained by March 2027, at least a third from outside social care; 80% report increased confidence.",
                    "lead_agency": "csc", "lead": "lead_training", "start": date(2024, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2025, 12, 2), "lead_training", "on_track", "318 practitioners trained since April 2024."),
                        _u(date(2026, 6, 24), "lead_training", "on_track", "421 trained; 38% from outside social care. New adolescent neglect module launched."),
                        _u(date(2026, 10, 19), "lead_training", "on_track", "489 trained; on course for the March target."),
                    ],
                },
                {
                    "reference": "P2.2", "title": "Publish multi-agency supervision guidance for neglect cases",
                    "description": "Make sure practitioners receive good-quality supervision to support their work on neglect.",
                    "success_measure": "Guidance published by September 2025; single-agency audits show neglect cases discussed in supervision at least every eight weeks in 80% of sampled cases.",
                    "lead_agency": "hrch", "lead": "lead_hrch", "start": date(2025, 1, 6), "due": date(2025, 9, 30), "status": "completed",
                    "updates": [
                        _u(date(2025, 6, 5), "lead_hrch", "on_track", "Draft guidance tested with three agencies."),
                        _u(date(2025, 10, 1), "lead_hrch", "completed", "Guidance published on the HSCP website on 29 September 2025."),
                    ],
                },
                {
                    "reference": "P2.3", "title": "Raise awareness of neglect of disabled children and children with special educational needs",
                    "description": "Help everyone stay mindful of diversity, additional vulnerabilities, special needs and disabilities when recognising neglect.",
                    "success_measure": "Briefing co-produced with the parent carer forum and delivered to all SENCOs and the 0–25 disability service by July 2026.",
                    "lead_agency": "schools", "lead": "lead_schools", "start": date(2025, 9, 1), "due": date(2026, 7, 31), "status": "off_track",
                    "updates": [
                        _u(date(2026, 1, 20), "lead_schools", "on_track", "First co-production session held with the parent carer forum."),
                        _u(date(2026, 5, 28), "lead_schools", "at_risk", "Second session cancelled twice; draft briefing not yet agreed."),
                        _u(date(2026, 9, 10), "lead_schools", "off_track", "Co-production has stalled and the SENCO briefing is not scheduled; escalated to the sponsor."),
                    ],
                },
                {
                    "reference": "P2.4", "title": "Refresh neglect information in whole-family language",
                    "description": "Produce plain-English information on neglect for families and a practitioner guide on talking about neglect with the whole family.",
                    "success_measure": "Family leaflet available in English and the five most-spoken community languages, and practitioner guide published, by December 2026.",
                    "lead_agency": "earlyhelp", "lead": "lead_eh", "start": date(2026, 1, 5), "due": date(2026, 12, 18), "status": "on_track",
                    "updates": [
                        _u(date(2026, 4, 29), "lead_eh", "on_track", "Leaflet drafted and tested with parents at two family centres."),
                        _u(date(2026, 10, 6), "lead_eh", "on_track", "Translations commissioned; practitioner guide in final draft."),
                    ],
                },
            ],
        },
        {
            "number": 3,
            "title": "Improve the response at Early Help level",
            "description": "Identify neglect earlier in children's lives, including older children, and coordinate support through early help processes, linking to the Hounslow Early Help Commitment.",
            "sponsor_agency": "earlyhelp",
            "sponsor_lead": "sponsor_eh",
            "actions": [
                {
                    "reference": "P3.1", "title": "Use the QoC tool in early help assessments where neglect is a factor",
                    "description": "Extend use of the Quality of Care Assessment Tool to early help so that neglect is evidenced before concerns escalate.",
                    "success_measure": "70% of early help assessments where neglect is a factor include a completed QoC by March 2027.",
                    "lead_agency": "csc", "lead": "lead_qoc", "start": date(2024, 9, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 2, 17), "lead_qoc", "on_track", "All early help practitioners trained in the QoC tool."),
                        _u(date(2026, 6, 9), "lead_qoc", "on_track", "QoC completed in 54% of relevant early help assessments."),
                        _u(date(2026, 9, 29), "lead_qoc", "on_track", "61% in Q2; team-by-team figures shared with managers."),
                    ],
                },
                {
                    "reference": "P3.2", "title": "Increase Early Help support for families where neglect is a factor",
                    "description": "Offer more families early help where neglect is a factor so that fewer cases escalate to Children's Social Care.",
                    "success_measure": "Families supported by Early Help where neglect is a factor up 20% on 2024/25, with fewer escalations to Children's Social Care.",
                    "lead_agency": "earlyhelp", "lead": "lead_eh", "start": date(2025, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 5, 19), "lead_eh", "on_track", "2025/26 total 532 families, up 11% on 2024/25."),
                        _u(date(2026, 10, 14), "lead_eh", "on_track", "Two extra family practitioners started in September; numbers rising."),
                    ],
                },
                {
                    "reference": "P3.3", "title": "Review neglect cases closed at the Front Door to reduce repeat referrals",
                    "description": "Check that every neglect contact closed at the Front Door is offered early help, to reduce repeat referrals about neglect.",
                    "success_measure": "Step-down review in place for all neglect closures; repeat neglect referrals within 12 months below 15%.",
                    "lead_agency": "police", "lead": "lead_police", "start": date(2025, 4, 1), "due": date(2026, 3, 31), "status": "completed",
                    "updates": [
                        _u(date(2025, 10, 28), "lead_police", "on_track", "Daily step-down review running in the MASH."),
                        _u(date(2026, 4, 21), "lead_police", "completed", "Review embedded in MASH procedures; repeat-referral rate now tracked on the scorecard."),
                    ],
                },
                {
                    "reference": "P3.4", "title": "Help early years settings recognise and act on early signs of neglect",
                    "description": "Give nurseries and childminders a short neglect recognition briefing and a clear route into early help.",
                    "success_measure": "Briefing delivered to 80% of registered early years settings by March 2027.",
                    "lead_agency": "earlyyears", "lead": "lead_ey", "start": date(2026, 9, 1), "due": date(2027, 3, 31), "status": "not_started",
                    "updates": [
                        _u(date(2026, 8, 27), "lead_ey", "not_started", "Start deferred until the early years safeguarding adviser post is filled in December."),
                    ],
                },
            ],
        },
        {
            "number": 4,
            "title": "Responses are effective, timely and interventions reduce the impact of neglect",
            "description": "Reduce the number of children who suffer neglect and the time they experience it, making sure interventions are timely, evidence-based and collectively owned.",
            "sponsor_agency": "police",
            "sponsor_lead": "sponsor_police",
            "actions": [
                {
                    "reference": "P4.1", "title": "Use the QoC tool in all Child in Need and Child Protection cases with neglect",
                    "description": "Make mandatory use of the Quality of Care Assessment Tool, with input from the multi-agency team around the family, in all Child in Need and Child Protection cases.",
                    "success_measure": "QoC completed with multi-agency input in 90% of Child in Need and Child Protection cases where neglect is identified.",
                    "lead_agency": "csc", "lead": "lead_qoc", "start": date(2024, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2025, 9, 15), "lead_qoc", "on_track", "Completion at 74%; multi-agency input recorded in two thirds."),
                        _u(date(2026, 5, 5), "lead_qoc", "on_track", "Completion at 79% at year end."),
                        _u(date(2026, 11, 3), "lead_qoc", "on_track", "81% in Q2; child protection chairs now check the QoC at every review conference."),
                    ],
                },
                {
                    "reference": "P4.2", "title": "Review long-running neglect plans to prevent drift",
                    "description": "Reduce the time Child Protection and Child in Need plans are in place where neglect is a feature, by reviewing every plan open beyond nine and twelve months respectively.",
                    "success_measure": "Every long-running plan reviewed; average duration of neglect child protection plans below 300 days.",
                    "lead_agency": "csc", "lead": "lead_iro", "start": date(2025, 7, 1), "due": date(2026, 12, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 3, 12), "lead_iro", "on_track", "Monthly drift panel started; 14 plans reviewed."),
                        _u(date(2026, 7, 30), "lead_iro", "on_track", "Average duration down to 324 days from 361."),
                    ],
                },
                {
                    "reference": "P4.3", "title": "Gather feedback from parents and children who received help because of neglect",
                    "description": "Ask families at case closure about the help they received and report the themes quarterly.",
                    "success_measure": "Closure feedback collected from at least 25% of families where neglect was a factor; themes in every quarterly report.",
                    "lead_agency": "csc", "lead": "lead_data", "start": date(2025, 10, 1), "due": date(2026, 9, 30), "status": "completed",
                    "updates": [
                        _u(date(2026, 3, 31), "lead_data", "on_track", "Short feedback form agreed with the children in care council."),
                        _u(date(2026, 9, 25), "lead_data", "completed", "Feedback now collected routinely at closure and reported on the scorecard."),
                    ],
                },
                {
                    "reference": "P4.4", "title": "Repeat the multi-agency neglect themed audit",
                    "description": "Repeat the neglect themed multi-agency audit to show the impact of good planning and consistent use of the QoC tool.",
                    "success_measure": "Audit of ten cases completed and reported to the Safeguarding Effectiveness Sub-Group by December 2025.",
                    "lead_agency": "police", "lead": "steering_sesg", "start": date(2025, 6, 1), "due": date(2025, 12, 31), "status": "completed",
                    "updates": [
                        _u(date(2025, 9, 30), "steering_sesg", "on_track", "Cases selected and auditors from five agencies confirmed."),
                        _u(date(2025, 12, 10), "steering_sesg", "completed", "Audit reported to the Sub-Group; four recommendations agreed."),
                    ],
                },
                {
                    "reference": "P4.5", "title": "Share police information on neglect promptly with the MASH",
                    "description": "Communicate and share information promptly and effectively when officers find children living in neglectful conditions.",
                    "success_measure": "90% of police notifications about children at incidents where neglect is noted shared with the MASH within 24 hours.",
                    "lead_agency": "police", "lead": "lead_police", "start": date(2026, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 6, 26), "lead_police", "on_track", "Baseline taken: 78% shared within 24 hours."),
                        _u(date(2026, 10, 23), "lead_police", "on_track", "86% in Q2 after a briefing for response teams."),
                    ],
                },
            ],
        },
    ],
    "indicators": [
        {
            "code": "HOU-01", "library": "NEG-REF-SHARE", "name": "Referrals to Children's Social Care where neglect is the primary reason",
            "definition": "Referrals in the quarter with neglect as the primary reason, as a percentage of all referrals to Children's Social Care.",
            "rba": "how_much", "unit": "percentage", "polarity": "neither", "frequency": "quarterly", "is_context": True,
            "source_agency": "csc", "baseline": Decimal("15.2"), "target": None, "amber_tolerance": None, "priority": 2,
            "measurements": _quarterly([(118, 742), (124, 768), (131, 790), (120, 751), (137, 803), (129, 776)]),
        },
        {
            "code": "HOU-02", "library": "NEG-REF-TO-ASSESS", "name": "Neglect referrals that progress to statutory assessment",
            "definition": "Referrals with neglect as the primary reason in the quarter that progressed to a statutory (section 17 or 47) assessment, as a percentage of those referrals.",
            "rba": "how_well", "unit": "percentage", "polarity": "neither", "frequency": "quarterly", "is_context": True,
            "source_agency": "csc", "baseline": 71, "target": None, "amber_tolerance": None, "priority": 4,
            "measurements": _quarterly([(86, 118), (88, 124), (91, 131), (83, 120), (97, 137), (90, 129)]),
        },
        {
            "code": "HOU-03", "library": "EH-NEG-FAMILIES", "name": "Families supported by Early Help where neglect is a factor",
            "definition": "Families with an open early help episode in the quarter where neglect is recorded as a factor.",
            "rba": "how_much", "unit": "count", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "earlyhelp", "baseline": 120, "target": 160, "amber_tolerance": 20, "priority": 3,
            "measurements": _quarterly([121, 133, 140, 138, 152, 149]),
        },
        {
            "code": "HOU-04", "library": "NEG-TOOL-USE", "name": "Neglect Child in Need and Child Protection cases with a completed QoC assessment",
            "definition": "Open Child in Need and Child Protection cases where neglect is identified that have a Quality of Care assessment completed with multi-agency input, as a percentage of those cases.",
            "rba": "how_well", "unit": "percentage", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "csc", "baseline": 68, "target": 90, "amber_tolerance": 10, "priority": 4,
            "measurements": _quarterly([(63, 86), (66, 89), (68, 90), (72, 91), (70, 88), (71, 88)]),
        },
        {
            "code": "HOU-05", "library": "NEG-REREF-12M", "name": "Repeat referrals for neglect within 12 months",
            "definition": "Neglect referrals in the quarter about a child referred for neglect in the previous 12 months, as a percentage of all neglect referrals.",
            "rba": "better_off", "unit": "percentage", "polarity": "lower_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "csc", "baseline": 21, "target": 15, "amber_tolerance": 3, "priority": 3,
            "measurements": _quarterly([(25, 118), (22, 124), (23, 131), (19, 120), (24, 137), (25, 129)]),
        },
        {
            "code": "HOU-06", "library": "CPP-NEG-RATE", "name": "Children subject to a child protection plan for neglect",
            "definition": "Children subject to a child protection plan with neglect as the category at the end of the quarter, per 10,000 children aged 0 to 17.",
            "rba": "better_off", "unit": "rate_per_10k", "polarity": "lower_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "csc", "baseline": Decimal("22.4"), "target": 20, "amber_tolerance": 3, "priority": 4,
            "measurements": _quarterly([Decimal("21.9"), Decimal("21.2"), Decimal("20.5"), Decimal("19.8"), Decimal("19.1"), Decimal("18.6")]),
        },
        {
            "code": "HOU-07", "library": "CPP-NEG-DURATION", "name": "Average duration of child protection plans for neglect",
            "definition": "Average length in days of child protection plans with neglect as the category that ended in the quarter.",
            "rba": "better_off", "unit": "days", "polarity": "lower_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "csc", "baseline": 361, "target": 300, "amber_tolerance": 30, "priority": 4,
            "measurements": _quarterly([358, 349, 341, 330, 324, 318]),
        },
        {
            "code": "HOU-08", "library": "PARENT-BETTER", "name": "Parents who say the help they received made a positive difference",
            "definition": "Parents giving closure feedback where neglect was a factor who say the help made a positive difference to their child, as a percentage of parents giving feedback. Small numbers: read with care.",
            "rba": "better_off", "unit": "percentage", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "csc", "baseline": None, "target": 75, "amber_tolerance": 10, "priority": 4,
            "measurements": _quarterly([(4, 6), (5, 8), (6, 9), (7, 9), (8, 11), (5, 7)]),
        },
        {
            "code": "HOU-09", "library": "NEG-TRAINED", "name": "Practitioners trained in neglect and the QoC tool",
            "definition": "Practitioners from all agencies completing HSCP neglect or QoC training in the quarter.",
            "rba": "how_much", "unit": "count", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "csc", "baseline": 38, "target": 50, "amber_tolerance": 10, "priority": 2,
            "measurements": _quarterly([47, 58, 52, 44, 61, 64]),
        },
    ],
    "audits": [
        {
            "kind": "multi_agency",
            "title": "Repeat multi-agency neglect themed audit",
            "date": date(2025, 11, 20),
            "scope": "Illustrative audit for demonstration. Ten children on Child in Need or Child Protection plans with neglect as the primary concern, repeating the themed audits of 2017 and 2018 and testing planning and consistent use of the QoC tool.",
            "cases": 10,
            "grades": {"outstanding": 0, "good": 5, "requires_improvement": 4, "inadequate": 1},
            "summary": "Half the cases were good. Where the QoC was completed with the team around the family, plans were sharper and owned by all agencies; neglect of older children was still too often seen as behaviour, and two plans had drifted.",
            "findings": [
                {"kind": "strength", "text": "In six of ten cases the QoC was completed with multi-agency input and the plan addressed the areas it identified."},
                {"kind": "strength", "text": "Schools and health practitioners recorded children's lived experience well."},
                {"kind": "improvement", "text": "Neglect of two teenagers was first treated as a behaviour problem rather than as unmet need."},
                {"kind": "improvement", "text": "Two child protection plans had been open for more than a year without escalation or a change of approach."},
            ],
            "recommendations": [
                {"reference": "R1", "text": "Check the QoC and multi-agency input at every child protection review conference.", "owner_agency": "csc", "due": date(2027, 3, 31), "status": "in_progress", "actions": ["P4.1"]},
                {"reference": "R2", "text": "Include recognition of neglect in older children in all multi-agency neglect training.", "owner_agency": "csc", "due": date(2027, 3, 31), "status": "in_progress", "actions": ["P2.1"]},
                {"reference": "R3", "text": "Introduce a drift panel for neglect plans open beyond nine months.", "owner_agency": "csc", "due": date(2026, 12, 31), "status": "in_progress", "actions": ["P4.2"]},
                {"reference": "R4", "text": "Collect feedback from parents and children at the close of neglect cases.", "owner_agency": "csc", "due": date(2026, 9, 30), "status": "completed", "actions": ["P4.3"]},
            ],
        },
    ],
    "board_recipients": [
        {"name": "Nicola Brennan", "email": "hounslow.board.education@example.org"},
        {"name": "Ibrahim Farouk", "email": "hounslow.board.hrch@example.org"},
    ],
}
# fmt: on
