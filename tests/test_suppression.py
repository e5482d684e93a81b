"""Small-number suppression: counts, percentages and tables with totals as they are published."""

import itertools

import pytest

from neglect_portal import suppression
from neglect_portal.suppression import MARKER, Policy, Shown, count, line, ratio, round_to_base, table

SUPPRESS = Policy(5, suppression.SUPPRESS)
ROUND = Policy(5, suppression.ROUND)
SHOW = Policy(5, suppression.SHOW)


def texts(shown_list):
    return [s.text for s in shown_list]


def test_a_threshold_below_one_is_refused():
    with pytest.raises(ValueError, match="1 or more"):
        Policy(0)
    with pytest.raises(ValueError, match="Unknown suppression mode"):
        Policy(5, "blur")


@pytest.mark.parametrize(
    ("value", "text"), [(0, "0"), (1, MARKER), (3, MARKER), (4, MARKER), (5, "5"), (1234, "1,234")]
)
def test_counts_from_one_to_under_the_threshold_are_suppressed_and_zero_is_not(value, text):
    assert count(value, SUPPRESS).text == text


def test_the_threshold_is_the_partnerships():
    assert count(7, Policy(10)).suppressed
    assert not count(7, Policy(5)).suppressed
    assert not count(1, Policy(1)).suppressed  # a threshold of 1 protects nothing but is allowed


@pytest.mark.parametrize(("value", "rounded"), [(0, 0), (1, 0), (2, 0), (3, 5), (7, 5), (8, 10), (12, 10), (13, 15)])
def test_rounding_goes_to_the_nearest_five_halves_up(value, rounded):
    assert round_to_base(value) == rounded
    assert count(value, ROUND) == Shown(rounded, rounded=True)


def test_show_mode_publishes_every_figure_as_it_is():
    assert count(3, SHOW) == Shown(3)
    assert ratio(3, 8, SHOW) == suppression.Ratio(Shown(3), Shown(8), False)
    assert texts(line([3, 9, 1], SHOW).cells[0]) == ["3", "9", "1"]


def test_no_figure_stays_no_figure():
    assert count(None, SUPPRESS) == Shown(None)
    assert count(None, ROUND).text == ""


def test_a_small_numerator_hides_itself_and_the_percentage_but_not_a_large_denominator():
    published = ratio(3, 40, SUPPRESS)
    assert (published.numerator.text, published.denominator.text, published.hides_value) == (MARKER, "40", True)


def test_a_small_difference_between_numerator_and_denominator_hides_the_numerator_and_percentage():
    # 38 of 40 tells that 2 were not: as revealing as 2 of 40.
    published = ratio(38, 40, SUPPRESS)
    assert (published.numerator.text, published.denominator.text, published.hides_value) == (MARKER, "40", True)


def test_a_small_denominator_hides_everything():
    published = ratio(2, 4, SUPPRESS)
    assert (published.numerator.text, published.denominator.text, published.hides_value) == (MARKER, MARKER, True)


def test_a_ratio_of_large_numbers_and_of_none_or_all_is_published():
    assert not ratio(20, 40, SUPPRESS).changed
    assert not ratio(0, 40, SUPPRESS).changed
    assert not ratio(40, 40, SUPPRESS).changed


def test_rounding_a_ratio_rounds_its_counts_and_still_hides_a_revealing_percentage():
    published = ratio(3, 42, ROUND)
    assert (published.numerator.text, published.denominator.text, published.hides_value) == ("5", "40", True)
    published = ratio(21, 42, ROUND)
    assert (published.numerator.text, published.denominator.text, published.hides_value) == ("20", "40", False)


def test_a_line_with_one_small_part_hides_another_part_so_the_total_does_not_reveal_it():
    # Outstanding 3, good 9, requires improvement 12, inadequate 6: total 30.
    published = line([3, 9, 12, 6], SUPPRESS)
    assert texts(published.cells[0]) == [MARKER, "9", "12", MARKER]  # the smallest other part (6) goes too
    assert published.row_totals[0].text == "30"
    assert published.hidden_shares[0] == [True, False, False, True]


def test_a_line_with_two_small_parts_needs_no_more():
    published = line([3, 9, 12, 2], SUPPRESS)
    assert texts(published.cells[0]) == [MARKER, "9", "12", MARKER]


def test_a_line_whose_total_is_small_hides_everything_that_would_add_up_to_it():
    published = line([1, 2, 0], SUPPRESS)
    assert published.row_totals[0].suppressed
    assert published.cells[0][0].suppressed and published.cells[0][1].suppressed


def test_a_zero_is_hidden_only_when_nothing_else_is_left():
    published = line([3, 0, 20], SUPPRESS)
    assert texts(published.cells[0]) == [MARKER, "0", MARKER]
    published = line([3, 0], SUPPRESS)  # the total, 3, is hidden as well: nothing reveals the 3
    assert texts(published.cells[0]) == [MARKER, "0"] and published.row_totals[0].suppressed


def test_a_line_with_only_its_total_small_hides_a_part_too():
    # Every part is 0 or at least the threshold, so the total is too: nothing hidden.
    assert not line([0, 5], SUPPRESS).changed


def test_a_table_hides_cells_so_no_row_or_column_total_reveals_a_hidden_one():
    #            grade A  grade B  grade C
    rows = [[3, 10, 12], [8, 9, 11], [20, 7, 6]]
    published = table(rows, SUPPRESS)
    assert_no_hidden_figure_can_be_worked_out(rows, published)
    assert published.cells[0][0].suppressed
    assert published.total.text == str(sum(map(sum, rows)))


@pytest.mark.parametrize("rows", [[[1, 50], [50, 50]], [[3, 4], [9, 9]], [[2, 30, 40], [30, 30, 1], [40, 1, 40]]])
def test_secondary_suppression_holds_for_any_small_cells(rows):
    assert_no_hidden_figure_can_be_worked_out(rows, table(rows, SUPPRESS))


def test_rounding_a_table_rounds_every_cell_and_total_on_its_own():
    published = table([[3, 12], [8, 20]], ROUND)
    assert texts(published.cells[0]) == ["5", "10"] and texts(published.cells[1]) == ["10", "20"]
    assert texts(published.row_totals) == ["15", "30"]
    assert texts(published.column_totals) == ["10", "30"] and published.total.text == "45"
    # 3 of 15 (20%) would tell the 3, and 12 of 15 (80%) the 3 that are not.
    assert published.hidden_shares == [[True, True], [False, False]]


def test_the_footnote_says_what_the_mark_means():
    assert "fewer than 5" in SUPPRESS.footnote and MARKER in SUPPRESS.footnote
    assert "nearest 5" in ROUND.footnote
    assert SHOW.footnote == ""


def test_a_snapshot_without_a_policy_published_every_figure():
    assert Policy.from_data(None) == suppression.SHOW_ALL
    assert Policy.from_data({"threshold": 7, "mode": "round"}) == Policy(7, "round")
    assert Policy.from_data(SUPPRESS.as_data()) == SUPPRESS


def assert_no_hidden_figure_can_be_worked_out(rows, published):
    """Every row and column (totals included) has no hidden entry or at least two, and no small figure shows."""
    grid = [[*row, total] for row, total in zip(published.cells, published.row_totals, strict=True)]
    grid.append([*published.column_totals, published.total])
    values = [[*row, sum(row)] for row in rows]
    values.append([sum(column) for column in zip(*values, strict=True)])
    for i, j in itertools.product(range(len(grid)), range(len(grid[0]))):
        if 0 < values[i][j] < 5:
            assert grid[i][j].suppressed, (i, j)
    for row in grid:
        assert sum(s.suppressed for s in row) != 1
    for column in zip(*grid, strict=True):
        assert sum(s.suppressed for s in column) != 1
