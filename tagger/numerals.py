"""Roman numerals, as Party and Assembly terms are written ("khóa XIII"); shared by documents and persons."""
from __future__ import annotations

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(s: str) -> int | None:
    """'XIII' (any case) -> 13; None when ``s`` is not a Roman numeral."""
    s = s.upper()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


def int_to_roman(n: int) -> str:
    out = []
    for v, r in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(r)
            n -= v
    return "".join(out)
