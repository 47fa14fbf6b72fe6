"""CPR rules (docs/domain.md): format and real date, never modulus 11; masked, encrypted, hashed."""

import datetime

import pytest
from django.test import override_settings

from citizens import cpr
from tests.citizens.conftest import CPR_MOD11_FAIL, CPR_MOD11_OK


@pytest.mark.parametrize("raw", ["211062-5629", "2110625629", " 211062-5629 "])
def test_it_accepts_both_formats(raw):
    assert cpr.normalise(raw) == "2110625629"


@pytest.mark.parametrize(
    "raw", ["", "21106-25629", "211062-562", "21106256290", "abcdef-ghij", "2110-625629", "310289-1234"]
)
def test_it_rejects_bad_format_or_impossible_dates(raw):
    with pytest.raises(cpr.CprError):
        cpr.normalise(raw)


def test_it_rejects_the_31st_of_february_and_month_13():
    for raw in ("310290-1234", "011390-1234", "000190-1234"):
        with pytest.raises(cpr.CprError):
            cpr.normalise(raw)


def test_it_accepts_a_number_that_fails_modulus_11():
    assert cpr.fails_modulus_11(cpr.normalise(CPR_MOD11_FAIL))
    assert not cpr.fails_modulus_11(cpr.normalise(CPR_MOD11_OK))


def test_it_rejects_a_birth_date_in_the_future():
    with pytest.raises(cpr.CprError):
        cpr.normalise("010150-5000")  # digit 7 = 5 and year 50 → 2050


def test_the_century_comes_from_digit_seven():
    assert cpr.birth_date("0101054000") == datetime.date(2005, 1, 1)
    assert cpr.birth_date("0101051000") == datetime.date(1905, 1, 1)


def test_it_masks_from_the_birth_date():
    assert cpr.mask(datetime.date(1962, 10, 21)) == "211062-XXXX"
    assert cpr.mask(None) == "–"


def test_it_encrypts_and_decrypts_without_clear_digits():
    token = cpr.encrypt("2110625629")
    assert "2110625629" not in token and "211062" not in token
    assert cpr.decrypt(token) == "2110625629"
    assert cpr.encrypt("2110625629") != token  # random IV: equal numbers do not give equal ciphertext


def test_the_lookup_hash_is_keyed():
    one = cpr.lookup_hash("2110625629")
    assert one == cpr.lookup_hash("2110625629")
    assert len(one) == 64 and "2110625629" not in one
    other_key = "Jq0M0rFhM2Vh3GJbKQ9vX8c6Q0e7tW2sL4yP1nR5uDk="
    with override_settings(FIELD_ENCRYPTION_KEYS=[other_key]):
        assert cpr.lookup_hash("2110625629") != one
