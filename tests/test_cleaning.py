"""Cleaning captured pages: the story's paragraphs and nothing else."""

from __future__ import annotations

from index.cleaning import clean_article
from index.corpus import Corpus


def _texts(corpus: Corpus) -> list[str]:
    return [p.text for p in corpus.paragraphs]


def test_teaser_block_is_never_a_paragraph(engine) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(_texts(engine.corpus))
    for teaser in [
        "Surrey Six",
        "Syrian Refugees",
        "IAMAW",
        "Victoria Police",
        "Maple Ridge",
        "social responsibility",
    ]:
        assert teaser not in text


def test_page_furniture_is_dropped(engine) -> None:  # type: ignore[no-untyped-def]
    texts = _texts(engine.corpus)
    joined = "\n".join(texts)
    for furniture in [
        "Close X",
        "ADVT",
        "November 14, 2024",
        "Home Business",
        "min read",
        "blackberry-leap-in-pakistan",
        "Written by",
        "editors@techjuice.pk",
        "15:58 GMT",
        "12:20 PM",
        "MORE National ARTICLES",
    ]:
        assert furniture not in joined, furniture
    assert "National" not in texts and "featured, News" not in texts


def test_headline_is_metadata_not_a_paragraph(engine) -> None:  # type: ignore[no-untyped-def]
    for article in engine.corpus.articles:
        assert all(p.text != article.title for p in article.paragraphs)


def test_seed_paragraph_counts(engine) -> None:  # type: ignore[no-untyped-def]
    counts = {a.id: len(a.paragraphs) for a in engine.corpus.articles}
    assert counts == {
        "canadian-press-blackberry-to-stay-in-pakistan": 14,
        "inferse-blackberry-to-exit-pakistan": 7,
        "inferse-blackberry-to-stay-in-pakistan": 6,
        "softpedia-blackberry-continues-in-pakistan": 9,
        "techjuice-blackberry-to-exit-pakistan": 7,
    }


def test_dateline_directly_above_the_lead_is_split_off() -> None:
    raw = (
        "Close X\nThursday, November 14, 2024\nADVT\nNational\n\nSome Headline Here\n\n"
        "The Canadian Press, 31 Dec, 2015 12:20 PM\n"
        "    The company says it will remain operating in the country.\n"
    )
    assert clean_article(raw, "Some Headline Here") == [
        "The company says it will remain operating in the country."
    ]


def test_generic_rules_on_an_unseen_page() -> None:
    raw = (
        "News > World > Some story headline\n\nSome story headline\n\n"
        "By Jane Doe | 3 min read\n\nhero-image-slug.jpg\n\n"
        "The first paragraph of the story is here and it is long enough.\n"
        "It continues on a second line.\n\n"
        "A crosshead without a full stop\n\n"
        "The spokesperson said this,\n\n"
        "“A quoted sentence follows the lead-in.”\n\n"
        "Related stories\n\nAnother story that must not be indexed at all.\n"
    )
    assert clean_article(raw, "Some story headline") == [
        "The first paragraph of the story is here and it is long enough. "
        "It continues on a second line.",
        "The spokesperson said this, “A quoted sentence follows the lead-in.”",
    ]


def test_text_is_kept_verbatim_apart_from_spacing() -> None:
    raw = "Headline\n\nIt’s “quoted”\u00a0— and   spaced.\n"
    assert clean_article(raw, "Headline") == ["It’s “quoted” — and spaced."]
