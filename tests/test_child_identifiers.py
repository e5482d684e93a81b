"""Free text that could identify a child is refused: NHS numbers, and dates of birth beside a name."""

import pytest
from django.core.exceptions import ValidationError

from neglect_portal.child_identifiers import (
    DATE_OF_BIRTH_MESSAGE,
    NHS_NUMBER_MESSAGE,
    child_identifier_problems,
    nhs_number_is_valid,
    refuse_child_identifiers,
)

# Real-looking numbers whose tenth digit is the modulus-11 check digit of the first nine.
VALID_NHS_NUMBERS = ["9434765919", "4010232137", "4857773457", "4505577104", "3201234567"]


@pytest.mark.parametrize("number", VALID_NHS_NUMBERS)
def test_numbers_passing_the_modulus_11_check_are_nhs_numbers(number):
    assert nhs_number_is_valid(number)


@pytest.mark.parametrize("number", ["1234567890", "9434765910", "4010232136", "0000000000", "123456789", "94347659190"])
def test_numbers_failing_the_check_or_of_another_length_are_not(number):
    assert not nhs_number_is_valid(number)


@pytest.mark.parametrize(
    "text",
    [
        "Jayden's NHS number is 9434765919.",
        "NHS no. 943 476 5919 seen by the health visitor",
        "Ref 401-023-2137",
        "4857773457",
        "Case 3 4505577104 was audited",
        "In 2023 943 476 5919 moved area",
        "nhs: 320 123 4567;",
    ],
)
def test_text_holding_an_nhs_number_with_or_without_spaces_or_hyphens_is_refused(text):
    assert child_identifier_problems(text) == [NHS_NUMBER_MESSAGE]


@pytest.mark.parametrize(
    "text",
    [
        "Jayden, DOB 12/03/2015, was seen at home.",
        "Jayden Smith (d.o.b. 12.03.15)",
        "born 12 March 2015 to Ms Smith",
        "Kacey was born on 3rd March 2015 in Walsall",
        "Date of birth: 1 Feb 2016 — Tyler",
        "Amelia-Rose, born March 12, 2015",
    ],
)
def test_a_date_of_birth_beside_a_name_is_refused(text):
    assert child_identifier_problems(text) == [DATE_OF_BIRTH_MESSAGE]


@pytest.mark.parametrize(
    "text",
    [
        "1234567890",  # ten digits that fail the check
        "Call 01922 650000 or 0121 496 0000",  # UK phone numbers: 11 digits
        "Mobile 07700 900123, or +44 7700 900123 from abroad",
        "0044 7700 900123",
        "£1,234,567,890 over 10 years",
        "9434765919.5 hours",  # a decimal, not an identifier
        "Neglect contacts rose 73 → 147 → 195, up 33%",
        "690 868 895 contacts over three years",
        "2026/27 Q2: 82 of 100 families (82.0%)",
        "Reviewed on 12/03/2025 by Jane Smith",  # a date alone is no date of birth
        "Due 31 March 2027; started 1 April 2024",
        "DOB fields were missing in 12 of 40 records",
        "Child DOB 12/03/2015 recorded in the case file",  # no name beside it
        "The strategy was born out of the Walsall review in March 2021",
        "0000000000 placeholder",
        "",
    ],
)
def test_ordinary_figures_phone_numbers_and_dates_pass(text):
    assert child_identifier_problems(text) == []


def test_the_validator_names_each_kind_of_identifier_and_says_why():
    with pytest.raises(ValidationError) as refused:
        refuse_child_identifiers("Tyler, born 1 Feb 2016, NHS 943 476 5919")
    assert refused.value.messages == [
        "Remove the NHS number: the portal must not hold information that identifies a child",
        "Remove the date of birth: the portal must not hold information that identifies a child",
    ]
    refuse_child_identifiers("Nothing here but 147 contacts")  # no error
