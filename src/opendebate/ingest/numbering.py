"""List numbers as word processors write them: counters, formats ("1.", "iv", "(b)"), and the
list definitions of a Word document, which keeps its numbers and bullets out of the text."""

from __future__ import annotations

from lxml import etree


def bounded_int(value: str | None, default: int, maximum: int) -> int:
    """A count read from an untrusted file, at most `maximum`: a crafted attribute can hold any
    number of digits (and int() refuses more than 4,300)."""
    if value is None or not value.isdecimal() or len(value) > len(str(maximum)):
        return default
    return min(int(value), maximum)


MAX_LIST_NUMBER = 32767  # Word's largest list start value
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
LIST_LEVELS = 9  # list levels a Word numbering definition may have
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def list_number(value: int, number_format: str) -> str:
    """A list counter in a Word number format ("decimal", "lowerRoman", "upperLetter", ...)."""
    if number_format.endswith("Roman"):
        digits = []
        for amount, numeral in _ROMAN:
            count, value = divmod(value, amount)
            digits.append(numeral * count)
        roman = "".join(digits)
        return roman.upper() if number_format.startswith("upper") else roman
    if number_format.endswith("Letter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if number_format.startswith("upper") else letter
    return str(value)


def _value(element: etree._Element, child: str, default: str) -> str:
    """The w:val of a child element of a numbering definition."""
    found = element.find(_W + child)
    value = found.get(_W + "val") if found is not None else None
    return str(value) if value is not None else default


class WordNumbering:
    """The list definitions of a DOCX (word/numbering.xml), and the counters of its lists so
    far: Word keeps a list's numbers and bullets out of the paragraph text."""

    def __init__(self, numbering: etree._Element | None) -> None:
        nums = numbering.iter(_W + "num") if numbering is not None else ()
        abstracts = numbering.iter(_W + "abstractNum") if numbering is not None else ()
        self._abstract = {num.get(_W + "numId"): _value(num, "abstractNumId", "") for num in nums}
        self._levels = {
            (abstract.get(_W + "abstractNumId"), level.get(_W + "ilvl")): level
            for abstract in abstracts
            for level in abstract.iter(_W + "lvl")
        }
        self._counters: dict[str, list[int]] = {}

    def _level(self, num_id: str, level: int) -> tuple[str, str, int]:
        """The number format, level text ("%1.") and start value of a list level."""
        definition = self._levels.get((self._abstract.get(num_id), str(level)))
        if definition is None:
            return "none", "", 1
        return (
            _value(definition, "numFmt", "decimal"),
            _value(definition, "lvlText", ""),
            bounded_int(_value(definition, "start", "1"), 1, MAX_LIST_NUMBER),
        )

    def marker(self, num_id: str, level: int) -> str:
        """The next marker of list `num_id` at `level` (0-8): "•" for any bullet, the number
        as the level text writes it ("1.", "(a)", "2.1"), "" for a list without numbers."""
        level = min(max(level, 0), LIST_LEVELS - 1)
        number_format, text, start = self._level(num_id, level)
        if number_format == "bullet":
            return "•"
        if number_format == "none":
            return ""
        counters = self._counters.setdefault(num_id, [0] * LIST_LEVELS)
        counters[level] = counters[level] + 1 if counters[level] else start
        counters[level + 1 :] = [0] * (LIST_LEVELS - level - 1)
        for index in range(level + 1):
            formatted = list_number(max(counters[index], 1), self._level(num_id, index)[0])
            text = text.replace(f"%{index + 1}", formatted)
        return text.strip()
