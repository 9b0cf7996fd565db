"""How numbers are written in news and policy copy, and what value they have.

One table-driven reader for every common form: "34,000", "34 000" (space,
no-break or thin space as the thousands separator), "34.000" in continental
copy, "1.5 million", "1.5m", "€91m", "$1.66-million", "1.5-million-euro",
"40 thousand", "two", "forty-five", "11 per cent", "11%", "+159 per cent", "a
third", "one in three", "three quarters", "9.99 lakh". Vague amounts
("thousands", "tens of thousands", "hundreds", "several thousand", "dozens")
are not numbers: they are never read as 1,000 or 100.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "lakh": 1e5,
    "lakhs": 1e5,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "crore": 1e7,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
FRACTIONS = {
    "half": 0.5,
    "a half": 0.5,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "one-third": 1 / 3,
    "two thirds": 2 / 3,
    "two-thirds": 2 / 3,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "three quarters": 0.75,
    "three-quarters": 0.75,
    "a fifth": 0.2,
    "one fifth": 0.2,
    "a tenth": 0.1,
}
# Fractions of a scale: "a quarter-million", "half a million", "a million and a half".
MULTIPLES = {
    r"(?:(?:a|one)[- ])?quarter[- ](?:of[- ]a[- ])?million": 250_000.0,
    r"half (?:of )?a million": 500_000.0,
    r"a million[- ]and[- ]a[- ]half": 1_500_000.0,
    r"half a billion": 500_000_000.0,
}
CURRENCY_SIGNS = {
    "€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "us$": "USD", "a$": "AUD",
    "eur ": "EUR", "usd ": "USD", "gbp ": "GBP", "aud ": "AUD", "chf ": "CHF",
}  # fmt: skip
CURRENCY_WORDS = {
    "euro": "EUR", "euros": "EUR", "eur": "EUR", "dollar": "USD", "dollars": "USD",
    "usd": "USD", "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "sterling": "GBP",
    "franc": "CHF", "francs": "CHF", "chf": "CHF", "rupees": "INR", "rupee": "INR",
    "krona": "SEK", "kronor": "SEK", "kroner": "DKK", "lira": "TRY", "dinars": "TND",
    "yen": "JPY", "yuan": "CNY", "rand": "ZAR", "shillings": "KES", "naira": "NGN",
}  # fmt: skip
# The one state whose currency each is (the euro and the CFA franc have many).
CURRENCY_STATES = {
    "USD": "USA", "GBP": "GBR", "JPY": "JPN", "AUD": "AUS", "CHF": "CHE", "INR": "IND",
    "SEK": "SWE", "DKK": "DNK", "TRY": "TUR", "TND": "TUN", "CNY": "CHN", "ZAR": "ZAF",
    "KES": "KEN", "NGN": "NGA", "CAD": "CAN", "NOK": "NOR", "NZD": "NZL", "HKD": "HKG",
    "SGD": "SGP", "EGP": "EGY",
}  # fmt: skip
# A currency named after the amount: "40 euros", "350,000 kronor" (not a bare code,
# which the sign pattern reads before the amount).
CURRENCY_WORD = (
    r"(?:euros?|dollars?|pounds?|francs|rupees|kronor|kroner|krona|dinars|lira|yen|yuan|"
    r"rand|shillings|naira)"
)
VAGUE = re.compile(
    r"^(?:several|some|many|a few|few|tens of|hundreds of|dozens of)?\s*"
    r"(?:dozens|hundreds|thousands|millions|billions|tens of thousands|scores)$",
    re.I,
)
SEPARATED = r"\d{1,3}(?:[,\u00a0\u202f\u2009 ]\d{3})+(?:\.\d+)?"
CONTINENTAL = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"
PLAIN = r"\d+(?:[.,]\d+)?"
SCALE = r"(?:million|billion|trillion|thousand|lakhs?|crore|bn|mn|mln|m|k|tn)"
CURRENCY = r"(?:US\$|A\$|[€$£¥]|(?:EUR|USD|GBP|AUD|CHF)\s)"
# A number as written, with its sign, currency, scale and percent sign.
NUMBER_PATTERN = re.compile(
    rf"(?<![\w.,])(?P<sign>[+\-−])?(?:(?P<currency>{CURRENCY})\s?)?"
    rf"(?P<digits>{SEPARATED}|{CONTINENTAL}|{PLAIN})"
    rf"(?:(?:\s|-)?(?P<scale>{SCALE})\b)?"
    rf"(?:(?:\s|-)(?P<currency_word>{CURRENCY_WORD})\b)?"
    r"(?P<percent>\s?(?:%|per\s?cent\b|percent\b|percentage points?\b))?",
    re.I,
)


@dataclass(frozen=True)
class Number:
    value: float
    percent: bool = False
    currency: str | None = None
    """ISO 4217 code of the stated currency."""
    fraction: bool = False
    """Written as a fraction ("a third", "one in three"): a share, kept as a decimal."""


def _digits_value(digits: str) -> float | None:
    text = digits.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    if re.fullmatch(SEPARATED, text):
        return float(re.sub(r"[, ]", "", text))
    if re.fullmatch(CONTINENTAL, text):
        groups = text.split(",")[0].split(".")
        # "34.000" or "1.234.567": dots separate thousands when every group after
        # the first has three digits and the number could not be a short decimal
        # ("1.500" in English copy is one and a half; "34.000" is not 34).
        if len(groups) > 2 or groups[-1] == "000":
            value = float("".join(groups))
            decimals = text.split(",")[1] if "," in text else ""
            return value + (float(f"0.{decimals}") if decimals else 0.0)
        return float(text.replace(",", ""))
    if re.fullmatch(r"\d+,\d{1,2}", text):  # a decimal comma: "2,5 million"
        return float(text.replace(",", "."))
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def read_number(text: str) -> Number | None:
    """The number ``text`` states, or None when it states none (or only a vague amount).

    >>> read_number("213 000").value, read_number("€91m").currency, read_number("+159 per cent")
    (213000.0, 'EUR', Number(value=159.0, percent=True, currency=None, fraction=False))
    """
    cleaned = text.strip().replace("\u2212", "-")
    lowered = cleaned.lower()
    if not lowered or VAGUE.match(lowered):
        return None
    match = NUMBER_PATTERN.search(cleaned)
    if match and match.group("digits"):
        value = _digits_value(match.group("digits"))
        if value is None:
            return None
        scale = (match.group("scale") or "").lower()
        after = cleaned[match.end() :].lower()
        if not scale:
            # "40 thousand", "9.99 lakh": a scale word after a space.
            word = re.match(r"\s*([a-z]+)", after)
            if word and word.group(1) in SCALES and word.group(1) not in {"m", "b", "k"}:
                scale = word.group(1)
        value *= SCALES.get(scale, 1.0)
        if match.group("sign") in {"-", "−"}:
            value = -value
        currency = None
        if match.group("currency"):
            currency = CURRENCY_SIGNS.get(match.group("currency").lower())
        word = match.group("currency_word") or _currency_word(after)
        if currency is None and word:
            currency = CURRENCY_WORDS.get(word.lower())
        currency = currency or state_currency(after)
        return Number(value, percent=bool(match.group("percent")), currency=currency)
    number = _read_words(lowered)
    if number is not None and not number.fraction and WORDED_PERCENT.search(lowered):
        return Number(number.value, percent=True)  # "under four percent"
    return number


WORDED_PERCENT = re.compile(r"\b(?:per ?cent|percent)\b|%")


def currency_after(after: str) -> str | None:
    """The ISO code of a currency named right after an amount ("one billion euros")."""
    word = _currency_word(after.lower())
    return CURRENCY_WORDS.get(word) if word else state_currency(after)


# Whose dollar or pound it is, written before the word: "17 million U.S. dollars".
DOLLAR_STATES = {
    "u.s.": "USD", "us": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD",
    "new zealand": "NZD", "hong kong": "HKD", "singapore": "SGD", "egyptian": "EGP",
}  # fmt: skip
STATE_CURRENCY = re.compile(
    r"[\s-]*(" + "|".join(re.escape(k) for k in DOLLAR_STATES) + r")\s+(dollars?|pounds?)\b"
)


def _currency_word(after: str) -> str | None:
    word = re.match(r"[\s-]*([a-z]+)", after)
    if word and word.group(1) in CURRENCY_WORDS:
        return word.group(1)
    return None


def state_currency(after: str) -> str | None:
    """ "U.S. dollars", "Canadian dollars", "Egyptian pounds" after an amount."""
    named = STATE_CURRENCY.match(after.lower())
    return DOLLAR_STATES[named.group(1)] if named else None


# How a share's two numbers are joined: "one in three", "one in every 74", "two out of five".
SHARE_OF = r"(?:in every|in|out of)"


def _read_words(lowered: str) -> Number | None:
    """Numbers written in words: "two", "forty-five", "two million", "a third",
    "one in three", "half"."""
    for phrase, value in MULTIPLES.items():
        if re.search(rf"\b{phrase}\b", lowered):
            return Number(value)
    one_in = re.search(rf"\b(one|two|three|four|nine|\d) {SHARE_OF} (\w+)\b", lowered)
    if one_in:
        # "one in three", "two out of five": a share, as a decimal.
        numerator = UNITS_WORDS.get(one_in.group(1)) or _int(one_in.group(1))
        denominator = UNITS_WORDS.get(one_in.group(2)) or _int(one_in.group(2))
        if numerator and denominator and numerator < denominator:
            return Number(numerator / denominator, fraction=True)
    for phrase, value in sorted(FRACTIONS.items(), key=lambda item: -len(item[0])):
        if re.search(rf"\b{re.escape(phrase)}\b", lowered):
            return Number(value, fraction=True)
    words = re.split(r"[\s-]+", re.sub(r"[^a-z\s-]", " ", lowered))
    total, current, found = 0.0, 0.0, False
    for word in words:
        if word in UNITS_WORDS:
            current += UNITS_WORDS[word]
            found = True
        elif word == "hundred" and found:
            current *= 100
        elif word in SCALES and word not in {"m", "b", "k", "bn", "mn", "tn"} and found:
            total += current * SCALES[word]
            current = 0.0
        elif word in {"a", "an"} and not found:
            continue
        elif found:
            break
    if not found:
        return None
    return Number(total + current)


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() and int(text) > 0 else None


# Words that say how exact a figure is: "more than 34,000", "about 11,300".
QUALIFIERS = (
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "nearly",
    "almost",
    "around",
    "about",
    "approximately",
    "roughly",
    "some",
    "over",
    "under",
    "just over",
    "just under",
    "close to",
    "as many as",
    "as few as",
    "an estimated",
    "estimated",
)
