"""Date expressions in news text, resolved against the article's publication date.

A rule-based tagger in the manner of HeidelTime: each expression keeps the precision it was
said with ("in July" is a month, "Back in 2010" a year, "Dec. 30" a day), so no day is ever
invented. Relative expressions ("earlier this month", "last week", "Thursday") are anchored to
the publication date; a weekday or a month without a year in a past-tense sentence is the
latest one on or before publication, otherwise the nearest one. "By the end of this month" is
a deadline on the month's last day; "from November 30 to December 30" is a change of date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

Precision = Literal["year", "month", "day"]
Kind = Literal["point", "deadline", "change", "present"]
PRECISIONS: tuple[Precision, ...] = ("year", "month", "day")

MONTHS = {
    name: n
    for n in range(1, 13)
    for name in (calendar.month_name[n].casefold(), calendar.month_abbr[n].casefold())
}
MONTHS["sept"] = 9
WEEKDAYS = {calendar.day_name[n].casefold(): n for n in range(7)}
_PARTS = {"early": "early", "beginning": "early", "mid": "mid", "middle": "mid", "late": "late"}
_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}


@dataclass(frozen=True)
class When:
    """A calendar period said with some precision: a year, a month or a day, optionally the
    early, mid or late part of a year or month."""

    year: int
    month: int | None = None
    day: int | None = None
    part: str = ""

    @property
    def precision(self) -> Precision:
        return "day" if self.day else "month" if self.month else "year"

    @cached_property
    def start(self) -> dt.date:
        return self._bounds()[0]

    @cached_property
    def end(self) -> dt.date:
        return self._bounds()[1]

    def _bounds(self) -> tuple[dt.date, dt.date]:
        """First and last day of the period; "late Nov" is 21-30 Nov, "early 2015" Jan-Apr."""
        if self.day:
            day = dt.date(self.year, self.month or 1, self.day)
            return day, day
        if self.month:
            last = calendar.monthrange(self.year, self.month)[1]
            first_day, last_day = _PART_DAYS.get(self.part, (1, last))
            return (
                dt.date(self.year, self.month, first_day),
                dt.date(self.year, self.month, min(last_day, last)),
            )
        first_month, last_month = _PART_MONTHS.get(self.part, (1, 12))
        end_day = calendar.monthrange(self.year, last_month)[1]
        return dt.date(self.year, first_month, 1), dt.date(self.year, last_month, end_day)

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month or 1:02d}-{self.day or 1:02d}"[
            : {"year": 4, "month": 7, "day": 10}[self.precision]
        ]

    @property
    def label(self) -> str:
        """Readable form: "30 Nov 2015", "late Nov 2015", "2010"."""
        if self.day:
            return f"{self.day} {calendar.month_abbr[self.month or 1]} {self.year}"
        text = f"{calendar.month_abbr[self.month]} {self.year}" if self.month else str(self.year)
        return f"{self.part} {text}" if self.part else text

    def contains(self, other: When) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: When) -> bool:
        """One period lies within the other (the same event said with different precision)."""
        return self.contains(other) or other.contains(self)

    @classmethod
    def of(cls, day: dt.date, precision: Precision = "day") -> When:
        if precision == "year":
            return cls(day.year)
        if precision == "month":
            return cls(day.year, day.month)
        return cls(day.year, day.month, day.day)

    @classmethod
    def parse(cls, text: str) -> When:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ValueError otherwise."""
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
        if not m:
            raise ValueError(f"invalid date {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError:
            raise ValueError(f"invalid date {text!r}") from None
        return cls(year, month, day)


@dataclass(frozen=True)
class TimeMention:
    """One date expression found in a sentence, resolved. A change of date ("from X to Y")
    has ``when`` = X and ``to`` = Y; ``present`` marks "now"/"today", which date the report
    rather than an event."""

    text: str
    start: int
    end: int
    when: When
    kind: Kind = "point"
    to: When | None = None


# --- the grammar -------------------------------------------------------------------------

_MONTH = (
    r"(?P<{g}>(?:"
    + "|".join(calendar.month_name[n].casefold() for n in range(1, 13))
    + r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z])\.?)"
)
_DAYNUM = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"


def _g(pattern: str, suffix: str) -> str:
    return pattern.format(g=suffix)


def _date(s: str) -> str:
    """A calendar date with a day: "30 November", "30th of November, 2015", "Dec. 30, 2015"."""
    return (
        rf"(?:{_g(_DAYNUM, 'dd' + s)}\s+(?:of\s+)?{_g(_MONTH, 'dm' + s)}"
        rf"(?:,?\s+{_g(_YEAR, 'dy' + s)})?"
        rf"|{_g(_MONTH, 'md' + s)}\s+{_g(_DAYNUM, 'mdd' + s)}\b(?:,?\s+{_g(_YEAR, 'mdy' + s)})?)"
    )


_DATE_OR_MONTH = (
    r"(?:{a}|{m})".format(a=_date("a"), m=_g(_MONTH, "ma"))
    + r"\s+to\s+"
    + r"(?:{b}|{m})".format(b=_date("b"), m=_g(_MONTH, "mb"))
)
_DEADLINE_CUE = r"(?P<cue>\b(?:by|until|till|before|ahead\s+of)\s+(?:(?:the|a|an)\s+)?)?"
_PART = r"(?:(?P<part>early|mid|late|beginning\s+of|middle\s+of)[\s-]+)"
_END = r"(?P<endof>(?:the\s+)?end\s+of\s+)"
_REL_UNIT = r"(?P<unit>week|month|year)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx, re.IGNORECASE))
    for name, rx in (
        ("change", r"\bfrom\s+" + _DATE_OR_MONTH),
        ("iso", r"\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"),
        ("date", _DEADLINE_CUE + r"\b" + _date("")),
        (
            "relative",
            _DEADLINE_CUE
            + r"\b(?:"
            + _END
            + r"|"
            + _PART
            + r"|(?P<when>earlier|later)\s+)?(?P<which>this|last|next|the)\s+"
            + _REL_UNIT
            + r"\b",
        ),
        (
            "month",
            _DEADLINE_CUE
            + r"\b(?:"
            + _END
            + r"|"
            + _PART
            + r")?"
            + _g(_MONTH, "m")
            + r"(?:,?\s+(?:of\s+)?"
            + _g(_YEAR, "y")
            + r")?\b",
        ),
        (
            "year",
            _DEADLINE_CUE
            + r"\b(?:(?:back\s+)?(?:in|since|during|from|of|until)\s+|"
            + _END
            + r"|"
            + _PART
            + r")"
            + _g(_YEAR, "y")
            + r"\b(?![-\u2013]\w)",
        ),
        ("day", r"\b(?P<rel>yesterday|today|tonight|tomorrow)\b"),
        ("present", r"\b(?:now|(?:has|have)\s+just)\b"),
        (
            "weekday",
            r"\b(?:(?P<wwhich>last|next|this|on)\s+)?(?P<wd>" + "|".join(WEEKDAYS) + r")\b",
        ),
    )
)

# Every expression holds a digit or one of these words: sentences without any are skipped.
_TRIGGER = re.compile(
    r"\d|\b(?:"
    + "|".join([*MONTHS, *WEEKDAYS])
    + r"|week|month|year|now|just|today|tonight|yesterday|tomorrow)\b",
    re.IGNORECASE,
)

# Month names that are also ordinary words need a cue (a preposition, a part, a year or day).
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan"})
_MONTH_CUE = re.compile(
    r"\b(?:in|since|during|of|from|by|until|till|before|after|early|mid|late)\s*-?$", re.I
)

_FUTURE = re.compile(
    r"\b(?:will|shall|won['\u2019]t|going\s+to|next|upcoming|tomorrow)\b|['\u2019]ll\b",
    re.IGNORECASE,
)
_PAST_WORDS = re.compile(
    r"\b(?:was|were|had|did|said|told|wrote|made|gave|took|came|went|began|met|left|sent|saw"
    r"|thought|brought|bought|found|got|held|kept|knew|led|lost|meant|paid|put|ran|rose|set"
    r"|spoke|stood|won)\b",
    re.IGNORECASE,
)
_PAST_ED = re.compile(r"\b[a-z]{3,}ed\b", re.IGNORECASE)


def is_past(sentence: str) -> bool:
    """Whether the sentence reports something that has happened (a past-tense verb and no
    future marker in the main clause, approximated by the sentence)."""
    past = bool(_PAST_WORDS.search(sentence) or _PAST_ED.search(sentence))
    return past and not (_FUTURE.search(sentence) and not _reported_speech(sentence))


def _reported_speech(sentence: str) -> bool:
    """ "X said/announced that it will ..." reports a past statement about the future."""
    return bool(
        re.search(r"\b(?:said|announced|wrote|confirmed|told|added|explained)\b", sentence, re.I)
    )


def tag(sentence: str, published: dt.date) -> list[TimeMention]:
    """Every date expression in ``sentence``, resolved against ``published``, in text order."""
    if not _TRIGGER.search(sentence):
        return []
    past = is_past(sentence)
    taken: list[tuple[int, int]] = []
    found: list[TimeMention] = []
    for name, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _resolve(name, m, sentence, published, past)
            if mention is not None:
                taken.append((m.start(), m.end()))
                found.append(mention)
    return sorted(found, key=lambda t: t.start)


def _resolve(
    name: str, m: re.Match[str], sentence: str, pub: dt.date, past: bool
) -> TimeMention | None:
    text, start, end = m.group(0), m.start(), m.end()
    groups = {k: v for k, v in m.groupdict().items() if v}
    deadline = "cue" in groups or "deadline" in sentence[end : end + 12].casefold()
    kind: Kind = "deadline" if deadline else "point"
    # A deadline lies ahead of whoever set it, so it resolves to the nearest date, not the past.
    back = past and not deadline
    when: When | None
    if name == "change":
        # The old date of a change is usually still ahead when it is moved: take the nearest.
        first = _calendar(groups, "a", pub, False) or _month(groups.get("ma"), pub, False)
        if first is None:
            return None
        second = _calendar(groups, "b", first.start, False, after=True) or _month(
            groups.get("mb"), first.start, False, after=True
        )
        if second is None:
            return None
        return TimeMention(text, start, end, first, "change", second)
    if name == "iso":
        try:
            when = When.of(dt.date(int(groups["iy"]), int(groups["im"]), int(groups["id"])))
        except ValueError:
            return None
    elif name == "date":
        when = _calendar(groups, "", pub, back)
    elif name == "relative":
        when = _relative(groups, pub)
    elif name == "month":
        word = groups["m"].casefold().rstrip(".")
        cued = any(k in groups for k in ("y", "part", "endof", "cue"))
        if word in _AMBIGUOUS_MONTHS and not cued and not _MONTH_CUE.search(sentence[:start]):
            return None
        if not groups["m"][0].isupper():
            return None
        year = int(groups["y"]) if "y" in groups else None
        when = _month(groups["m"], pub, back, year=year)
        when = _shape(when, groups)
    elif name == "year":
        when = _shape(When(int(groups["y"])), groups)
    elif name == "day":
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[
            groups["rel"].casefold()
        ]
        when = When.of(pub + dt.timedelta(days=offset))
        if offset == 0:
            kind = "present"
    elif name == "present":
        when, kind = When.of(pub), "present"
    elif name == "weekday":
        if not groups["wd"][0].isupper():
            return None
        when = _weekday(groups, pub, past)
    else:  # pragma: no cover - the names above are exhaustive
        raise AssertionError(name)
    if when is None:
        return None
    return TimeMention(text, start, end, when, kind)


def _calendar(
    groups: dict[str, str], s: str, anchor: dt.date, back: bool, after: bool = False
) -> When | None:
    """A day-and-month date (year optional) from the named groups of ``_date(s)``."""
    if f"dd{s}" in groups:
        day, month, year = groups[f"dd{s}"], groups[f"dm{s}"], groups.get(f"dy{s}")
    elif f"md{s}" in groups:
        day, month, year = groups[f"mdd{s}"], groups[f"md{s}"], groups.get(f"mdy{s}")
    else:
        return None
    n = MONTHS[month.casefold().rstrip(".")]
    d = int(day)
    if year:
        try:
            return When.of(dt.date(int(year), n, d))
        except ValueError:
            return None
    candidates = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(y, n, d))
        except ValueError:
            continue
    return _pick(candidates, anchor, back, after, "day")


def _month(
    name: str | None, anchor: dt.date, back: bool, year: int | None = None, after: bool = False
) -> When | None:
    if name is None:
        return None
    n = MONTHS[name.casefold().rstrip(".")]
    if year is not None:
        return When(year, n)
    candidates = [dt.date(y, n, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return _pick(candidates, dt.date(anchor.year, anchor.month, 1), back, after, "month")


def _pick(
    candidates: list[dt.date], anchor: dt.date, back: bool, after: bool, precision: Precision
) -> When | None:
    """The candidate on or before the anchor (past), on or after it (after), else nearest."""
    if back:
        candidates = [c for c in candidates if c <= anchor]
    elif after:
        candidates = [c for c in candidates if c >= anchor]
    if not candidates:
        return None
    best = min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))
    return When.of(best, precision)


def _shape(when: When | None, groups: dict[str, str]) -> When | None:
    """Apply "early/mid/late" or "the end of" to a month or year."""
    if when is None:
        return None
    if "endof" in groups:
        return When.of(when.end)
    if "part" in groups:
        part = _PARTS[groups["part"].split()[0].casefold().rstrip("-")]
        return When(when.year, when.month, None, part)
    return when


def _relative(groups: dict[str, str], pub: dt.date) -> When | None:
    unit, which = groups["unit"].casefold(), groups["which"].casefold()
    step = {"this": 0, "the": 0, "last": -1, "next": 1}[which]
    if which == "the" and "endof" not in groups:
        return None  # "the week" alone says nothing about when
    if unit == "year":
        when = When(pub.year + step)
    elif unit == "month":
        month_index = pub.year * 12 + pub.month - 1 + step
        when = When(month_index // 12, month_index % 12 + 1)
    else:
        # A week has no precision of its own here: say the month it falls in.
        when = When.of(pub + dt.timedelta(weeks=step), "month")
        if "endof" in groups:
            return None
    return _shape(when, groups)


def _weekday(groups: dict[str, str], pub: dt.date, past: bool) -> When:
    target = WEEKDAYS[groups["wd"].casefold()]
    which = groups.get("wwhich", "").casefold()
    since = (pub.weekday() - target) % 7  # back to the latest such day on or before pub
    until = (target - pub.weekday()) % 7  # ahead to the first such day on or after pub
    if which == "last":
        offset = -(since or 7)
    elif which == "next":
        offset = until or 7
    else:
        offset = -since if past else until
    return When.of(pub + dt.timedelta(days=offset))
