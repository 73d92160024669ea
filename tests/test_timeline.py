"""The timeline on the seed corpus, on a grown copy of it, and with curated corrections."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from index.corpus import load_corpus
from index.dates import When
from index.engine import Engine
from index.timeline import Event, TimelineError, build_timeline, caption, extract, select
from tests.conftest import TIMELINE_CITATION_KEYS

SEED = Path(__file__).resolve().parent.parent / "corpus"
TECHJUICE = "techjuice-blackberry-to-exit-pakistan"
CP = "canadian-press-blackberry-to-stay-in-pakistan"
SOFTPEDIA = "softpedia-blackberry-continues-in-pakistan"
INFERSE_EXIT = "inferse-blackberry-to-exit-pakistan"
INFERSE_STAY = "inferse-blackberry-to-stay-in-pakistan"


@pytest.fixture(scope="module")
def events() -> list[Event]:
    return Engine(load_corpus(SEED)).timeline()


def _quotes(event: Event) -> str:
    return " ".join(c.quote for c in event.citations)


def _articles(event: Event) -> set[str]:
    return {c.article.id for c in event.citations}


# The major events, each found by what its sentences say, with its expected date.
MAJOR: list[tuple[str, Callable[[Event], bool], str, str]] = [
    ("2010 India/Saudi threats", lambda e: "India" in _quotes(e), "2010", "year"),
    (
        "the July 2015 order",
        lambda e: "notified mobile phone operators" in _quotes(e),
        "2015-07",
        "month",
    ),
    ("exit announced", lambda e: "exit Pakistani mark" in _quotes(e), "2015-11-30", "day"),
    ("deadline extended", lambda e: "extend" in _quotes(e), "2015-11-30", "day"),
    ("reversal", lambda e: "rescinded its shutdown order" in _quotes(e), "2015-12-31", "day"),
]


@pytest.mark.parametrize(("name", "is_it", "date", "precision"), MAJOR)
def test_major_event_once_dated_and_cited(
    events: list[Event], name: str, is_it: Callable[[Event], bool], date: str, precision: str
) -> None:
    found = [e for e in events if is_it(e)]
    assert len(found) == 1, f"{name}: {[e.label for e in found]}"
    (event,) = found
    assert (event.date, event.precision) == (date, precision), name
    assert event.citations
    for c in event.citations:
        assert c.quote in c.paragraph.text
        assert c.paragraph in c.article.paragraphs
    assert event.summary in {c.quote for c in event.citations}


def test_major_events_in_order(events: list[Event]) -> None:
    positions = [next(i for i, e in enumerate(events) if is_it(e)) for _, is_it, _, _ in MAJOR]
    assert positions == sorted(positions)
    assert [e.sort_key for e in events] == sorted(e.sort_key for e in events)


def test_only_old_events_are_background(events: list[Event]) -> None:
    assert [e.date for e in events if e.background] == ["2010"]


def test_outlets_reporting_one_event_are_merged(events: list[Event]) -> None:
    by_date = {e.date: e for e in events}
    assert _articles(by_date["2010"]) == {CP, INFERSE_STAY}
    assert _articles(by_date["2015-12-31"]) == {CP, SOFTPEDIA, INFERSE_STAY}
    assert _articles(by_date["2015-12"]) == {CP, INFERSE_STAY}  # the CEO on lawful access
    (exit_,) = [e for e in events if "exit Pakistani mark" in _quotes(e)]
    assert SOFTPEDIA in _articles(exit_)  # "announced in late November": the more precise date wins
    (extension,) = [e for e in events if "extend" in _quotes(e)]
    assert _articles(extension) == {INFERSE_EXIT, TECHJUICE}
    assert extension.changed_to == When(2015, 12, 30)


def test_extension_reads_as_a_change_of_deadline(events: list[Event]) -> None:
    (extension,) = [e for e in events if "extend" in _quotes(e)]
    assert "30" in extension.summary and "December" in extension.summary


def test_no_teaser_headline_or_capture_date(events: list[Event]) -> None:
    texts = " ".join(c.paragraph.text for e in events for c in e.citations)
    for teaser in ("Syrian", "Air Canada", "Governor General", "earlier this week", "Surrey"):
        assert teaser not in texts
    assert all(not e.date.startswith("2024") for e in events)


def test_curated_entries_apply(events: list[Event]) -> None:
    assert not [e for e in events if e.date.startswith("2016")]  # the Priv rollout is hidden
    assert not [e for e in events if e.date == "2015"]  # "earlier this year" joined July


def test_json_shape(events: list[Event]) -> None:
    d = events[0].to_dict()
    assert list(d) == ["date", "precision", "label", "summary", "background", "citations"]
    assert list(d["citations"][0]) == TIMELINE_CITATION_KEYS
    json.dumps([e.to_dict() for e in events])


def test_engine_builds_once_and_filters() -> None:
    engine = Engine(load_corpus(SEED))
    assert engine.events is engine.events
    december = engine.timeline(When(2015, 12), When(2015, 12))
    assert [e.date for e in december] == ["2015-12", "2015-12-30", "2015-12-31"]
    assert [e.date for e in engine.timeline(end=When(2014))] == ["2010"]
    softpedia = engine.timeline(source="softpedia news")
    assert softpedia and all(SOFTPEDIA in _articles(e) for e in softpedia)
    assert select(engine.events, source=TECHJUICE) == engine.timeline(source=TECHJUICE)


# ---- a corpus that grows ---------------------------------------------------------------------


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(SEED / "articles", root / "articles")
    if (SEED / "timeline.json").exists():
        shutil.copy(SEED / "timeline.json", root / "timeline.json")
    return root


def _add(root: Path, article_id: str, published: str, paragraphs: list[str]) -> None:
    folder = root / "articles"
    title = "Pakistan regulator turns to other encrypted services"
    (folder / f"{article_id}.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n")
    meta = {
        "id": article_id,
        "title": title,
        "outlet": "Example Wire",
        "url": None,
        "published": published,
        "provenance": {"published": {"basis": "given", "how": "test"}},
    }
    (folder / f"{article_id}.json").write_text(json.dumps(meta))


def test_added_article_brings_new_event_and_cites_repeated_one(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    before = build_timeline(load_corpus(root))
    _add(
        root,
        "example-wire-regulator",
        "2016-01-06",
        [
            "Pakistan's telecommunication regulator said on Monday that it would review how "
            "other encrypted messaging services operate in the country.",
            "On December 31, BlackBerry said it would stay in Pakistan after the government "
            "dropped its demand for access to BlackBerry Enterprise Server traffic.",
        ],
    )
    after = build_timeline(load_corpus(root))
    assert len(after) == len(before) + 1
    (new,) = [e for e in after if e.date == "2016-01-04"]  # the Monday before 6 Jan 2016
    assert _articles(new) == {"example-wire-regulator"}
    (reversal,) = [e for e in after if e.date == "2015-12-31"]
    assert "example-wire-regulator" in _articles(reversal)
    assert (
        len(reversal.citations)
        == len(next(e for e in before if e.date == "2015-12-31").citations) + 1
    )
    assert after[-1] is new


# ---- curated corrections ---------------------------------------------------------------------


def _curate(root: Path, corrections: object) -> None:
    (root / "timeline.json").write_text(json.dumps({"corrections": corrections}))


def test_absent_curated_file_is_fine(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "timeline.json").unlink(missing_ok=True)
    corpus = load_corpus(root)
    assert [e.date for e in build_timeline(corpus)] == [e.date for e in extract(corpus)]
    assert any(e.date == "2016-02-29" for e in extract(corpus))  # the Priv rollout, unhidden


def _ref(article: str, paragraph: int) -> dict[str, object]:
    return {"article": article, "paragraph": paragraph}


def test_pin_redate_and_merge(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _curate(
        root,
        [
            {
                "action": "pin",
                "events": [_ref(SOFTPEDIA, 9)],
                "date": "2015-12-30",
                "reason": "talks before the reversal",
                "citation": _ref(SOFTPEDIA, 9),
            },
            {
                "action": "redate",
                "events": [_ref(CP, 5)],
                "date": "2015-12",
                "reason": "test",
                "citation": _ref(CP, 5),
            },
            {
                "action": "merge",
                "events": [_ref(CP, 13), _ref(CP, 10)],
                "reason": "test",
                "citation": _ref(CP, 13),
            },
        ],
    )
    events = build_timeline(load_corpus(root))
    (pinned,) = [e for e in events if e.date == "2015-12-30"]
    assert pinned.summary.startswith("It appears that the Pakistani government backtracked")
    assert any(e.date == "2015-12" and "Dec. 30" in e.summary for e in events)
    (merged,) = [e for e in events if "John Chen" in _quotes(e)]
    assert "India" in _quotes(merged) and merged.summary.startswith("Earlier this month")
    assert merged.date == "2015-12"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "unreadable"),
        ('{"corrections": {}}', "'corrections' list"),
        ('{"corrections": [{"action": "drop"}]}', "correction 1: 'action'"),
        (
            '{"corrections": [{"action": "hide", "events": [{"article": "x", "paragraph": 1}],'
            ' "reason": "r", "citation": {"article": "x", "paragraph": 1}}]}',
            "no article 'x'",
        ),
        (
            json.dumps(
                {
                    "corrections": [
                        {"action": "hide", "events": [_ref(CP, 1)], "citation": _ref(CP, 1)}
                    ]
                }
            ),
            "missing 'reason'",
        ),
        (
            json.dumps(
                {
                    "corrections": [
                        {
                            "action": "redate",
                            "events": [_ref(CP, 1)],
                            "reason": "r",
                            "citation": _ref(CP, 1),
                        }
                    ]
                }
            ),
            "needs a 'date'",
        ),
        (
            json.dumps(
                {
                    "corrections": [
                        {
                            "action": "pin",
                            "events": [_ref(CP, 99)],
                            "date": "2015",
                            "reason": "r",
                            "citation": _ref(CP, 1),
                        }
                    ]
                }
            ),
            "no paragraph 99",
        ),
    ],
)
def test_malformed_curated_file_is_one_clear_line(
    tmp_path: Path, content: str, message: str
) -> None:
    root = _copy(tmp_path)
    (root / "timeline.json").write_text(content)
    with pytest.raises(TimelineError) as info:
        build_timeline(load_corpus(root))
    text = str(info.value)
    assert message in text and "timeline.json" in text and "\n" not in text


# ---- captions: the part of an event's sentence that tells it -----------------------------------


def test_every_caption_is_a_whole_span_of_its_summary(events: list[Event]) -> None:
    for event in events:
        text = event.caption
        assert text in event.summary, event.label
        start = event.summary.index(text)
        end = start + len(text)
        # Cut between words, never inside one, and nothing added: no ellipsis.
        assert start == 0 or not event.summary[start - 1].isalnum()
        assert end == len(event.summary) or not event.summary[end].isalnum()
        assert "…" not in text and len(text.split()) >= 4


def test_captions_say_what_happened(events: list[Event]) -> None:
    by_date = {e.date: e.caption for e in events}
    # Attribution stripped: "Marty Beard, ..., wrote on the company's blog Thursday that ..."
    assert by_date["2015-12-31"] == "the Waterloo, Ont.-based technology firm decided to stay there"
    # The scene-setting opening goes ("In 2010,", "Earlier this year,") ...
    assert by_date["2010"].startswith("several countries including India and Saudi Arabia")
    assert by_date["2015-07"].startswith("BlackBerry’s BES servers will not be allowed")
    # ... a tail that holds the event's date stays ...
    assert by_date["2015-12-30"].endswith("ahead of a Dec. 30 deadline")
    # ... and a reported clause whose subject is a pronoun keeps who said it.
    (exit_,) = [e for e in events if "exit Pakistani mark" in _quotes(e)]
    assert exit_.caption.startswith("Blackberry in a recent official blog post has announced")
    assert exit_.caption.endswith("as of 30 November")  # not "owing to security reasons ..."


PUBLISHED = dt.date(2016, 1, 6)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "On December 31, 2015, BlackBerry said it would stay in Pakistan after the "
            "government dropped its demand.",
            "BlackBerry said it would stay in Pakistan",
        ),
        (
            "BlackBerry will keep operating in Pakistan, the company said on Thursday.",
            "BlackBerry will keep operating in Pakistan",
        ),
        (
            "According to a statement from the regulator, the Pakistani government has withdrawn "
            "its order.",
            "the Pakistani government has withdrawn its order",
        ),
        (
            "The interior minister told reporters in Islamabad on Tuesday that the government "
            "would review how encrypted services operate.",
            "the government would review how encrypted services operate",
        ),
        (
            "The regulator said on Monday that it would review other encrypted services.",
            "The regulator said on Monday that it would review other encrypted services",
        ),
        (
            "This decision, announced Monday, ends months of uncertainty for BlackBerry users.",
            "This decision, announced Monday, ends months of uncertainty for BlackBerry users",
        ),
        (
            "Although the talks were difficult, BlackBerry and the government reached an "
            "agreement on Wednesday.",
            "BlackBerry and the government reached an agreement on Wednesday",
        ),
        (
            "The order, which the regulator issued without notice, forced the company to plan "
            "its exit.",
            "The order, which the regulator issued without notice, forced the company to plan "
            "its exit",
        ),
        ("Talks failed.", "Talks failed"),
    ],
)
def test_caption(sentence: str, expected: str) -> None:
    assert caption(sentence, PUBLISHED) == expected
