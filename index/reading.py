"""Reading a question the way people type it into the words the articles use.

Six steps, all general (nothing here knows the story):
- a word stretched for emphasis ("soooo", "stayyy") becomes the word stretched;
- chat forms ("u", "govt", "y", "rn") become the words they stand for, and filler ("lol",
  "ngl", "hey bot", "thx") is dropped, from a small list of general chat English
  (``chat_forms.txt``);
- a word the articles never use and that is no English word is taken as a misspelling of the
  closest corpus term (rapidfuzz's optimal-string-alignment distance, where two letters
  swapped are one edit; same first letter, the commoner term on a tie): "pakstan" ->
  pakistan, "anounce" -> announce, "secruity" -> security;
- such a word whose first letter and consonants are a stopword's is that stopword, typed
  without its vowels ("wht", "hav"), and says nothing of what is asked;
- "before" with no object ("has this happened before?", "b4 w other countries") is the adverb,
  "in the past", not the preposition that orders two events ("before the deadline");
- short forms the corpus itself defines (acronyms, initials, "bb" for BlackBerry, "pak" for
  Pakistan) are left to ``index.expansion``.

English words come from the unigram frequency dictionary that symspellpy ships (82,765 words
with their counts in a large English corpus).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

from index.text import STOPWORDS, stem, words
from index.thesaurus import wordnet

# A misspelt word is at most this many edits from the corpus term it stands for (fewer for
# short words, where one edit already changes the word: "ban" / "bay").
MAX_EDITS = 2
# The shortest part of a word written as one of a two-word phrase ("roll" + "out").
_MIN_PART = 2
# ... and of each of two nouns run together into one ("fanbase").
_MIN_NOUN = 3
SHORT_WORD = 7  # stems shorter than this are corrected by at most one edit
MIN_CORRECTED = 4  # shorter words are never corrected (too many near neighbours)
# Written words shorter than this are taken for a misspelt English word only one edit away
# ("happend"; "valorant" is a name, not "valiant").
LONG_WORD = 9
_KEPT = 4096  # corrections kept for words asked again
# ``rarity``: Zipf frequencies from ZIPF_CEILING - ZIPF_SPAN ("karachi", 3) up are scaled down
# linearly to RARITY_FLOOR at ZIPF_CEILING ("the" is about 7.6).
ZIPF_CEILING = 7.0
ZIPF_SPAN = 4.0
RARITY_FLOOR = 0.1


# The ending of a contraction: "why'd", "they'll", "we've", "you're", "i'm".
_CONTRACTED = re.compile(r"'(d|ll|ve|re|m)$")
# A letter typed three times or more in a row: a word stretched for emphasis ("soooo").
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")
_MAX_RUNS = 3  # stretched runs undone in one word (each is cut to two letters or one)
# A question tag closing a clause ("bb was kinda broke at the time, right?", "deadline got
# pushed right? to when"): it asks the reader to agree, and says nothing of what is asked.
_QUESTION_TAG = re.compile(r"[,\s]+right(?=\s*(?:[?!]|\.(?:\s|$)|$))", re.IGNORECASE)
# "before" taking no object: last, or followed by punctuation, a conjunction or a word that
# cannot open a noun phrase ("before or after the post" shares its object). As an adverb it
# means "in the past"; read as "before", it would match the preposition of sequence, as in
# "had said before the resolution".
_BEFORE_ALONE = re.compile(
    r"\bbefore\b(?!\s*(?:or|and)\s+(?:after|during|since|until|till)\b)"
    r"(?=\s*(?:$|[?!.,;:]|(?:or|and|but|with|too|either|ever|anywhere|elsewhere)\b))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Word:
    """A question word as read: the word, and the corpus term it stands for."""

    word: str
    term: str
    corrected: bool = False  # ``term`` is a spelling correction of ``word``


def chat_forms() -> dict[str, tuple[str, ...]]:
    """form -> the words it stands for (none for filler): English chat's and Roman Urdu's."""
    return {**_forms_in("chat_forms.txt"), **roman_urdu()}


@cache
def roman_urdu() -> dict[str, tuple[str, ...]]:
    """Roman Urdu's particles, auxiliaries and question words (``roman_urdu.txt``), as chat
    forms: form -> the words it stands for."""
    return _forms_in("roman_urdu.txt")


def _forms_in(name: str) -> dict[str, tuple[str, ...]]:
    text = resources.files("index").joinpath(name).read_text(encoding="utf-8")
    return parse_chat_forms(text.splitlines())


@lru_cache(maxsize=1024)  # of questions asked again
def mixed_with_urdu(text: str) -> bool:
    """Whether the text mixes Roman Urdu into its English: it holds one of Roman Urdu's
    particles, auxiliaries or question words ("ne", "tha", "kyun")."""
    return not roman_urdu().keys().isdisjoint(w.casefold() for w in words(text))


def parse_chat_forms(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        form, meaning = line.split(":", 1)
        out[form.strip().casefold()] = tuple(words(meaning))
    return out


@cache
def english() -> dict[str, int]:
    """English words and their corpus counts (symspellpy's frequency dictionary)."""
    path = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt")
    # One "word count" pair a line: split at once and paired up, twice as fast as line by line
    # (it is part of start-up: the outlets' names are told from English words with it).
    fields = path.read_text(encoding="utf-8").split()
    return dict(zip(fields[::2], map(int, fields[1::2]), strict=True))


def zipf(word: str) -> float:
    """How common an English word is: log10 of its frequency per billion words (0 when it is
    not in the dictionary; about 7 for "the", 4 for "drama", 3 for "karachi")."""
    count = english().get(word)
    if not count:
        return 0.0
    return max(0.0, math.log10(count / _total() * 1e9))


def warm_up_reading() -> None:
    """Load the English dictionary now rather than at the first unfamiliar word."""
    _english_by_letter()
    _total()


def rarity(word: str) -> float:
    """How rare a word is in English, from RARITY_FLOOR (the commonest words: "bad", "big") to
    1 (rare words, names and words English does not have): a background model of how much a
    word the articles never use says about what is asked."""
    return min(1.0, max(RARITY_FLOOR, (ZIPF_CEILING - zipf(word)) / ZIPF_SPAN))


@cache
def _english_by_letter() -> dict[str, list[str]]:
    return _by_first_letter(english())


def _by_first_letter(words: Iterable[str]) -> dict[str, list[str]]:
    """The words beginning with a letter, by that letter: a misspelling is looked for among
    the words of its own first letter."""
    out: dict[str, list[str]] = {}
    for word in words:
        if word[:1].isalpha():
            out.setdefault(word[0], []).append(word)
    return out


def _closest(
    word: str, candidates: Sequence[str], edits: int, frequency: Callable[[str], int]
) -> str | None:
    """The candidate at most ``edits`` edits from the word, the closest and then the most
    frequent (then the first in alphabetical order), if any."""
    found = extract(word, candidates, scorer=OSA.distance, score_cutoff=edits, limit=None)
    if not found:
        return None
    return str(min(found, key=lambda f: (f[1], -frequency(f[0]), f[0]))[0])


@cache
def _total() -> int:
    return sum(english().values())


@dataclass
class Reader:
    """Reads questions against one corpus's vocabulary (its stemmed terms)."""

    vocabulary: Iterable[str]
    frequency: Callable[[str], int]  # document frequency of a corpus term
    forms: dict[str, tuple[str, ...]] = field(default_factory=chat_forms)
    # The corpus term a misspelt (stemmed) word most likely stands for, if any is close.
    correct: Callable[[str], str | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        terms = tuple(self.vocabulary)
        self._by_letter = _by_first_letter(terms)
        self._known = frozenset(terms)
        # Questions repeat words: each misspelling is looked up once, and each token and word
        # is read once (``_normalised_token``, ``_read_word``: at most _KEPT of each kept, a
        # few hundred bytes apiece).
        self.correct = lru_cache(maxsize=_KEPT)(self._correct)
        self._token = lru_cache(maxsize=_KEPT)(self._normalised_token)
        self._word = lru_cache(maxsize=_KEPT)(self._read_word)

    def normalise(self, text: str) -> str:
        """The text with chat forms spelled out, filler and question tags dropped and a
        "before" that takes no object read as the adverb, "in the past" (case and punctuation
        of the other words are kept: capitals still tell names)."""
        read = " ".join(w for w in map(self._token, text.split()) if w)
        return _BEFORE_ALONE.sub("in the past", _QUESTION_TAG.sub("", read))

    def _normalised_token(self, token: str) -> str:
        """One whitespace-separated token of ``normalise``: what it stands for ("" for filler),
        or the token itself."""
        core = token.strip(".,!?;:()[]\"'“”‘’@").casefold()
        if _STRETCHED.search(core):
            token = core = self._unstretched(core)
        meaning = self._meaning(core)
        if meaning is None:
            meaning = self._parted(core)
        if meaning is None:
            return token
        out = " ".join(meaning)
        if token[-1:] in "?!.," and out:
            out += token[-1]
        return out

    def _unstretched(self, word: str) -> str:
        """A word stretched for emphasis ("soooo", "whyyy", "stayyy") as the chat form, corpus
        word or English word it stretches: each run of three or more of a letter cut to two or
        to one, the commonest word so found first; else each run cut to one letter, for the
        spelling to correct ("blackberyyyy": "blackbery")."""
        runs = [m.span() for m in _STRETCHED.finditer(word)][:_MAX_RUNS]
        found = []
        for keep in itertools.product((2, 1), repeat=len(runs)):
            cut, end = [], 0
            for (start, stop), n in zip(runs, keep, strict=True):
                cut.append(word[end : start + n])
                end = stop
            found.append("".join(cut) + word[end:])
        valid = [c for c in found if c in self.forms or self._is_word(c)]
        return max(valid, key=self._commonness, default=found[-1])

    def _is_word(self, text: str) -> bool:
        """Whether each word of the text is an English word or a corpus term."""
        found = words(text)
        return bool(found) and all(w in english() or stem(w) in self._known for w in found)

    def _commonness(self, text: str) -> tuple[bool, int]:
        return text in self.forms, sum(english().get(w, 0) for w in words(text))

    def _parted(self, word: str) -> tuple[str, ...] | None:
        """A word that is neither English nor the corpus's, written as one of a phrase WordNet
        knows ("rollout": roll out, "pullout": pull out), or as two nouns run together, one of
        them the corpus's ("fanbase": fan base), as the phrase; else None. A misspelt word is
        none ("contries" is "countries", not "con tries")."""
        thesaurus = wordnet()
        if (
            thesaurus is None
            or len(word) < 2 * _MIN_PART
            or not word.isalpha()
            or word in english()
            or stem(word) in self._known
        ):
            return None
        splits = [
            (word[:at], word[at:])
            for at in range(_MIN_PART, len(word) - _MIN_PART + 1)
            if word[:at] in english() and word[at:] in english()
        ]
        for a, b in splits:
            if thesaurus.has(f"{a} {b}"):
                return a, b
        # A compound noun of two nouns run together, one of them the corpus's ("fanbase"), not
        # a misspelt word ("contries": con + tries).
        if self.correct(stem(word)) is not None or self.correct_english(word) is not None:
            return None
        for a, b in splits:
            if all(
                len(w) >= _MIN_NOUN and w not in STOPWORDS and thesaurus.base_forms(w, "noun")
                for w in (a, b)
            ) and (stem(a) in self._known or stem(b) in self._known):
                return a, b
        return None

    def _meaning(self, form: str) -> tuple[str, ...] | None:
        """What a chat form stands for (a plural one too: "govts"; one whose "s" makes another
        chat form reads as that one: "wats", "whats", "what is"), or None."""
        if form in self.forms:
            return self.forms[form]
        if form.endswith("s") and self.forms.get(form[:-1]):
            *head, last = self.forms[form[:-1]]
            return (*head, *self.forms.get(last + "s", (last + "s",)))
        return None

    def read(self, text: str) -> list[Word]:
        """The content words of ``normalise``d text, each with the corpus term it stands for."""
        return [w for w in map(self._word, words(text)) if w is not None]

    def _read_word(self, word: str) -> Word | None:
        """One word of ``read``: the corpus term it stands for, or None for a word that says
        nothing of what is asked (a stopword)."""
        # A contraction's ending ("why'd", "they'll", "we've") is a verb that says nothing
        # of what is asked: the word is the part before it.
        word = _CONTRACTED.sub("", word)
        if word in STOPWORDS:
            return None
        if word.endswith("in") and word not in english() and word + "g" in english():
            word += "g"  # a dropped g: "stayin", "doin"
            if word in STOPWORDS:
                return None
        term = stem(word)
        if term not in self._known:
            # The same word in the other English spelling ("rumours": rumors).
            term = next((t for t in map(stem, variants(word)) if t in self._known), term)
        if term in self._known or word in english() or not word.isalpha():
            return Word(word, term)
        if _without_vowels(word) in _STOPWORDS_WITHOUT_VOWELS:
            return None  # a stopword typed without its vowels: "wht", "hav"
        corrected = self.correct(term)
        if corrected is None:
            english_word = self.correct_english(word)
            if english_word is not None:
                return (
                    None
                    if english_word in STOPWORDS
                    else Word(english_word, stem(english_word), True)
                )
        return Word(word, corrected or term, corrected is not None)

    def specific(self, word: str) -> str:
        """The word, when it names something specific that no corpus term matches: neither an
        English word nor a misspelling of a corpus word ("valorant"), or a figure ("2024")."""
        if word.isdigit():
            return word if len(word) >= 3 else ""
        if len(word) < 3 or not word.isalpha() or word in english() or word in self.forms:
            return ""
        # A misspelt English word ("finacially") is no name.
        return "" if self.correct_english(word) else word

    def correct_english(self, word: str) -> str | None:
        """The English word a misspelt word most likely stands for (the commonest of the
        closest), if one is close: "finacially" -> "financially", "happend" -> "happened"."""
        return _correct_english(word)

    def _correct(self, term: str) -> str | None:
        """The corpus term a misspelt (stemmed) word most likely stands for, if any is close
        (``correct``, which keeps what it found for words asked again)."""
        if len(term) < MIN_CORRECTED:
            return None
        edits = 1 if len(term) < SHORT_WORD else MAX_EDITS
        return _closest(term, self._by_letter.get(term[0], ()), edits, self.frequency)


def _without_vowels(word: str) -> str:
    """The word's first letter and the consonants after it: what chat keeps of a word typed
    without its vowels ("what": "wht", "have": "hv")."""
    return word[:1] + "".join(c for c in word[1:] if c not in "aeiouy")


# The stopwords of three letters or more as typed without their vowels (at least two letters
# left: "wht", "hv", "bcs"); a word the articles never use and no English word that reads so
# is that stopword, which says nothing of what is asked.
_STOPWORDS_WITHOUT_VOWELS = frozenset(
    skeleton
    for skeleton in (_without_vowels(w) for w in STOPWORDS if w.isalpha() and len(w) >= 3)
    if len(skeleton) >= 2
)


# British and American spellings of one word: each pattern, at the word's end or inside it,
# and what it is written as in the other spelling ("rumour": rumor, "favourite": favorite,
# "organise": organize, "analyse": analyze, "centre": center, "defence": defense,
# "travelled": traveled, "catalogue": catalog).
_VARIANTS = [
    (re.compile(a), b)
    for a, b in [
        (r"our(?=s?$|ed$|ing$|ite|able|er)", "or"),
        (r"(?<=[^aeiou])or(?=s?$|ed$|ing$|ite|able)", "our"),
        (r"is(?=e[sd]?$|ing$|ation)", "iz"),
        (r"iz(?=e[sd]?$|ing$|ation)", "is"),
        (r"ys(?=e[sd]?$|ing$)", "yz"),
        (r"yz(?=e[sd]?$|ing$)", "ys"),
        (r"(?<=[^aeiou])re(?=s?$|d$)", "er"),
        (r"(?<=[^aeiou])er(?=s?$|ed$)", "re"),
        (r"ence(?=s?$)", "ense"),
        (r"ense(?=s?$)", "ence"),
        (r"(?<=[aeiou])ll(?=ed$|ing$|er$)", "l"),
        (r"(?<=[^aeiou][aeiou])l(?=ed$|ing$|er$)", "ll"),
        (r"ogue(?=s?$)", "og"),
    ]
]


def variants(word: str) -> list[str]:
    """The word in the other English spelling, by each rule that applies ("rumours":
    ["rumors"]); most are no word at all, which only a vocabulary tells."""
    return [
        pattern.sub(other, word, count=1) for pattern, other in _VARIANTS if pattern.search(word)
    ]


@lru_cache(maxsize=4096)
def _correct_english(word: str) -> str | None:
    """``Reader.correct_english``, kept for words asked again."""
    if len(word) < MIN_CORRECTED:
        return None  # "uae", "gsm": too short to tell from a typo; taken as a name
    edits = 1 if len(word) < LONG_WORD else MAX_EDITS
    return _closest(word, _english_by_letter().get(word[0], ()), edits, english().__getitem__)
