"""Text pipeline shared by paragraphs and questions: tokens for ranking, sentences for highlights.

Tokens: Unicode words, case-folded, curly apostrophes straightened, possessives dropped,
English stopwords removed, Snowball English stems (PyStemmer). Paragraphs and questions go
through the same function, so a question word can only match what the index holds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import Stemmer

# Discord markup that is not words: user/role/channel mentions, custom emoji, timestamps,
# @everyone/@here, code fences and inline code markers, spoilers, links' angle brackets.
_DISCORD_MARKUP = re.compile(
    r"<(@[!&]?|#)\d+>|<a?:\w+:\d+>|<t:\d+(:\w)?>|@(everyone|here)\b|```\w*|[`*_~|>]+"
    r"|<?\b(https?://|www\.)[^\s>]*>?"
)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # in text whose apostrophes are straightened

STOPWORDS = frozenset(
    """a about above again against all am an and any are aren't as at be because been
    being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down each few for from further had hadn't has hasn't have haven't
    having he he'd he'll her here here's hers herself him himself his how how's i i'd i'll i'm i've
    if in into is isn't it it's its itself let's me more most mustn't my myself no nor not of off
    on once only or other ought our ours ourselves out over own same shan't she she'd she'll
    should shouldn't so some such than that that's the their theirs them themselves then there
    there's these they they'd they'll they're they've this those through to too under up
    very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's
    which while who who's whom why why's will with won't would wouldn't you you'd you'll you're
    you've your yours yourself yourselves also just though although until
    s t d ll m o re ve y""".split()
)

_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=1024)  # of questions asked again
def strip_markup(text: str) -> str:
    """Remove Discord mentions and markup, and links, which carry no words of the question."""
    return _DISCORD_MARKUP.sub(" ", text)


def _folded(text: str) -> str:
    """The text as words are read from it: NFKC, case-folded, apostrophes straightened."""
    return unicodedata.normalize("NFKC", text).casefold().replace("’", "'")


def words(text: str) -> list[str]:
    """Case-folded words with apostrophes straightened and possessives dropped."""
    text = _folded(text)
    found: list[str] = _WORD.findall(text)
    if "'" not in text:
        return found
    # A word ends with a letter or digit, so "'s" is the only possessive ending it can have.
    return [w[:-2] if w.endswith("'s") else w for w in found]


def written_words(text: str) -> list[str]:
    """The words ``words`` reads, as written: case kept, possessives kept, apostrophes
    straightened."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).replace("’", "'"))


def folded_words(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text case-folded as ``words`` reads it, and its words (possessives dropped) with
    where each starts in it."""
    text = _folded(text)
    found = ((m.start(), m.group()) for m in _WORD.finditer(text))
    return text, [(start, w[:-2] if w.endswith("'s") else w) for start, w in found]


def tokens(text: str) -> list[str]:
    """Stemmed content tokens, in order (duplicates kept: BM25 counts them)."""
    return content_stems(words(text))


def content_stems(words: Iterable[str]) -> list[str]:
    """The stems of the words that are not stopwords, in order."""
    return [stem(w) for w in words if w not in STOPWORDS]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


# Sentence boundaries: end punctuation (and closing quotes) then space and an opening capital,
# digit or quote; abbreviations such as "Dec." or "Ont." and initials do not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt no vs etc inc ltd co corp gov sen rep gen col lt sgt capt
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    ont que alta sask man calif mass wash fla u.s u.k b.c""".split()
)
_BOUNDARY = re.compile(r"(?<=[.!?…])([\"'”’)\]]*)\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping their text verbatim."""
    return [paragraph[start:end] for start, end in sentence_spans(paragraph)]


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Where the paragraph's sentences start and end (without the spaces around them). Only
    spaces lie between them, so their ``words`` are the paragraph's, in order."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        end = m.end(1)
        before = paragraph[start:end].rstrip("\"'”’)] ")
        last = before.rsplit(None, 1)[-1].rstrip(".").casefold() if before.split() else ""
        if last in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last):
            continue
        out.append(_stripped(paragraph, start, end))
        start = m.end()
    tail = _stripped(paragraph, start, len(paragraph))
    if tail[0] < tail[1]:
        out.append(tail)
    return out


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` without leading and trailing whitespace, as a span."""
    part = text[start:end]
    return start + len(part) - len(part.lstrip()), end - len(part) + len(part.rstrip())
