"""Questions that name a source: "According to TechJuice, why ...", "How did Softpedia put it?".

The outlets are the corpus's own metadata. An outlet is named when the question holds the
distinctive words of its name: those that are no common English word ("softpedia",
"techjuice", "inferse"), or every word of a name made only of English words ("Canadian
Press"). Its paragraphs are then preferred, and its name is not looked for in the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from index.reading import english
from index.text import tokens, words


@dataclass(frozen=True)
class Outlets:
    names: dict[str, tuple[str, ...]]  # outlet -> the terms that name it in a question

    @classmethod
    def build(cls, outlets: Iterable[str]) -> Outlets:
        names = {}
        for outlet in dict.fromkeys(outlets):
            distinctive = [w for w in words(outlet) if w not in english()]
            terms = tuple(tokens(" ".join(distinctive))) or tuple(tokens(outlet))
            if terms:
                names[outlet] = terms
        return cls(names)

    def named(self, terms: Sequence[str]) -> list[str]:
        """The outlets the question terms name."""
        present = set(terms)
        return [o for o, name in self.names.items() if present.issuperset(name)]

    def terms_of(self, outlets: Iterable[str]) -> frozenset[str]:
        return frozenset(t for o in outlets for t in self.names[o])
