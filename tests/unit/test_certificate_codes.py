"""Verification codes and serial numbers: short, easy to type, typos caught, forgiving input."""

from __future__ import annotations

import random

import pytest

from utq_desktop.domain.certificate_codes import (
    ALPHABET,
    CertificateKind,
    Serial,
    check_character,
    format_serial,
    group,
    is_valid_verification_code,
    new_verification_code,
    normalise_verification_code,
    parse_serial,
)
from utq_desktop.errors import ValidationError

VALID = "7K3M-Q9XD-2HPH"


def test_a_new_code_is_three_groups_of_crockford_base32_and_valid() -> None:
    codes = {new_verification_code() for _ in range(200)}
    assert len(codes) == 200  # 55 random bits: no repeats in practice
    for code in codes:
        groups = code.split("-")
        assert [len(g) for g in groups] == [4, 4, 4]
        assert set("".join(groups)) <= set(ALPHABET)
        assert not set("".join(groups)) & set("ILOU")  # nothing that reads as another symbol
        assert normalise_verification_code(code) == code


def test_the_code_is_drawn_from_the_choice_function_and_ends_in_its_check_character() -> None:
    picks = iter("7K3MQ9XD2HP")
    code = new_verification_code(choice=lambda alphabet: next(picks))
    assert code == VALID
    assert check_character("7K3MQ9XD2HP") == "H"


def test_every_single_typo_and_every_swap_is_caught() -> None:
    rng = random.Random(6)
    for _ in range(40):
        code = normalise_verification_code(
            new_verification_code(choice=lambda a: rng.choice(a))
        ).replace("-", "")
        for i in range(len(code)):
            for symbol in ALPHABET.replace(code[i], ""):
                assert not is_valid_verification_code(code[:i] + symbol + code[i + 1 :])
            for j in range(i + 1, len(code)):
                if code[i] != code[j]:
                    swapped = list(code)
                    swapped[i], swapped[j] = swapped[j], swapped[i]
                    assert not is_valid_verification_code("".join(swapped))


@pytest.mark.parametrize(
    "typed",
    ["7K3M-Q9XD-2HPH", "7k3m q9xd 2hph", " 7K3MQ9XD2HPH ", "7k3m–q9xd–2hph", "7K3M.Q9XD.2HPH"],
)
def test_case_spaces_and_dashes_do_not_matter(typed: str) -> None:
    assert normalise_verification_code(typed) == VALID


def test_letters_that_look_like_digits_are_read_as_digits() -> None:
    body = "10AB1CD0EFG"
    code = group(body + check_character(body))
    typed = code.replace("1", "l", 1).replace("0", "O", 1).replace("1", "I")
    assert typed != code
    assert normalise_verification_code(typed) == code


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a verification code"),
        ("   ", "Enter a verification code"),
        ("7K3M-Q9XD-2HP", "it has 11 characters, a code has 12"),
        ("7K3M-Q9XD-2HPHX", "it has 13 characters"),
        ("7K3M-Q9XD-2HPU", "it contains 'U'"),
        ("7K3M-Q9XD-2H#H", "it contains '#'"),
        ("7K3M-Q9XD-2HPJ", "a character is mistyped"),
        ("K73M-Q9XD-2HPH", "a character is mistyped"),
    ],
)
def test_bad_input_is_refused_with_the_reason(typed: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as raised:
        normalise_verification_code(typed)
    assert raised.value.field == "code"
    assert not is_valid_verification_code(typed)


def test_serial_numbers_per_kind_and_year() -> None:
    assert format_serial(CertificateKind.UTQ, 2026, 123) == "UTQ-2026-000123"
    assert format_serial(CertificateKind.PARTICIPATION, 2026, 45) == "DP-2026-000045"
    assert format_serial(CertificateKind.UTQ, 2027, 1_234_567) == "UTQ-2027-1234567"
    assert parse_serial("UTQ-2026-000123") == Serial(CertificateKind.UTQ, 2026, 123)
    assert parse_serial(" dp - 2026 - 45 ") == Serial(CertificateKind.PARTICIPATION, 2026, 45)
    assert str(Serial(CertificateKind.PARTICIPATION, 2026, 45)) == "DP-2026-000045"


@pytest.mark.parametrize("typed", ["", "UTQ-26-000123", "XYZ-2026-000001", "UTQ-2026-000000"])
def test_a_malformed_serial_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="certificate number"):
        parse_serial(typed)


def test_impossible_serials_are_programming_errors() -> None:
    with pytest.raises(ValueError):
        format_serial(CertificateKind.UTQ, 2026, 0)
    with pytest.raises(ValueError):
        format_serial(CertificateKind.UTQ, 26, 1)


def test_kinds_have_labels_and_prefixes() -> None:
    assert CertificateKind("utq").label == "UTQ certificate"
    assert CertificateKind.PARTICIPATION.label == "Certificate of participation"
    assert [k.serial_prefix for k in CertificateKind] == ["UTQ", "DP"]


def test_the_example_code_shown_to_users_is_a_valid_one() -> None:
    """The CLI help, the Verify dialog and the README show one example; it must verify."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    shown = set()
    for name in (
        "utq_desktop/cli_certificates.py",
        "ui/certificates/verify_dialog.py",
        "README.md",
    ):
        shown |= set(
            re.findall(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b", (root / name).read_text())
        )
    assert shown and all(is_valid_verification_code(code) for code in shown)
