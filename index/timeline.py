"""The timeline of the dispute, extracted from the corpus's own sentences.

Every paragraph that dates something contributes one mention: its most telling date
expression (a change of date first, then the most precise; "now" and "today" only when nothing
else is said) and the sentence it is in. Mentions of the same event, by one outlet or several,
become one event: the same change of date, the same day, or overlapping dates with sentences
that share most of their weighted words. The event keeps the most precise date, cites every
paragraph, and takes its summary from the mention that dates it best; its caption is the part
of that sentence that tells the event (``caption``: the sentence without the words around its
main clause, for a label that must be short). An article added later
contributes its events with no code or data change; ``timeline.json`` in the corpus folder may
correct the result (pin, merge, hide or re-date an event), each entry with a reason and a
citation.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from index.corpus import Article, Corpus, CorpusError, Paragraph
from index.dates import PRECISIONS, TimeMention, When, tag
from index.text import sentences, tokens

log = logging.getLogger(__name__)

# Events that ended this long before the earliest article are background to the dispute.
BACKGROUND_BEFORE = dt.timedelta(days=365)
# Two mentions with overlapping dates report one event when this share of the weighted words
# of one's sentence occurs in the other's paragraph.
SAME_EVENT_COVER = 0.35

# Words that say when rather than what: they must not make two sentences look alike.
_DATE_WORDS = frozenset(
    tokens(
        """january february march april may june july august september october november
        december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
        thursday friday saturday sunday today now yesterday tomorrow earlier later last next
        week month year end early late mid back"""
    )
)


@dataclass(frozen=True)
class EventCitation:
    """One paragraph reporting an event, and the sentence the event was read from."""

    article: Article
    paragraph: Paragraph
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.article.citation(self.paragraph),
            "quote": self.quote,
        }


@dataclass(frozen=True)
class Event:
    """A dated event: when (at the precision said), what (a sentence from an article), and
    every paragraph that reports it. ``changed_to`` is the new date of a change of date."""

    when: When
    summary: str
    citations: tuple[EventCitation, ...]
    background: bool = False
    changed_to: When | None = None

    @property
    def date(self) -> str:
        return self.when.iso

    @property
    def precision(self) -> str:
        return self.when.precision

    @property
    def label(self) -> str:
        return self.when.label

    @property
    def caption(self) -> str:
        """The part of the summary that tells the event, for a short label: a span of the
        sentence, cut at clause boundaries, never mid-clause (see ``caption``)."""
        published = next(
            (c.article.published for c in self.citations if c.quote == self.summary),
            self.citations[0].article.published if self.citations else None,
        )
        return caption(self.summary, published)

    @property
    def sort_key(self) -> tuple[dt.date, int, dt.date, int]:
        """Chronological; a coarser date sorts at the start of its period, before the finer
        dates in it; ties go to the order the articles tell them in."""
        first = min((c.article.published, c.paragraph.number) for c in self.citations)
        return (self.when.start, PRECISIONS.index(self.when.precision), *first)

    def to_dict(self) -> dict[str, Any]:
        """The ``timeline --json`` shape (a contract: other tools read these names)."""
        return {
            "date": self.date,
            "precision": self.precision,
            "label": self.label,
            "summary": self.summary,
            "background": self.background,
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(frozen=True)
class _Mention:
    citation: EventCitation
    time: TimeMention
    when: When  # when the event happened (a change's anchor, else the expression's value)
    words: frozenset[str]  # content words of the sentence
    context: frozenset[str]  # content words of the whole paragraph


def extract(corpus: Corpus) -> list[Event]:
    """The timeline of ``corpus`` before any curated correction, sorted."""
    weight = _idf(corpus.paragraphs)
    mentions = [m for a in corpus.articles for p in a.paragraphs if (m := _mention(a, p))]
    earliest = min((a.published for a in corpus.articles), default=dt.date.max)
    return sort_events(_event(c, earliest) for c in _clusters(mentions, weight))


def select(
    events: Iterable[Event],
    start: When | None = None,
    end: When | None = None,
    source: str | None = None,
) -> list[Event]:
    """The events overlapping ``start``..``end`` (either open) reported by ``source`` (an
    article id or an outlet, any case; None for all)."""
    wanted = source.casefold() if source else None
    return [
        e
        for e in events
        if (start is None or e.when.end >= start.start)
        and (end is None or e.when.start <= end.end)
        and (
            wanted is None
            or any(
                wanted in (c.article.id.casefold(), c.article.outlet.casefold())
                for c in e.citations
            )
        )
    ]


def sort_events(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=lambda e: e.sort_key)


def is_background(when: When, earliest_article: dt.date) -> bool:
    return when.end < earliest_article - BACKGROUND_BEFORE


def _mention(article: Article, paragraph: Paragraph) -> _Mention | None:
    found = [(s, t) for s in sentences(paragraph.text) for t in tag(s, article.published)]
    if not found:
        return None
    sentence, best = max(found, key=lambda st: _rank(st[1]))
    when = best.when
    if best.kind == "change":
        # A change is dated when the sentence says it was made, else at the date it changes.
        anchors = [t for s, t in found if s == sentence and t.kind != "change"]
        if anchors:
            when = max(anchors, key=_rank).when
    return _Mention(
        citation=EventCitation(article, paragraph, sentence),
        time=best,
        when=when,
        words=_content(sentence),
        context=_content(paragraph.text),
    )


def _rank(time: TimeMention) -> tuple[int, int, int]:
    """How well an expression dates its paragraph: "now" least, a change of date most, then
    the most precise; earlier in the text breaks ties (max picks the first of equals)."""
    return (time.kind != "present", time.kind == "change", PRECISIONS.index(time.when.precision))


def _content(text: str) -> frozenset[str]:
    return frozenset(t for t in tokens(text) if t not in _DATE_WORDS and not t.isdigit())


def _idf(paragraphs: Sequence[Paragraph]) -> dict[str, float]:
    df = Counter(t for p in paragraphs for t in _content(p.text))
    n = len(paragraphs)
    return {t: math.log(1.0 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}


def _cover(words: frozenset[str], context: frozenset[str], weight: dict[str, float]) -> float:
    total = sum(weight.get(w, 0.0) for w in words)
    return sum(weight.get(w, 0.0) for w in words & context) / total if total else 0.0


def _clusters(mentions: Sequence[_Mention], weight: dict[str, float]) -> list[list[_Mention]]:
    """Connected groups of mentions of the same event (order-independent). The same change or
    the same day joins at once; otherwise only mentions sharing one of a sentence's rarest
    words can reach SAME_EVENT_COVER, so only those are compared (prefix filtering)."""
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(j)] = root(i)

    first: dict[tuple[object, ...], int] = {}
    holders: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.time.kind == "change":
            key: tuple[object, ...] | None = ("change", m.time.when, m.time.to)
        else:
            key = ("day", m.when) if m.when.precision == "day" else None
            for word in m.context:
                holders[word].append(i)
        if key is not None:
            join(first.setdefault(key, i), i)
    for i, m in enumerate(mentions):
        if m.time.kind == "change":
            continue
        for j in {j for w in _prefix(m.words, weight) for j in holders[w]}:
            other = mentions[j]
            if (
                root(i) != root(j)
                and m.when.overlaps(other.when)
                and _cover(m.words, other.context, weight) >= SAME_EVENT_COVER
            ):
                join(i, j)
    clusters: dict[int, list[_Mention]] = defaultdict(list)
    for i, m in enumerate(mentions):
        clusters[root(i)].append(m)
    return list(clusters.values())


def _prefix(words: frozenset[str], weight: dict[str, float]) -> list[str]:
    """The rarest words of a sentence without which the rest weigh less than SAME_EVENT_COVER
    of it: a paragraph sharing none of them cannot cover the sentence enough."""
    ranked = sorted(words, key=lambda w: (-weight.get(w, 0.0), w))
    rest = sum(weight.get(w, 0.0) for w in ranked)
    need = SAME_EVENT_COVER * rest
    prefix = []
    for word in ranked:
        if rest < need:
            break
        prefix.append(word)
        rest -= weight.get(word, 0.0)
    return prefix


def _dating(m: _Mention) -> tuple[int, int, int, bool, int]:
    """How well a mention dates its event: precision first, then a said date over "now", a
    stated publication date over an inferred one, then the earlier paragraph."""
    return (
        PRECISIONS.index(m.when.precision),
        m.time.kind != "present",
        m.time.kind == "change",
        not m.citation.article.inferred("published"),
        -m.citation.paragraph.number,
    )


def _event(cluster: list[_Mention], earliest: dt.date) -> Event:
    lead = max(cluster, key=_dating)
    return Event(
        when=lead.when,
        summary=lead.citation.quote,
        citations=_ordered({m.citation.paragraph.key: m.citation for m in cluster}.values()),
        background=is_background(lead.when, earliest),
        changed_to=lead.time.to,
    )


def _ordered(citations: Iterable[EventCitation]) -> tuple[EventCitation, ...]:
    return tuple(
        sorted(citations, key=lambda c: (c.article.published, c.article.id, c.paragraph.number))
    )


# --- captions: the part of an event's sentence that tells it -------------------------------

# A clause reported by a verb of saying: "X wrote on the company's blog Thursday that <clause>".
_REPORTED_THAT = re.compile(
    r"\b(?:said|says|announced|announces|wrote|writes|confirmed|confirms|reported|reports|told"
    r"|tells|stated|states|added|adds|explained|explains|noted|notes|claimed|claims|warned"
    r"|warns|revealed|reveals|insisted|acknowledged|declared|notified|informed|stressed"
    r"|argued)\b[^,;:.!?\"“”()]{0,80}?\bthat\s+",
    re.IGNORECASE,
)
# Words a subject may begin with, other than a name (a capitalised word) or a number; not a
# pronoun or a possessive ("it", "its"), which need the attribution to be understood.
_DETERMINERS = frozenset(
    """the a an several many some all both each every no any most few two three four five six
    seven eight nine ten""".split()
)
# Attribution after the clause it reports: "..., the minister said", "..., according to X".
_SAID_AFTER = re.compile(
    r",\s+(?:according\s+to\b[^,]*|[^,]{1,60}?\b(?:said|says|told|tells|wrote|writes|added"
    r"|adds|reported|reports|announced|confirmed|noted|explained)\b[^,]*)$",
    re.IGNORECASE,
)
# A leading phrase set off by a comma that sets the scene rather than tells the event:
# "In 2010,", "Earlier this year,", "However,", "After this official post,", "According to X,".
_OPENERS = frozenset(
    """in on at by after before since during until following from earlier later back however
    meanwhile still now then also though although while when whereas as once according amid
    despite with without under today yesterday recently previously moreover furthermore
    additionally instead thus nevertheless nonetheless indeed finally""".split()
)
# Single leading words that only link the sentence to the one before: "Though now the ...".
_CONNECTIVES = frozenset("but and so yet now also still then however meanwhile though thus".split())
# Where a dependent clause or adjunct begins after the main clause; one set off by a comma
# ("X, which ...") ends the sentence only if no comma closes it ("X, which ..., did Y").
_TAIL = re.compile(
    r",?\s+(?:once|because|since|owing\s+to|due\s+to|following|after|before|while|when|whereas"
    r"|although|though|unless|until|ahead\s+of|amid|despite|in\s+order\s+to|so\s+that|if)\s+"
    r"|(?P<comma>,\s+(?:which|who|as|saying|adding|but|and)\s+)",
    re.IGNORECASE,
)
# A finite or past verb: a main clause has one.
_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|shall|should|do"
    r"|does|did|said|says|told|wrote|made|gave|took|came|went|began|left|sent|won|lost|met"
    r"|held|kept|stays?|leaves?|exits?|quits?|[a-z]{3,}ed)\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"\S+")
_END = " \t,;:.!?\"'“”’"


@lru_cache(maxsize=4096)
def caption(sentence: str, published: dt.date | None = None) -> str:
    """The part of ``sentence`` that tells its event, as one span of it: without the scene
    set before the main clause ("In 2010, ...", "However, ..."), without the attribution
    around a reported clause ("X wrote on the blog Thursday that <clause>", "<clause>, X
    said") when the clause names its own subject, and without a dependent clause after it
    ("... once the decision was made") unless that holds a date (the deadline an event is
    dated by). Never cut inside a clause; the whole sentence when nothing can go."""
    dates = [(t.start, t.end) for t in tag(sentence, published)] if published else []
    start, end = 0, len(sentence.rstrip(_END))
    while True:
        moved = _skip_opening(sentence, start, end, dates)
        moved = _skip_attribution(sentence, moved, end)
        if moved == start:
            break
        start = moved
    end = _cut_tail(sentence, start, end, dates)
    text = sentence[start:end].strip(_END)
    if len(text.split()) < 3:
        return sentence.strip().rstrip(".!? ")
    return text


def _skip_opening(s: str, start: int, end: int, dates: list[tuple[int, int]]) -> int:
    """Past a scene-setting opening phrase or a linking word."""
    words = _WORD_RE.findall(s[start:end])
    if len(words) < 4:
        return start
    first = words[0].strip("\"“‘'(,").casefold()
    comma = s.find(",", start, end)
    if comma >= 0 and len(s[start:comma].split()) <= 10:
        phrase = s[start:comma]
        in_date = any(a <= start and comma <= b + 1 for a, b in dates)
        dated = [w for w in tokens(phrase) if w not in _DATE_WORDS and not w.isdigit()] == []
        if first in _OPENERS or in_date or dated:
            return _next_word(s, comma + 1, end)
    if first in _CONNECTIVES and not words[0].endswith(","):
        return _next_word(s, start + len(words[0]), end)
    return start


def _skip_attribution(s: str, start: int, end: int) -> int:
    """To the clause a verb of saying reports, when it begins with its own subject (not a
    pronoun, which needs the attribution to be understood)."""
    match = _REPORTED_THAT.search(s, start, end)
    if match is None:
        return start
    head = s[start : match.start()]
    following = _WORD_RE.match(s, match.end(), end)
    if not following or head.count("(") != head.count(")"):
        return start
    subject = following.group().strip("\"“‘'(")
    word = subject.casefold().replace("’", "'").split("'")[0]
    if word in _DETERMINERS or subject[:1].isupper() or subject[:1].isdigit():
        return match.end()
    return start


def _cut_tail(s: str, start: int, end: int, dates: list[tuple[int, int]]) -> int:
    """Before trailing attribution, then before the first dependent clause or adjunct that
    follows a main clause and holds no date."""
    said = _SAID_AFTER.search(s, start, end)
    if said and _is_clause(s[start : said.start()]):
        end = said.start()
    for match in _TAIL.finditer(s, start, end):
        head = s[start : match.start()]
        if head.count("(") != head.count(")") or head.count("“") != head.count("”"):
            continue
        if any(match.start() < b and a < end for a, b in dates):
            continue  # the tail holds a date ("ahead of a Dec. 30 deadline"): keep it
        if match.group("comma") and "," in s[match.end() : end]:
            continue  # a clause in commas inside the sentence, not at its end
        if _is_clause(head):
            return match.start()
    return end


def _is_clause(text: str) -> bool:
    return len(text.split()) >= 4 and _VERB.search(text) is not None


def _next_word(s: str, at: int, end: int) -> int:
    while at < end and s[at].isspace():
        at += 1
    return at


# --- curated corrections -------------------------------------------------------------------

CURATED = "timeline.json"
ACTIONS = ("pin", "merge", "hide", "redate")


class TimelineError(CorpusError):
    """A malformed curated timeline file (one line, naming the file and the entry)."""


@dataclass(frozen=True)
class Ref:
    """A paragraph of an article, as the curated file names it."""

    article: str
    paragraph: int


@dataclass(frozen=True)
class Correction:
    """One curated entry: ``action`` applied to the events citing ``events``."""

    action: str
    events: tuple[Ref, ...]
    reason: str
    citation: Ref
    when: When | None = None
    background: bool | None = None
    quote: str = ""


def load_corrections(root: Path, corpus: Corpus) -> list[Correction]:
    """The corrections in ``root/timeline.json``: none when the file is absent; TimelineError
    (one line) when it is malformed or names a paragraph the corpus does not have."""
    path = root / CURATED
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TimelineError(f"{path}: unreadable ({str(exc).splitlines()[0]})") from None
    entries = data.get("corrections") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise TimelineError(f"{path}: expected an object with a 'corrections' list")
    out = []
    for n, entry in enumerate(entries, 1):
        try:
            out.append(_correction(entry, corpus))
        except ValueError as exc:
            raise TimelineError(f"{path}: correction {n}: {exc}") from None
    return out


def _correction(entry: Any, corpus: Corpus) -> Correction:
    if not isinstance(entry, dict):
        raise ValueError("must be an object")
    action = entry.get("action")
    if action not in ACTIONS:
        raise ValueError(f"'action' must be one of {', '.join(ACTIONS)}")
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError("missing 'reason'")
    raw_events = entry.get("events")
    if not isinstance(raw_events, list) or not raw_events:
        raise ValueError("'events' must be a non-empty list of {article, paragraph}")
    events = tuple(_ref(e, corpus) for e in raw_events)
    if "citation" not in entry:
        raise ValueError("missing 'citation'")
    citation = _ref(entry["citation"], corpus)
    date = entry.get("date")
    if date is not None and not isinstance(date, str):
        raise ValueError("'date' must be YYYY, YYYY-MM or YYYY-MM-DD")
    when = When.parse(date) if date else None
    if action in ("pin", "redate") and when is None:
        raise ValueError(f"{action!r} needs a 'date'")
    if action == "merge" and len(events) < 2:
        raise ValueError("'merge' needs at least two events")
    background = entry.get("background")
    if background is not None and not isinstance(background, bool):
        raise ValueError("'background' must be true or false")
    quote = entry.get("quote", "")
    if not isinstance(quote, str):
        raise ValueError("'quote' must be a string")
    return Correction(action, events, reason.strip(), citation, when, background, quote.strip())


def _ref(raw: Any, corpus: Corpus) -> Ref:
    if not isinstance(raw, dict):
        raise ValueError("a paragraph reference must be an object {article, paragraph}")
    article, number = raw.get("article"), raw.get("paragraph")
    if not isinstance(article, str) or not isinstance(number, int) or isinstance(number, bool):
        raise ValueError("a paragraph reference needs 'article' (text) and 'paragraph' (number)")
    try:
        paragraphs = corpus.article(article).paragraphs
    except KeyError:
        raise ValueError(f"no article {article!r} in the corpus") from None
    if not 1 <= number <= len(paragraphs):
        raise ValueError(f"{article!r} has no paragraph {number}")
    return Ref(article, number)


def apply_corrections(
    events: Sequence[Event], corrections: Sequence[Correction], corpus: Corpus
) -> list[Event]:
    """Apply curated corrections in file order; one that no longer matches an event is logged
    and skipped (the extraction may have improved since it was written)."""
    out = list(events)
    earliest = min((a.published for a in corpus.articles), default=dt.date.max)
    for fix in corrections:
        matched = [e for e in out if any(_cites(e, r) for r in fix.events)]
        if fix.action == "pin" and not matched:
            ref = fix.events[0]
            article = corpus.article(ref.article)
            paragraph = article.paragraphs[ref.paragraph - 1]
            quote = fix.quote or sentences(paragraph.text)[0]
            assert fix.when is not None
            out.append(Event(fix.when, quote, (EventCitation(article, paragraph, quote),)))
            matched = out[-1:]
        if not matched:
            log.warning("timeline correction (%s) matches no event: %s", fix.action, fix.reason)
            continue
        out = [e for e in out if e not in matched]
        if fix.action == "hide":
            continue
        if fix.action == "merge":
            # The first event named gives the summary; the most precise date is kept.
            first = next(e for r in fix.events for e in matched if _cites(e, r))
            citations = {c.paragraph.key: c for e in [first, *matched] for c in e.citations}
            best = max((e.when for e in matched), key=lambda w: PRECISIONS.index(w.precision))
            matched = [replace(first, when=best, citations=_ordered(citations.values()))]
        for event in matched:
            when = fix.when or event.when
            background = fix.background
            out.append(
                replace(
                    event,
                    when=when,
                    background=is_background(when, earliest) if background is None else background,
                )
            )
    return sort_events(out)


def _cites(event: Event, ref: Ref) -> bool:
    return any(
        c.article.id == ref.article and c.paragraph.number == ref.paragraph for c in event.citations
    )


def build_timeline(corpus: Corpus) -> list[Event]:
    """The corpus's timeline with its curated corrections applied (``corpus.root``)."""
    return apply_corrections(extract(corpus), load_corrections(corpus.root, corpus), corpus)
