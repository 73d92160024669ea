"""Other words for a question's words, from WordNet 3.0 (Princeton's lexical database of English).

WordNet groups words into sets of synonyms ("synsets"), one per sense, senses ordered from the
most to the least common. A question word the articles never use ("postponed", "flip-flop",
"boss") may still share a sense with words they do use ("extend", "reverse", "chief"): those
are its alternatives, looked up at reduced weight like any other expansion.

The database is read from its own files (the format of wndb(5)): Debian's ``wordnet-base``
installs them in /usr/share/wordnet (``WORDNET_DIR`` names another folder). Without them the
engine answers as before, with no thesaurus. Base forms are found with WordNet's own morphy
rules: its exception lists, then its suffix rules ("postponed" -> "postpone").
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import BinaryIO

DEFAULT_DIR = Path("/usr/share/wordnet")
POS = ("noun", "verb", "adj", "adv")
# WordNet's detachment rules (morphy): suffix -> ending, per part of speech.
_RULES = {
    "noun": [
        ("s", ""),
        ("ses", "s"),
        ("xes", "x"),
        ("zes", "z"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("men", "man"),
        ("ies", "y"),
    ],
    "verb": [
        ("s", ""),
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
    ],
    "adj": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "adv": [],
}


class WordNet:
    """Synonyms by sense, from a WordNet database folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._index: dict[str, dict[str, tuple[int, ...]]] = {p: {} for p in POS}
        self._exceptions: dict[str, dict[str, tuple[str, ...]]] = {p: {} for p in POS}
        for pos in POS:
            with open(root / f"index.{pos}", encoding="utf-8") as lines:
                for line in lines:
                    if line.startswith(" "):
                        continue  # the licence at the top of the file
                    fields = line.split()
                    senses = int(fields[2])
                    self._index[pos][fields[0]] = tuple(map(int, fields[-senses:]))
            exc = root / f"{pos}.exc"
            if exc.exists():
                with open(exc, encoding="utf-8") as lines:
                    for line in lines:
                        inflected, *bases = line.split()
                        self._exceptions[pos][inflected] = tuple(bases)
        self._data: dict[str, BinaryIO] = {}

    def base_forms(self, word: str, pos: str) -> list[str]:
        """The word's base forms as this part of speech (morphy)."""
        word = word.casefold().replace(" ", "_")
        index = self._index[pos]
        found = [b for b in self._exceptions[pos].get(word, ()) if b in index]
        found += [w for w in (word, word.replace("-", "_")) if w in index]
        for suffix, ending in _RULES[pos]:
            if word.endswith(suffix) and len(word) > len(suffix):
                base = word[: len(word) - len(suffix)] + ending
                if base in index:
                    found.append(base)
        return list(dict.fromkeys(found))

    def has(self, phrase: str) -> bool:
        """Whether WordNet has an entry for the phrase ("prime minister"), in any base form."""
        return any(self.base_forms(phrase, pos) for pos in POS)

    def synonyms(self, word: str, senses: int) -> list[str]:
        """Words sharing one of the word's ``senses`` commonest senses (per part of speech),
        commonest sense first; multi-word entries with spaces; the word itself left out."""
        out: list[str] = []
        for pos in POS:
            for base in self.base_forms(word, pos):
                for offset in self._index[pos][base][:senses]:
                    out += [w for w in self._synset(pos, offset) if w != base]
        return [w.replace("_", " ") for w in dict.fromkeys(out)]

    def _synset(self, pos: str, offset: int) -> list[str]:
        data = self._data.get(pos)
        if data is None:
            data = self._data[pos] = open(self.root / f"data.{pos}", "rb")  # noqa: SIM115
        data.seek(offset)
        fields = data.readline().decode("utf-8").split()
        count = int(fields[3], 16)
        # Words are followed by a lexical id; adjectives may carry a marker such as "(a)".
        return [fields[4 + 2 * i].split("(")[0].casefold() for i in range(count)]


@cache
def wordnet() -> WordNet | None:
    """The installed WordNet, or None when its files are not there."""
    root = Path(os.environ.get("WORDNET_DIR") or DEFAULT_DIR)
    try:
        return WordNet(root)
    except (OSError, ValueError, IndexError):
        return None
