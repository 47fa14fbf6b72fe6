"""Pure rules of the placement loop: follow-up dates and intervals, the legal maximum, real dates."""

from datetime import date, timedelta

from matching import loop_rules
from matching.loop_rules import Limit

TODAY = date(2026, 3, 10)
PRAKTIK_DAGPENGE = Limit(4, 26, "LAB § 61", date(2025, 1, 1))
PRAKTIK_OTHERS = Limit(13, 26, "LAB § 61", date(2025, 1, 1))


def test_a_recurring_type_repeats_its_interval_after_each_follow_up():
    held = date(2026, 7, 1)
    assert loop_rules.next_follow_up(held_on=held, interval_weeks=52, planned_end=None) == held + timedelta(
        weeks=52
    )


def test_a_one_off_type_gets_one_more_follow_up_a_week_before_the_planned_end():
    end = date(2026, 4, 30)
    assert loop_rules.next_follow_up(held_on=TODAY, interval_weeks=None, planned_end=end) == date(2026, 4, 23)


def test_no_next_follow_up_when_the_end_is_less_than_two_weeks_away_or_unknown():
    assert (
        loop_rules.next_follow_up(held_on=TODAY, interval_weeks=None, planned_end=TODAY + timedelta(days=10))
        is None
    )
    assert loop_rules.next_follow_up(held_on=TODAY, interval_weeks=None, planned_end=None) is None


def test_a_follow_up_cannot_be_held_in_the_future_or_before_the_start():
    assert "fremtiden" in loop_rules.follow_up_held_error(
        held_on=TODAY + timedelta(days=1), today=TODAY, start=None
    )
    assert "før forløbets start" in loop_rules.follow_up_held_error(
        held_on=date(2026, 3, 1), today=TODAY, start=date(2026, 3, 2)
    )
    assert loop_rules.follow_up_held_error(held_on=TODAY, today=TODAY, start=TODAY) is None


def test_the_next_follow_up_must_come_after_the_one_held():
    assert loop_rules.next_follow_up_error(next_date=TODAY, held_on=TODAY)
    assert loop_rules.next_follow_up_error(next_date=None, held_on=TODAY) is None
    assert loop_rules.next_follow_up_error(next_date=TODAY + timedelta(days=1), held_on=TODAY) is None


def test_the_actual_end_date_lies_between_the_start_and_today():
    start = date(2026, 1, 5)
    assert "Angiv" in loop_rules.actual_end_error(actual_end=None, start=start, today=TODAY)
    assert "fremtiden" in loop_rules.actual_end_error(
        actual_end=TODAY + timedelta(days=1), start=start, today=TODAY
    )
    assert "før startdatoen" in loop_rules.actual_end_error(
        actual_end=date(2026, 1, 4), start=start, today=TODAY
    )
    assert loop_rules.actual_end_error(actual_end=start, start=start, today=TODAY) is None
    assert loop_rules.actual_end_error(actual_end=TODAY, start=start, today=TODAY) is None


def test_an_agreed_placement_is_due_on_its_agreed_start_date_not_before():
    assert loop_rules.is_due_for_activation(status="agreed", start=TODAY, today=TODAY)
    assert loop_rules.is_due_for_activation(status="agreed", start=TODAY - timedelta(days=3), today=TODAY)
    assert not loop_rules.is_due_for_activation(status="agreed", start=TODAY + timedelta(days=1), today=TODAY)
    assert not loop_rules.is_due_for_activation(status="contacted", start=TODAY, today=TODAY)
    assert not loop_rules.is_due_for_activation(status="agreed", start=None, today=TODAY)


def test_weeks_are_counted_as_started_weeks_including_both_ends():
    start = date(2026, 1, 5)  # a Monday
    assert loop_rules.weeks_between(start, date(2026, 1, 9)) == 1  # Friday of the first week
    assert loop_rules.weeks_between(start, date(2026, 1, 11)) == 1  # its Sunday
    assert loop_rules.weeks_between(start, date(2026, 1, 12)) == 2


def test_an_extension_within_the_maximum_needs_no_assessment():
    start = date(2026, 1, 5)
    verdict = loop_rules.extension_verdict(
        start=start, current_end=date(2026, 1, 25), new_end=date(2026, 2, 1), limit=PRAKTIK_DAGPENGE
    )
    assert verdict.error is None and not verdict.needs_assessment and verdict.weeks == 4


def test_past_the_maximum_for_the_target_group_it_asks_for_a_concrete_assessment():
    start = date(2026, 1, 5)
    verdict = loop_rules.extension_verdict(
        start=start, current_end=date(2026, 2, 1), new_end=date(2026, 2, 8), limit=PRAKTIK_DAGPENGE
    )
    assert verdict.error is None and verdict.needs_assessment and verdict.weeks == 5
    assert "4 uger" in verdict.warning and "konkret vurdering" in verdict.warning
    assert "regler pr. 1. januar 2025" in verdict.warning


def test_the_same_length_is_fine_for_others_whose_maximum_is_13_weeks():
    verdict = loop_rules.extension_verdict(
        start=date(2026, 1, 5), current_end=date(2026, 2, 1), new_end=date(2026, 2, 8), limit=PRAKTIK_OTHERS
    )
    assert not verdict.needs_assessment


def test_past_the_extended_maximum_of_26_weeks_it_is_refused():
    start = date(2026, 1, 5)
    verdict = loop_rules.extension_verdict(
        start=start, current_end=date(2026, 3, 1), new_end=start + timedelta(weeks=26), limit=PRAKTIK_OTHERS
    )
    assert verdict.error and "højst 26 uger" in verdict.error


def test_an_extension_must_move_the_end_later():
    verdict = loop_rules.extension_verdict(
        start=date(2026, 1, 5), current_end=date(2026, 2, 1), new_end=date(2026, 2, 1), limit=None
    )
    assert "efter den nuværende slutdato" in verdict.error
    assert (
        "Angiv" in loop_rules.extension_verdict(start=None, current_end=None, new_end=None, limit=None).error
    )


def test_the_first_follow_up_falls_in_the_types_week():
    start = date(2026, 1, 5)
    assert loop_rules.first_follow_up(start=start, follow_up_week=10, planned_end=date(2026, 4, 6)) == date(
        2026, 3, 9
    )


def test_the_first_follow_up_moves_before_a_shortened_end():
    start = date(2026, 1, 5)
    end = start + timedelta(weeks=4)  # dagpenge: the law's 4 weeks, not the type's 13
    assert loop_rules.first_follow_up(start=start, follow_up_week=10, planned_end=end) == end - timedelta(
        weeks=1
    )
    assert (
        loop_rules.first_follow_up(start=start, follow_up_week=10, planned_end=start + timedelta(days=3))
        == start
    )
    assert loop_rules.first_follow_up(start=None, follow_up_week=10, planned_end=None) is None
