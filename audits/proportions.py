"""Proportions in words, the way a board report says them: "two thirds", "a quarter", "one in ten".

A proportion that is not a simple fraction is given as figures with its
percentage ("5 of 12 (42%)"), never rounded to a fraction it is not.
"""

from __future__ import annotations

from fractions import Fraction

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
DENOMINATOR_WORDS = {3: ("a third", "thirds"), 4: ("a quarter", "quarters"), 5: ("a fifth", "fifths")}
TEN = 10


def percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` as a whole percentage, rounded half up (2 of 3 is 67%)."""
    return int(Fraction(100 * part, whole) + Fraction(1, 2)) if whole else 0


def proportion_words(part: int, whole: int) -> str:
    """``part`` of ``whole`` in words: "all", "none", "half", "two thirds", "one in six", or "5 of 12 (42%)".

    Fractions with a denominator of 2 to 5 are named ("three quarters"); one
    in six to one in ten and three, seven and nine in ten read as "X in Y";
    anything else, and any fraction that does not reduce (1 of 3 cases), is
    given as figures with a percentage.
    """
    if whole <= 0 or not 0 <= part <= whole:
        raise ValueError(f"{part} of {whole} is not a proportion.")
    if part == whole:
        return "all"
    if part == 0:
        return "none"
    fraction = Fraction(part, whole)
    numerator, denominator = fraction.numerator, fraction.denominator
    if denominator == whole:
        # "1 of 3" says more than "a third" when there are only three.
        return _figures(part, whole)
    if denominator == 2:
        return "half"
    if denominator in DENOMINATOR_WORDS:
        single, plural = DENOMINATOR_WORDS[denominator]
        return single if numerator == 1 else f"{NUMBER_WORDS[numerator]} {plural}"
    if denominator <= TEN and (numerator == 1 or denominator == TEN):
        return f"{NUMBER_WORDS[numerator]} in {NUMBER_WORDS.get(denominator, 'ten')}"
    return _figures(part, whole)


def _figures(part, whole):
    return f"{part} of {whole} ({percent(part, whole)}%)"


def proportion_sentence(part: int, whole: int, *, noun: str = "cases", predicate: str) -> str:
    """A sentence such as "Two thirds of the 12 cases were graded good or outstanding."

    ``noun`` is plural ("cases", "graded cases"); ``predicate`` follows it ("were graded good or outstanding").
    """
    words = proportion_words(part, whole)
    if words == "all":
        subject = f"All {whole} {noun}" if whole > 1 else f"The one {_singular(noun)}"
        predicate = predicate if whole > 1 else _singular_verb(predicate)
    elif words == "none":
        subject = f"None of the {whole} {noun}" if whole > 1 else f"The one {_singular(noun)}"
        predicate = predicate if whole > 1 else "was not " + _singular_verb(predicate).removeprefix("was ")
    elif words[0].isdigit():
        subject = f"{part} of the {whole} {noun} ({percent(part, whole)}%)"
        predicate = _singular_verb(predicate) if part == 1 else predicate
    else:
        subject = f"{words.capitalize()} of the {whole} {noun}"
    return f"{subject} {predicate}."


def _singular(noun: str) -> str:
    return noun.removesuffix("s") if noun.endswith("cases") else noun


def _singular_verb(predicate: str) -> str:
    return "was" + predicate.removeprefix("were") if predicate.startswith("were") else predicate
