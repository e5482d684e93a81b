"""Halton Children and Young People's Safeguarding Partnership: demo content.

Drawn from the "Halton Neglect Strategy 2022 – 2025". People are fictional. The neglect contact
figures for 2017/18 to 2019/20 are the strategy's published figures (Customer Intelligence Unit);
every other measurement is illustrative. The strategy does not name priority sponsors; those below
are a sensible assignment across the three statutory partners and Early Help.
"""

from datetime import date
from decimal import Decimal

QUARTERS = ("2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26 Q4", "2026/27 Q1", "2026/27 Q2")
PUBLISHED = "Published figure, Halton Neglect Strategy 2022–2025 (produced by the Halton Customer Intelligence Unit)"


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


def _published(period, value, note=""):
    return {"period": period, "value": value, "note": f"{PUBLISHED}{note}", "illustrative": False}


def _u(day, author, status, narrative):
    return {"date": day, "author": author, "status": status, "narrative": narrative}


# Data table kept compact (one record per line) so the module stays readable; ruff format would double it.
# fmt: off
PARTNERSHIP = {
    "name": "Halton Children and Young People's Safeguarding Partnership",
    "slug": "halton",
    "source": (
        "Halton Children and Young People's Safeguarding Partnership, 'Halton Neglect Strategy 2022 – 2025'; "
        "the demonstration runs the strategy on to March 2027 (an illustrative extension)"
    ),
    "agencies": [
        {"key": "hbc", "name": "Halton Borough Council Children's Services", "sector": "local_authority"},
        {"key": "earlyhelp", "name": "Halton Borough Council Early Help and Children's Centres", "sector": "early_years"},
        {"key": "icb", "name": "NHS Cheshire and Merseyside Integrated Care Board, Halton Place (formerly Halton CCG)", "sector": "health"},
        {"key": "police", "name": "Cheshire Police", "sector": "police"},
        {"key": "riverside", "name": "Riverside College", "sector": "education"},
        {"key": "cronton", "name": "Cronton Sixth Form College", "sector": "education"},
    ],
    "people": [
        {"key": "admin", "first_name": "Gemma", "last_name": "Roscoe", "email": "halton.admin@example.org", "role": "admin", "agency": "hbc", "job_title": "HCYPSP Business Manager"},
        {"key": "chair", "first_name": "Kieran", "last_name": "Walsh", "email": "halton.chair@example.org", "role": "steering", "agency": "hbc", "job_title": "Divisional Manager, Safeguarding Unit; Chair, Neglect Sub-Group"},
        {"key": "steering_health", "first_name": "Denise", "last_name": "Formby", "email": "halton.steering.health@example.org", "role": "steering", "agency": "icb", "job_title": "Designated Nurse for Safeguarding Children"},
        {"key": "steering_cronton", "first_name": "Liam", "last_name": "Heaton", "email": "halton.steering.cronton@example.org", "role": "steering", "agency": "cronton", "job_title": "Designated Safeguarding Lead"},
        {"key": "sponsor_police", "first_name": "Rachel", "last_name": "Ormerod", "email": "halton.sponsor.police@example.org", "role": "sponsor", "agency": "police", "job_title": "Detective Superintendent, Public Protection"},
        {"key": "sponsor_icb", "first_name": "Sanjay", "last_name": "Mistry", "email": "halton.sponsor.icb@example.org", "role": "sponsor", "agency": "icb", "job_title": "Associate Director of Quality and Safeguarding, Halton Place"},
        {"key": "sponsor_eh", "first_name": "Joanne", "last_name": "Birchall", "email": "halton.sponsor.earlyhelp@example.org", "role": "sponsor", "agency": "earlyhelp", "job_title": "Divisional Manager, Early Help"},
        {"key": "sponsor_hbc", "first_name": "Martin", "last_name": "Cheetham", "email": "halton.sponsor.hbc@example.org", "role": "sponsor", "agency": "hbc", "job_title": "Operational Director, Children's Social Care"},
        {"key": "lead_qa", "first_name": "Hannah", "last_name": "Pickering", "email": "halton.lead.qa@example.org", "role": "lead", "agency": "hbc", "job_title": "Quality Assurance and Audit Manager"},
        {"key": "lead_comms", "first_name": "Ryan", "last_name": "Ashcroft", "email": "halton.lead.comms@example.org", "role": "lead", "agency": "hbc", "job_title": "Partnership Communications Officer"},
        {"key": "lead_training", "first_name": "Zara", "last_name": "Iqbal", "email": "halton.lead.training@example.org", "role": "lead", "agency": "hbc", "job_title": "Safeguarding Training Coordinator"},
        {"key": "lead_it", "first_name": "Stephen", "last_name": "Garside", "email": "halton.lead.data@example.org", "role": "lead", "agency": "hbc", "job_title": "Systems and Performance Lead, Customer Intelligence Unit"},
        {"key": "lead_psw", "first_name": "Aoife", "last_name": "Brennan", "email": "halton.lead.psw@example.org", "role": "lead", "agency": "hbc", "job_title": "Principal Social Worker"},
        {"key": "lead_map", "first_name": "Carl", "last_name": "Jennings", "email": "halton.lead.map@example.org", "role": "lead", "agency": "earlyhelp", "job_title": "MAP Coordinator"},
        {"key": "lead_health", "first_name": "Lucy", "last_name": "Fairhurst", "email": "halton.lead.health@example.org", "role": "lead", "agency": "icb", "job_title": "Named Nurse for Safeguarding Children"},
        {"key": "lead_youth", "first_name": "Emma", "last_name": "Tranter", "email": "halton.lead.riverside@example.org", "role": "lead", "agency": "riverside", "job_title": "Student Services and Safeguarding Manager"},
        {"key": "board_hbc", "first_name": "Graham", "last_name": "Lightfoot", "email": "halton.board.hbc@example.org", "role": "board", "agency": "hbc", "job_title": "Director of Children's Services"},
        {"key": "board_icb", "first_name": "Patricia", "last_name": "Okoro", "email": "halton.board.icb@example.org", "role": "board", "agency": "icb", "job_title": "Place Director, Halton"},
        {"key": "board_police", "first_name": "Neil", "last_name": "Tasker", "email": "halton.board.police@example.org", "role": "board", "agency": "police", "job_title": "Chief Superintendent, Cheshire Police"},
    ],
    "steering_group_name": "Neglect Sub-Group",
    "board_name": "Halton Children and Young People's Safeguarding Partnership Executive Group",
    "strategy": {
        "title": "Halton Neglect Strategy 2022–2025",
        "start": date(2022, 4, 1),
        "end": date(2027, 3, 31),
        "status": "active",
        "vision": (
            "Halton's ambition is to build stronger, safer, more resilient communities that are able to support the "
            "development and learning of children and young people so they grow up feeling safe, secure, happy and "
            "healthy; ready to be Halton's future. The overall purpose of this strategy is to prevent and reduce "
            "neglect within Halton."
        ),
        "principles": [
            {"title": "Early recognition and confidence to intervene", "description": "A better understanding, early recognition and a confidence to intervene, along with a more strategic approach to neglect, is essential for everyone with responsibilities for safeguarding."},
            {"title": "The child's lived experience", "description": "Maintain a focus on the best interests of the child rather than the immediate needs of the parent; the child's lived experience must inform decisions."},
            {"title": "Listening to young people", "description": "Work with young people, particularly around adolescent neglect; our campaign is based on what young people told us would have most impact."},
            {"title": "No drift and delay", "description": "Reduce the number of children who suffer neglect and reduce the impact and the time they suffer it."},
            {"title": "A confident workforce and an informed public", "description": "A well-trained workforce confident in tackling neglect, and a public that recognises and reports neglect."},
            {"title": "Supporting family networks", "description": "Support family networks to achieve long-term safety for children."},
        ],
    },
    "priorities": [
        {
            "number": 1,
            "title": "Strategic Commitment Across all Agencies",
            "description": "Tackling neglect is a priority for Halton, informed by the NICE guidelines (February 2019). In the demonstration the 2022–2025 strategy runs on to March 2027 (an illustrative extension).",
            "sponsor_agency": "police",
            "sponsor_lead": "sponsor_police",
            "actions": [
                {
                    "reference": "P1.1", "title": "Drive neglect as a key HCYPSP priority with a Think Family approach",
                    "description": "Make neglect a standing priority of the partnership and agree a Think Family approach with children's and adults' services.",
                    "success_measure": "Think Family protocol agreed by children's and adults' services; neglect a standing item at every Executive Group by March 2023.",
                    "lead_agency": "hbc", "lead": "admin", "start": date(2022, 4, 1), "due": date(2023, 3, 31), "status": "completed",
                    "updates": [
                        _u(date(2022, 10, 12), "admin", "on_track", "Think Family protocol drafted with adult social care."),
                        _u(date(2023, 3, 28), "admin", "completed", "Protocol signed off; neglect is a standing Executive Group item."),
                    ],
                },
                {
                    "reference": "P1.2", "title": "Enhance the quality assurance framework to monitor the impact of neglect work",
                    "description": "Add a neglect audit schedule and the neglect scorecard to the HCYPSP quality assurance framework.",
                    "success_measure": "Revised framework approved by June 2025, with two themed neglect audits a year scheduled.",
                    "lead_agency": "hbc", "lead": "lead_qa", "start": date(2024, 4, 1), "due": date(2025, 6, 30), "status": "completed",
                    "updates": [
                        _u(date(2025, 1, 15), "lead_qa", "on_track", "Draft framework discussed at the Neglect Sub-Group."),
                        _u(date(2025, 7, 2), "lead_qa", "completed", "Framework approved by the Executive Group on 26 June 2025."),
                    ],
                },
                {
                    "reference": "P1.3", "title": "Report the neglect scorecard quarterly to the Executive Group",
                    "description": "Integrate the neglect scorecard into the HCYPSP dataset, analyse it at the Neglect Sub-Group and report it each quarter with the chair's report.",
                    "success_measure": "Scorecard and chair's report presented at every quarterly Executive Group.",
                    "lead_agency": "hbc", "lead": "lead_it", "start": date(2023, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 5, 19), "lead_it", "on_track", "Q4 2025/26 scorecard reported."),
                        _u(date(2026, 8, 18), "lead_it", "on_track", "Q1 2026/27 scorecard reported with a new chart of repeat plans."),
                        _u(date(2026, 11, 17), "lead_it", "on_track", "Q2 2026/27 scorecard reported."),
                    ],
                },
                {
                    "reference": "P1.4", "title": "Raise awareness and collaboration on neglect with local children's boards and the children's trust",
                    "description": "Present the neglect strategy and scorecard to the children's trust and related boards and agree joint actions.",
                    "success_measure": "Neglect presented to the children's trust and two other boards each year, with joint actions recorded.",
                    "lead_agency": "hbc", "lead": "chair", "start": date(2025, 4, 1), "due": date(2026, 6, 30), "status": "at_risk",
                    "updates": [
                        _u(date(2025, 10, 21), "chair", "on_track", "Presented to the Health and Wellbeing Board."),
                        _u(date(2026, 4, 15), "chair", "at_risk", "Children's trust agenda changed; presentation deferred twice."),
                        _u(date(2026, 9, 8), "chair", "at_risk", "Slot offered for the January children's trust meeting."),
                    ],
                },
            ],
        },
        {
            "number": 2,
            "title": "Improve Awareness, Understanding and Recognition",
            "description": "Audit tells us that neglect is sometimes difficult to recognise and that we need more timely responses to children who are vulnerable to neglect. Adolescent neglect may need a different approach so that we recognise its features and respond effectively.",
            "sponsor_agency": "icb",
            "sponsor_lead": "sponsor_icb",
            "actions": [
                {
                    "reference": "P2.1", "title": "Work with young people to understand adolescent neglect from their perspective",
                    "description": "Run focus groups with students at Riverside College and Cronton Sixth Form College and use what they say in the campaign and training.",
                    "success_measure": "At least 60 young people take part; their findings are reflected in the campaign and in training by July 2026.",
                    "lead_agency": "riverside", "lead": "lead_youth", "start": date(2025, 9, 1), "due": date(2026, 7, 31), "status": "completed",
                    "updates": [
                        _u(date(2026, 2, 3), "lead_youth", "on_track", "Five focus groups held at the two colleges with 48 students."),
                        _u(date(2026, 7, 14), "lead_youth", "completed", "67 young people took part; their quotes now open the neglect training."),
                    ],
                },
                {
                    "reference": "P2.2", "title": "Refresh the partnership website, including neglect procedures",
                    "description": "Review and refresh the website content and procedures on neglect, checking them for accessibility.",
                    "success_measure": "Refreshed, accessibility-checked neglect pages live by October 2026; page views up 25% on 2025/26.",
                    "lead_agency": "hbc", "lead": "lead_comms", "start": date(2026, 1, 5), "due": date(2026, 10, 30), "status": "off_track",
                    "updates": [
                        _u(date(2026, 4, 22), "lead_comms", "on_track", "Content audit complete; 14 pages to rewrite."),
                        _u(date(2026, 7, 27), "lead_comms", "at_risk", "Website platform migration delayed by council ICT."),
                        _u(date(2026, 10, 28), "lead_comms", "off_track", "Migration now scheduled for January 2027; content is ready but cannot be published."),
                    ],
                },
                {
                    "reference": "P2.3", "title": "Use newsletters and social media to promote recognition of neglect",
                    "description": "Improve the use of communication channels, including newsletters and social media, to promote awareness, understanding and recognition of neglect.",
                    "success_measure": "A neglect feature in every quarterly newsletter; 20,000 social media impressions a quarter.",
                    "lead_agency": "hbc", "lead": "lead_comms", "start": date(2024, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 6, 4), "lead_comms", "on_track", "Spring campaign reached 23,400 impressions."),
                        _u(date(2026, 9, 15), "lead_comms", "on_track", "Summer newsletter featured the young people's definitions of neglect."),
                    ],
                },
                {
                    "reference": "P2.4", "title": "Embed the neglect assessment framework and revise local neglect training",
                    "description": "Revise the local training on neglect around the neglect assessment framework and its tools.",
                    "success_measure": "Revised training live; 300 practitioners trained a year; 85% report confidence in using the tools.",
                    "lead_agency": "hbc", "lead": "lead_training", "start": date(2024, 9, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2025, 12, 4), "lead_training", "on_track", "Revised course launched in November."),
                        _u(date(2026, 5, 26), "lead_training", "on_track", "318 practitioners trained in 2025/26."),
                        _u(date(2026, 10, 13), "lead_training", "on_track", "157 trained in the first half of 2026/27; confidence at 87%."),
                    ],
                },
            ],
        },
        {
            "number": 3,
            "title": "Prevent Neglect through Early Help",
            "description": "The impact of neglect is often gradual, so there is a risk that agencies do not intervene early enough. Agencies should use the MAP process to assess unmet needs and co-ordinate support, with the home conditions and neglect screening tools embedded in everyday practice.",
            "sponsor_agency": "earlyhelp",
            "sponsor_lead": "sponsor_eh",
            "actions": [
                {
                    "reference": "P3.1", "title": "Refresh the thresholds guidance so that neglect is reinforced",
                    "description": "Revise the thresholds document so that neglect is identified at the earliest opportunity.",
                    "success_measure": "Refreshed thresholds document approved by the Executive Group and launched with practitioner briefings by September 2023.",
                    "lead_agency": "hbc", "lead": "lead_qa", "start": date(2023, 1, 9), "due": date(2023, 9, 30), "status": "completed",
                    "updates": [
                        _u(date(2023, 6, 1), "lead_qa", "on_track", "Draft consulted on with schools and health."),
                        _u(date(2023, 9, 27), "lead_qa", "completed", "Thresholds document launched with six briefings."),
                    ],
                },
                {
                    "reference": "P3.2", "title": "Embed the home conditions and neglect screening tools in MAP assessments",
                    "description": "Make the neglect tools part of every MAP assessment where neglect is a presenting issue.",
                    "success_measure": "Screening tool completed in 75% of MAP assessments where neglect is a presenting issue by March 2027.",
                    "lead_agency": "earlyhelp", "lead": "lead_map", "start": date(2024, 4, 1), "due": date(2027, 3, 31), "status": "at_risk",
                    "updates": [
                        _u(date(2025, 11, 11), "lead_map", "on_track", "Tools added to the MAP assessment form."),
                        _u(date(2026, 5, 13), "lead_map", "at_risk", "Completion stuck at around 60%; schools leading MAPs use the tools least."),
                        _u(date(2026, 10, 20), "lead_map", "at_risk", "Coaching offered to school MAP leads; 65% in Q2."),
                    ],
                },
                {
                    "reference": "P3.3", "title": "Audit the use of neglect tools in practice",
                    "description": "Carry out multi-agency audits to check how the neglect tools are used in MAP and Children's Social Care.",
                    "success_measure": "Two audits a year reported to the Neglect Sub-Group, each recommendation linked to an action.",
                    "lead_agency": "hbc", "lead": "lead_qa", "start": date(2025, 4, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2025, 12, 5), "lead_qa", "on_track", "November audit of 12 cases reported."),
                        _u(date(2026, 6, 18), "lead_qa", "on_track", "Follow-up dip sample shows the screening tool used in 8 of 12 MAPs."),
                    ],
                },
                {
                    "reference": "P3.4", "title": "Develop good practice case studies",
                    "description": "Write up anonymised examples of effective early help for neglect to share with practitioners.",
                    "success_measure": "Six case studies published by January 2027.",
                    "lead_agency": "icb", "lead": "lead_health", "start": date(2026, 4, 1), "due": date(2027, 1, 29), "status": "on_track",
                    "updates": [
                        _u(date(2026, 7, 8), "lead_health", "on_track", "Three case studies drafted with families' consent."),
                        _u(date(2026, 11, 10), "lead_health", "on_track", "Five case studies approved; the last one in draft."),
                    ],
                },
            ],
        },
        {
            "number": 4,
            "title": "Improve Effectiveness of Interventions and reduce the impact of neglect",
            "description": "Sometimes our interventions do not make a big enough difference, or do not make it quickly enough, to improve the lived experiences of our children. The 2020 Ofsted inspection found some children remain in chronic neglect for too long before decisive action is taken.",
            "sponsor_agency": "hbc",
            "sponsor_lead": "sponsor_hbc",
            "actions": [
                {
                    "reference": "P4.1", "title": "Review policies for disabled children and families without English as a first language",
                    "description": "Review policies and procedures for specific groups so they are in line with the neglect strategy, and make sure qualified interpreters are used.",
                    "success_measure": "Policies revised by December 2026; audit shows qualified interpreters used in every sampled case that needed one.",
                    "lead_agency": "hbc", "lead": "lead_psw", "start": date(2025, 4, 1), "due": date(2026, 12, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 3, 17), "lead_psw", "on_track", "Disabled children's procedures revised."),
                        _u(date(2026, 7, 23), "lead_psw", "on_track", "Interpreter guidance rewritten; family members no longer used to interpret."),
                        _u(date(2026, 11, 4), "lead_psw", "on_track", "Interpreter audit of 15 cases under way."),
                    ],
                },
                {
                    "reference": "P4.2", "title": "Embed multi-agency chronologies in neglect cases",
                    "description": "Use multi-agency chronologies to evidence neglect and the effect of interventions, and to assess parents' ability to make sustained change.",
                    "success_measure": "A multi-agency chronology on file in 80% of audited child protection cases for neglect by March 2027.",
                    "lead_agency": "hbc", "lead": "lead_psw", "start": date(2024, 10, 1), "due": date(2027, 3, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 2, 10), "lead_psw", "on_track", "Chronology template agreed with police and health."),
                        _u(date(2026, 8, 11), "lead_psw", "on_track", "Chronologies found in 71% of audited cases."),
                    ],
                },
                {
                    "reference": "P4.3", "title": "Improve understanding of parental mental ill health in neglect",
                    "description": "Identify and focus intervention on the underlying issues for parents, such as parental mental ill health, through joint training with adult mental health services.",
                    "success_measure": "Joint training delivered to 150 practitioners; audit shows parental mental health explored in 80% of neglect cases.",
                    "lead_agency": "icb", "lead": "lead_health", "start": date(2025, 6, 1), "due": date(2026, 12, 31), "status": "on_track",
                    "updates": [
                        _u(date(2026, 1, 28), "lead_health", "on_track", "Course designed with the adult mental health trust."),
                        _u(date(2026, 6, 23), "lead_health", "on_track", "96 practitioners trained."),
                    ],
                },
                {
                    "reference": "P4.4", "title": "Build confidence to challenge and escalate for neglected children",
                    "description": "Support practitioners to understand the cumulative effects of neglect and to challenge and escalate in good time.",
                    "success_measure": "Escalation protocol refreshed and a seven-minute briefing issued; escalations logged and reviewed by the Neglect Sub-Group.",
                    "lead_agency": "hbc", "lead": "lead_training", "start": date(2025, 10, 1), "due": date(2026, 6, 30), "status": "completed",
                    "updates": [
                        _u(date(2026, 2, 24), "lead_training", "on_track", "Protocol refreshed; briefing in draft."),
                        _u(date(2026, 5, 29), "lead_training", "completed", "Briefing issued; escalation log reviewed at the May Sub-Group."),
                    ],
                },
                {
                    "reference": "P4.5", "title": "Develop IT reporting on use of the assessment framework in step-up and step-down decisions",
                    "description": "Report on whether the neglect assessment framework is used in step-up and step-down decisions in MAP, Child in Need and Child Protection.",
                    "success_measure": "Monthly report live by March 2027 and used in the scorecard.",
                    "lead_agency": "hbc", "lead": "lead_it", "start": date(2026, 10, 1), "due": date(2027, 3, 31), "status": "not_started",
                    "updates": [
                        _u(date(2026, 9, 24), "lead_it", "not_started", "Work starts once the case management system upgrade completes in December."),
                    ],
                },
            ],
        },
    ],
    "indicators": [
        {
            "code": "HAL-01", "name": "Level 2 Early Help contacts where neglect is the presenting issue",
            "definition": "Contacts at Level 2 (Early Help) in the year where neglect is the presenting issue.",
            "rba": "how_much", "unit": "count", "polarity": "neither", "frequency": "annual", "is_context": True,
            "source_agency": "hbc", "baseline": 73, "target": None, "amber_tolerance": None, "priority": 3,
            "measurements": [
                _published("2017/18", 73),
                _published("2018/19", 147, ": up 101% on 2017/18 (doubled)"),
                _published("2019/20", 195, ": up 33% on 2018/19"),
            ],
        },
        {
            "code": "HAL-02", "library": "NEG-CONTACTS", "name": "Level 3 Safeguarding contacts where neglect is the presenting issue",
            "definition": "Contacts at Level 3 (Safeguarding) in the year where neglect is the presenting issue.",
            "rba": "how_much", "unit": "count", "polarity": "neither", "frequency": "annual", "is_context": True,
            "source_agency": "hbc", "baseline": 690, "target": None, "amber_tolerance": None, "priority": 4,
            "measurements": [
                _published("2017/18", 690),
                _published("2018/19", 868, ": up 178 (26%) on 2017/18"),
                _published("2019/20", 895, ": up 3% on 2018/19"),
            ],
        },
        {
            "code": "HAL-03", "library": "NEG-TRAINED", "name": "Practitioners trained in neglect and the neglect assessment framework",
            "definition": "Practitioners from all agencies completing partnership neglect training in the quarter.",
            "rba": "how_much", "unit": "count", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "hbc", "baseline": 60, "target": 75, "amber_tolerance": 15, "priority": 2,
            "measurements": _quarterly([71, 88, 94, 65, 75, 82]),
        },
        {
            "code": "HAL-04", "library": "NEG-TOOL-USE", "name": "MAP assessments for neglect where the neglect screening tool was used",
            "definition": "MAP assessments completed in the quarter with neglect as a presenting issue where the home conditions or neglect screening tool was completed, as a percentage of those assessments.",
            "rba": "how_well", "unit": "percentage", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "earlyhelp", "baseline": 52, "target": 75, "amber_tolerance": 10, "priority": 3,
            "measurements": _quarterly([(38, 67), (41, 70), (43, 72), (40, 66), (44, 73), (46, 71)]),
        },
        {
            "code": "HAL-05", "library": "NEG-CONFIDENCE", "name": "Practitioners confident in using the neglect tools after training",
            "definition": "Training evaluations in the quarter reporting confidence in using the neglect assessment framework tools, as a percentage of evaluations returned.",
            "rba": "how_well", "unit": "percentage", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "hbc", "baseline": 78, "target": 85, "amber_tolerance": 5, "priority": 2,
            "measurements": _quarterly([(58, 69), (73, 86), (80, 92), (56, 63), (64, 74), (71, 82)]),
        },
        {
            "code": "HAL-06", "library": "CPP-NEG-RATE", "name": "Children subject to a child protection plan for neglect",
            "definition": "Children subject to a child protection plan with neglect as the category at the end of the quarter, per 10,000 children aged 0 to 17.",
            "rba": "better_off", "unit": "rate_per_10k", "polarity": "lower_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "hbc", "baseline": Decimal("58.9"), "target": 50, "amber_tolerance": 5, "priority": 4,
            "measurements": _quarterly([Decimal("58.4"), Decimal("57.1"), Decimal("55.2"), Decimal("53.9"), Decimal("52.6"), Decimal("51.8")]),
        },
        {
            "code": "HAL-07", "library": "CPP-NEG-REPEAT", "name": "Neglect child protection plans that are a second or subsequent plan",
            "definition": "Children starting a child protection plan for neglect in the quarter who have had a previous plan, as a percentage of all such starts.",
            "rba": "better_off", "unit": "percentage", "polarity": "lower_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "hbc", "baseline": 24, "target": 20, "amber_tolerance": 3, "priority": 4,
            "measurements": _quarterly([(8, 33), (9, 36), (7, 30), (8, 35), (6, 29), (7, 31)]),
        },
        {
            "code": "HAL-08", "library": "PARENT-BETTER", "name": "Parents who say things are better for their child at case closure",
            "definition": "Parents giving feedback at the close of a neglect plan who say things are better for their child, as a percentage of parents giving feedback. Small numbers: read with care.",
            "rba": "better_off", "unit": "percentage", "polarity": "higher_better", "frequency": "quarterly", "is_context": False,
            "source_agency": "hbc", "baseline": None, "target": 70, "amber_tolerance": 10, "priority": 4,
            "measurements": _quarterly([(6, 10), (7, 11), (5, 8), (8, 12), (6, 9), (4, 9)]),
        },
    ],
    "audits": [
        {
            "kind": "multi_agency",
            "title": "What audit tells us about our responses to neglect in Halton",
            "date": date(2022, 4, 1),
            "scope": "HCYPSP multi-agency audit findings on responses to neglect, as summarised in the Halton Neglect Strategy 2022–2025. The strategy does not publish the audit dates or the number of cases, so none are recorded here.",
            "cases": 0,
            "grades": None,
            "summary": "Neglect is the most prevalent category for child protection planning in Halton. Audit found innovative, joined-up work with families but too little impact on the root causes of neglect, so some children are left in chronic neglect for significant periods of their childhood.",
            "findings": [
                {"kind": "strength", "text": "Audit provides examples of innovative, flexible and joined-up multi-agency approaches to engaging and supporting families."},
                {"kind": "improvement", "text": "We are not always effective in addressing the root causes of neglect; some children are left in chronic neglect despite targeted interventions."},
                {"kind": "improvement", "text": "Parental mental ill health is not well understood across the children's workforce, yet it is a significant factor in the neglect of children in Halton."},
                {"kind": "improvement", "text": "The child's lived experience is not considered sufficiently in decision making; practice can become parent-focused."},
            ],
            "recommendations": [
                {"reference": "R1", "text": "Identify and focus intervention on underlying issues for parents, such as parental mental ill health.", "owner_agency": "icb", "due": date(2026, 12, 31), "status": "in_progress", "actions": ["P4.3"]},
                {"reference": "R2", "text": "Embed multi-agency chronologies to evidence neglect and the effect of interventions for each child.", "owner_agency": "hbc", "due": date(2027, 3, 31), "status": "in_progress", "actions": ["P4.2"]},
                {"reference": "R3", "text": "Support practitioners to understand the cumulative effects of neglect and to challenge and escalate in good time.", "owner_agency": "hbc", "due": date(2026, 6, 30), "status": "completed", "actions": ["P4.4"]},
            ],
        },
        {
            "kind": "multi_agency",
            "title": "Multi-agency audit: use of the neglect tools in MAP and Child in Need",
            "date": date(2025, 11, 26),
            "scope": "Illustrative audit for demonstration. Twelve children (six MAP, six Child in Need) where neglect was a presenting issue, audited by health, police, education and children's services.",
            "cases": 12,
            "grades": {"outstanding": 0, "good": 5, "requires_improvement": 5, "inadequate": 2},
            "summary": "Five of twelve cases were good. Screening tools were used in seven cases and, where used, led to clearer plans; step-up and step-down decisions rarely referred to the tools.",
            "findings": [
                {"kind": "strength", "text": "Where the neglect screening tool was used, the plan named specific changes and dates."},
                {"kind": "improvement", "text": "School-led MAPs used the neglect tools in only two of six cases."},
                {"kind": "improvement", "text": "Step-up and step-down decisions did not refer to tool scores, and the system cannot report on this."},
            ],
            "recommendations": [
                {"reference": "R1", "text": "Coach school MAP leads in using the home conditions and neglect screening tools.", "owner_agency": "earlyhelp", "due": date(2027, 3, 31), "status": "in_progress", "actions": ["P3.2", "P2.4"]},
                {"reference": "R2", "text": "Build reporting on tool use in step-up and step-down decisions.", "owner_agency": "hbc", "due": date(2027, 3, 31), "status": "open", "actions": ["P4.5"]},
            ],
        },
    ],
    "board_recipients": [
        {"name": "Frances Molyneux", "email": "halton.board.schools@example.org"},
        {"name": "Tony Hesketh", "email": "halton.board.riverside@example.org"},
    ],
}
# fmt: on
