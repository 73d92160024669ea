"""Reading a question: its content terms as the index spells them, with their expansions, the
kind of answer it asks for, and the outlets it names (``index.query.Query``).

A follow-up ("when was that?", "and pakistan?") is read with the conversation's earlier
questions (``index.followup``): the earlier turns lend it the terms it leaves out.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection

from index.answer_types import (
    OUTCOME_WORDS,
    SOURCE_WORDS,
    SYMBOL_WORDS,
    asks_for_source,
    asks_symbol,
    causing_verb,
    expected_kind,
)
from index.context import Context
from index.expansion import lexicon_key
from index.query import Query
from index.reading import Word, rarity
from index.text import STOPWORDS, stem, strip_markup, words
from index.thesaurus import wordnet

# Questions are cut to this many characters before anything else looks at them.
MAX_QUESTION_CHARS = 1000
# Questions whose reading is kept (``read_question``): each entry holds the question (at most
# MAX_QUESTION_CHARS) and its Query, a few kilobytes at most.
_KEPT_READINGS = 1024

# Words that frame a question rather than say what it is about ("What is the *name* of ...",
# "What does BES *stand* for?"). Never matched against paragraphs.
_FRAMING_WORDS = """name named called call stand stands mean means meaning meant happen happened
    happening tell explain describe say says said know known think exactly actually really
    please kind sort type thing things stuff way ways many much
    anything something everything nothing anyone someone everyone anybody somebody everybody
    nobody whatever whoever whichever
    wonder wondering wondered curious question questions according
    abbreviation abbreviations acronym acronyms characterise characterize portray depict
    go goes going gone get gets getting got pretty quite super totally truly
    dispute story situation saga affair controversy standoff episode""".split()
FRAMING = frozenset(stem(w) for w in _FRAMING_WORDS)
# In an outcome question these only say "how did it come out".
_OUTCOME_FRAMING = frozenset(stem(w) for w in OUTCOME_WORDS)
# In a "when" question these only ask for a date ("what year was that?", "what day of the
# week?").
_WHEN_WORDS = "date dates day days week weeks weekday weekdays month months year years".split()
_WHEN_FRAMING = frozenset(stem(w) for w in _WHEN_WORDS)
# In a question asking for its source these only ask which outlet ("which site said that?").
_SOURCE_FRAMING = frozenset(stem(w) for w in SOURCE_WORDS)
# In a question asking for a stock symbol these only ask for one ("whats bb's stock ticker?").
_SYMBOL_FRAMING = frozenset(stem(w) for w in SYMBOL_WORDS)


def _inflected(word: str) -> set[str]:
    """The word and its regular inflections ("describe": "describes", "described",
    "describing"; "story": "stories")."""
    forms = {word, word + "s", word + "es", word + "ed", word + "ing"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return forms


# The framing words as written, inflected: a word whose stem is a framing word's but that is
# another English word ("quit", "actual", "total", "exact": the stems of "quite", "actually",
# "totally", "exactly") says what the question is about.
_FRAMING_FORMS = frozenset(
    form
    for word in (*_FRAMING_WORDS, *OUTCOME_WORDS, *_WHEN_WORDS, *SOURCE_WORDS, *SYMBOL_WORDS)
    for form in _inflected(word)
)


def _framing(word: Word, framing: frozenset[str]) -> bool:
    """Whether the word only frames the question: its term is one of ``framing``, and it is
    written as one of the framing words (or a misspelling of one), not as another English
    word that shares its stem."""
    if word.term not in framing:
        return False
    written = word.word.lower()
    return written in _FRAMING_FORMS or word.corrected or rarity(written) == 1.0


def read_question(ctx: Context, question: str) -> Query:
    """The question's content terms as the index spells them, with their expansions. The
    reading is kept (``Context.kept``, the last _KEPT_READINGS questions): a conversation's
    earlier questions are read again with each follow-up, and people ask the same questions.
    The Query is shared: nothing may change it."""
    return ctx.kept(_read_question, _KEPT_READINGS)(question[:MAX_QUESTION_CHARS])


def _read_question(ctx: Context, question: str) -> Query:
    text = ctx.reader.normalise(strip_markup(question))
    kind = expected_kind(text)
    framing = FRAMING | {"outcome": _OUTCOME_FRAMING, "when": _WHEN_FRAMING}.get(
        kind or "", frozenset()
    )
    if asks_for_source(text):
        framing |= _SOURCE_FRAMING
    if asks_symbol(text):
        framing |= _SYMBOL_FRAMING
    read = [_short_form(ctx, w) for w in ctx.reader.read(text) if not _framing(w, framing)]
    if kind == "why" and (cause := causing_verb(text)):
        read = [w for w in read if w.word.lower() != cause]
    sources = tuple(ctx.outlets.named([w.term for w in read]))
    naming = ctx.outlets.terms_of(sources)
    read = [w for w in read if w.term not in naming]
    # Words that WordNet knows as one with a neighbour ("prime minister", "backed down")
    # mean what the phrase means: they are looked up by the phrase, not by their own senses
    # ("prime": first; "back": rear), even when the articles use the word itself.
    in_phrase = phrases(text, ctx.expander.groups)
    # A phrase whose first word only frames the question ("go along": "go") is carried by its
    # other word.
    for head, phrase in list(in_phrase.items()):
        if head in framing:
            for word in words(phrase)[1:]:
                in_phrase.setdefault(stem(word), phrase)
    # The adverb of a phrasal verb ("back" in "pushed it back") says nothing of its own: the
    # phrase, looked up by its verb, holds its meaning; by itself it would match "backed off".
    particles = _particles(in_phrase, {w.term for w in read})
    # The other word of a lexicon phrase ("mind" in "change its mind") that the articles never
    # use says nothing of its own either: the phrase's alternatives hold its meaning.
    # (Unless it carries the phrase: "along" in "go along", whose "go" only frames it.)
    heads = {w.term for w in read}
    tails = {
        stem(word)
        for head, phrase in in_phrase.items()
        if head in heads
        and stem(words(phrase)[0]) == head
        and lexicon_key(phrase) in ctx.expander.groups
        for word in words(phrase)[1:]
        if not ctx.index.known(stem(word))
    }
    read = [w for w in read if w.term not in particles | tails]
    # The word of an adverb or adjective idiom after a function word ("at *odds*", "at
    # *least*", "a *bit*") says how things stand, not what the question is about: one the
    # articles never use is no term, unless WordNet gives the idiom a synonym they do use.
    # The words of a longer one ("in the *first place*", "at the *same time*") never are.
    idioms = _idiom_words(ctx, in_phrase)
    long_idioms = _long_idiom_words(text)
    read = [w for w in read if w.term not in long_idioms]
    looked_up = {w.term: in_phrase.get(w.term) or ("" if w.corrected else w.word) for w in read}
    terms = tuple(w.term for w in read)
    expansions = {
        w.term: ctx.expander.alternatives(
            w.term, ctx.index.known(w.term) and w.term not in in_phrase, looked_up[w.term]
        )
        for w in read
    }
    dropped = {t for t in idioms if not expansions.get(t)}
    if dropped:
        terms = tuple(t for t in terms if t not in dropped)
        expansions = {t: e for t, e in expansions.items() if t not in dropped}
    equivalents = {t: e for t in terms if (e := ctx.expander.equivalents(t))}
    written = {w.term: w.word for w in read}
    return Query(text, terms, expansions, kind, equivalents, sources, written)


# English's adverbial particles that are no stopwords (the others, "up", "down", "out", "off",
# "over", never become terms): closed-class words, like the stopwords.
_PARTICLES = frozenset("back along away forward ahead around aside apart behind together".split())


def _particles(in_phrase: dict[str, str], terms: set[str]) -> set[str]:
    """The terms that are the particle of a two-word phrasal verb whose verb is a term of the
    question and carries the phrase ("pushed back": "back"; not "along" in "go along", whose
    "go" only frames the question; not "flop" in "flip flop", no particle)."""
    out = set()
    for head, phrase in in_phrase.items():
        first, *rest = words(phrase)
        if head in terms and stem(first) == head and len(rest) == 1 and rest[0] in _PARTICLES:
            out.add(stem(rest[0]))
    return out & terms


def _idiom_words(ctx: Context, in_phrase: dict[str, str]) -> set[str]:
    """The terms the articles never use that stand second in an idiom WordNet has only as an
    adjective or adverb, after a stopword ("at odds", "a bit", "for example")."""
    thesaurus = wordnet()
    if thesaurus is None:
        return set()
    out = set()
    for head, phrase in in_phrase.items():
        first, *rest = words(phrase)
        if (
            first in STOPWORDS
            and len(rest) == 1
            and not ctx.index.known(head)
            and thesaurus.only_modifier(phrase)
        ):
            out.add(head)
    return out


# The longest idiom looked for (in words): "at the end of the day".
_LONGEST_IDIOM = 6


def _long_idiom_words(text: str) -> set[str]:
    """The content terms of the idioms of three words or more, after a function word, that
    WordNet has only as adverbs or adjectives ("in the first place", "for the time being")."""
    thesaurus = wordnet()
    if thesaurus is None:
        return set()
    written = words(text)
    out: set[str] = set()
    for start, first in enumerate(written):
        if first not in STOPWORDS:
            continue
        for length in range(3, _LONGEST_IDIOM + 1):
            span = written[start : start + length]
            if len(span) == length and thesaurus.only_modifier(" ".join(span)):
                out |= {stem(w) for w in span if w not in STOPWORDS}
    return out


def _short_form(ctx: Context, word: Word) -> Word:
    """The word, or the short form the corpus defines that it is with an "s" left on
    ("bbs": "bb", as in "bbs plans" for BlackBerry's plans)."""
    if ctx.index.known(word.term):
        return word
    base = ctx.expander.short_form_in(word.term)
    return word if base is None else Word(base, base)


def phrases(text: str, lexicon: Collection[str] = ()) -> dict[str, str]:
    """Content terms of the text that stand in a two-word WordNet entry with their neighbour
    (a stopword included: "backed down", "pull out"), or in a two-word entry of the
    ``lexicon`` (its keys, ``expansion.lexicon_key``), which may be parted by a possessive
    ("change *its* mind"), each with that phrase."""
    thesaurus = wordnet()
    if thesaurus is None:
        return {}
    out: dict[str, str] = {}
    written = words(text)
    # A phrasal verb parted by its object pronoun ("pushed *it* back"), or by a noun after a
    # determiner ("pushed *the date* back"), is the phrase as well.
    triples = list(zip(written, written[1:], written[2:], strict=False))
    parted = ((a, b) for a, o, b in triples if o in _OBJECTS)
    fours = zip(written, written[1:], written[2:], written[3:], strict=False)
    parted_by_noun = (
        (a, b)
        for a, d, n, b in fours
        if a not in STOPWORDS and d in _DETERMINERS and n not in STOPWORDS
    )
    for a, b in itertools.chain(itertools.pairwise(written), parted, parted_by_noun):
        if (a in STOPWORDS and b in STOPWORDS) or not thesaurus.has(f"{a} {b}"):
            continue
        # The phrase's first content word carries its meaning; the other keeps its own.
        head = a if a not in STOPWORDS else b
        out.setdefault(stem(head), f"{a} {b}")
    by_possessive = ((a, b) for a, d, b in triples if d in _POSSESSIVES)
    for a, b in itertools.chain(itertools.pairwise(written), by_possessive):
        if a not in STOPWORDS and b not in STOPWORDS and lexicon_key(f"{a} {b}") in lexicon:
            out.setdefault(stem(a), f"{a} {b}")
    return out


_OBJECTS = frozenset("it them him her this that these those".split())
_DETERMINERS = frozenset("the a an its their his her this that these those".split())
_POSSESSIVES = frozenset("its their his her our your my".split())
