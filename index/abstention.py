"""How sure the engine is of an answer: answer, answer tentatively, or decline.

Decline only on evidence that the articles do not cover the question, never because some of
its words are unfamiliar (chat filler, slang and paraphrase are normal input):
- it names something the articles never mention: a capitalised name (unless the question is
  typed in capitals or title case, where capitals tell nothing), or a word that is no
  English word and no corpus word or misspelling of one ("valorant", "iamaw"), or a figure
  such as a year they never give, or what a yes/no question asks about ("did apple ...?");
- most of its weight lies in words the articles never use;
- it asks for a kind of answer no candidate passage holds (a price, a count, the name of a
  "chairman" when the articles mention no one so called);
- the best passage holds almost none of its weight.
Between a clear answer and a refusal lies the tentative answer: the closest passage, shown
as such, when the best passage covers only half of the question, when more than a fifth of its
weight is in words unknown to the articles, or when it asks "why" and the passage gives no
reason.

Weights are idf (a word the articles never use weighs as much as the rarest word), so a
question's specific words count for more than "BlackBerry" or "Pakistan".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from index.text import STOPWORDS, stem, words

# Share of the question's weight carried by words the articles never use (nor any expansion)
# beyond which it is about something else.
MAX_UNKNOWN_SHARE = 0.5
# Share of the question's weight that the best passage must hold to be offered at all (over
# every set, 125 files: at 0.2, 134 + 17 in-scope questions declined, 895 out-of-scope ones;
# at 0.15, 120 + 15 and 890, 5 more right first; at 0.1, 117 + 14 and 888) ...
MIN_COVERAGE = 0.15
# ... and to be offered without "I'm not sure", when no more than this share of its weight is in
# words the articles never use (chat questions nearly always hold one, "lol" aside).
SURE_COVERAGE = 0.5
SURE_UNKNOWN_SHARE = 0.2
# A follow-up's own words: the share of their weight its best passage must hold for a sure
# answer (unless it holds the kind of answer asked for). Higher than SURE_COVERAGE: the words the
# earlier questions lend it make both rankings agree on what the conversation is about, not on
# what it now asks. (Over every set's follow-ups: 0.5: 79 of 104 sure answers right, 0.75: 71
# of 90, 1: 69 of 87.)
FOLLOW_UP_SURE_COVERAGE = 0.75

# Share of the question's weight that words naming something the articles never mention must
# carry to decline it (in a long question, a passing mention of a city is no reason).
MIN_NAME_SHARE = 0.15

# A capitalised word that does not start a sentence.
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’-]+)", re.UNICODE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# Capitals tell names only in a question where at most this share of the words after the
# first are capitalised: typed in capitals ("WHY DID BB FOLD") or in title case, they tell none.
MAX_CAPITALISED_SHARE = 0.5


@dataclass(frozen=True)
class TermEvidence:
    term: str
    weight: float  # idf; the highest possible for a term the corpus never uses
    # 1: the corpus uses it or a form that says the same; less when it uses only a synonym.
    known: float
    # The best paragraph holds it (1), or only one of its expansions (their weight), or not (0).
    in_top: float
    # Unknown, and no English word either: a name or figure the articles never mention.
    specific: str = ""
    # An article's headline has it: it names what the story is about.
    headline: bool = False


@dataclass(frozen=True)
class Verdict:
    declined: str = ""  # why the engine declines; empty to answer
    tentative: bool = False  # answer, but say it may not answer the question
    # Sure or not came down to how likely the passage is to answer (``_sure``) alone: nothing
    # else made the answer tentative. (The confidence model is fitted on such answers.)
    weighed: bool = field(default=False, compare=False)


def judge(
    question: str,
    terms: Sequence[TermEvidence],
    *,
    own: Sequence[TermEvidence] | None = None,
    referent: Sequence[str] = (),
    names: Sequence[str] = (),
    subject: str = "",
    about_the_story: bool = False,
    missing_kind: str = "",
    no_reason: bool = False,
    agreed: bool | None = None,
    near: bool | None = None,
    overturned: bool = False,
    sequence: bool = False,
    kind_held: bool = False,
    leaning: bool = False,
    strayed: bool = False,
    reordered: bool = False,
    unnamed: bool = False,
    undated: bool = False,
    unmentioned: bool = False,
    within: bool = False,
    elsewhere: bool = False,
    mixed: bool = False,
    given: bool = False,
    likely: bool | None = None,
) -> Verdict:
    """``question``: as the user wrote it, markup stripped (reasons quote only its words);
    ``own``: a follow-up's own terms among ``terms`` (which hold those its earlier questions
    lend it): whether the articles mention what it asks about is judged on them alone;
    ``referent``: among them, the terms of the person its "he" or "his" stands for
    (``index.followup.resolve_person``);
    ``names``: its capitalised words the articles never use (``unknown_names``), and what a
    yes/no question asks about when they never use it (``evidence.unknown_subject``);
    ``subject``: that, when it names one particular thing (``evidence.named_subject``): the
    question asks about it ("Has China ever made similar demands of BlackBerry?"), so it is
    declined however well its other words match, whatever share of its weight it carries;
    ``about_the_story``: the question asks how the story came out ("How did it end?"), which
    the engine answers with what the articles report last, or what happened next ("what
    happened after it went up?"), which it answers with the timeline's next event: either needs
    no words of its own;
    ``missing_kind``: the kind of answer asked for that no candidate passage holds, as the
    reason names it ("price or amount of money for this", "name of any “mayor”");
    ``no_reason``: a "why" question whose best passage gives no reason. A "why" question
    presumes that something happened, and a passage that only mentions it, giving no reason,
    does not show that it did ("Why did it close on Dec 30?" answered by "the shutdown was
    extended to Dec 30"): at most a tentative answer. ``agreed``: the ranking by words and
    the ranking by meaning put the same report first; ``near``: the best passage is among the
    NEAR_IN_MEANING closest by meaning (both None when meaning is turned off). Sure takes two
    signals that agree: both rankings put the same report first, or the words make it sure
    (coverage) and meaning puts it near the top. ``overturned``: the best passage cannot
    settle the question (``index.evidence.overturned``): asked how something came out, it
    only tells what someone meant or threatened to do, or it reports how things stood before
    the story's latest dated event, which later reports may have overturned; asked whether
    something happened, it is such a report and only tells what someone meant to do ("it will
    exit"): at most tentative.
    ``sequence``: the question asks what came before or after something it names ("What did
    the government do after the blog post?"), which its words match rather than what it asks
    for: at most tentative. ``kind_held``: the question asks for a date, a name or a number
    and the best passage holds one. A follow-up that brings words of its own is sure only when
    the passage holds them, or the kind of answer it asks for: the earlier questions' words,
    which it is read with, make both rankings agree on what the conversation is about, not on
    what it now asks ("would that include the actual messages?"). ``leaning``: a follow-up
    with no words of its own ("who said that?"), read with the earlier question's: its best
    passage holding little of them, or their being words the articles never use, makes it
    tentative, never declined (the articles answered the earlier question; what it asks of
    it is for the reader to judge). ``reordered``: a follow-up whose first passage the learned
    order (``index.followup_order``) put before the one the retrieval stages put first: the
    signals ``likely`` weighs were fitted on answers as the stages ordered them, and such
    answers given as sure were right only 10 times in 16 (over every set's follow-ups): at most
    tentative. ``strayed``: a follow-up answered from outside the thread of
    the conversation (``index.followup.strays``): at most tentative. ``unnamed``: the question
    asks which ones of a kind ("which software firms did they buy?") and the best passage
    mentions the kind but names none (``index.answer_types.named_ones``): at most tentative.
    ``undated``: a "when" question asking the date of a deed the articles never tell ("when
    did john chen become ceo?", ``index.evidence.undated``): the date the best passage holds
    is of something else; at most tentative (over every set: 17 out-of-scope questions no
    longer answered as sure; no in-scope answer changed).
    ``unmentioned``: the question asks which one of a kind of thing ("which law did pakistan
    use?") and the best passage does not mention that kind (``index.evidence.unmentioned``):
    it cannot tell which one; at most tentative (over every set: 16 out-of-scope questions no
    longer answered as sure, 10 right sure answers tentative).
    ``within``: the question names a place the articles never mention, only the country it
    lies in ("will my blackberry still work in Karachi?", ``index.evidence.named_within``):
    what they say of Pakistan may not hold there; at most tentative.
    ``elsewhere``: the question restricts what it asks to a place ("when will the Priv go on
    sale in Pakistan?") that the best passage neither names nor points to
    (``index.evidence.elsewhere``): what it tells may hold elsewhere; at most tentative.
    ``mixed``: the question mixes Roman Urdu into its English ("pakistan ne order wapas kyun
    liya", ``reading.mixed_with_urdu``): a word of it that is neither English nor the
    articles' ("wapas", "dhamki") is as likely Urdu as a name, and does not by itself show that
    it asks about something the articles never mention; its capitalised names and figures
    still do (over every set: 7 needless declines fewer, 2 of them now right first; one
    out-of-scope question naming mobile networks in lower case answered tentatively).
    ``given``: the question asks for a kind of answer that only a passage of that shape gives
    (a stock symbol, "TSX:BB") and the best passage gives one: however few of its words the
    passage holds, or the articles use ("under which ticker is BlackBerry *identified* in the
    *coverage*?"), it is offered, at most tentatively.
    ``likely``: the calibrated confidence model's verdict that the passage answers the question
    (``index.confidence``), which decides sure in place of ``agreed`` and ``near`` (None:
    meaning is off, and they decide)."""
    # Its own words with and without the person its "he" stands for: the name alone, which
    # the passages naming that person hold, says nothing of what is asked about them.
    said = [t for t in own or () if t.term not in referent]
    vague = not kind_held and any(
        bool(words_) and _coverage(words_) < FOLLOW_UP_SURE_COVERAGE for words_ in (own or (), said)
    )
    if not terms:
        if about_the_story:
            return Verdict(tentative=overturned)
        return Verdict("The question has no words to look up in the articles.")
    if subject:
        return Verdict(f"The articles never mention {_quote_list([subject])}.")
    asked = own or terms
    total = sum(t.weight for t in asked)
    capitalised = list(names)
    named = {stem(w) for name in capitalised for w in words(name)}
    naming = [
        t for t in asked if (t.specific and (t.specific.isdigit() or not mixed)) or t.term in named
    ]
    if naming and sum(t.weight for t in naming) / total >= MIN_NAME_SHARE:
        names = [*capitalised, *(t.specific for t in naming if t.specific)]
        # "Indonesia" once, as written, not again as the word it was read as ("indonesia").
        once: dict[str, str] = {}
        for name in names:
            once.setdefault(name.casefold(), name)
        return Verdict(f"The articles never mention {_quote_list(list(once.values()))}.")
    unknown = [t for t in asked if t.known < 1]
    # What the story is about may be in the words a follow-up is read with ("why'd they
    # change their mind?" after a question about the reversal).
    meant = (_meant(terms, agreed, near) or given) and not missing_kind
    if sum(t.weight * (1 - t.known) for t in unknown) / total > MAX_UNKNOWN_SHARE:
        if meant or leaning:
            return Verdict(tentative=True)
        shown = _as_written(question, unknown)
        return Verdict(f"The articles do not cover this (they never mention {_quote_list(shown)}).")
    total = sum(t.weight for t in terms)
    unknown = [t for t in terms if t.known < 1]
    unknown_share = sum(t.weight * (1 - t.known) for t in unknown) / total
    if missing_kind:
        return Verdict(f"The articles give no {missing_kind}.")
    # What keeps any answer tentative, however sure its passage.
    vetoed = (
        overturned
        or sequence
        or vague
        or strayed
        or unnamed
        or undated
        or unmentioned
        or within
        or elsewhere
        or reordered
    )
    if about_the_story:
        return _weighed(vetoed, _sure(not unknown, agreed, near, likely))
    coverage = _coverage(terms)
    if coverage < MIN_COVERAGE:
        if meant or leaning:
            return Verdict(tentative=True)
        return Verdict("No paragraph in the articles answers the question closely enough.")
    by_words = coverage >= SURE_COVERAGE and unknown_share <= SURE_UNKNOWN_SHARE
    return _weighed(no_reason or vetoed, _sure(by_words, agreed, near, likely))


def _weighed(tentative: bool, sure: bool) -> Verdict:
    """Tentative when something else makes it so; else as sure as the passage is likely."""
    return Verdict(tentative=tentative or not sure, weighed=not tentative)


def _coverage(terms: Sequence[TermEvidence]) -> float:
    """The share of the terms' weight that the best passage holds."""
    return sum(t.weight * t.in_top for t in terms) / sum(t.weight for t in terms)


def _sure(
    by_words: bool, agreed: bool | None, near: bool | None, likely: bool | None = None
) -> bool:
    """Sure by the calibrated confidence model (``likely``) when there is one; else by two
    signals: the words alone when meaning is off; else both rankings agreeing on the first
    report, or the words sure and meaning putting the passage near the top. (On the
    development sets: right 0.86-0.88 of the time, against 0.74-0.85 by words alone.)"""
    if likely is not None:
        return likely
    if agreed is None:
        return by_words
    return agreed or (by_words and bool(near))


def _meant(terms: Sequence[TermEvidence], agreed: bool | None, near: bool | None) -> bool:
    """Whether meaning vouches for the best passage where words fall short: the question (or
    the conversation it follows up) and the passage share a word of the articles' headlines
    (what the story is about), and either both rankings put the passage's report first or it
    is among the closest by meaning."""
    about = any(t.headline and t.in_top == 1 for t in terms)
    return about and bool(agreed or near)


def _term_of(word: str, terms: Sequence[TermEvidence]) -> bool:
    return stem(word) in {t.term for t in terms}


def _as_written(question: str, terms: Sequence[TermEvidence]) -> list[str]:
    """The question's words that are among ``terms``, once each, as written ("Karachi"; a
    possessive without its "'s")."""
    out: dict[str, str] = {}
    for raw in _WORD.findall(question):
        for word in words(raw):
            if _term_of(word, terms):
                out.setdefault(word, re.sub(r"['’]s$", "", raw))
    return list(out.values())


def unknown_names(question: str, is_known_word: Callable[[str], bool]) -> list[str]:
    """Capitalised words inside the question (not starting a sentence) that the corpus never
    uses: a question about a person, place or thing the articles do not mention. None when
    the question's capitals tell nothing (most of its words have one)."""
    out = [
        word for word, folded in _capitalised(question) if not any(is_known_word(w) for w in folded)
    ]
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1024)  # of questions asked again
def _capitalised(question: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The question's capitalised words inside it, each with its words but stopwords; none
    when its capitals tell nothing."""
    later = _WORD.findall(question)[1:]
    if sum(w[0].isupper() for w in later) > MAX_CAPITALISED_SHARE * len(later):
        return ()
    found = (
        (word, tuple(w for w in words(word) if w not in STOPWORDS))
        for word in _CAPITALISED.findall(question)
    )
    return tuple((word, folded) for word, folded in found if folded)


def _quote_list(items: Sequence[str]) -> str:
    quoted = [f"“{i}”" for i in items] or ["its words"]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
