"""What kind of answer a question wants, and whether a paragraph has one.

Classic question answering: a "when" question is answered by a paragraph that has a date in
it, a "why" question by one that gives a reason, a "who" question by one that names a person,
"how many" by one with a number. Paragraphs with the expected kind of answer get a boost; the
words that ask ("when", "why", ...) are stopwords and never match by themselves. An "outcome"
question ("How did it end?") is answered by what the articles report last.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import pairwise

from index.text import STOPWORDS, folded_words, sentence_spans, stem, words
from index.thesaurus import WordNet, wordnet

_MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?"
    r"|oct(ober)?|nov(ember)?|dec(ember)?"
)
_WEEKDAYS = r"(mon|tues|wednes|thurs|fri|satur|sun)day"
# kind -> (pattern, whether it is matched against the lower-cased text). Lower-casing once and
# matching literally is two to three times faster than re.IGNORECASE; "who" looks for capitals.
_KINDS = {
    "when": (
        re.compile(
            rf"\b(({_MONTHS})\.?\s+\d{{1,2}}|\d{{1,2}}(st|nd|rd|th)?\s+({_MONTHS})\b|(in|of|since|by|early|mid|late)"
            rf"[\s-]+({_MONTHS})\b|(19|20)\d\d|{_WEEKDAYS}|today|yesterday|tomorrow"
            r"|(this|last|next|earlier this|later this) (week|month|year)|ago)\b"
        ),
        True,
    ),
    "why": (
        re.compile(
            r"\b(because|since|after|once|due to|owing to|as a result|hence|therefore|thus|so that"
            r"|following|(in|as an?) (response|reaction|retaliation|reply)|in order to|reasons?"
            r"|for the sake|in the wake of|amid"
            r"|in light of|on the grounds|consequently|as a consequence|given that|concerns?"
            r"|motives?)\b"
        ),
        True,
    ),
    "who": (
        re.compile(
            r"\b[A-Z][a-z]+ [A-Z][a-z]+\b|\b(chief|ceo|coo|officials?|minister|spokes\w+)\b"
        ),
        False,
    ),
    "how many": (
        re.compile(
            r"\b\d[\d,.]*\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?"
            r"|thousands?|millions?|several)\b"
        ),
        True,
    ),
}
# The kinds a paragraph can hold, in the order of their bits in ``kinds_of``.
KINDS = (*_KINDS, "where")
# Kinds of answer a paragraph is told to hold by a sure sign (a date, a name, a number); a
# reason's signs ("after", "since") are too common in news to sort by.
FILTERING_KINDS = ("when", "who", "how many")
# Words that name a reason: in a "why" question they only ask for one ("what was their
# excuse?").
REASON_WORDS = """reason reasons reasoning excuse excuses motive motives rationale justification
    justifications""".split()
# The stems of verbs that ask for a cause after "what": "what prompted ...", "what triggered
# ...", "what led them to ...".
CAUSING_VERBS = "prompt trigger caus spark provok motivat drive drove made lead led".split()
# "What prompted it", "what made pak cave": the verb that asks for the cause.
_CAUSE_ASKED = re.compile(
    rf"\bwhat(?:\W+\w+)?\W+((?:{'|'.join(CAUSING_VERBS)})\w*)\b", re.IGNORECASE
)


def causing_verb(question: str) -> str | None:
    """The verb by which the question asks what brought something about ("prompted" in "what
    prompted the notice?", "made" in "what made pak cave"), lower-cased; None when it asks so
    by none. It only asks for a cause, as "why" does: it says nothing of what happened."""
    found = _CAUSE_ASKED.search(question)
    return None if found is None else found.group(1).lower()


_ASKS = [
    ("how many", re.compile(r"\bhow (many|much)\b", re.IGNORECASE)),
    # A time, or a part of one ("in which part of the month", "at what point").
    (
        "when",
        re.compile(
            r"\b(when|(what|which) ((part|half|stage) of (the|which|what) )?"
            r"(day|week|month|year|time)|at what point|dates?)\b",
            re.IGNORECASE,
        ),
    ),
    # A reason asked for by name ("and india, what was their reason?", "whats their excuse")
    # is a "why"; so is a cause asked for by what brought it about ("what prompted the
    # notice?", "what made pak change its mind", "what event led to it?").
    (
        "why",
        re.compile(
            rf"\b(why|what for|how come|{'|'.join(REASON_WORDS)})\b|{_CAUSE_ASKED.pattern}",
            re.IGNORECASE,
        ),
    ),
    # A place ("where are the servers?", "bb hq where"), not a "where" that only relates ("a
    # market where it still has fans"); "which city" asks for one too (``_asks_which``).
    (
        "where",
        re.compile(
            r"^\W*where\b|\bwhere\b(?=\W*$|\s*[?,'’]|\s+(is|are|was|were|do|does|did|r|can"
            r"|could|would|will|exactly|again|else)\b)",
            re.IGNORECASE,
        ),
    ),
    # A person asked for by what they did or are ("who said it?", "who is Marty Beard?");
    # "whom did they notify?" or "who did they send it to?" asks for whoever received
    # something: as often a body ("the mobile operators") as a person.
    (
        "who",
        re.compile(
            r"\bwhose\b|\bwho\b(?!\W+(did|does|do|will|would|could|can|should)\s+\w+\W+\w)",
            re.IGNORECASE,
        ),
    ),
    # How the story came out: answered by what the articles report last, not by a word match.
    (
        "outcome",
        # (Not inside a hyphenated word: "end-to-end" is no ending.) "Still" asks whether
        # what was meant to happen is still on ("is bb still leaving?", "still gonna happen"),
        # not how things stand ("does bb still have fans?", "still popular"): over every set,
        # 21 more right first, one follow-up fewer.
        re.compile(
            r"(?<![-\w])(end(ed|ing)?|outcome|result(ed)?|resolved?|resolution|settled?|settlement"
            r"|conclu(de|ded|sion)"
            r"|finally|eventually|ultimately|at (long )?last|in the long run|turn(ed)? out"
            r"|now|still(?=\s+(\w+\s+)?(\w+ing|gonna|going|will|won'?t|plan\w*)\b)"
            r"|any ?more|after all)(?![-\w])",
            re.IGNORECASE,
        ),
    ),
]
# Words that only say "how did it come out" in an outcome question (stemmed by the engine).
OUTCOME_WORDS = """end ended ending outcome result resulted resolve resolved resolution settle
    settled settlement conclude
    concluded conclusion final finally eventually ultimately last long run turn turned now still
    anymore""".split()


# A clause that says when something happened, after the question's own clause: "Whom did
# they thank *when the dispute ended*?", "Which regulator did they thank *once it was
# resolved*?". It dates what is asked about and asks for nothing: the "when" or "ended" in it
# does not make the question ask for a date or for how the story came out. (A "when" that
# asks is followed by a verb: "so when did they leave?"; "after all" is no clause.)
_TIME_CLAUSE = re.compile(
    r"(?<=\w)[\s,]+(when|whenever|once|after|before|until|till|since|while|as soon as)\s+"
    r"(?!(all|did|does|do|is|was|were|are|will|would|could|can|has|had|should)\b)[^,;:?!.]*",
    re.IGNORECASE,
)
# "Which *official* ...", "what agency ...": asks for a person or a body, as "who" does.
_WHO_KINDS = ("person", "organization")
# "Which *city* ...", "what country ...": asks for a place, as "where" does; a place named in a
# text is a capitalised word or two whose commonest sense is one of these.
_PLACE_KINDS = ("location", "political_unit")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b")


@lru_cache(maxsize=1024)  # asked by several stages of one question, and of questions asked again
def expected_kind(question: str) -> str | None:
    """The kind of answer the question asks for, if it is one of the kinds above; a clause
    that only says when something happened (``_TIME_CLAUSE``) asks for nothing. "Which" or
    "what" followed by a person or a body ("which executive", "what agency") asks "who"."""
    asking = _TIME_CLAUSE.sub("", question)
    for kind, pattern in _ASKS:
        if pattern.search(asking):
            if kind == "when" and asks_whether(asking) and not _WHEN_ASKED.search(asking):
                return None
            return kind
    # A country is a body too; "which site" asks for an outlet, not a place.
    if _asks_which(asking, _PLACE_KINDS) and not asks_for_source(asking):
        return "where"
    if _asks_which(asking, _WHO_KINDS):
        return "who"
    return None


def asks_name_of_someone(question: str) -> bool:
    """Whether the question asks the name of a person or a body by what they are: "bb ceo
    name?", "the name of the chairman" (``asked_for`` after "name of" or before "name")."""
    return bool(roles_named(question))


@lru_cache(maxsize=1024)  # asked by several stages of one question
def roles_named(question: str) -> tuple[str, ...]:
    """The words by which a question asking someone's name says what they are ("ceo" in "bb
    ceo name?", "chairman" in "the name of the pta chairman"): words WordNet files under
    persons or bodies; none when it asks no one's name."""
    thesaurus = wordnet()
    found = _NAME_ASKED.search(question)
    if thesaurus is None or not (found or _WHO_IS.search(question)):
        return ()
    # After "name of", its phrase; after "which", the head of its phrase ("which Pakistani
    # mobile *operators*, by name?"); before "name", the word whose name it is ("bb ceo name",
    # not "someone" in "did someone misspell beards name"); after "who is", its phrase ("who
    # is BlackBerry's *chief executive*?").
    asked = asked_for(question)
    if found is None or found.group(1):
        named = asked
    elif phrase := _which_phrase(question):
        named = list(phrase[-1:])
    else:
        named = asked[:1]
    return tuple(w for w in named if any(thesaurus.is_a(w, k) for k in _WHO_KINDS))


@lru_cache(maxsize=1024)  # asked by several stages of one question
def roles_asked(question: str) -> tuple[str, ...]:
    """The words by which a question asks for someone by what they are: those it asks a name
    by (``roles_named``), or the head of the phrase after "which" or "what" when WordNet files
    it under persons or bodies ("agency" in "which pak agency was behind all this?"), not
    places ("which country ...": a country is named by one word, as no person is)."""
    roles = roles_named(question)
    thesaurus = wordnet()
    if roles or thesaurus is None or asks_for_source(question):
        return roles  # ("which news agency reported it?" asks for an outlet)
    head = _which_phrase(question)[-1:]
    return tuple(
        w
        for w in head
        if any(thesaurus.is_a(w, k) for k in _WHO_KINDS)
        and not any(thesaurus.is_a(w, k) for k in _PLACE_KINDS)
    )


_NAME_ASKED = re.compile(r"\bnames?\b(\s+of\b)?", re.IGNORECASE)
# "Who is ...", "who was ...": asks who someone is by what they are ("who is bb's ceo?"), or
# by name ("who is marty beard?", where no word names a role).
_WHO_IS = re.compile(r"\bwho\s+(is|was)\b", re.IGNORECASE)


_WHICH = re.compile(r"\b(?:which|what)\b(.*)", re.IGNORECASE)
_WHEN_ASKED = re.compile(r"\bwhen\b", re.IGNORECASE)


def _asks_which(question: str, kinds: tuple[str, ...]) -> bool:
    """Whether the words right after "which" or "what" name one of the kinds (WordNet's
    commonest sense of one of them is a kind of one): for a person or a body, "which
    agency", not "what did they do" nor "what led the government to ..."; for a place,
    "which city"."""
    thesaurus = wordnet()
    return thesaurus is not None and any(
        thesaurus.is_a(w, kind) for w in _which_phrase(question) for kind in kinds
    )


@lru_cache(maxsize=1024)  # asked by several stages of one question
def _which_phrase(question: str) -> tuple[str, ...]:
    """The words right after "which" or "what" that say what it asks for, up to a verb, but
    names: "which *software firms* did they buy", "which *outlet* described users ...";
    none for "what did they do"."""
    found = _WHICH.search(question)
    thesaurus = wordnet()
    if found is None or thesaurus is None:
        return ()
    # Within its clause: "what exactly. location?" asks for no location.
    after = words(re.split(r"[.?!;:]", found.group(1), maxsplit=1)[0])
    if not after or after[0] in STOPWORDS:  # "what did they do": "what" asks for no one
        return ()

    # The phrase ends at a verb: one WordNet knows only as a verb, or an inflected form of
    # one ("what *led* the government to ...", "which outlet *described* users ..."), but for
    # a plural noun ("which software *firms*") and, right after "which", a participle WordNet
    # knows as an adjective too ("which *specialized* software firms").
    def naming(word: str, first: bool) -> bool:
        verbs = thesaurus.base_forms(word, "verb")
        nouns = thesaurus.base_forms(word, "noun")
        if first and word in thesaurus.base_forms(word, "adj"):
            return True
        return not verbs or (bool(nouns) and (word in verbs or word.endswith("s")))

    named: list[str] = []
    for n, word in enumerate(_first_phrase(after)):
        if not naming(word, first=n == 0):
            break
        named.append(word)
    # A name ("what *Pakistan* demanded") is what the question is about, not what it asks for.
    return tuple(w for w in named if not thesaurus.is_name(w))


# Kinds of thing a name or a date answers without the word for the kind: "which *city*"
# ("Waterloo"), "which *executive*" ("Marty Beard"), "on which *weekday*" ("Thursday").
_NAMED_KINDS = (*_WHO_KINDS, *_PLACE_KINDS, "time_period", "time_unit")


@lru_cache(maxsize=1024)  # of questions asked again
def which_kind(question: str) -> str:
    """The kind of thing a "which" question asks for one of, when only a passage that mentions
    that kind can tell which: the last noun of what it names right after "which" ("law" in
    "which law did pakistan use?", "standard" in "which encryption standard protects bbm?").
    "" for a kind that a name or a date answers without the word ("which city", "which
    executive", "which weekday"), for an outlet (every answer cites its outlets) or for kinds
    of a thing, which a list answers (``asks_for_kinds``)."""
    thesaurus = wordnet()
    found = _WHICH.search(question)
    if (
        thesaurus is None
        or found is None
        or found.group(0)[:5].lower() != "which"
        or asks_for_source(question)
        or asks_for_kinds(question)
    ):
        return ""
    nouns = [w for w in _which_phrase(question) if thesaurus.base_forms(w, "noun")]
    if not nouns or any(thesaurus.is_a(nouns[-1], kind) for kind in _NAMED_KINDS):
        return ""
    return nouns[-1]


def is_place(word: str) -> bool:
    """Whether WordNet knows the word first as a location or a country ("india", "mumbai")."""
    thesaurus = wordnet()
    return thesaurus is not None and any(
        thesaurus.is_a(word.lower(), kind) for kind in _PLACE_KINDS
    )


def places(text: str) -> list[str]:
    """The places the text names: capitalised words (or pairs of them: "Saudi Arabia") that
    WordNet knows first as a location or a country ("Canada", "Waterloo", "Mumbai")."""
    found = []
    for name in _CAPITALISED.findall(text):
        for candidate in dict.fromkeys([name, *name.split()]):
            if is_place(candidate):
                found.append(candidate)
                break
    return found


def has_kind(text: str, kind: str, topic: frozenset[str] = frozenset()) -> bool:
    """Whether the text holds an answer of that kind (outcomes are judged by date, not text).
    A place in ``topic`` (lower-cased: what the corpus is about, Pakistan) answers no
    "where"."""
    if kind == "where":
        return any(place.lower() not in topic for place in places(text))
    if kind not in _KINDS:
        return False
    pattern, folded = _KINDS[kind]
    return bool(pattern.search(text.lower() if folded else text))


@lru_cache(maxsize=4096)  # of candidates met again
def date_distance(text: str, forms: frozenset[str]) -> int | None:
    """How many words apart the text holds a date and a word whose stem is among ``forms``
    (the nearest such pair), or None when it holds no date or no such word. A date answers
    "when did they announce it?" when it stands by "announced" ("announced in late
    November"), not by another event the sentence tells of ("announced that it will exit ...
    as of 30 November")."""
    folded, found = folded_words(text)
    dates = [date.start() for date in _KINDS["when"][0].finditer(folded)]
    at = [index for index, (_, word) in enumerate(found) if stem(word) in forms]
    if not dates or not at:
        return None
    starts = [start for start, _ in found]
    placed = [bisect.bisect_right(starts, start) - 1 for start in dates]
    return min(abs(a - b) for a in at for b in placed)


def kinds_of(text: str, topic: frozenset[str] = frozenset()) -> int:
    """All the kinds of answer the text holds: bit ``n`` is ``KINDS[n]``."""
    return sum(1 << bit for bit, kind in enumerate(KINDS) if has_kind(text, kind, topic))


# An amount of money in a passage.
_MONEY = re.compile(
    r"[$€£¥₹]\s?\d|\b\d[\d,.]*\s?(dollars?|rupees?|euros?|pounds?|cents?|yen)\b"
    r"|\brs\.?\s?\d|\b(usd|cad|pkr)\s?\d",
    re.IGNORECASE,
)

# A length of time in a passage: "a month", "three years", "since 2013", "for years", or the
# span between two days ("from November 30 to December 30").
_LENGTH = re.compile(
    r"\b(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|few|many"
    r"|some)\s+(more\s+)?(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b"
    r"|\bsince\s+(\d|the|early|late|mid|last)|\bfor (years|months|weeks|days|decades)\b"
    r"|\bfrom\s+(\w+\s+)?\d{1,2}(st|nd|rd|th)?(\s+\w+)?\s+(to|till|until)\b",
    re.IGNORECASE,
)

NUMBER = "number"  # the demand for a count, by the name its reason gives it
# Units of time counted after "how many" ("how many *days* extra?"): a length of time asked
# for, which the span between two days answers as well as a figure does.
_TIME_UNITS = r"\s+(more\s+|extra\s+)?(seconds|minutes|hours|days|weeks|months|years|decades)\b"

# Answers that a question may demand and a passage must hold to answer it at all: an amount
# of money ("How much did it cost?", "the share price"), a count ("How many users?") or a
# length of time ("How long has he been CEO?").
# A question asking under which symbol a company's shares trade, or on which exchange: "whats
# bb's ticker", "On which stock exchange is BlackBerry listed?" (not "its share price on the
# Toronto Stock Exchange", which asks for a price).
_SYMBOL_ASKED = re.compile(
    r"\b(tick(e)?rs?|symbols?|listed|listing|(which|what)\s+(stock[- ]?)?exchanges?)\b",
    re.IGNORECASE,
)
# A stock symbol as news gives it, the exchange's and the company's: "BlackBerry (TSX:BB)",
# "(NYSE: BB)".
_SYMBOL = re.compile(r"\b[A-Z]{2,6}\s?:\s?[A-Z]{1,5}(\.[A-Z])?\b")
# Words that only ask for a stock symbol (stemmed by the engine).
SYMBOL_WORDS = """ticker tickers tickr symbol symbols stock stocks exchange exchanges list listed
    listing trade trades traded""".split()


# What a company reports as its results, in money.
_RESULT = r"(earnings|loss|losses|profits?|income|revenues?|sales)\b"


_DEMANDS = [
    (
        "price or amount of money",
        # "How much" asks for money when a verb or a currency sign follows it ("how much did
        # it cost", "how much $$"), or money by name (``_measures_money``), not when something
        # else is measured ("how much time"). A company's results asked for as figures ("the
        # net loss", "what was the loss", "the earnings numbers"), not how it is doing ("bad
        # earnings lately").
        re.compile(
            r"\bhow much\b(?=\s+(did|does|do|is|was|were|are|will|would|could|can|has|had"
            r"|should|must)\b|\s*[$€£¥₹]|\W*$)|\bprices?\b|\brevenues?\b|\bsalar(y|ies)\b"
            rf"|\b(net|quarterly|annual) (loss|losses|profits?|income)\b|\bwhat was the {_RESULT}"
            rf"|\b(figures?|numbers?)\b.*\b{_RESULT}|\b{_RESULT}\s+(figures?|numbers?)\b"
            # "whats bb stock at": its price (not "listed as stock at the TSX").
            r"|\b(stocks?|shares?)\s+(at|trading at|going for)\b(?!\s+the\b)",
            re.IGNORECASE,
        ),
        _MONEY,
    ),
    (
        NUMBER,
        re.compile(rf"\b(how many|number of)\b(?!{_TIME_UNITS})", re.IGNORECASE),
        re.compile(
            # A figure that is no year and no day of a month, or a number word.
            rf"(?<![\d,.])(?!(19|20)\d\d\b)\d[\d,.]*(?!\s*(st|nd|rd|th)\b)\b(?!\s+({_MONTHS})\b)"
            r"|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty"
            r"|fifty|hundreds?|thousands?|millions?|billions?|dozens?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "stock symbol",
        _SYMBOL_ASKED,
        _SYMBOL,
    ),
    (
        "share or percentage",
        # A part of a whole asked for as such: a percentage, a proportion, "what share of",
        # or someone's market share ("BlackBerry's market share"), not one named as a goal
        # ("to win back market share").
        re.compile(
            r"\b(percent(age)?s?|per cent|proportions?|fractions?)\b"
            r"|\b(what|which|how (big|large|much)( of)?( a)?)\s+share\b"
            r"|(['’]s|\bits|\btheir)(\s+[\w-]+){0,2}\s+market\s+share\b",
            re.IGNORECASE,
        ),
        # A figure with a percent sign or word, or a fraction in words.
        re.compile(
            r"\d\s*(%|percent\b|per cent\b)|\b(half|a third|a quarter|two thirds|three quarters"
            r"|one in (two|three|four|five|ten|\d+))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "length of time",
        re.compile(rf"\bhow long\b(?!\s+ago)|\b(how many|number of){_TIME_UNITS}", re.IGNORECASE),
        _LENGTH,
    ),
]


def demanded(question: str) -> list[tuple[str, re.Pattern[str]]]:
    """The kinds of answer the question cannot be answered without (a name for the reason
    given when no passage holds one, and a pattern that finds one)."""
    return list(_demanded(question))


@lru_cache(maxsize=1024)  # of questions asked again
def _demanded(question: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (name, held)
        for name, asks, held in _DEMANDS
        if asks.search(question) or (held is _MONEY and _measures_money(question))
    )


# "how much compensation", "how big was the fine": an amount of the things named after it.
_HOW_MUCH = re.compile(r"\bhow (much|big|large|high|steep)\b(.*)", re.IGNORECASE)
# What WordNet files money under: "how much compensation", "how much cash", "how much revenue".
_MONEY_KINDS = ("money", "medium_of_exchange", "monetary_unit", "cost", "payment", "sum")


def _measures_money(question: str) -> bool:
    """Whether "how much" (or "how big", "how large", ...) measures something WordNet files
    under money: the first content words after it ("how much compensation", "how big was the
    fine")."""
    found = _HOW_MUCH.search(question)
    thesaurus = wordnet()
    if found is None or thesaurus is None:
        return False
    measured = _first_phrase(words(found.group(2)))
    return any(thesaurus.is_a(w, kind) for w in measured for kind in _MONEY_KINDS)


# A month's name ending the text before a figure: the figure is a day of it.
_MONTH_BEFORE = re.compile(rf"\b({_MONTHS})\.?\s*$", re.IGNORECASE)


def _day_before(text: str, end: int) -> bool:
    return bool(_MONTH_BEFORE.search(text, 0, end))


def holds(text: str, pattern: re.Pattern[str], counting: frozenset[str] = frozenset()) -> bool:
    """Whether the text holds an answer of a demanded kind (a figure right after a month's
    name is a day, not a count). ``counting``: the stems of what a "how many" question
    counts (``counted``); a figure answers it only when one of them follows it closely
    ("31 countries", "thousands of customers"): "31 countries" does not say how many users."""
    return any(
        not (m.group(0)[0].isdigit() and _day_before(text, m.start()))
        and (not counting or _counts(text, m.end(), counting))
        for m in pattern.finditer(text)
    )


# What "how many" asks to count is named right after it: "how many *countries*", "the number
# of BlackBerry *users*".
_COUNTED = re.compile(r"\b(?:how many|number of)\b(.*)", re.IGNORECASE)
# A figure counts the words at most this many after it ("thousands of Pakistani customers").
_COUNT_REACH = 3


def counted(question: str) -> list[str]:
    """The words naming what a "how many" question counts: its first content words after
    "how many" or "number of" ("bb users" in "how many bb users are there"); [] for any
    other question."""
    return list(_counted(question))


@lru_cache(maxsize=1024)  # of questions asked again
def _counted(question: str) -> tuple[str, ...]:
    found = _COUNTED.search(question)
    return tuple(_first_phrase(words(found.group(1)))) if found else ()


# Verbs that only help a count's verb: "how many ppl *got* arrested", "r they".
_HELPING = frozenset({"get", "gets", "got", "getting", "r"})


@lru_cache(maxsize=1024)  # of questions asked again
def deed_counted(question: str) -> str | None:
    """The deed whose doers a "how many" question counts, when it counts people: the first
    word after the people counted that WordNet knows mostly as a verb, or a past participle of
    one, when it names a deed ("employ" in "how many people does bb employ", "died" in "how many
    people died", "arrested" in "how many people got arrested"). None when it counts no people
    ("how many countries"), or names no deed ("how many people were in the talks", "how many
    people read it": reading is no deed)."""
    found = _COUNTED.search(question)
    thesaurus = wordnet()
    if found is None or thesaurus is None:
        return None
    people = next((w for w in _counted(question) if _people(thesaurus, w)), None)
    if people is None:
        return None
    rest = found.group(1).lower()
    after = re.findall(r"[a-z]+", rest[rest.find(people) + len(people) :])
    after = [w for w in after if w not in STOPWORDS and w not in _HELPING][:_DEED_WORDS]

    def verb_of(word: str) -> bool:
        bases = thesaurus.base_forms(word, "verb")
        return thesaurus.mostly_verb(word) or (
            word.endswith(("ed", "en")) and bool(bases) and word not in bases
        )

    verb = next((w for w in after if verb_of(w)), None)
    return verb if verb is not None and _deed(verb) else None


# The words after the people counted that the verb of a count is looked for in ("how many
# people *does bb employ*").
_DEED_WORDS = 3


def _people(thesaurus: WordNet, word: str) -> bool:
    """Whether the word names people: a kind of person ("users") or people ("people")."""
    return thesaurus.is_a(word, "person") or thesaurus.is_a(word, "people")


def _counts(text: str, end: int, counting: frozenset[str]) -> bool:
    """Whether one of the first _COUNT_REACH words after ``end`` has a stem in ``counting``."""
    return any(stem(w) in counting for w in words(text[end:])[:_COUNT_REACH])


# What a "who" or "which" question asks for is named right after its question word: "Who was
# *chairman* of ...", "Which Pakistani *minister* ...", "the name of the *guy* ...".
_ASKED_FOR = re.compile(r"\b(?:who(?:'s|’s)?|whom|which|name of)\b(.*)", re.IGNORECASE)
_ASKED_FOR_WORDS = 3
_PHRASE_WORDS = 5
_NAME = re.compile(r"^(.*?)(?:['’]s)?\s+names?\b", re.IGNORECASE)


def _first_phrase(found: list[str]) -> list[str]:
    """The first run of content words (stopwords before it skipped), at most _PHRASE_WORDS:
    the phrase that names what is asked for ("Pakistan's information technology minister")."""
    phrase: list[str] = []
    for word in found:
        if word in STOPWORDS:
            if phrase:
                break
            continue
        phrase.append(word)
        if len(phrase) == _PHRASE_WORDS:
            break
    return phrase


@lru_cache(maxsize=1024)  # of questions asked again
def asks_who(question: str) -> bool:
    """Whether what the question asks for is named after "who" or "whom" (not "which" or
    "name of"): only then may a deed name it ("Who *chaired* ..."); in "which services
    *fall* under ...", the verb is no deed of whoever is asked for."""
    found = _ASKED_FOR.search(question)
    return found is not None and found.group(0)[:3].lower() == "who"


def asked_for(question: str) -> list[str]:
    """The first content words after "who", "whom", "which" or "name of", or the last ones
    before "name" ("the chairman's name", "pta chairman name"), which say what the question
    asks for."""
    return list(_asked_for(question))


@lru_cache(maxsize=1024)  # of questions asked again
def _asked_for(question: str) -> tuple[str, ...]:
    found = _ASKED_FOR.search(question)
    if found:
        return tuple(_first_phrase(words(found.group(1))))
    named = _NAME.search(question)
    if named:
        before = [w for w in words(named.group(1)) if w not in STOPWORDS]
        return tuple(before[-_ASKED_FOR_WORDS:][::-1])
    return ()


# A name given for a kind of thing right after it: "countries *including India*", "operators
# *such as Mobilink*", "the regulator, *the PTA*", "firms (*Good Technology*)".
_NAMED_AFTER = re.compile(
    r"^\W{0,3}(?:(?:including|such as|like|namely|notably|among them|called|named)\s+)?"
    r"(?:the\s+)?[A-Z]"
)


def named_ones(question: str, text: str) -> bool | None:
    """Whether the text names one of what the question asks for by kind ("which software
    firms did they buy?", "which operators got the notice?": a person, a body or a place)
    where it mentions that kind: a name right after it ("countries including India"). None
    when the question asks for no such kind, or the text never mentions it: nothing to tell.
    "buying up specialized software firms" names none."""
    asked = _kinds_asked(question)
    if not asked:
        return None
    mentions = [m for m in re.finditer(r"[\w’']+", text) if stem(m.group().lower()) in asked]
    if not mentions:
        return None
    return any(_NAMED_AFTER.search(text[m.end() : m.end() + 40]) for m in mentions)


@lru_cache(maxsize=1024)  # of questions asked again
def _kinds_asked(question: str) -> frozenset[str]:
    """The stems of the kinds of person, body or place the question asks which ones of
    ("which software *firms* ..."), for ``named_ones``; none for "which outlet ..."."""
    thesaurus = wordnet()
    if thesaurus is None or asks_for_source(question):  # "which outlet ...": an outlet
        return frozenset()
    kinds = (*_WHO_KINDS, *_PLACE_KINDS)
    return frozenset(
        stem(w) for w in _which_phrase(question) if any(thesaurus.is_a(w, k) for k in kinds)
    )


# A quote's speaker named beside a verb of saying: "Beard said", "said Marty Beard",
# "Marty Beard, chief operating officer of BlackBerry, wrote", "according to John Chen".
_SPEECH = r"(said|says|say|wrote|writes|told|added|stated|announced|explained|claims|cited)"
# (A pronoun names no one: "He said" is no speaker's name.)
_SPEAKER = (
    r"(?!(?:He|She|They|It|We|I|You|This|That|These|Those)\b)[A-Z][\w'’.-]*(\s[A-Z][\w'’.-]*)*"
)
_ATTRIBUTION = re.compile(
    rf"\b{_SPEAKER}(,[^.,;]{{1,80}},)?\s(has\s|had\s)?(\w+ly\s|just\s|further\s|earlier\s|also\s)?{_SPEECH}\b"
    rf"|\b{_SPEECH}\s{_SPEAKER}|\b(?i:according to)\s{_SPEAKER}"
)


# "Who said ...", "who wrote the blog post", "who announced it?": asks who said something.
_ASKS_SPEAKER = re.compile(rf"\bwho\W+(\w+\W+)?{_SPEECH}\b", re.IGNORECASE)


def asks_for_speaker(question: str) -> bool:
    """Whether the question asks who said, wrote or announced something."""
    return _ASKS_SPEAKER.search(question) is not None


# A question asking which outlet reported something: "which site reported that?", "what
# article called him 'chief operating system'?", or a chat's bare "source?". In such a question
# these words (the source, and its reporting it) ask for the source and name nothing to look up
# (every answer cites its outlets).
SOURCE_WORDS = """source sources src sauce site sites website websites outlet outlets article
    articles publication publications paper papers newspaper newspapers news link links
    citation citations report reports reported reporting publish published posted quote quoted
    cover covered mention mentioned wrote""".split()
_ASKS_SOURCE = re.compile(
    r"\b(which|what)\s+(news\s+)?(site|website|outlet|article|publication|paper|newspaper|report"
    r"|source)s?\b|\b(which|what)\s+(news\s+agenc(y|ies)|wire\s+services?)\b"
    r"|^\W*(sources?|src|sauce|links?|citations?)\b",
    re.IGNORECASE,
)


def asks_for_source(question: str) -> bool:
    """Whether the question asks which outlet reported something."""
    return _ASKS_SOURCE.search(question) is not None


def attributes(text: str) -> bool:
    """Whether the text names who said what it reports ("..., Beard said in the blog")."""
    return _ATTRIBUTION.search(text) is not None


# Whose account a question asks for: "according to BlackBerry, ...", "what does bb say
# prompted ...", "bb claims it was ...": the word after "according to", or the nearest of the
# three before a verb of saying that names anyone.
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?([\w'’-]+)", re.IGNORECASE)
_SAYING = re.compile(r"\b(?:say|says|said|saying|claim|claims|claimed|claiming)\b", re.IGNORECASE)
# Words before a verb of saying that name no one whose account is asked for (beside the
# stopwords, pronouns and auxiliaries among them).
_NOT_A_PARTY = frozenset({"someone", "anyone", "everyone", "somebody", "anybody"})


@lru_cache(maxsize=1024)  # of questions asked again
def account_of(question: str) -> str | None:
    """The word naming whose account the question asks for ("BlackBerry" in "according to
    BlackBerry, what prompted the notice?", "bb" in "what does bb say prompted it?"); None
    when it asks for no one's (a pronoun or a question word names no one)."""
    if found := _ACCORDING_TO.search(question):
        return found.group(1).lower()
    for verb in _SAYING.finditer(question):
        for word in reversed(words(question[: verb.start()])[-3:]):
            if word not in STOPWORDS and word not in _NOT_A_PARTY:
                return word
    return None


def attributed_to(text: str, forms: frozenset[str]) -> bool:
    """Whether the text reports what someone said and names them by one of ``forms`` (stems:
    "blackberri" in "Blackberry claims that ...")."""
    return any(
        not forms.isdisjoint(stem(w) for w in words(found.group(0)))
        for found in _ATTRIBUTION.finditer(text)
    )


# Words the question quotes: 'marty chief', "wholesale access" (an apostrophe inside a word,
# as in "bb's", opens no quote).
_QUOTED = re.compile(r"""(?:^|[\s(])['"‘“]([^'"‘’“”]{3,80}?)['"’”](?=$|[\s,.?!)])""")
_FOLD_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def folded(text: str) -> str:
    """The text lower-cased, with straight quotes and single spaces: for finding words
    quoted from it."""
    return " ".join(text.translate(_FOLD_QUOTES).lower().split())


def quoted(question: str) -> list[str]:
    """The phrases of two words or more that the question quotes, ``folded``."""
    return list(_quoted(question))


@lru_cache(maxsize=1024)  # of questions asked again
def _quoted(question: str) -> tuple[str, ...]:
    found = (folded(m.group(1)) for m in _QUOTED.finditer(question))
    return tuple(q for q in found if len(q.split()) >= 2)


# "What did he say ...", "what did beard write in the blog": asks for someone's own words.
_ASKS_WORDS = re.compile(
    r"\b(?:what|wat|whats|what's|wats)\b(?:\W+\w+){0,4}?\W+(?:say|said|saying|write|wrote|tell|told)\b",
    re.IGNORECASE,
)
# A direct quotation: words between quotation marks (CP writes '' for a closing one).
_QUOTATION = re.compile(r"[“\"]((?:(?!'')[^“”\"])+)(?:[”\"]|'')")
QUOTATION_WORDS = 4


def asks_for_words(question: str) -> bool:
    """Whether the question asks what someone said, wrote or told."""
    return _ASKS_WORDS.search(question) is not None


def quotes(text: str) -> bool:
    """Whether the text quotes someone's words: a quotation of QUOTATION_WORDS words or more
    (not a phrase in quotation marks, as in 'demanding "unfettered access"'). A quote that
    runs on into the next paragraph, unclosed, is not counted: it does not say whose it is."""
    return any(
        len(found.group(1).split()) >= QUOTATION_WORDS for found in _QUOTATION.finditer(text)
    )


# How many words from the verb of saying the phrase of where it was said may stand ("said
# BlackBerry in a post").
VENUE_REACH = 2
# "In a post", "on the company's blog": a preposition and a determiner before what follows.
_VENUE = re.compile(
    r"\b(in|on|via)\s+(?:a|an|the|its|their|his|her|[\w-]+['’]s)\s+((?:[\w-]+\s+){0,3}[\w-]+)",
    re.IGNORECASE,
)
# The words after "where" in which a question asking where something was said is told;
# "where" asking, not relating ("this thing where BlackBerry was supposed to ..."): it starts
# the question or a clause of it.
_WHERE_SAID = re.compile(
    r"(?:^|[.?!,;:]\s*|\b(?:and|but|so|ok|like|then)\s+)\W*where(['’]?s)?\b((?:\W+\w+){1,6})",
    re.IGNORECASE,
)


def _saying(word: str) -> bool:
    """Whether the word is a verb that says or writes something in one of its two commonest
    senses ("said", "wrote", "posted", "announced"; not "routed", "based", "sent"), and not a
    noun's plural ("requests", "messages")."""
    thesaurus = wordnet()
    return (
        thesaurus is not None
        and "communication" in thesaurus.verb_kinds(word, 2)
        and not _plural(thesaurus, word)
    )


@lru_cache(maxsize=1024)  # of questions asked again
def asks_venue(question: str) -> bool:
    """Whether the question asks where or how something was said or made known: a blog, a
    post (``names_venue``)."""
    return _where_said(question) or _how_told(question)


# "..., or where?" closing a question.
_OR_WHERE = re.compile(r"\bor\s+where\W*$", re.IGNORECASE)


def _where_said(question: str) -> bool:
    """Whether the question asks where something was said, written or posted ("where did he
    post it?", "where was that announced?"): a verb of saying among the words after "where",
    which asks for the statement's venue (a blog, a post), not a place. After "where is",
    only a participle: "where is that quote?" asks for the quote."""
    thesaurus = wordnet()
    if thesaurus is None:
        return False
    if last := _OR_WHERE.search(question):
        # "did beard announce it on twitter or where": the verb comes before.
        return any(_saying(w) and thesaurus.mostly_verb(w) for w in words(question[: last.start()]))
    found = _WHERE_SAID.search(question)
    if found is None:
        return False
    after = words(found.group(2)) or [""]
    # "Where is that quote?" asks where the quote is; "where was that posted?" where it was.
    with_be = found.group(1) is not None or after[0] in ("is", "are", "was", "were")
    return any(
        _saying(w)
        and thesaurus.mostly_verb(w)
        and not (with_be and w in thesaurus.base_forms(w, "verb"))
        for w in after
        if w not in STOPWORDS
    )


# "How did bb announce it was leaving?": "how", an auxiliary, then the words in which the
# verb of saying and what it told are looked for.
_HOW_TOLD = re.compile(r"\bhow\W+(?:did|does|do|has|have)\b((?:\W+\w+){2,8})", re.IGNORECASE)
# A clause telling what happened: a pronoun and a verb in the past or of what was to come
# ("it was leaving", "they would leave").
_TOLD_SUBJECTS = frozenset({"it", "they", "he", "she", "we"})
_TOLD_VERBS = frozenset({"was", "were", "would", "had"})
# How many words after the verb of saying the clause starts at most ("tell *ppl* they were").
TOLD_REACH = 2


def _how_told(question: str) -> bool:
    """Whether the question asks how something was made known ("how did bb announce it was
    leaving, press release or what?", "how did bb tell everyone they were leaving"): a verb of
    saying after "how did" whose object is a clause telling what happened, starting within
    TOLD_REACH words of it; not what was said of something ("how did bb describe the market",
    "how did bb explain that staying would ..."): the means, a blog or a post."""
    found = _HOW_TOLD.search(question)
    if found is None:
        return False
    after = words(found.group(1))
    clauses = [
        i for i, (w, v) in enumerate(pairwise(after)) if w in _TOLD_SUBJECTS and v in _TOLD_VERBS
    ]
    return any(
        _saying(w) and any(i < c <= i + TOLD_REACH for c in clauses) for i, w in enumerate(after)
    )


def _plural(thesaurus: WordNet, word: str) -> bool:
    """Whether the word is a noun's plural ("messages", "emails"): a noun here, not a verb."""
    bases = thesaurus.base_forms(word, "noun")
    return bool(bases) and word not in bases and word.endswith("s")


@lru_cache(maxsize=4096)  # of candidates met again
def names_venue(text: str) -> bool:
    """Whether the text tells where something was said or written: "in", "on" or "via" and a
    determiner at most VENUE_REACH words after a verb of saying ("said in a post", "said
    BlackBerry in a post", "wrote on the company's blog"), or such a phrase naming something
    communicated (WordNet's noun.communication) at most as many words before one ("in a recent
    official blog post has announced")."""
    thesaurus = wordnet()
    if thesaurus is None:
        return False
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        for found in _VENUE.finditer(sentence):
            before = words(sentence[: found.start()])[-VENUE_REACH:]
            after = words(sentence[found.end() :])[:VENUE_REACH]
            if any(map(_saying, before)):
                return True
            if any(map(_saying, after)) and any(
                map(thesaurus.names_message, words(found.group(2)))
            ):
                return True
    return False


# A person's name: two or more capitalised words in a row ("Marty Beard", "John Chen").
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")


def speaker(text: str) -> str:
    """The full name of the first person the text reports as saying something ("Marty Beard"
    in "Marty Beard, chief operating officer of BlackBerry, wrote ..."), or ""."""
    for found in _ATTRIBUTION.finditer(text):
        name = _FULL_NAME.search(found.group(0))
        if name:
            return name.group(0)
    return ""


# "What did the government do after the blog post?", "Before BlackBerry posted ...".
_SEQUENCE = re.compile(r"\b(before|after(?!\s+all\b)|afterwards|beforehand)\b", re.IGNORECASE)


@lru_cache(maxsize=1024)  # of questions asked again
def asks_about_sequence(question: str) -> bool:
    """Whether the question places what it asks for before or after something else: words
    match the event it names ("the blog post"), not the one it asks for."""
    return _SEQUENCE.search(question) is not None


# "what happened next?", "and after that?", "what happened after it went up?", "then what".
_FOLLOWED = re.compile(r"\b(next|after|afterwards?|then what|and then|later on)\b", re.IGNORECASE)


def asks_what_followed(question: str) -> bool:
    """Whether a follow-up asks what happened after what the conversation was about."""
    return _FOLLOWED.search(question) is not None


def followed_words(question: str) -> list[str]:
    """The words with which the question asks what came next ("next" in "what happened
    next?")."""
    return [w for found in _FOLLOWED.finditer(question) for w in words(found.group())]


# A question asking whether something happened opens with its verb in the past ("did they
# leave?", "so has bb left", "hey bot did bb fold"): such an auxiliary among its first words,
# no question word before it.
_WHETHER = re.compile(
    r"^\W*(?:[a-z]+\W+){0,2}?(did|was|were|has|have|had)\b",
    re.IGNORECASE,
)
_QUESTION_WORD = re.compile(r"\b(who|whom|whose|what|which|when|where|why|how)\b", re.IGNORECASE)


def asks_whether(question: str) -> bool:
    """Whether the question asks if something happened, rather than for a thing."""
    found = _WHETHER.search(question)
    return found is not None and not _QUESTION_WORD.search(question, 0, found.start(1))


# A word that stresses that something did happen, as against what was said or meant, and the
# word after it: "did bb *actually leave*?", "did they *really shut* down?".
_STRESSED = re.compile(r"\b(?:actually|really|in fact|truly|indeed)\W+(\w+)", re.IGNORECASE)
# Kinds of verb (WordNet's files) that tell what someone said, thought, felt or saw, not a deed:
# "did bb actually *say* ...", "did they really *accept* ...".
_NO_DEED = frozenset({"communication", "cognition", "emotion", "perception"})
# The auxiliaries of a yes/no question asking whether something was done (``_WHETHER``).
_DONE = frozenset({"did", "has", "have", "had"})
# The words after the auxiliary that its subject and the verb are looked for in.
_SUBJECT_AND_VERB = 5


def _deed(word: str) -> bool:
    """Whether the word is a verb whose commonest sense is a deed (WordNet's files), not a
    saying, thinking, feeling or perceiving."""
    thesaurus = wordnet()
    kind = None if thesaurus is None else thesaurus.verb_kind(word.lower())
    return kind is not None and kind not in _NO_DEED


@lru_cache(maxsize=1024)  # of questions asked again
def stresses_deed(question: str) -> bool:
    """Whether the question stresses that a deed was done ("so did bb actually leave pak?",
    "did they really shut down?"): a stressing word before a verb whose commonest sense is a
    deed, not a saying, thinking or feeling ("did bb actually say it regrets leaving?" asks
    what was said; "was it really about safety?" names no deed). Such a question asks whether
    what was said or meant came about. (Ask it of the question as written: the reading drops
    "actually" as filler.)"""
    found = _STRESSED.search(question)
    return found is not None and _deed(found.group(1))


@lru_cache(maxsize=1024)  # of questions asked again
def deed_asked(question: str) -> str | None:
    """The deed a yes/no question asks whether someone did: the first word after its "did" or
    "has" that WordNet knows mostly as a verb, when it names a deed ("leave" in "did bb leave
    pak or nah?"); None when that verb tells a saying or a thought ("did bb say it was sad to
    leave?", "did bb accept the extension?") or the question asks no such thing."""
    found = _WHETHER.search(question)
    if found is None or not asks_whether(question) or found.group(1).lower() not in _DONE:
        return None
    return _deed_after(question, found.end(1))


# The auxiliary right after what a "when" question asks ("when *did* chen become ceo", "what
# day of the week *did* he post it"), not the verb of "what *was* the original date set for".
_AUXILIARY = re.compile(
    r"\b(?:when|date|day|week|month|year|time)\W+"
    r"(did|does|do|was|were|is|are|will|would|has|have|had)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)  # of questions asked again
def deed_dated(question: str) -> str | None:
    """The deed a "when" question asks the date of: the first word after its auxiliary that
    WordNet knows mostly as a verb, when it names a deed ("become" in "when did john chen become
    ceo", "join" in "when did marty beard join bb"); None when that verb tells a saying or a
    thought ("when did bb announce it was leaving?") or there is none. After "was" or "were"
    the deed may be told in the passive ("when was john chen *appointed* ceo"): a participle,
    which WordNet may know better as an adjective, names it too."""
    found = _AUXILIARY.search(question)
    if found is None:
        return None
    return _deed_after(question, found.end(1), passive=found.group(1).lower() in _PASSIVE)


# "How" asking the manner of what was done: "how *did* bb handle india", "how*'d* they get
# ...".
_HOW_DONE = re.compile(
    r"\bhow(?:\W+(?:did|does|do|was|were|is|are|has|have|had)\b|'d\b)", re.IGNORECASE
)


@lru_cache(maxsize=1024)  # of questions asked again
def asks_how_done(question: str) -> bool:
    """Whether the question asks how something was done ("how did bb handle india n saudi in
    2010", "how'd bb get them to chill out"): a "how" before an auxiliary, the first verb
    after which names a deed, not a saying or a thought ("how did bb describe the market?")."""
    found = _HOW_DONE.search(question)
    return found is not None and _deed_after(question, found.end()) is not None


# The auxiliaries after which a question may tell its deed in the passive.
_PASSIVE = frozenset({"was", "were"})


def _deed_after(question: str, start: int, passive: bool = False) -> str | None:
    """The first of the few words after ``start`` that WordNet knows mostly as a verb (or,
    ``passive``, a past participle of a verb), when it names a deed."""
    thesaurus = wordnet()
    if thesaurus is None:
        return None
    after = re.findall(r"[a-z]+", question[start:].lower())[:_SUBJECT_AND_VERB]

    def verb_of(word: str) -> bool:
        if thesaurus.mostly_verb(word):
            return True
        return (
            passive
            and word.endswith(("ed", "en"))
            and word not in thesaurus.base_forms(word, "verb")
            and bool(thesaurus.base_forms(word, "verb"))
        )

    verb = next((w for w in after if verb_of(w)), None)
    return verb if verb is not None and _deed(verb) else None


# "Who did they thank?", "whom did the regulator inform?": asks for whom a deed was done to.
_WHOM_ASKED = re.compile(r"\bwho'?m?\s+(did|does|do|will|would|had|has|have)\b", re.IGNORECASE)


@lru_cache(maxsize=1024)  # asked by several stages of one question
def verb_of_whom(question: str) -> str | None:
    """The verb a question asking for whom something was done to asks by ("thank" in "who did
    bb thank after pak backed down", "inform" in "whom did the regulator inform ..."): the
    first of the words after its auxiliary that WordNet knows mostly as a verb."""
    found = _WHOM_ASKED.search(question)
    thesaurus = wordnet()
    if found is None or thesaurus is None:
        return None
    after = re.findall(r"[a-z]+", question[found.end(1) :].lower())[:_SUBJECT_AND_VERB]
    return next((w for w in after if thesaurus.mostly_verb(w)), None)


# A yes/no question's auxiliary among its first words ("did apple ...", "so is whatsapp ...",
# "hey bot was the pta ..."), and the determiners that may stand before its subject.
_YES_NO = re.compile(
    r"^\W*(?:[a-z]+\W+){0,2}?(did|does|do|is|was|were|are|has|have|had|will|would|can|could"
    r"|should)\s+(?:(?:the|a|an|any|some)\s+)?([a-z][a-z'’-]*)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)  # of questions asked again
def yes_no_subject(question: str) -> tuple[str, tuple[str, ...]] | None:
    """What a yes/no question asks about: the word after its auxiliary ("apple" in "did apple
    get the same demand?", "whatsapp" in "is whatsapp also banned?"), when it is a thing's
    name or a noun, not a pronoun ("did they ..."), nor a verb or gerund ("would ditching pak
    have hurt them?" asks about an act), lower-cased; with the words before the auxiliary
    ("hey bot", "so"; in "and bb was fine with that?" they hold the subject). None for any
    other question."""
    found = _YES_NO.search(question)
    if found is None or _QUESTION_WORD.search(question, 0, found.start(1)):
        return None
    word = found.group(2).lower()
    thesaurus = wordnet()
    if (
        word in STOPWORDS
        or word.endswith("ing")
        or thesaurus is None
        or thesaurus.mostly_verb(word)
    ):
        return None
    return word, tuple(words(question[: found.start(1)]))


# A question about what would have happened ("would leaving have hurt them?", "y wouldve it
# been bad", "how could leaving have hurt them?"): a modal, a few words at most, then "have".
_COUNTERFACTUAL_QUESTION = re.compile(
    r"\b(would|could|might)(n'?t)?\s+(\w+\s+){0,5}?have\b|\b(would|could|might)n?'?ve\b",
    re.IGNORECASE,
)
# A passage telling what would have happened: "would've put", "would have meant", "could
# have been".
_COUNTERFACTUAL = re.compile(
    r"\b(would|could|might)(n['’]t)?\s+(\w+\s+)?have\b|\b(would|could|might)['’]ve\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)  # of questions asked again
def asks_counterfactual(question: str) -> bool:
    """Whether the question asks what would have happened (had something else been done)."""
    return _COUNTERFACTUAL_QUESTION.search(question) is not None


# A question put in a mood other than fact: "why would leaving hurt bb", "could they have
# stayed".
_HYPOTHETICAL_QUESTION = re.compile(r"\b(would|could|might)(n'?t)?\b|\b(would|could|might)n?'?ve\b")


def asks_hypothetically(question: str) -> bool:
    """Whether the question asks about what would or could be, or have been."""
    return _HYPOTHETICAL_QUESTION.search(question.lower()) is not None


@lru_cache(maxsize=4096)  # of candidates met again
def counterfactual(text: str) -> bool:
    """Whether the text tells what would have happened."""
    return _COUNTERFACTUAL.search(text) is not None


# "On what day of the week ...", "which weekday ...": a "when" that only a weekday answers.
_WEEKDAY_ASKED = re.compile(r"\b(day of the week|week ?day)\b", re.IGNORECASE)
_WEEKDAY = re.compile(rf"\b{_WEEKDAYS}\b", re.IGNORECASE)


@lru_cache(maxsize=1024)  # asked by several stages of one question
def asks_symbol(question: str) -> bool:
    """Whether the question asks for a company's stock symbol or the exchange it trades on,
    which only a symbol as news gives it answers ("BlackBerry (TSX:BB)")."""
    return _SYMBOL_ASKED.search(question) is not None


@lru_cache(maxsize=4096)  # of candidates met again
def names_symbol(text: str) -> bool:
    """Whether the text gives a stock symbol ("BlackBerry (TSX:BB) says ...")."""
    return _SYMBOL.search(text) is not None


def asks_weekday(question: str) -> bool:
    """Whether the question asks on which day of the week something happened, which a date
    ("December 30") does not answer."""
    return _WEEKDAY_ASKED.search(question) is not None


@lru_cache(maxsize=4096)  # of candidates met again
def names_weekday(text: str) -> bool:
    """Whether the text names a day of the week ("wrote on the company's blog Thursday")."""
    return _WEEKDAY.search(text) is not None


# "What kinds of information ...", "which sorts of customers ...", "wat kinda data ...": asks
# for kinds of what it names next.
_KINDS_ASKED = re.compile(
    r"\b(?:what|which)\s+(?:\w+\s+)?(?:kinds?|kinda|sorts?|sorta|types?|categor(?:y|ies))"
    r"(?:\s+of)?\s+(\w+)",
    re.IGNORECASE,
)
# A passage that lists several of something: "such as the phone's location", "including
# India", "government, military and enterprise customers".
_LISTING = re.compile(
    r"\b(?:such as|including|like)\s|,\s+(?:\S+\s+){1,6}(?:and|or)\s", re.IGNORECASE
)


@lru_cache(maxsize=1024)  # of questions asked again
def asks_for_kinds(question: str) -> bool:
    """Whether the question asks what kinds of a thing there are ("what kinds of information
    did chen say they'd hand over?"), which a list answers. Not the kind of an act ("what kind
    of help did bb offer?", WordNet: "help" names an act), which a description answers."""
    found = _KINDS_ASKED.search(question)
    if found is None:
        return False
    thesaurus = wordnet()
    return thesaurus is None or not thesaurus.names_act(found.group(1).lower())


@lru_cache(maxsize=4096)  # of candidates met again
def lists_several(text: str) -> bool:
    """Whether the text lists several of something."""
    return _LISTING.search(text) is not None


# A sentence that tells what someone meant to do, not what was done: "it will exit", "it'll
# no longer be operating", "it would rather close", "plans to leave".
_INTENDED = re.compile(
    r"\b(will|would|shall|going to|plans? to|planning to|intends? to|intending to|threaten\w*)\b"
    r"|['’]ll\b",
    re.IGNORECASE,
)


def intended(sentence: str) -> bool:
    """Whether the sentence tells what someone meant (or threatened) to do."""
    return _INTENDED.search(sentence) is not None


# "What did the government do after the blog post?", "what happened once they announced the
# exit?": asks for the event that followed the one named after "after" (or "once").
_EVENT_AFTER = re.compile(
    r"\bwhat\b.*?\b(do|done|doing|happen|happened|happens|came|come|followed)\b.*?"
    r"\b(after|once)\b(?!\s+all\b)\W+(?P<anchor>\w.*)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)  # of questions asked again
def event_after(question: str) -> str:
    """What a question asking for the event that followed another names as that other event
    ("BlackBerry's blog post" in "What did the government do after BlackBerry's blog post?"),
    or ""."""
    found = _EVENT_AFTER.search(question)
    return found.group("anchor") if found else ""
