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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from index.text import tokens

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
# An unknown word this long or longer may stand for corpus words it begins.
MIN_PREFIX = 5


@dataclass(frozen=True)
class Expander:
    groups: dict[str, tuple[Alternative, ...]]  # term -> alternatives from the lexicon
    acronyms: dict[str, tuple[Alternative, ...]]  # acronym term -> long forms defined as such
    initials: dict[str, tuple[Alternative, ...]]  # initials of capitalised runs -> the runs
    vocabulary: tuple[str, ...]  # sorted corpus terms, for prefix look-ups

    @classmethod
    def build(cls, texts: Iterable[str], vocabulary: Iterable[str]) -> Expander:
        texts = list(texts)
        return cls(
            _lexicon(), find_acronyms(texts), find_initials(texts), tuple(sorted(vocabulary))
        )

    def alternatives(self, term: str, known: bool) -> tuple[Alternative, ...]:
        """Other phrasings of a question term, best evidence first, without the term itself."""
        found: list[Alternative] = [*self.acronyms.get(term, ()), *self.groups.get(term, ())]
        if not known:
            found += self.initials.get(term, ())
            if len(term) >= MIN_PREFIX:
                found += [(w,) for w in self._completions(term)]
        return tuple(a for a in dict.fromkeys(found) if a != (term,))

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


def _lexicon() -> dict[str, tuple[Alternative, ...]]:
    text = resources.files("index").joinpath("synonyms.txt").read_text(encoding="utf-8")
    return parse_lexicon(text.splitlines())


def parse_lexicon(lines: Sequence[str]) -> dict[str, tuple[Alternative, ...]]:
    """term -> the other entries of every group it is a one-word entry of."""
    out: dict[str, list[Alternative]] = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        entries = [tuple(tokens(e)) for e in line.split(",")]
        entries = [e for e in dict.fromkeys(entries) if e]
        for entry in entries:
            if len(entry) == 1:
                out.setdefault(entry[0], []).extend(e for e in entries if e != entry)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}
