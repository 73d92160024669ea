"""Date expressions by publication dates: the resolved value, its precision and its kind."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.dates import PRECISIONS, When, is_past, tag

D = dt.date
NOV30 = D(2015, 11, 30)  # a Monday
DEC31 = D(2015, 12, 31)  # a Thursday
JAN02 = D(2016, 1, 2)  # a Saturday, just over a year boundary
MAR01 = D(2016, 3, 1)  # just over a month boundary, in a leap year

# (sentence, publication date, expected ISO value, precision, kind)
TABLE = [
    # explicit dates
    (
        "The company had been considering its options ahead of a Dec. 30 deadline.",
        DEC31,
        "2015-12-30",
        "day",
        "deadline",
    ),
    ("BlackBerry will exit the market as of 30 November.", NOV30, "2015-11-30", "day", "point"),
    ("It announced that it would exit on 30th November.", DEC31, "2015-11-30", "day", "point"),
    ("The Canadian Press, 31 Dec, 2015 12:20 PM", JAN02, "2015-12-31", "day", "point"),
    ("Dec 31, 2015 15:58 GMT", JAN02, "2015-12-31", "day", "point"),
    ("The ruling was published on 2015-07-24.", DEC31, "2015-07-24", "day", "point"),
    ("Talks began on December 28.", JAN02, "2015-12-28", "day", "point"),
    ("Talks will begin on January 5.", DEC31, "2016-01-05", "day", "point"),
    ("The order was issued on December 30.", NOV30, "2014-12-30", "day", "point"),
    ("The order takes effect on December 30.", NOV30, "2015-12-30", "day", "point"),
    ("It happened on February 29, 2016.", MAR01, "2016-02-29", "day", "point"),
    # years
    ("Back in 2010, India made similar demands.", DEC31, "2010", "year", "point"),
    ("In 2010, several countries threatened to ban BlackBerry.", DEC31, "2010", "year", "point"),
    ("Reports surfaced in early 2015.", DEC31, "2015", "year", "point"),
    # months
    ("What we said in July remains true today.", NOV30, "2015-07", "month", "point"),
    (
        "BlackBerry announced in late November that it would exit.",
        DEC31,
        "2015-11",
        "month",
        "point",
    ),
    ("The regulator acted in December.", NOV30, "2014-12", "month", "point"),
    ("The regulator acted in December.", JAN02, "2015-12", "month", "point"),
    ("The rollout will finish in January.", DEC31, "2016-01", "month", "point"),
    ("The order came in July 2015.", JAN02, "2015-07", "month", "point"),
    ("Sales fell in mid-July.", NOV30, "2015-07", "month", "point"),
    ("It announced in late November that it would exit.", JAN02, "2015-11", "month", "point"),
    ("It will leave in early December.", NOV30, "2015-12", "month", "point"),
    ("The ruling came on Dec. 30.", JAN02, "2015-12-30", "day", "point"),
    # relative to publication
    ("The service will close next month.", DEC31, "2016-01", "month", "point"),
    (
        "Earlier this month, John Chen said he would help the police.",
        DEC31,
        "2015-12",
        "month",
        "point",
    ),
    (
        "Earlier this month, John Chen said he would help the police.",
        JAN02,
        "2016-01",
        "month",
        "point",
    ),
    ("Earlier this year, the authority notified operators.", NOV30, "2015", "year", "point"),
    ("Earlier this year, the authority notified operators.", JAN02, "2016", "year", "point"),
    ("The company said last week that it would leave.", DEC31, "2015-12", "month", "point"),
    ("The company said last week that it would leave.", JAN02, "2015-12", "month", "point"),
    ("The blog post went up last month.", JAN02, "2015-12", "month", "point"),
    ("The blog post went up last month.", MAR01, "2016-02", "month", "point"),
    ("The regulator wrote to operators last year.", JAN02, "2015", "year", "point"),
    ("The government relented yesterday.", JAN02, "2016-01-01", "day", "point"),
    ("The government relented yesterday.", MAR01, "2016-02-29", "day", "point"),
    ("Fans can use the service after today.", DEC31, "2015-12-31", "day", "present"),
    ("Beard has just announced the decision.", DEC31, "2015-12-31", "day", "present"),
    ("The company is now asked to leave.", NOV30, "2015-11-30", "day", "present"),
    # weekdays: past tense is the latest such day on or before publication
    (
        "Beard wrote on the company's blog Thursday that it would stay.",
        DEC31,
        "2015-12-31",
        "day",
        "point",
    ),
    (
        "Beard wrote on the company's blog Thursday that it would stay.",
        JAN02,
        "2015-12-31",
        "day",
        "point",
    ),
    ("The regulator announced the order on Monday.", DEC31, "2015-12-28", "day", "point"),
    ("The regulator announced the order on Monday.", NOV30, "2015-11-30", "day", "point"),
    ("The regulator said last Monday that it would act.", NOV30, "2015-11-23", "day", "point"),
    ("The regulator will announce its decision on Monday.", DEC31, "2016-01-04", "day", "point"),
    ("The regulator will decide next Thursday.", DEC31, "2016-01-07", "day", "point"),
    # deadlines
    (
        "Operators must comply by the end of the month.",
        D(2015, 2, 10),
        "2015-02-28",
        "day",
        "deadline",
    ),
    (
        "BlackBerry said it will shut down by the end of this month.",
        NOV30,
        "2015-11-30",
        "day",
        "deadline",
    ),
    (
        "BlackBerry said it will shut down by the end of this month.",
        D(2016, 2, 3),
        "2016-02-29",
        "day",
        "deadline",
    ),
    (
        "It will be delaying its exit till the end of the year.",
        NOV30,
        "2015-12-31",
        "day",
        "deadline",
    ),
    (
        "Distribution will reach 31 countries by the end of February.",
        DEC31,
        "2016-02-29",
        "day",
        "deadline",
    ),
    ("The company must comply by December 30.", NOV30, "2015-12-30", "day", "deadline"),
    (
        "The company had been given until December 30 to comply.",
        JAN02,
        "2015-12-30",
        "day",
        "deadline",
    ),
]


@pytest.mark.parametrize(("sentence", "published", "value", "precision", "kind"), TABLE)
def test_expression_resolves(
    sentence: str, published: dt.date, value: str, precision: str, kind: str
) -> None:
    mentions = tag(sentence, published)
    assert mentions, f"nothing found in {sentence!r}"
    first = next(m for m in mentions if m.kind != "present") if kind != "present" else mentions[0]
    assert (first.when.iso, first.when.precision, first.kind) == (value, precision, kind)


CHANGES = [
    (
        "The government extended the order from November 30 to December 30.",
        NOV30,
        "2015-11-30",
        "2015-12-30",
    ),
    (
        "The government has extended the orders from 30th November to 30th December.",
        DEC31,
        "2015-11-30",
        "2015-12-30",
    ),
    (
        "The deadline moved from December 30 to January 15.",
        D(2015, 12, 20),
        "2015-12-30",
        "2016-01-15",
    ),
    ("The launch moved from November to February.", DEC31, "2015-11", "2016-02"),
]


@pytest.mark.parametrize(("sentence", "published", "old", "new"), CHANGES)
def test_change_of_date(sentence: str, published: dt.date, old: str, new: str) -> None:
    (change,) = [m for m in tag(sentence, published) if m.kind == "change"]
    assert change.to is not None
    assert (change.when.iso, change.to.iso) == (old, new)


NOTHING = [
    "India acted in the wake of the 2008 attacks in Mumbai that killed 166 people.",
    "The phone will spike to 31 countries.",
    "You may want to march in the streets.",
    "We reported earlier that BlackBerry will stop operating.",
    "BlackBerry previously said it would rather close its operations.",
    "The company decided to stay once the decision was made.",
    "Traffic moved from emails to messages.",
    "Jan Koum said the app is secure.",
]


@pytest.mark.parametrize("sentence", NOTHING)
def test_no_date_is_invented(sentence: str) -> None:
    assert tag(sentence, DEC31) == []


def test_labels_keep_precision() -> None:
    assert When(2015, 11, 30).label == "30 Nov 2015"
    assert When(2015, 11, part="late").label == "late Nov 2015"
    assert When(2010).label == "2010"
    assert When(2015, 12).iso == "2015-12"
    assert When.parse("2015-12") == When(2015, 12)
    with pytest.raises(ValueError):
        When.parse("2015-13")
    assert When(2015).contains(When(2015, 7)) and not When(2015, 7).contains(When(2015))


def test_tense() -> None:
    assert is_past("Beard wrote on the blog that the company decided to stay.")
    assert is_past("BlackBerry announced that it will exit.")
    assert not is_past("The regulator will decide on Monday.")


@given(
    st.text(alphabet=st.sampled_from(list("0123456789 ,.-thndrofsJFMASONDbyuecmwlaiTWFk"))),
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)),
)
def test_any_text_resolves_to_valid_periods(text: str, published: dt.date) -> None:
    for m in tag(text, published):
        assert text[m.start : m.end] == m.text
        assert m.when.precision in PRECISIONS and m.when.start <= m.when.end
        assert When.parse(m.when.iso).start.year == m.when.year
