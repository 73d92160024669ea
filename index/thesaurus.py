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

import mmap
import os
from collections.abc import Collection, Iterator, Sequence
from functools import cache, cached_property, lru_cache
from pathlib import Path

DEFAULT_DIR = Path("/usr/share/wordnet")
POS = ("noun", "verb", "adj", "adv")
_POS_OF = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
_HYPERNYMS = frozenset({"@", "@i"})  # WordNet's pointers to a more general sense
# WordNet's pointer from an adjective to the noun it pertains to ("indian": India; an
# adverb's, to the adjective it is derived from).
PERTAINS_TO = "\\"
_PERTAINYMS = frozenset({PERTAINS_TO})
_KEPT = 4096  # look-ups kept for words asked again
# The kinds of person WordNet files by sex or age alone, right under "person" (a "guy" is a
# man, a male person; a "kid" a child, a juvenile): words under them name no role.
_SEX_OR_AGE = ("male", "female", "adult", "juvenile")
# WordNet's lexicographer files of verbs (lexnames(5)): what kind of doing a sense names.
_VERB_FILES = {
    29: "body",
    30: "change",
    31: "cognition",
    32: "communication",
    33: "competition",
    34: "consumption",
    35: "contact",
    36: "creation",
    37: "emotion",
    38: "motion",
    39: "perception",
    40: "possession",
    41: "social",
    42: "stative",
    43: "weather",
}
# WordNet's lexicographer file of nouns that name acts ("help", "cooperation", "protection").
_NOUN_ACT = 4
# ... and the one of nouns that name something communicated ("statement", "blog", "letter").
_NOUN_COMMUNICATION = 10
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
    """Synonyms by sense, from a WordNet database folder. Nothing is loaded up front: WordNet's
    index and exception files are sorted, so a word is found by binary search in the mapped
    file (as WordNet's own library does), and a sense by seeking to its offset."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files: dict[str, mmap.mmap | None] = {}
        for pos in POS:
            self._map(f"index.{pos}")  # fail now, not at the first question, when one is missing
        # Questions repeat words: each is looked up once (the most recent few thousand kept).
        self._has = lru_cache(maxsize=_KEPT)(self._has_entry)
        self._synonyms = lru_cache(maxsize=_KEPT)(self._look_up)
        self._related = lru_cache(maxsize=_KEPT)(self._look_up_related)
        self._base_forms = lru_cache(maxsize=_KEPT)(self._look_up_base_forms)
        self._name = lru_cache(maxsize=_KEPT)(self._is_name)
        self._is_a = lru_cache(maxsize=_KEPT)(self._look_up_is_a)
        self._plain = lru_cache(maxsize=_KEPT)(self._look_up_plain)
        self._verb_kind = lru_cache(maxsize=_KEPT)(self._look_up_verb_kind)
        self._verb_kinds = lru_cache(maxsize=_KEPT)(self._look_up_verb_kinds)
        self._names_act = lru_cache(maxsize=_KEPT)(self._look_up_names_act)
        self._names_message = lru_cache(maxsize=_KEPT)(self._look_up_names_message)
        self._mostly_verb = lru_cache(maxsize=_KEPT)(self._look_up_mostly_verb)
        self._only_modifier = lru_cache(maxsize=_KEPT)(self._look_up_only_modifier)

    def _map(self, name: str) -> mmap.mmap | None:
        """The file mapped into memory; None for an empty or (but for an index) missing one."""
        if name not in self._files:
            path = self.root / name
            if not name.startswith("index.") and not path.exists():
                self._files[name] = None
            else:
                with open(path, "rb") as file:
                    empty = os.fstat(file.fileno()).st_size == 0
                    self._files[name] = (
                        None if empty else mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
                    )
        return self._files[name]

    def _line(self, name: str, key: str) -> list[str] | None:
        """The fields of the line of a sorted file whose first field is ``key``."""
        data = self._map(name)
        if data is None:
            return None
        wanted = key.encode("utf-8")
        lo, hi = 0, len(data)
        while lo < hi:
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", 0, mid) + 1
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            first = data[start:end].split(b" ", 1)[0]  # "" for the licence's indented lines
            if first == wanted:
                return data[start:end].decode("utf-8").split()
            if first < wanted:
                lo = end + 1
            else:
                hi = start
        return None

    def _senses(self, pos: str, lemma: str) -> tuple[int, ...]:
        """The synset offsets of a lemma, commonest sense first (none when it has none)."""
        fields = self._line(f"index.{pos}", lemma)
        if fields is None:
            return ()
        return tuple(map(int, fields[-int(fields[2]) :]))

    def base_forms(self, word: str, pos: str) -> list[str]:
        """The word's base forms as this part of speech (morphy)."""
        return list(self._base_forms(word, pos))

    def _look_up_base_forms(self, word: str, pos: str) -> tuple[str, ...]:
        word = word.casefold().strip().replace(" ", "_")
        if not word:
            return ()
        exception = self._line(f"{pos}.exc", word)
        candidates = [
            *(exception[1:] if exception else ()),
            word,
            word.replace("-", "_"),
            word.replace("_", "-"),  # "flip flop": WordNet spells it "flip-flop"
        ]
        head, _, rest = word.partition("_")
        for suffix, ending in _RULES[pos]:
            # A phrase inflects its first word ("backed_down" -> "back_down").
            if head.endswith(suffix) and len(head) > len(suffix):
                base = head[: len(head) - len(suffix)] + ending
                candidates.append(f"{base}_{rest}" if rest else base)
        if rest:
            exception = self._line(f"{pos}.exc", head)
            candidates += [f"{b}_{rest}" for b in (exception[1:] if exception else ())]
        return tuple(c for c in dict.fromkeys(candidates) if self._senses(pos, c))

    def has(self, phrase: str) -> bool:
        """Whether WordNet has an entry for the phrase ("prime minister"), in any base form."""
        return self._has(phrase)

    def only_modifier(self, phrase: str) -> bool:
        """Whether WordNet has the phrase only as an adjective or adverb ("at odds", "at
        least", "a bit"): it says how things stand, not what they are."""
        return self._only_modifier(phrase)

    def _look_up_only_modifier(self, phrase: str) -> bool:
        kinds = {pos for pos in POS if self.base_forms(phrase, pos)}
        return bool(kinds) and kinds <= {"adj", "adv"}

    def synonyms(self, word: str, senses: int) -> list[str]:
        """Words sharing one of the word's ``senses`` commonest senses (per part of speech),
        commonest sense first; multi-word entries with spaces; the word itself left out."""
        return list(self._synonyms(word, senses))

    def related(self, word: str, senses: int, symbols: frozenset[str]) -> list[str]:
        """Words of the synsets that the word's ``senses`` commonest senses point to by one of
        WordNet's ``symbols`` ("@" hypernym, "~" hyponym, "+" derivation, "&" similar, ...)."""
        return list(self._related(word, senses, symbols))

    def pertains_to(self, word: str, senses: int) -> list[str]:
        """What the word's ``senses`` commonest senses pertain to: the noun an adjective is of
        ("indian": "india", "financial": "finance"), the adjective an adverb is derived from."""
        return self.related(word, senses, _PERTAINYMS)

    def _has_entry(self, phrase: str) -> bool:
        return any(self.base_forms(phrase, pos) for pos in POS)

    def _look_up(self, word: str, senses: int) -> list[str]:
        out: list[str] = []
        for pos, base, offset in self._commonest(word, senses):
            out += [w for w in self._synset(pos, offset) if w != base]
        return _spaced(out)

    def _look_up_related(self, word: str, senses: int, symbols: frozenset[str]) -> list[str]:
        out: list[str] = []
        for pos, _, offset in self._commonest(word, senses):
            for symbol, target, target_pos in self._pointers(pos, offset):
                if symbol in symbols:
                    out += self._synset(target_pos, target)
        return _spaced(out)

    def _commonest(self, word: str, senses: int) -> Iterator[tuple[str, str, int]]:
        """The word's ``senses`` commonest senses per part of speech and base form: (part of
        speech, base form, synset offset)."""
        for pos in POS:
            for base in self.base_forms(word, pos):
                for offset in self._senses(pos, base)[:senses]:
                    yield pos, base, offset

    def _pointers(self, pos: str, offset: int) -> list[tuple[str, int, str]]:
        fields = self._fields(pos, offset)
        if not fields:
            return []
        count = int(fields[3], 16)
        at = 4 + 2 * count
        pointers = fields[at + 1 : at + 1 + 4 * int(fields[at])]
        return [
            (pointers[i], int(pointers[i + 1]), _POS_OF[pointers[i + 2]])
            for i in range(0, len(pointers), 4)
        ]

    def is_name(self, word: str) -> bool:
        """Whether WordNet knows the word only as the name of one thing (every sense an
        instance: "indonesia", "karachi", "uae"), not as a common word ("apple")."""
        return self._name(word)

    def _is_name(self, word: str) -> bool:
        if any(self.base_forms(word, pos) for pos in POS if pos != "noun"):
            return False
        senses = self._noun_senses(word)
        return bool(senses) and all(self._is_instance(o) for o in senses)

    def can_name(self, word: str) -> bool:
        """Whether one of the word's senses as a noun is the name of one particular thing
        ("china": the country, besides porcelain; "russia"), not only a common word ("site",
        "coverage")."""
        return any(self._is_instance(o) for o in self._noun_senses(word))

    def _noun_senses(self, word: str) -> list[int]:
        """The word's senses as a noun, of each of its base forms."""
        return [o for base in self.base_forms(word, "noun") for o in self._senses("noun", base)]

    def is_a(self, word: str, kind: str) -> bool:
        """Whether the word's commonest sense as a noun is a kind of ``kind``'s commonest
        noun sense, its hypernyms (instance ones too) leading there: a "chairman" is a
        "person", a "city" is not."""
        return self._is_a(word, kind)

    def _look_up_is_a(self, word: str, kind: str) -> bool:
        target = self._senses("noun", kind)[:1]
        if not target:
            return False
        return any(
            self._leads_to(self._senses("noun", base)[:1], target[0])
            for base in self.base_forms(word, "noun")
        )

    def doer_is_a(self, verb: str, kind: str) -> bool:
        """Whether one who does what the verb's commonest sense says is a kind of ``kind``
        (the nouns WordNet derives from it: one who "chaired" is a "chairman", a "person")."""
        target = self._senses("noun", kind)[:1]
        if not target:
            return False
        for base in self.base_forms(verb, "verb"):
            for sense in self._senses("verb", base)[:1]:
                nouns = [t for s, t, p in self._pointers("verb", sense) if s == "+" and p == "noun"]
                if any(self._leads_to([n], target[0]) for n in nouns):
                    return True
        return False

    def verb_kind(self, word: str) -> str | None:
        """What kind of doing the word's commonest sense as a verb names, as WordNet files it
        ("leave": "motion", "say": "communication", "accept": "cognition"); None when it is
        no verb."""
        return self._verb_kind(word)

    def _look_up_verb_kind(self, word: str) -> str | None:
        filed = self._commonest_file(word, "verb")
        return None if filed is None else _VERB_FILES.get(filed)

    def verb_kinds(self, word: str, senses: int) -> frozenset[str]:
        """What kinds of doing the word's ``senses`` commonest senses as a verb name ("post":
        "contact" and "communication"; none when it is no verb)."""
        return self._verb_kinds(word, senses)

    def _look_up_verb_kinds(self, word: str, senses: int) -> frozenset[str]:
        return frozenset(
            _VERB_FILES.get(int(self._fields("verb", offset)[1]), "")
            for base in self.base_forms(word, "verb")
            for offset in self._senses("verb", base)[:senses]
        ) - {""}

    def _commonest_file(self, word: str, pos: str) -> int | None:
        """The number of WordNet's lexicographer file (lexnames(5)) of the word's commonest
        sense as ``pos``, or None when it is none."""
        for base in self.base_forms(word, pos):
            for offset in self._senses(pos, base)[:1]:
                fields = self._fields(pos, offset)
                if len(fields) > 1:
                    return int(fields[1])
        return None

    def names_act(self, word: str) -> bool:
        """Whether the word's commonest sense as a noun names an act, as WordNet files it
        ("help", "cooperation"; not "information", "customers")."""
        return self._names_act(word)

    def _look_up_names_act(self, word: str) -> bool:
        return self._commonest_file(word, "noun") == _NOUN_ACT

    def names_message(self, word: str) -> bool:
        """Whether the word's commonest sense as a noun is something communicated, as WordNet
        files it ("blog", "statement", "entry"; not "post", "country")."""
        return self._names_message(word)

    def _look_up_names_message(self, word: str) -> bool:
        return self._commonest_file(word, "noun") == _NOUN_COMMUNICATION

    def mostly_verb(self, word: str) -> bool:
        """Whether WordNet knows the word as a verb in at least as many senses as in all its
        other parts of speech ("leave", "exit", "pull"; not "blackberry", "even", "back")."""
        return self._mostly_verb(word)

    def _look_up_mostly_verb(self, word: str) -> bool:
        def count(pos: str) -> int:
            return sum(len(self._senses(pos, base)) for base in self.base_forms(word, pos))

        verb = count("verb")
        return verb > 0 and verb >= sum(count(pos) for pos in POS if pos != "verb")

    def says_only_sex_or_age(self, word: str) -> bool:
        """Whether the word's commonest sense as a noun is a person filed only by sex or age
        (a "guy", a "lady", a "kid"; ``_SEX_OR_AGE``): it names no role, so anyone may be
        called so, unlike a "chairman"."""
        return self._plain(word)

    @cached_property
    def _person(self) -> int | None:
        """The commonest noun sense of "person"."""
        return next(iter(self._senses("noun", "person")), None)

    @cached_property
    def _sex_or_age(self) -> frozenset[int]:
        """The senses of ``_SEX_OR_AGE`` right under "person" (a male person, not an animal)."""
        return frozenset(
            offset
            for lemma in _SEX_OR_AGE
            for offset in self._senses("noun", lemma)
            if any(
                t == self._person for s, t, _ in self._pointers("noun", offset) if s in _HYPERNYMS
            )
        )

    def _look_up_plain(self, word: str) -> bool:
        person, plain = self._person, self._sex_or_age
        if person is None:
            return False
        # Every way up from its commonest sense to "person" goes through one of them.
        start = [
            o for base in self.base_forms(word, "noun") for o in self._senses("noun", base)[:1]
        ]
        reached = set(self._upwards(start, plain | {person}))
        return person not in reached and not reached.isdisjoint(plain)

    def _leads_to(self, start: Sequence[int], target: int) -> bool:
        """Whether the noun senses ``start`` are the sense ``target`` or, through their
        hypernyms (instance ones too), a kind of it."""
        return any(offset == target for offset in self._upwards(start))

    def _upwards(self, start: Sequence[int], stop: Collection[int] = ()) -> Iterator[int]:
        """The noun senses ``start`` and those their hypernyms (instance ones too) lead to,
        each once; the ``stop`` senses are reached but not gone beyond."""
        todo, seen = list(start), set()
        while todo:
            offset = todo.pop()
            if offset in seen:
                continue
            seen.add(offset)
            yield offset
            if offset not in stop:
                todo += [t for s, t, _ in self._pointers("noun", offset) if s in _HYPERNYMS]

    def _is_instance(self, offset: int) -> bool:
        return any(symbol == "@i" for symbol, _, _ in self._pointers("noun", offset))

    def _fields(self, pos: str, offset: int) -> list[str]:
        data = self._map(f"data.{pos}")
        if data is None:
            return []
        end = data.find(b"\n", offset)
        return data[offset : len(data) if end < 0 else end].decode("utf-8").split()

    def _synset(self, pos: str, offset: int) -> list[str]:
        fields = self._fields(pos, offset)
        if not fields:
            return []
        count = int(fields[3], 16)
        # Words are followed by a lexical id; adjectives may carry a marker such as "(a)".
        return [fields[4 + 2 * i].split("(")[0].casefold() for i in range(count)]


def _spaced(entries: list[str]) -> list[str]:
    """WordNet entries without repeats, their words joined by spaces ("put_off": "put off")."""
    return [w.replace("_", " ") for w in dict.fromkeys(entries)]


@cache
def wordnet() -> WordNet | None:
    """The installed WordNet, or None when its files are not there."""
    root = Path(os.environ.get("WORDNET_DIR") or DEFAULT_DIR)
    try:
        return WordNet(root)
    except (OSError, ValueError):
        return None
