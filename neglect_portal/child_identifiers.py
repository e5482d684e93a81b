"""Text the portal must refuse because it could identify a child: NHS numbers and dates of birth beside a name.

The portal holds partnership-level plans and figures, never case records. People paste
from case notes, so every free-text field of every door (forms, the API, spreadsheet
imports, and the model fields behind them) runs :func:`refuse_child_identifiers`.

An NHS number is 10 digits, written together or in groups separated by single spaces or
hyphens (``943 476 5919``, ``943-476-5919``), whose last digit is the modulus-11 check
digit of the first nine. Phone numbers (11 or more digits), figures with separators
(``1,234,567,890``), decimals and ten digits that fail the check (``1234567890``) pass.

A date of birth is a date after "DOB", "date of birth" or "born", with a capitalised
word (a name) close by: "Jayden, DOB 12/03/2015" or "born 12 March 2015 to Ms Smith".
A date alone ("reviewed on 12/03/2025") or "born" without a date passes.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

WHY = "the portal must not hold information that identifies a child"
NHS_NUMBER_MESSAGE = f"Remove the NHS number: {WHY}"
DATE_OF_BIRTH_MESSAGE = f"Remove the date of birth: {WHY}"

# A run of digit groups joined by single spaces or hyphens, not part of a longer number
# (no digit, decimal point, thousands separator or further group before or after it, no "+" of a phone number).
DIGIT_RUN = re.compile(r"(?<![\d+])(?<!\d[.,])(?<!\d[ \-])\d+(?:[ \-]\d+)*(?!\d)(?![.,]\d)(?![ \-]\d)")
GROUP = re.compile(r"\d+")

MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"  # 12/03/2015, 12-3-15, 12.03.2015
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+\d{{4}}"  # 12 March 2015, 12th of Mar 2015
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"  # March 12, 2015
)
DATE_OF_BIRTH = re.compile(
    rf"\b(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s*date|born(?:\s+on)?)\s*[:\-–]?\s*(?:on\s+)?{DATE}",
    re.IGNORECASE,
)
# A capitalised word that could be a name: "Jayden", "O'Neill", "Smith-Jones"; not all capitals (NHS, DOB).
NAME = re.compile(r"\b[A-Z][a-z]+(?:['\-][A-Z]?[a-z]+)*\b")
NOT_NAMES = {
    "born", "date", "dob", "birth", "on", "the", "a", "an", "and", "or", "of", "in", "at", "to", "was", "is",
    "he", "she", "they", "his", "her", "their", "child", "baby", "mother", "father", "mum", "dad", "sibling",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
NAME_DISTANCE = 40  # characters either side of the date of birth in which a name makes it identifying


def nhs_number_is_valid(digits: str) -> bool:
    """True for 10 digits whose last is the modulus-11 check digit of the first nine (NHS Data Dictionary)."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False  # ten of one digit (0000000000) passes the sum but is a placeholder, never issued
    remainder = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check = 11 - remainder
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _nhs_candidates(run: str):
    """Ten-digit readings of one run of digit groups: the whole run, one group, or three groups of 3, 3 and 4."""
    groups = GROUP.findall(run)
    if sum(len(group) for group in groups) == 10:
        yield "".join(groups)
    for index, group in enumerate(groups):
        if len(group) == 10:
            yield group
        if [len(g) for g in groups[index : index + 3]] == [3, 3, 4]:
            yield "".join(groups[index : index + 3])


def contains_nhs_number(text: str) -> bool:
    return any(
        nhs_number_is_valid(candidate) for run in DIGIT_RUN.findall(text or "") for candidate in _nhs_candidates(run)
    )


def contains_date_of_birth(text: str) -> bool:
    """A date of birth with a capitalised word (a name) within a few words of it."""
    text = text or ""
    for found in DATE_OF_BIRTH.finditer(text):
        before = text[max(0, found.start() - NAME_DISTANCE) : found.start()]
        after = text[found.end() : found.end() + NAME_DISTANCE]
        if any(word.lower() not in NOT_NAMES for word in NAME.findall(before) + NAME.findall(after)):
            return True
    return False


def child_identifier_problems(text) -> list[str]:
    """What in ``text`` could identify a child, as messages saying what to remove and why; empty when none."""
    if not isinstance(text, str) or not text:
        return []
    problems = []
    if contains_nhs_number(text):
        problems.append(NHS_NUMBER_MESSAGE)
    if contains_date_of_birth(text):
        problems.append(DATE_OF_BIRTH_MESSAGE)
    return problems


def refuse_child_identifiers(value) -> None:
    """The validator every free-text field runs: a Django validator, which forms and DRF accept as it is."""
    problems = child_identifier_problems(value)
    if problems:
        raise ValidationError(problems, code="child_identifier")
