"""Synthetic news-like articles and questions for the scale benchmark.

Words follow a Zipf-Mandelbrot law (frequency ~ 1 / (rank + 2.7)): English function words take
the top ranks, then the seed corpus's own words (so seed questions still find something), then
pronounceable made-up words for the long tail. Text has sentences, paragraphs and a headline,
so it goes through ``corpus add`` and the cleaning rules like a real article.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index.corpus import load_corpus
from index.text import STOPWORDS, words

SEED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"

FUNCTION_WORDS = """the of and to a in that is was he for it with as his on be at by i this had
not are but from or have an they which one you were her all she there would their we him been
has when who will more no if out so said what up its about into than them can only other new
some could time these two may then do first any my now such like our over man me even most made
after also did many before must through back years where much your way well down should because
each just those people how too little state good very make world still own see men work long
get here between both life being under never day same another know while last might us great
old year off come since against go came right used take three""".split()

FRAMES = [
    "What happened with {}?",
    "Why did {}?",
    "When was {}?",
    "Who said {}?",
    "How did {} change?",
    "What do the articles report about {}?",
]
SEED_QUESTIONS = [
    "Why did BlackBerry decide to leave Pakistan?",
    "When was BlackBerry supposed to shut down its operations in Pakistan?",
    "What did the Pakistani government want access to?",
    "Which authority ordered the BES servers shut down?",
    "Did BlackBerry stay in Pakistan after all?",
    "What did Marty Beard say?",
    "Who is the CEO of Samsung?",
    "What is the weather in Lahore tomorrow?",
]
_ONSETS = "b c d f g h j k l m n p r s t v w z br ch cl dr gr pl pr sh st th tr".split()
_VOWELS = "a e i o u ai ea io ou".split()
_CODAS = ["", "", "", "n", "r", "s", "l", "m", "nd", "st", "x"]


def made_up_words(n: int, seed: int = 1) -> list[str]:
    """``n`` distinct pronounceable non-words of one to three syllables."""
    rng = random.Random(seed)
    out: dict[str, None] = {}
    while len(out) < n:
        syllables = rng.randint(1, 3)
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables))
        out[word + rng.choice(_CODAS)] = None
    return list(out)


@dataclass(frozen=True)
class Vocabulary:
    words: list[str]
    cum_weights: list[float]

    @classmethod
    def build(cls, size: int = 60_000) -> Vocabulary:
        seed_counts = Counter(w for p in load_corpus(SEED_CORPUS).paragraphs for w in words(p.text))
        seed = [w for w, _ in seed_counts.most_common() if w not in FUNCTION_WORDS]
        ranked = list(dict.fromkeys(FUNCTION_WORDS + seed))
        ranked += [w for w in made_up_words(size, seed=1) if w not in seed_counts][
            : size - len(ranked)
        ]
        weights = [1 / (r + 2.7) for r in range(len(ranked))]
        return cls(ranked, list(itertools.accumulate(weights)))

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum_weights, k=k)


def sentence(vocab: Vocabulary, rng: random.Random) -> str:
    ws = vocab.sample(rng, rng.randint(8, 22))
    return " ".join([ws[0].capitalize(), *ws[1:]]) + rng.choice([".", ".", ".", "?", "!"])


def article(vocab: Vocabulary, rng: random.Random, paragraphs: int) -> str:
    """A headline line, then ``paragraphs`` paragraphs of two to four sentences."""
    title = " ".join(w.capitalize() for w in vocab.sample(rng, rng.randint(6, 10)))
    body = [
        " ".join(sentence(vocab, rng) for _ in range(rng.randint(2, 4))) for _ in range(paragraphs)
    ]
    return "\n\n".join([title, *body]) + "\n"


def articles(total_paragraphs: int, seed: int = 5) -> Iterator[str]:
    """Articles of 12 to 28 paragraphs until ``total_paragraphs`` are written."""
    rng = random.Random(seed)
    vocab = Vocabulary.build()
    left = total_paragraphs
    while left > 0:
        n = min(left, rng.randint(12, 28))
        left -= n
        yield article(vocab, rng, n)


def questions(paragraph_texts: list[str], n: int, seed: int = 9) -> list[str]:
    """The seed questions, then questions made of two to five content words of random
    paragraphs (so most have an answer somewhere), with a word no paragraph uses now and then."""
    rng = random.Random(seed)
    out = list(SEED_QUESTIONS)
    while len(out) < n:
        content = [w for w in words(rng.choice(paragraph_texts)) if w not in STOPWORDS]
        if len(content) < 2:
            continue
        picked = rng.sample(content, min(len(content), rng.randint(2, 5)))
        if rng.random() < 0.1:
            picked.append("zorblaxian")
        out.append(rng.choice(FRAMES).format(" ".join(picked)))
    return out[:n]
