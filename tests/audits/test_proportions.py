"""Proportions in the words a board report uses, and figures when no simple fraction fits."""

import pytest

from audits.proportions import percent, proportion_sentence, proportion_words


@pytest.mark.parametrize(
    ("part", "whole", "words"),
    [
        (12, 12, "all"),
        (0, 12, "none"),
        (6, 12, "half"),
        (4, 12, "a third"),
        (8, 12, "two thirds"),
        (3, 12, "a quarter"),
        (9, 12, "three quarters"),
        (2, 10, "a fifth"),
        (8, 10, "four fifths"),
        (2, 20, "one in ten"),
        (14, 20, "seven in ten"),
        (18, 20, "nine in ten"),
        (3, 18, "one in six"),
        (2, 16, "one in eight"),
    ],
)
def test_simple_fractions_are_said_in_words(part, whole, words):
    assert proportion_words(part, whole) == words


@pytest.mark.parametrize(
    ("part", "whole", "words"),
    [
        (5, 12, "5 of 12 (42%)"),
        (7, 15, "7 of 15 (47%)"),
        (2, 3, "2 of 3 (67%)"),  # with only three, the figures say more than "two thirds"
        (1, 2, "1 of 2 (50%)"),
        (3, 10, "3 of 10 (30%)"),
        (6, 20, "three in ten"),
    ],
)
def test_other_proportions_fall_back_to_figures_with_a_percentage(part, whole, words):
    assert proportion_words(part, whole) == words


def test_percentages_round_half_up():
    assert (percent(1, 8), percent(2, 3), percent(1, 3), percent(0, 0)) == (13, 67, 33, 0)


@pytest.mark.parametrize(("part", "whole"), [(1, 0), (-1, 4), (5, 4)])
def test_impossible_proportions_are_refused(part, whole):
    with pytest.raises(ValueError):
        proportion_words(part, whole)


@pytest.mark.parametrize(
    ("part", "whole", "sentence"),
    [
        (8, 12, "Two thirds of the 12 cases were graded good or outstanding."),
        (12, 12, "All 12 cases were graded good or outstanding."),
        (0, 12, "None of the 12 cases were graded good or outstanding."),
        (5, 12, "5 of the 12 cases (42%) were graded good or outstanding."),
        (1, 10, "1 of the 10 cases (10%) was graded good or outstanding."),
        (1, 1, "The one case was graded good or outstanding."),
        (0, 1, "The one case was not graded good or outstanding."),
    ],
)
def test_a_proportion_reads_as_a_sentence(part, whole, sentence):
    assert proportion_sentence(part, whole, predicate="were graded good or outstanding") == sentence
