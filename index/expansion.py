"""Query expansion: other words the articles may use for a question's words.

Three sources, all applied to the question only (the index stays literal):
- acronyms the corpus itself defines ("BlackBerry Enterprise Server (BES)"),
- a general lexicon of near-synonyms (``synonyms.txt``), and
- for a word the corpus never uses, corpus words it is a prefix of ("telecom" →
  "telecommunication").
Each alternative is a phrase (a list of terms) scored together, at reduced weight.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from index.text import content_stems, stem, tokens, words
from index.thesaurus import PERTAINS_TO, wordnet

Alternative = tuple[str, ...]

# "Long Form Words (LFW)": 2 to 8 capital letters in brackets after the words they abbreviate.
# The search is anchored on the brackets, then looks back at the words just before them
# (anchoring on the words would try the pattern at every word of the corpus).
_ACRONYM = re.compile(r"\(([A-Z]{2,8})s?\)")
_LONG_FORM = re.compile(r"(?:[\w’'-]+\s+){1,8}\Z")
_LOOK_BACK = 400
# A run of capitalised words ("Pakistan Telecommunication Authority"), which an unknown
# acronym ("PTA") may abbreviate when their initials spell it.
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:of|and|for|the)?\s*[A-Z][\w’'-]*){1,7}")
# An abbreviation's period: followed by what does not start a sentence. The search is anchored
# on it, then looks back at the capitalised word just before (as for acronyms, above).
_ABBREVIATION_PERIOD = re.compile(r"\.(?=[-,]|\s+[a-z0-9])")
_ABBREVIATION = re.compile(r"\b[A-Z][a-z]{2,4}\Z")
_ABBREVIATION_LOOK_BACK = 6
# A word written in camel case ("BlackBerry", "WhatsApp"), whose capitals people use as its
# short form ("BB").
_CAMEL_CASE = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b")
# WordNet senses looked at per part of speech (commonest first) for a word the corpus never
# uses (one it uses matches as it is, and gets the lexicon's near-synonyms).
THESAURUS_SENSES = 3
# WordNet relations followed besides synonymy: "&", adjectives it calls similar ("bad": "poor");
# "#p", what a thing is part of ("karachi": Pakistan), so a place inside one the articles cover
# is not taken for something they never mention; PERTAINS_TO, what an adjective pertains to
# ("indian": India). (Hypernyms, hyponyms and derivations were measured too: they brought more
# noise than matches.)
RELATIONS = frozenset({"&", "#p", PERTAINS_TO})

_KEPT = 4096  # words whose synonyms are kept for questions asked again
# An unknown word this long or longer may stand for corpus words it begins ("pak", "telecom").
MIN_PREFIX = 3
# ... unless it begins more corpus words than this: then it says too little to choose.
MAX_COMPLETIONS = 8


@dataclass(frozen=True)
class Expander:
    groups: dict[str, tuple[Alternative, ...]]  # term -> alternatives from the lexicon
    acronyms: dict[str, tuple[Alternative, ...]]  # acronym term -> long forms defined as such
    initials: dict[str, tuple[Alternative, ...]]  # initials of capitalised runs -> the runs
    camel: dict[str, tuple[str, ...]]  # capitals of camel-case words ("bb") -> their terms
    vocabulary: tuple[str, ...]  # sorted corpus terms, for prefix look-ups
    # Terms the corpus writes as abbreviations with a period ("Ont.-based", "Dec. 30").
    abbreviations: tuple[str, ...] = ()

    @classmethod
    def build(cls, texts: Iterable[str], vocabulary: Iterable[str]) -> Expander:
        texts = list(texts)
        return cls(
            _lexicon(),
            find_acronyms(texts),
            find_initials(texts),
            find_camel_case(texts),
            tuple(sorted(vocabulary)),
            find_abbreviations(texts),
        )

    def equivalents(self, term: str) -> tuple[str, ...]:
        """Terms the corpus itself shows to name the same thing as ``term``, scored together
        with it as one term: the camel-case word whose capitals it is ("bb" -> BlackBerry)."""
        return tuple(t for t in self.camel.get(term, ()) if t != term)

    def short_form_in(self, term: str) -> str | None:
        """The short form the corpus defines that a term it never uses is, with a plural or
        possessive "s" left on ("bbs" for "BB's", "ptas"), if any."""
        base = term[:-1] if term.endswith("s") else ""
        if base and (base in self.camel or base in self.acronyms or base in self.initials):
            return base
        return None

    def alternatives(self, term: str, known: bool, word: str = "") -> tuple[Alternative, ...]:
        """Other phrasings of a question term (``word`` as written, when at hand), best
        evidence first, without the term itself."""
        return self._kept_alternatives(term, known, word)

    def short_forms(self, term: str, known: bool) -> tuple[Alternative, ...]:
        """What the corpus itself shows the term to stand for: the long forms of an acronym it
        defines, and for a term it never uses, the names whose initials it is, the corpus
        words it begins ("pak" -> Pakistan), the abbreviations that begin it ("ontario" ->
        "Ont.") and the verb it is a form of ("gave" -> give). Unlike synonyms, these say the
        same thing."""
        return self._kept_short_forms(term, known)

    @cached_property
    def _kept_alternatives(self) -> Callable[[str, bool, str], tuple[Alternative, ...]]:
        """``alternatives``, kept for the words of later questions (at most _KEPT: a few
        tuples of terms each)."""
        return lru_cache(maxsize=_KEPT)(self._find_alternatives)

    @cached_property
    def _kept_short_forms(self) -> Callable[[str, bool], tuple[Alternative, ...]]:
        """``short_forms``, kept for the words of later questions (at most _KEPT)."""
        return lru_cache(maxsize=_KEPT)(self._find_short_forms)

    def _find_alternatives(self, term: str, known: bool, word: str) -> tuple[Alternative, ...]:
        # A word looked up by the phrase it stands in ("back" in "back down") is no shortening
        # of a longer word ("backdoor"): what it stands for is the phrase's.
        phrase = " " in word
        found: list[Alternative] = [
            *self.short_forms(term, known or phrase),
            *self.groups.get(term, ()),
        ]
        if phrase:  # a phrase the question writes ("pushed back"): its lexicon groups
            found += self.groups.get(lexicon_key(word), ())
        if word and not known:
            found += self._synonyms(word)
        return tuple(a for a in dict.fromkeys(found) if a != (term,))

    def _find_short_forms(self, term: str, known: bool) -> tuple[Alternative, ...]:
        found: list[Alternative] = [*self.acronyms.get(term, ())]
        if not known:
            found += self._base_verbs(term)
            found += self.initials.get(term, ())
            found += [(a,) for a in self.abbreviations if term.startswith(a)]
            if len(term) >= MIN_PREFIX:
                completions = self._completions(term)
                if len(completions) <= MAX_COMPLETIONS:
                    found += [(w,) for w in completions]
        return tuple(a for a in dict.fromkeys(found) if a != (term,))

    def _base_verbs(self, term: str) -> list[Alternative]:
        """The base forms of a verb's form that the stemmer does not reach ("gave": give,
        "took": take; WordNet's exception lists), when the corpus uses them: the same word."""
        thesaurus = wordnet()
        if thesaurus is None:
            return []
        based = (stem(b) for b in thesaurus.base_forms(term, "verb") if " " not in b)
        return [(b,) for b in based if b != term and b in self._terms]

    @cached_property
    def _synonyms(self) -> Callable[[str], tuple[Alternative, ...]]:
        """A word's WordNet synonyms that the corpus uses (every term of a phrase), kept for
        words asked again."""
        return lru_cache(maxsize=_KEPT)(self._look_up_synonyms)

    def _look_up_synonyms(self, word: str) -> tuple[Alternative, ...]:
        thesaurus = wordnet()
        if thesaurus is None:
            return ()
        asked_as_phrase = len(words(word)) > 1
        found = []
        for synonym in [
            *thesaurus.synonyms(word, THESAURUS_SENSES),
            *thesaurus.related(word, THESAURUS_SENSES, RELATIONS),
        ]:
            spelled = words(synonym)
            terms = tuple(content_stems(spelled))
            if not asked_as_phrase and len(terms) < len(spelled):
                # An entry that loses a particle to the stopwords ("put on", to joke) would
                # match its bare verb ("put"), which says something else. A phrase asked
                # about ("backed down") loses its own particle alike, so it may ("pull out").
                continue
            if terms and self._terms.issuperset(terms):
                found.append(terms)
        return tuple(found)

    @cached_property
    def _terms(self) -> frozenset[str]:
        return frozenset(self.vocabulary)

    def _completions(self, prefix: str) -> list[str]:
        from bisect import bisect_left

        i = bisect_left(self.vocabulary, prefix)
        out = []
        while i < len(self.vocabulary) and self.vocabulary[i].startswith(prefix):
            out.append(self.vocabulary[i])
            i += 1
        return out


def find_acronyms(texts: Iterable[str]) -> dict[str, tuple[Alternative, ...]]:
    """Acronyms defined in the texts, when the initials of the preceding words spell them."""
    found: dict[str, list[Alternative]] = {}
    for text in texts:
        for m in _ACRONYM.finditer(text):
            before = _LONG_FORM.search(text, max(0, m.start() - _LOOK_BACK), m.start())
            if not before:
                continue
            letters, words = m.group(1), before.group().split()
            if len(words) < len(letters):
                continue
            candidate = words[-len(letters) :]
            if "".join(w[0] for w in candidate).upper() != letters:
                continue
            long_form = tuple(tokens(" ".join(candidate)))
            key = tokens(letters)
            if key and long_form:
                found.setdefault(key[0], []).append(long_form)
    return {k: tuple(dict.fromkeys(v)) for k, v in found.items()}


def find_abbreviations(texts: Iterable[str]) -> tuple[str, ...]:
    """Terms the texts write as abbreviations: a capitalised word of at most five letters
    whose period ends no sentence ("Ont.-based", "Dec. 30", "Calif., where"), three letters
    or more (shorter ones begin too many words)."""
    found: set[str] = set()
    for text in texts:
        for period in _ABBREVIATION_PERIOD.finditer(text):
            start = max(0, period.start() - _ABBREVIATION_LOOK_BACK)
            word = _ABBREVIATION.search(text, start, period.start())
            if word:
                found.update(t for t in tokens(word.group()) if len(t) >= MIN_PREFIX)
    return tuple(sorted(found))  # sorted: the same alternatives, in the same order, every run


def find_initials(texts: Iterable[str]) -> dict[str, tuple[Alternative, ...]]:
    """Initials (lower case) of capitalised word runs -> the runs' terms."""
    found: dict[str, list[Alternative]] = {}
    for text in texts:
        for m in _CAPITALISED_RUN.finditer(text):
            run = [w for w in m.group(0).split() if w[0].isupper()]
            terms = tuple(tokens(" ".join(run)))
            if len(run) >= 2 and terms:
                found.setdefault("".join(w[0] for w in run).lower(), []).append(terms)
    return {k: tuple(dict.fromkeys(v)) for k, v in found.items()}


def find_camel_case(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The capitals of camel-case words (lower case, "bb") -> the words' terms."""
    found: dict[str, list[str]] = {}
    for text in texts:
        for m in _CAMEL_CASE.finditer(text):
            terms = tokens(m.group(0))
            if len(terms) == 1:
                capitals = "".join(c for c in m.group(0) if c.isupper()).lower()
                found.setdefault(capitals, []).append(terms[0])
    return {k: tuple(dict.fromkeys(v)) for k, v in found.items()}


def _lexicon() -> dict[str, tuple[Alternative, ...]]:
    text = resources.files("index").joinpath("synonyms.txt").read_text(encoding="utf-8")
    return parse_lexicon(text.splitlines())


def lexicon_key(phrase: str) -> str:
    """The key a phrase is found by in the lexicon (``parse_lexicon``): its content terms,
    joined by spaces ("pushed back": "push back")."""
    return " ".join(tokens(phrase))


def parse_lexicon(lines: Sequence[str]) -> dict[str, tuple[Alternative, ...]]:
    """term -> the other entries of every group it is a one-word entry of; a phrase's terms,
    joined by spaces ("push back") -> those of every group it is an entry of."""
    out: dict[str, list[Alternative]] = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        entries = [tuple(tokens(e)) for e in line.split(",")]
        entries = [e for e in dict.fromkeys(entries) if e]
        for entry in entries:
            out.setdefault(" ".join(entry), []).extend(e for e in entries if e != entry)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}
