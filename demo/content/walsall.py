"""Walsall Safeguarding Partnership: demo content.

Drawn from Walsall Council's report to members "Child neglect strategy" and its appendix, the
Neglect Strategy 2021–2024. People are fictional. The report publishes no indicator values (its
outcome framework went live on 1 April 2023), so every measurement here is illustrative.
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
    "name": "Walsall Safeguarding Partnership",
    "slug": "walsall",
    "source": (
        "Walsall Council report to members 'Child neglect strategy' (dated 13 March 2022) with Appendix A, "
        "Neglect Strategy 2021–2024; the demonstration runs the strategy on to March 2027 (an illustrative extension)"
    ),
    "agencies": [
        {"key": "la", "name": "Walsall Council Children's Services (including Early Help)", "sector": "local_authority"},
        {"key": "health", "name": "NHS Black Country Integrated Care Board", "sector": "health"},
        {"key": "public_health", "name": "Walsall Council Public Health", "sector": "public_health"},
        {"key": "police", "name": "West Midlands Police", "sector": "police"},
        {"key": "onewalsall", "name": "One Walsall", "sector": "voluntary"},
        {"key": "schools", "name": "Walsall primary and secondary schools", "sector": "education"},
        {"key": "housing", "name": "Walsall housing providers", "sector": "housing"},
        {"key": "asc", "name": "Walsall Council Adult Social Care", "sector": "local_authority"},
        {"key": "healthwatch", "name": "Healthwatch Walsall", "sector": "other"},
    ],
    "people": [
        {"key": "admin", "first_name": "Priya", "last_name": "Shah", "email": "walsall.admin@example.org", "role": "admin", "agency": "la", "job_title": "Partnership Business Manager"},
        {"key": "chair", "first_name": "Helen", "last_name": "Forsyth", "email": "walsall.chair@example.org", "role": "steering", "agency": "public_health", "job_title": "Consultant in Public Health; Chair, Child Neglect Steering Group"},
        {"key": "steering_police", "first_name": "Gareth", "last_name": "Pryce", "email": "walsall.steering.police@example.org", "role": "steering", "agency": "police", "job_title": "Detective Inspector, Public Protection Unit"},
        {"key": "steering_healthwatch", "first_name": "Yvonne", "last_name": "Barker", "email": "walsall.steering.healthwatch@example.org", "role": "steering", "agency": "healthwatch", "job_title": "Engagement Officer"},
        {"key": "sponsor_onewalsall", "first_name": "Amrit", "last_name": "Sandhu", "email": "walsall.sponsor.onewalsall@example.org", "role": "sponsor", "agency": "onewalsall", "job_title": "Head of Partnerships and Safeguarding"},
        {"key": "sponsor_health", "first_name": "Claire", "last_name": "Mottram", "email": "walsall.sponsor.health@example.org", "role": "sponsor", "agency": "health", "job_title": "Designated Nurse for Safeguarding Children"},
        {"key": "sponsor_la", "first_name": "Daniel", "last_name": "Okafor", "email": "walsall.sponsor.la@example.org", "role": "sponsor", "agency": "la", "job_title": "Head of Early Help"},
        {"key": "lead_npic", "first_name": "Rebecca", "last_name": "Hale", "email": "walsall.lead.npic@example.org", "role": "lead", "agency": "la", "job_title": "Neglect Practice Improvement Coordinator"},
        {"key": "lead_training", "first_name": "Imran", "last_name": "Qureshi", "email": "walsall.lead.training@example.org", "role": "lead", "agency": "la", "job_title": "Partnership Learning and Development Officer"},
        {"key": "lead_familyhubs", "first_name": "Owen", "last_name": "Pritchard", "email": "walsall.lead.familyhubs@example.org", "role": "lead", "agency": "la", "job_title": "Family Hubs Development Manager"},
        {"key": "lead_csc", "first_name": "Fiona", "last_name": "McAllister", "email": "walsall.lead.csc@example.org", "role": "lead", "agency": "la", "job_title": "Service Manager, Child Protection and Review"},
        {"key": "lead_police", "first_name": "Laura", "last_name": "Benton", "email": "walsall.lead.police@example.org", "role": "lead", "agency": "police", "job_title": "Partnership Inspector, Walsall Neighbourhood Policing Unit"},
        {"key": "lead_health", "first_name": "Siobhan", "last_name": "Keane", "email": "walsall.lead.health@example.org", "role": "lead", "agency": "health", "job_title": "Named Nurse, Health Visiting and School Nursing"},
        {"key": "lead_vcs", "first_name": "Tasha", "last_name": "Campbell", "email": "walsall.lead.vcs@example.org", "role": "lead", "agency": "onewalsall", "job_title": "Voluntary Sector Safeguarding Officer"},
        {"key": "lead_asc", "first_name": "Peter", "last_name": "Lowe", "email": "walsall.lead.asc@example.org", "role": "lead", "agency": "asc", "job_title": "Principal Social Worker, Adult Social Care"},
        {"key": "lead_housing", "first_name": "Nadia", "last_name": "Rahman", "email": "walsall.lead.housing@example.org", "role": "lead", "agency": "housing", "job_title": "Tenancy Sustainment Manager"},
        {"key": "lead_schools", "first_name": "Mark", "last_name": "Whitehouse", "email": "walsall.lead.schools@example.org", "role": "lead", "agency": "schools", "job_title": "Designated Safeguarding Lead (secondary schools representative)"},
        {"key": "board_la", "first_name": "Joanne", "last_name": "Fielding", "email": "walsall.board.la@example.org", "role": "board", "agency": "la", "job_title": "Executive Director, Children's Services"},
        {"key": "board_health", "first_name": "Andrew", "last_name": "Marsh", "email": "walsall.board.health@example.org", "role": "board", "agency": "health", "job_title": "Chief Nursing Officer"},
        {"key": "board_police", "first_name": "Sunita", "last_name": "Bains", "email": "walsall.board.police@example.org", "role": "board", "agency": "police", "job_title": "Chief Superintendent, Walsall"},
    ],
    "steering_group_name": "Child Neglect Steering Group",
    "board_name": "Walsall Safeguarding Partnership Executive Group",
    "strategy": {
        "title": "Neglect Matters Strategy 2021–2024",
        "start": date(2021, 4, 1),
        "end": date(2027, 3, 31),
        "status": "active",
        "vision": (
            "All children have the right support, in the right place, at the right time, for as long as it is needed "
            "to enable them to be safe from harm, happy and learning well with self-belief, aspiration and support "
            "to be their best."
        ),
        "principles": [
            {"title": "Training", "description": "So everyone in Walsall understands what neglect means, understands the impact it has on children and the role they can play in preventing neglect or supporting children who experience neglect."},
            {"title": "Seeing and hearing children", "description": "Listening to children in every way possible: by talking with them, listening to them and seeing them."},
            {"title": "Taking action", "description": "Children told us that having at least one adult, or a network of adults, who listen, whom they can trust and who offer support is key to good help."},
        ],
    },
    "priorities": [
        {
            "number": 1,
            "title": "Awareness, understanding and preventative support",
            "description": "To improve the awareness and understanding of neglect and the delivery of effective preventative support.",
            "sponsor_agency": "onewalsall",
            "sponsor_lead": "sponsor_onewalsall",
            "actions": [
                {
                    "reference": "P1.1", "title": "Deliver neglect awareness training to early years providers and the voluntary and community sector",
                    "description": "Extend the partnership training offer on awareness, understanding and response to neglect, focused on early years providers and voluntary and community sector organisations.",
                    "success_measure": "400 early years and voluntary sector practitioners trained by 31 March 2026; at least 80% of evaluations report increased confidence in recognising neglect.",
                    "lead_agency": "la", "lead": "lead_training", "start": date(2024, 4, 1), "due": date(2026, 3, 31), "status": "completed",
                    "updates": [
                        _u(date(2025, 7, 10), "lead_training", "on_track", "212 practitioners trained so far, 61 of them from voluntary and community sector groups."),
                        _u(date(2025, 12, 15), "lead_training", "on_track", "Two extra evening sessions added for childminders; 331 trained to date."),
                        _u(date(2026, 4, 14), "lead_training", "completed", "418 practitioners trained by 31 March 2026; 84% of evaluations reported increased confidence."),
                    ],
                },
                {
                    "reference": "P1.2", "title": "Refresh the Early Help ACTION campaign around the principles children identified",
                    "description": "Use the ACTION campaign (Aware, Care, Think, don't Ignore or do Nothing) to put training, seeing and hearing children and taking action into practice, refreshing its materials with children and young people.",
                    "success_measure": "Campaign materials co-produced with at least 20 children and young people and published by December 2026; 10,000 campaign page views a year.",
                    "lead_agency": "la", "lead": "lead_training", "start": date(2025, 4, 1), "due": date(2026, 12, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 6, 20), "lead_training", "on_track", "Workshops held with the youth council and two secondary schools; 26 young people took part."),
                        _u(date(2026, 10, 22), "lead_training", "on_track", "Draft posters and short films agreed; launch planned for early December."),
                    ],
                },
                {
                    "reference": "P1.3", "title": "Use the Holiday Activities and Food programme to identify and support families early",
                    "description": "Brief every Holiday Activities and Food provider on recognising neglect and on the early help pathway, and record early help requests that start there.",
                    "success_measure": "All providers briefed before each holiday period; number of early help requests originating from providers reported after each holiday.",
                    "lead_agency": "onewalsall", "lead": "lead_vcs", "start": date(2025, 4, 1), "due": date(2026, 9, 30), "status": "at_risk",
                    "updates": [
                        _u(date(2025, 8, 29), "lead_vcs", "on_track", "Summer 2025 briefings delivered to 31 of 38 providers."),
                        _u(date(2026, 5, 12), "lead_vcs", "at_risk", "High turnover among Easter providers; only 24 of 40 briefed."),
                        _u(date(2026, 9, 18), "lead_vcs", "at_risk", "Nine providers have not yet returned summer data on early help requests; a revised completion date will go to the October steering group."),
                    ],
                },
                {
                    "reference": "P1.4", "title": "Target Family Hub support in areas with low uptake of preventative programmes",
                    "description": "Use the Family Hubs to offer parenting and early help programmes in the wards where uptake of preventative support is lowest.",
                    "success_measure": "Uptake of parenting and early help programmes in the three lowest-uptake wards rises by 15% on the 2024/25 baseline by March 2027.",
                    "lead_agency": "la", "lead": "lead_familyhubs", "start": date(2024, 10, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 4, 30), "lead_familyhubs", "on_track", "Outreach sessions running in all three wards; uptake up 6% on baseline."),
                        _u(date(2026, 7, 28), "lead_familyhubs", "on_track", "Uptake now 9% above baseline; new Saturday parenting group well attended."),
                        _u(date(2026, 11, 5), "lead_familyhubs", "on_track", "Uptake 12% above baseline at the end of Q2."),
                    ],
                },
                {
                    "reference": "P1.5", "title": "Hold a 'Neglect Matters' practitioner event",
                    "description": "Run a practitioner event to continue raising awareness, take stock of progress and refresh the action plan.",
                    "success_measure": "Event held in May with practitioners from every partner agency; refreshed action plan agreed by the steering group.",
                    "lead_agency": "la", "lead": "lead_npic", "start": date(2023, 2, 1), "due": date(2023, 5, 31), "status": "completed",
                    "updates": [
                        _u(date(2023, 3, 20), "lead_npic", "on_track", "Venue booked and speakers confirmed."),
                        _u(date(2023, 6, 8), "lead_npic", "completed", "Event held in May; feedback used to refresh the action plan, agreed by the steering group in June."),
                    ],
                },
            ],
        },
        {
            "number": 2,
            "title": "Recognition and assessment before statutory intervention",
            "description": "To improve the recognition and assessment of children and young people living in neglectful situations before statutory intervention is required, including the use of appropriate assessment tools.",
            "sponsor_agency": "health",
            "sponsor_lead": "sponsor_health",
            "actions": [
                {
                    "reference": "P2.1", "title": "Embed consistent use of the Graded Care Profile across the partnership",
                    "description": "Train practitioners and managers in the Graded Care Profile 2 and make it the expected tool wherever neglect is the main concern in an early help assessment.",
                    "success_measure": "75% of early help assessments where neglect is the primary need include a completed Graded Care Profile 2 by March 2027.",
                    "lead_agency": "la", "lead": "lead_npic", "start": date(2023, 6, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2025, 10, 14), "lead_npic", "on_track", "Completion rate 47%; four new licensed trainers accredited."),
                        _u(date(2026, 4, 16), "lead_npic", "on_track", "Rate rose to 59% in Q4; team managers now check for the tool at allocation."),
                        _u(date(2026, 7, 21), "lead_npic", "on_track", "62% in Q1 2026/27; improvement slower in the north locality."),
                        _u(date(2026, 10, 27), "lead_npic", "on_track", "63% in Q2; targeted coaching for the north locality teams started in October."),
                    ],
                },
                {
                    "reference": "P2.2", "title": "Test the police AWARE app for identifying neglect and scale it to other agencies",
                    "description": "Work with West Midlands Police to see how the AWARE mobile app can help officers identify neglect and whether it can be used by a wider range of agencies.",
                    "success_measure": "Pilot evaluation reported to the steering group with a roll-out recommendation; if agreed, the app in use by at least three partner agencies.",
                    "lead_agency": "police", "lead": "lead_police", "start": date(2024, 9, 1), "due": date(2026, 6, 30), "status": "off_track",
                    "updates": [
                        _u(date(2025, 6, 30), "lead_police", "on_track", "Pilot running with two neighbourhood teams."),
                        _u(date(2026, 2, 11), "lead_police", "at_risk", "Data-sharing agreement with health partners not yet signed."),
                        _u(date(2026, 7, 9), "lead_police", "off_track", "Information governance review unresolved and evaluation paused; the sponsor has escalated to the Executive Group."),
                        _u(date(2026, 10, 15), "lead_police", "off_track", "Revised data protection impact assessment submitted; a new due date of March 2027 awaits Executive Group approval."),
                    ],
                },
                {
                    "reference": "P2.3", "title": "Embed 'Think Family' so children affected by adult self-neglect are identified",
                    "description": "Use the Think Family approach in the adult neglect strategy so that adult social care identifies any children affected by an adult's self-neglect.",
                    "success_measure": "Case-file audit of 20 adult self-neglect cases shows children in the household identified, and referred where needed, in at least 90% of cases.",
                    "lead_agency": "asc", "lead": "lead_asc", "start": date(2024, 4, 1), "due": date(2025, 12, 31), "status": "completed",
                    "updates": [
                        _u(date(2025, 6, 25), "lead_asc", "on_track", "Think Family prompt added to the adult self-neglect assessment."),
                        _u(date(2025, 12, 18), "lead_asc", "completed", "Audit of 20 cases: children identified in 19 (95%); all three needing early help were referred."),
                    ],
                },
                {
                    "reference": "P2.4", "title": "Strengthen recognition of neglect at universal health contacts",
                    "description": "Brief every health visiting and school nursing team on recognising neglect at mandated contacts and on recording and sharing concerns.",
                    "success_measure": "All 11 teams briefed by December 2026; audit of 30 records shows concerns recorded and shared in line with procedures.",
                    "lead_agency": "health", "lead": "lead_health", "start": date(2025, 9, 1), "due": date(2026, 12, 31), "status": "at_risk",
                    "updates": [
                        _u(date(2026, 3, 10), "lead_health", "on_track", "Briefing pack agreed with the Designated Nurse."),
                        _u(date(2026, 8, 4), "lead_health", "at_risk", "Vacancies in health visiting mean only 6 of 11 teams briefed; record audit not yet scheduled."),
                    ],
                },
            ],
        },
        {
            "number": 3,
            "title": "Effective interventions that reduce the impact of neglect",
            "description": "To improve the effectiveness of interventions and reduce the impact of neglect.",
            "sponsor_agency": "la",
            "sponsor_lead": "sponsor_la",
            "actions": [
                {
                    "reference": "P3.1", "title": "Recruit a Neglect Practice Improvement Coordinator",
                    "description": "Use the partnership resource secured to recruit a coordinator working across the partnership on a resource hub, training and practice reflection sessions.",
                    "success_measure": "Coordinator in post by June 2023.",
                    "lead_agency": "la", "lead": "sponsor_la", "start": date(2022, 10, 1), "due": date(2023, 6, 30), "status": "completed",
                    "updates": [
                        _u(date(2023, 3, 1), "sponsor_la", "on_track", "Post advertised; interviews set for April."),
                        _u(date(2023, 6, 26), "sponsor_la", "completed", "Coordinator in post from June 2023."),
                    ],
                },
                {
                    "reference": "P3.2", "title": "Build an online neglect resource hub for practitioners",
                    "description": "Publish tools, guidance and seven-minute briefings on neglect in one place on the partnership website.",
                    "success_measure": "Hub live by December 2024; 1,500 page views in its first year.",
                    "lead_agency": "la", "lead": "lead_npic", "start": date(2023, 9, 1), "due": date(2024, 12, 31), "status": "completed",
                    "updates": [
                        _u(date(2024, 6, 12), "lead_npic", "on_track", "Content drafted with steering group members."),
                        _u(date(2024, 12, 9), "lead_npic", "completed", "Hub launched on 2 December 2024."),
                    ],
                },
                {
                    "reference": "P3.3", "title": "Run monthly multi-agency practice reflection sessions on neglect",
                    "description": "Offer reflective sessions where practitioners bring neglect cases, including consistent use of the Graded Care Profile.",
                    "success_measure": "At least 10 sessions a year; 85% of attendees say the session will change their practice.",
                    "lead_agency": "la", "lead": "lead_npic", "start": date(2024, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 5, 7), "lead_npic", "on_track", "Three sessions in Q4 with 58 attendees; 88% said it would change their practice."),
                        _u(date(2026, 8, 19), "lead_npic", "on_track", "Sessions now include a housing and a police case each quarter."),
                        _u(date(2026, 11, 12), "lead_npic", "on_track", "Seven sessions held so far this year; feedback remains above target."),
                    ],
                },
                {
                    "reference": "P3.4", "title": "Record a trusted adult or network of adults in every neglect plan",
                    "description": "Act on what children told us by making sure each child protection and child in need plan for neglect names at least one trusted adult or support network.",
                    "success_measure": "Audit shows a trusted adult or network recorded in 90% of plans where neglect is the primary concern.",
                    "lead_agency": "la", "lead": "lead_csc", "start": date(2025, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 6, 30), "lead_csc", "on_track", "Plan template updated; child protection chairs checking at every conference."),
                        _u(date(2026, 9, 22), "lead_csc", "on_track", "Dip sample of 25 plans: trusted adult recorded in 21 (84%)."),
                    ],
                },
                {
                    "reference": "P3.5", "title": "Agree a joint protocol with housing providers on poor home conditions",
                    "description": "Agree how housing providers share concerns when poor home conditions suggest neglect and how improvements are sustained.",
                    "success_measure": "Protocol signed by the main registered providers by March 2027; referrals under it monitored quarterly.",
                    "lead_agency": "housing", "lead": "lead_housing", "start": date(2026, 10, 1), "due": date(2027, 3, 31), "status": "not_started",
                    "updates": [
                        _u(date(2026, 9, 25), "lead_housing", "not_started", "Scoping meeting with providers booked for January once the tenancy policy review ends."),
                    ],
                },
            ],
        },
        {
            "number": 4,
            "title": "Strategic commitment and leadership",
            "description": (
                "Strategic commitment and leadership that drives good practice and improvement in tackling neglect. "
                "In the demonstration the Neglect Matters Strategy 2021–2024 runs on to March 2027 (an illustrative extension)."
            ),
            "sponsor_agency": "public_health",
            "sponsor_lead": "chair",
            "actions": [
                {
                    "reference": "P4.1", "title": "Implement the multi-agency neglect outcome framework",
                    "description": "Put in place the outcome framework so that the partnership can measure its collective impact and inform future decisions.",
                    "success_measure": "Framework live from 1 April 2023 with agreed data owners for every measure.",
                    "lead_agency": "la", "lead": "admin", "start": date(2022, 4, 1), "due": date(2023, 4, 1), "status": "completed",
                    "updates": [
                        _u(date(2023, 1, 20), "admin", "on_track", "Measures and data owners agreed by the steering group."),
                        _u(date(2023, 4, 3), "admin", "completed", "Outcome framework implemented from 1 April 2023."),
                    ],
                },
                {
                    "reference": "P4.2", "title": "Report the neglect scorecard and chair's report to the Executive Group every quarter",
                    "description": "Monitor the action plan at every steering group meeting so that any delay is identified and acted on quickly, and report quarterly.",
                    "success_measure": "Report issued within six weeks of each quarter end; every action has an update in the quarter.",
                    "lead_agency": "la", "lead": "admin", "start": date(2023, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 5, 14), "admin", "on_track", "Q4 2025/26 report issued to the Executive Group."),
                        _u(date(2026, 8, 13), "admin", "on_track", "Q1 2026/27 report issued; two actions escalated."),
                        _u(date(2026, 11, 13), "admin", "on_track", "Q2 2026/27 report issued on time."),
                    ],
                },
                {
                    "reference": "P4.3", "title": "Align the neglect, early help and domestic abuse strategies",
                    "description": "Keep the three strategies launched together in November 2021 aligned as they are refreshed, with joint communications for practitioners.",
                    "success_measure": "Joint practitioner briefing and shared outcome measures agreed by the three strategic leads by March 2027.",
                    "lead_agency": "public_health", "lead": "chair", "start": date(2026, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 7, 2), "chair", "on_track", "First joint meeting of the three strategic leads held; shared measures drafted."),
                    ],
                },
                {
                    "reference": "P4.4", "title": "Refresh the neglect strategy with children, young people and practitioners",
                    "description": "Prepare the successor to the Neglect Matters Strategy, co-produced with children and young people as the original principles were.",
                    "success_measure": "Refreshed strategy, shaped by at least 30 children and young people, approved by the Executive Group by March 2027.",
                    "lead_agency": "public_health", "lead": "chair", "start": date(2026, 4, 1), "due": date(2027, 3, 31), "status": "at_risk",
                    "updates": [
                        _u(date(2026, 6, 11), "chair", "on_track", "Needs assessment refresh commissioned from Public Health intelligence."),
                        _u(date(2026, 10, 8), "chair", "at_risk", "Youth council sessions moved to January; approval may slip to the June Executive Group."),
                    ],
                },
                {
                    "reference": "P4.5", "title": "Deliver a themed multi-agency neglect audit programme",
                    "description": "Audit neglect practice across agencies twice a year and report findings and actions to the Executive Group.",
                    "success_measure": "Two themed audits a year; every recommendation linked to an action in this plan.",
                    "lead_agency": "police", "lead": "steering_police", "start": date(2025, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2025, 11, 27), "steering_police", "on_track", "Graded Care Profile audit of 12 cases completed and reported."),
                        _u(date(2026, 4, 22), "steering_police", "on_track", "Recommendations linked to actions P2.1, P2.4, P3.4 and P3.5."),
                        _u(date(2026, 10, 30), "steering_police", "on_track", "Second audit (neglect of adolescents) under way with 10 cases."),
                    ],
                },
            ],
        },
    ],
    "indicators": [
        {
            "code": "WAL-01", "library": "NEG-CONTACTS", "name": "Contacts to the front door where neglect is the primary concern",
            "definition": "Contacts received by the multi-agency front door in the quarter where neglect is recorded as the primary concern.",
            "rba": "how_much", "unit": "count", "polarity": "neither", "frequency": "quarterly", "is_context": True,
            "source_agency": "la", "baseline": 405, "target": None, "amber_tolerance": None, "priority": 2,
            "measurements": _quarterly([412, 436, 398, 421, 445, 430]),
        },
        {
            "code": "WAL-02", "library": "NEG-TRAINED", "name": "Practitioners attending multi-agency neglect training",
            "definition": "Practitioners from all agencies who attended partnership neglect training in the quarter.",
            "rba": "how_much", "unit": "count", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "la", "baseline": 74, "target": 100, "amber_tolerance": 15, "priority": 1,
            "measurements": _quarterly([96, 118, 104, 87, 122, 92]),
        },
        {
            "code": "WAL-03", "library": "GCP2-EH", "name": "Early help assessments for neglect with a completed Graded Care Profile 2",
            "definition": "Early help assessments completed in the quarter where neglect is the primary need and a Graded Care Profile 2 is on file, as a percentage of all such assessments.",
            "rba": "how_well", "unit": "percentage", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "la", "baseline": Decimal("38.5"), "target": 75, "amber_tolerance": 10, "priority": 2,
            "measurements": _quarterly([(41, 98), (47, 101), (52, 97), (55, 94), (61, 99), (64, 102)]),
        },
        {
            "code": "WAL-04", "library": "NEG-CONFIDENCE", "name": "Practitioners reporting increased confidence after neglect training",
            "definition": "Training evaluations in the quarter reporting increased confidence in recognising and responding to neglect, as a percentage of evaluations returned.",
            "rba": "how_well", "unit": "percentage", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "la", "baseline": 76, "target": 80, "amber_tolerance": 5, "priority": 1,
            "measurements": _quarterly([(78, 96), (97, 118), (83, 104), (72, 87), (103, 122), (80, 92)]),
        },
        {
            "code": "WAL-05", "library": "CPP-NEG-RATE", "name": "Children subject to a child protection plan under the category of neglect",
            "definition": "Children subject to a child protection plan with neglect as the category at the end of the quarter, per 10,000 children aged 0 to 17.",
            "rba": "better_off", "unit": "rate_per_10k", "polarity": "lower_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "la", "baseline": Decimal("37.0"), "target": 30, "amber_tolerance": 3, "priority": 3,
            "measurements": _quarterly([Decimal("36.2"), Decimal("35.1"), Decimal("34.4"), Decimal("33.8"), Decimal("32.9"), Decimal("32.5")]),
        },
        {
            "code": "WAL-06", "library": "CPP-NEG-REPEAT", "name": "Neglect child protection plans that are a second or subsequent plan",
            "definition": "Children starting a child protection plan for neglect in the quarter who have had a previous plan, as a percentage of all such starts.",
            "rba": "better_off", "unit": "percentage", "polarity": "lower_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "la", "baseline": 23, "target": 18, "amber_tolerance": 4, "priority": 3,
            "measurements": _quarterly([(9, 41), (8, 44), (10, 47), (9, 43), (10, 46), (11, 45)]),
        },
        {
            "code": "WAL-07", "library": "CHILD-TRUSTED-ADULT", "name": "Children on a neglect plan who say they have a trusted adult",
            "definition": "Children giving feedback at plan closure who say they have at least one adult they trust and can talk to, as a percentage of children giving feedback. Small numbers: read with care.",
            "rba": "better_off", "unit": "percentage", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "la", "baseline": 70, "target": 85, "amber_tolerance": 10, "priority": 3,
            "measurements": _quarterly([(7, 9), (8, 9), (6, 8), (7, 8), (8, 10), (7, 9)]),
        },
        {
            "code": "WAL-08", "library": "EH-NEG-OUTCOME", "name": "Early help episodes closed with needs met where neglect was a factor",
            "definition": "Early help episodes closed in the quarter with outcomes achieved, where neglect was a factor at the start, as a percentage of all such closures.",
            "rba": "better_off", "unit": "percentage", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "la", "baseline": 66, "target": 70, "amber_tolerance": 5, "priority": 1,
            "measurements": _quarterly([(58, 86), (63, 88), (60, 85), (57, 83), (66, 91), (63, 87)]),
        },
    ],
    # Comparator figures beside the child protection plan rate. Invented for the demonstration and marked
    # illustrative wherever shown: the seed documents publish no England or neighbours' figure with its period.
    "comparators": [
        {"indicator": "WAL-05", "comparator": "England", "period": "2024/25", "value": Decimal("18.9"), "published": date(2025, 11, 13)},
        {"indicator": "WAL-05", "comparator": "England", "period": "2023/24", "value": Decimal("19.4"), "published": date(2024, 11, 14)},
        {"indicator": "WAL-05", "comparator": "England", "period": "2022/23", "value": Decimal("19.8"), "published": date(2023, 11, 16)},
        {"indicator": "WAL-05", "comparator": "Statistical neighbours", "period": "2024/25", "value": Decimal("27.6"), "published": date(2025, 11, 13)},
        {"indicator": "WAL-05", "comparator": "Statistical neighbours", "period": "2023/24", "value": Decimal("28.3"), "published": date(2024, 11, 14)},
        {"indicator": "WAL-05", "comparator": "Region: West Midlands", "period": "2024/25", "value": Decimal("23.1"), "published": date(2025, 11, 13)},
    ],
    # Turn-the-curve plans for the two indicators red in the demo. Invented for the demonstration (marked
    # illustrative wherever shown): the seed documents publish no such plan; the links are to the
    # public documents the seeds cite.
    "curve_plans": [
        {
            "indicator": "WAL-03",
            "story": "The share of early help assessments for neglect with a Graded Care Profile 2 has risen every quarter since the tool was relaunched, but from a low start: many assessments are still completed by practitioners who have not been trained in the tool, and some families are assessed before a trained practitioner is involved.",
            "partner_agencies": ["la", "health", "onewalsall", "schools"],
            "other_partners": "Family Hub practitioners: complete the Graded Care Profile 2 with families in their first weeks of support\nParents and carers: tell us whether the tool helped them see what their child needs",
            "what_works": "A structured tool used with the family, by a practitioner they know, gives a shared picture of the child's needs and makes change over time visible. Training is followed by supervision that asks for the profile.",
            "evidence_links": "Walsall Neglect Strategy 2021 to 2024 https://www.walsall.gov.uk/neglect-strategy-2021-2024\nGrowing up neglected: a multi-agency response to older children https://www.gov.uk/government/publications/growing-up-neglected-a-multi-agency-response-to-older-children",
            "actions": ["P2.1", "P1.1"],
            "in_board_report": True,
        },
        {
            "indicator": "WAL-06",
            "story": "Repeat plans for neglect have stayed above the target: some plans end when home conditions improve but before the family has support that lasts, and the step down to early help is not always in place when the plan ends.",
            "partner_agencies": ["la", "housing", "health"],
            "other_partners": "Adult mental health and substance misuse services: support for parents that continues after the plan ends",
            "what_works": "Plans that end with a stepped-down early help offer already in place, a trusted adult named for the child, and a review a few months after closure.",
            "evidence_links": "Professional responses to neglect in the child's time https://www.gov.uk/government/publications/professional-responses-to-neglect-in-the-childs-time\nNSPCC: neglect https://www.nspcc.org.uk/preventing-abuse/child-abuse-and-neglect/neglect/",
            "actions": ["P3.4", "P3.5"],
            "in_board_report": False,
        },
    ],
    "audits": [
        {
            "kind": "inspection",
            "title": "Joint targeted area inspection of the multi-agency response at the front door",
            "date": date(2022, 11, 30),
            "scope": "Joint targeted area inspection by Ofsted, the Care Quality Commission and HMICFRS in November 2022 of the multi-agency response to children who need help and protection at the 'front door'. No case count or grades are published in the council report, so none are recorded here.",
            "cases": 0,
            "grades": None,
            "summary": "Inspectors found that children who need help and protection receive a coordinated and effective multi-agency response at the 'front door' in Walsall, and that senior leaders ensure a culture of continuous and shared learning across the partnership.",
            "findings": [
                {"kind": "strength", "text": "Children who need help and protection receive a coordinated and effective multi-agency response at the 'front door'."},
                {"kind": "strength", "text": "A culture of continuous and shared learning across the partnership is successfully disseminated to staff, supporting identification of risk and need at the earliest opportunity."},
            ],
            "recommendations": [
                {"reference": "R1", "text": "Partnership response: carry the shared-learning culture the inspection found into neglect practice through monthly practice reflection sessions.", "owner_agency": "la", "due": date(2027, 3, 31), "status": "in_progress", "actions": ["P3.3"]},
                {"reference": "R2", "text": "Partnership response: measure the impact of the neglect strategy through the outcome framework from 1 April 2023.", "owner_agency": "la", "due": date(2023, 4, 1), "status": "completed", "actions": ["P4.1"]},
            ],
        },
        {
            "kind": "multi_agency",
            "title": "Multi-agency themed audit: Graded Care Profile 2 in early help",
            "date": date(2025, 11, 14),
            "scope": "Illustrative audit for demonstration. Twelve children open to early help where neglect was the primary need, audited by health, police, education, housing and children's services.",
            "cases": 12,
            "grades": {"outstanding": 1, "good": 6, "requires_improvement": 4, "inadequate": 1},
            "summary": "Seven of twelve cases were good or better. Where a Graded Care Profile 2 was completed, plans were clearer and progress was measurable; it had been completed in only five cases.",
            "findings": [
                {"kind": "strength", "text": "Children were seen and spoken with alone in ten of the twelve cases and their words shaped the plan."},
                {"kind": "strength", "text": "Where a Graded Care Profile 2 was completed, families understood what needed to change."},
                {"kind": "improvement", "text": "A Graded Care Profile 2 was completed in only five of twelve cases."},
                {"kind": "improvement", "text": "Health visiting information was not shared before the first team-around-the-family meeting in four cases, and poor home conditions known to housing were not shared in two."},
            ],
            "recommendations": [
                {"reference": "R1", "text": "Make the Graded Care Profile 2 the expected tool whenever neglect is the primary need in an early help assessment.", "owner_agency": "la", "due": date(2027, 3, 31), "status": "in_progress", "actions": ["P2.1"]},
                {"reference": "R2", "text": "Brief all health visiting and school nursing teams on sharing neglect concerns before early help meetings.", "owner_agency": "health", "due": date(2026, 12, 31), "status": "in_progress", "actions": ["P2.4"]},
                {"reference": "R3", "text": "Record a trusted adult or support network for every child in a neglect plan.", "owner_agency": "la", "due": date(2027, 3, 31), "status": "in_progress", "actions": ["P3.4"]},
                {"reference": "R4", "text": "Agree with housing providers how concerns about home conditions are shared.", "owner_agency": "housing", "due": date(2027, 3, 31), "status": "open", "actions": ["P3.5"]},
            ],
        },
    ],
    "board_recipients": [
        {"name": "Marcus Doyle", "email": "walsall.board.wmp@example.org"},
        {"name": "Elaine Thorpe", "email": "walsall.board.education@example.org"},
        {"name": "Kamal Ahmed", "email": "walsall.board.onewalsall@example.org"},
    ],
}
# fmt: on
