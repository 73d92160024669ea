"""Rendering: every message the bot sends fits Discord's limits, keeps its citations whole,
and shows user text without letting it format or ping."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import discord
import pytest

from bot import render
from bot.render import Reply, violations
from index.answer import Answer, Citation, Source
from index.corpus import Article, Paragraph, Provenance
from index.engine import Engine

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
URL = "https://example.com/news/blackberry-pakistan"


def article(
    n: int = 1,
    *,
    title: str = "BlackBerry to exit Pakistan",
    outlet: str = "Example News",
    url: str | None = URL,
    text: str = "BlackBerry said it would leave. The government wanted access.",
    inferred: bool = False,
) -> Article:
    aid = f"a{n}"
    prov = {"published": Provenance("inferred", "guessed")} if inferred else {}
    return Article(
        id=aid,
        title=title,
        outlet=outlet,
        url=url,
        published=dt.date(2015, 11, 30),
        paragraphs=(Paragraph(aid, 4, text),),
        provenance=prov,
    )


def citation(a: Article, highlight: str = "", others: tuple[Article, ...] = ()) -> Citation:
    p = a.paragraphs[0]
    return Citation(
        article=a,
        paragraph=p,
        highlight=highlight or p.text,
        score=1.0,
        also_in=tuple(Source(o, o.paragraphs[0]) for o in others),
    )


def text_of(reply: Reply) -> str:
    parts = [reply.content]
    for e in reply.embeds:
        parts += [e.title or "", e.description or "", e.footer.text or ""]
        parts += [f"{f.name}\n{f.value}" for f in e.fields]
    return "\n".join(parts)


def assert_fits(reply: Reply) -> None:
    assert violations(reply) == []


# ---- the answer ------------------------------------------------------------------------------


def test_answer_quotes_paragraph_with_best_sentence_bold_and_cites_it() -> None:
    a = article()
    reply = render.answer_reply(
        Answer("Will BlackBerry leave?", (citation(a, "The government wanted access."),))
    )
    assert_fits(reply)
    (embed,) = reply.embeds
    assert embed.title == "Will BlackBerry leave?"
    assert (
        embed.description == "> BlackBerry said it would leave. **The government wanted access.**"
    )
    source = embed.fields[0].value
    assert source == f"**Example News** — [*BlackBerry to exit Pakistan*]({URL}) — 30 Nov 2015, ¶4"
    assert "Result 1 of 1" in (embed.footer.text or "")


def test_a_tentative_answer_is_labelled_as_such_above_the_same_citation() -> None:
    a = article()
    sure = render.answer_reply(Answer("q", (citation(a, "The government wanted access."),)))
    unsure = render.answer_reply(
        Answer("q", (citation(a, "The government wanted access."),), tentative=True)
    )
    assert_fits(unsure)
    assert sure.content == "" and unsure.content == render.TENTATIVE
    assert "not sure" in unsure.content
    assert unsure.embeds[0].to_dict() == sure.embeds[0].to_dict()
    # "More results" are not labelled again.
    more = render.more_results_reply(
        Answer("q", (citation(a), citation(a)), tentative=True), start=1
    )
    assert more.content == ""


def test_inferred_date_is_marked() -> None:
    reply = render.answer_reply(Answer("q", (citation(article(inferred=True)),)))
    assert "30 Nov 2015 (date inferred)" in reply.embeds[0].fields[0].value


def test_no_link_when_url_unknown_or_unusable() -> None:
    for url in (None, "javascript:alert(1)", "https://x.test/" + "a" * 600):
        value = render.answer_reply(Answer("q", (citation(article(url=url)),))).embeds[0].fields[0]
        assert "](" not in (value.value or "")
        assert "*BlackBerry to exit Pakistan*" in (value.value or "")


def test_also_reported_by_lists_other_outlets() -> None:
    others = (article(2, outlet="Other Daily"), article(3, outlet="Third Post", inferred=True))
    reply = render.answer_reply(Answer("q", (citation(article(), others=others),)))
    also = reply.embeds[0].fields[1]
    assert also.name == "Also reported by"
    assert "**Other Daily**" in (also.value or "") and "**Third Post**" in (also.value or "")
    assert "(date inferred)" in (also.value or "")


def test_many_other_outlets_become_and_n_more() -> None:
    others = tuple(article(i, outlet=f"Outlet {i}", title="T" * 150) for i in range(2, 60))
    reply = render.answer_reply(Answer("q", (citation(article(), others=others),)))
    assert_fits(reply)
    assert "more" in (reply.embeds[0].fields[1].value or "")


def test_more_results_start_after_the_first() -> None:
    cites = tuple(citation(article(i, outlet=f"Outlet {i}")) for i in range(1, 4))
    assert len(render.answer_reply(Answer("q?", cites)).embeds) == 1
    reply = render.more_results_reply(Answer("q?", cites))
    assert_fits(reply)
    assert [e.footer.text.split(" ·")[0] for e in reply.embeds if e.footer.text] == [
        "Result 2 of 3",
        "Result 3 of 3",
    ]
    assert reply.embeds[0].title == "More: q?"


# ---- limits ----------------------------------------------------------------------------------

LONG_WORDS = " ".join(["word"] * 3000)  # 14,999 characters


@pytest.mark.parametrize("n_results", [1, 2, 3, 4, 10, 30])
def test_long_everything_fits_and_citations_stay_whole(n_results: int) -> None:
    long_title = "Title " * 100
    text = f"{LONG_WORDS}. The key sentence is here. {LONG_WORDS}."
    cites = tuple(
        citation(
            article(i, title=long_title, outlet="O" * 300, text=text, inferred=True),
            "The key sentence is here.",
            others=(article(99, title=long_title, inferred=True),),
        )
        for i in range(n_results)
    )
    answer = Answer("Why? " * 2000, cites)
    replies = [render.answer_reply(answer)]
    replies += [render.more_results_reply(answer, start) for start in range(1, n_results)]
    for reply in replies:
        assert_fits(reply)
        for e in reply.embeds:
            source = e.fields[0].value or ""
            assert source.endswith("30 Nov 2015 (date inferred), ¶4")
            assert f"]({URL})" in source
            assert "**The key sentence is here.**" in (e.description or "")


def test_paragraph_over_description_limit_is_cut_keeping_the_sentence() -> None:
    hl = "BlackBerry will stay."
    for text in (f"{LONG_WORDS} {hl}", f"{hl} {LONG_WORDS}", f"{LONG_WORDS} {hl} {LONG_WORDS}"):
        e = render.answer_reply(Answer("q", (citation(article(text=text), hl),))).embeds[0]
        assert len(e.description or "") <= render.DESCRIPTION_LIMIT
        assert f"**{hl}**" in (e.description or "")
        assert "…" in (e.description or "")


def test_best_sentence_longer_than_everything_is_cut_inside_bold() -> None:
    hl = LONG_WORDS + "."
    e = render.answer_reply(Answer("q", (citation(article(text=hl), hl),))).embeds[0]
    assert (e.description or "").startswith("> **word word")
    assert (e.description or "").endswith("…**")
    assert len(e.description or "") <= render.DESCRIPTION_LIMIT


@pytest.mark.parametrize("size", [255, 256, 257, 1999, 2000, 2001, 4096, 6001])
def test_question_at_and_over_title_limit(size: int) -> None:
    q = ("x" * (size - 1) + "?")[:size]
    reply = render.answer_reply(Answer(q, (citation(article()),)))
    assert_fits(reply)
    assert len(reply.embeds[0].title or "") <= render.TITLE_LIMIT


@pytest.mark.parametrize(
    "reason", ["", "short", "x" * 1999, "x" * 2000, "x" * 2001, "@everyone " * 500]
)
def test_abstention_fits_and_points_to_sources(reason: str) -> None:
    reply = render.answer_reply(Answer("Who is the CEO of Samsung?", reason=reason))
    assert_fits(reply)
    assert not reply.embeds
    assert reply.content.startswith("That isn't in my articles.")
    assert "`/sources`" in reply.content
    assert "@everyone" not in reply.content


def test_no_more_results_is_a_short_notice() -> None:
    reply = render.more_results_reply(Answer("q", (citation(article()),)))
    assert reply.content == render.NO_MORE and not reply.embeds


def test_cut_respects_limit_and_words() -> None:
    assert render.cut("hello world", 20) == "hello world"
    assert render.cut("hello wonderful world", 12) == "hello…"
    for n in range(0, 30):
        assert len(render.cut("abc def ghi jkl mno pqr stu vwx", n)) <= n


@pytest.mark.parametrize("limit", range(0, 60, 3))
def test_cut_escaped_never_exceeds_or_leaves_a_dangling_escape(limit: int) -> None:
    text = "**bold** _it_ \\ back `code` " * 5
    for from_start in (False, True):
        out = render.cut_escaped(text, limit, from_start=from_start)
        assert len(out) <= limit
        assert not out.rstrip("…").endswith("\\") or out.rstrip("…").endswith("\\\\")


def test_violations_reports_each_limit() -> None:
    big = discord.Embed(title="t" * 257, description="d" * 4097)
    big.set_footer(text="f" * 2049)
    for _ in range(26):
        big.add_field(name="n" * 257, value="v" * 1025)
    problems = violations(Reply(content="c" * 2001, embeds=(big,) * 11))
    for what in ("content", "embeds", "embeds total", "title", "description", "fields", "footer"):
        assert any(p.startswith(what) for p in problems), what
    assert any(p.startswith("field name") for p in problems)
    assert any(p.startswith("field value") for p in problems)
    assert violations(Reply()) == ["empty message"]


# ---- user text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "@everyone when did it happen?",
        "@here why <@&123456789012345678> <@123456789012345678> <@!123456789012345678>",
        "**bold** __under__ ~~strike~~ `code` ||spoiler|| [link](https://evil.test) > quote",
        "# heading\n- list\n```py\nprint(1)\n```",
        "\\*escaped\\* trailing backslash \\",
    ],
)
def test_echoed_question_cannot_ping_or_format(question: str) -> None:
    reply = render.answer_reply(Answer(question, (citation(article()),)))
    title = reply.embeds[0].title or ""
    assert "@everyone" not in title and "@here" not in title
    assert "<@&1" not in title.replace("\u200b", "") or "@\u200b" in title
    for mention in ("@&123456789012345678", "@123456789012345678", "@!123456789012345678"):
        assert mention not in title
    unescaped = re.sub(r"\\.", "", title)  # drop every escaped character
    for mark in ("*", "_", "~", "|", "[", "`"):
        assert mark not in unescaped
    assert "\n" not in title


def test_escape_keeps_the_visible_text() -> None:
    s = "a*b_c~d|e`f[h](https://x.test)i\\j"
    assert re.sub(r"\\(.)", r"\1", render.escape(s)) == s


# ---- the real corpus -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load(CORPUS)


def test_real_answer_renders_within_limits(engine: Engine) -> None:
    answer = engine.ask("Why did BlackBerry decide to stay in Pakistan?")
    assert answer.answered
    replies = [render.answer_reply(answer), render.more_results_reply(answer)]
    assert len(replies[1].embeds) == len(answer.citations) - 1
    for reply in replies:
        assert_fits(reply)
        assert all("¶" in (e.fields[0].value or "") for e in reply.embeds)


def test_sources_and_about_fit(engine: Engine) -> None:
    articles = engine.corpus.articles
    sources = render.sources_reply(articles)
    assert_fits(sources)
    text = text_of(sources)
    for a in articles:
        assert a.outlet.replace(".", "") in text.replace("\\", "").replace(".", "")
        if a.url:
            assert a.url in text
    assert "(date inferred)" in text  # the seed corpus has an undated page
    about = render.about_reply(articles)
    assert_fits(about)
    assert f"{len(articles)} articles" in text_of(about)


def test_sources_with_hundreds_of_articles_fit() -> None:
    many = [article(i, title="T" * 200) for i in range(300)]
    reply = render.sources_reply(many)
    assert_fits(reply)
    assert "more" in (reply.embeds[0].description or "")


# ---- timeline --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cite:
    article: Article
    paragraph: Paragraph


@dataclass(frozen=True)
class Event:
    label: str
    summary: str
    background: bool
    citations: tuple[Cite, ...]


def event(n: int, summary: str = "BlackBerry announced its exit.", cites: int = 2) -> Event:
    arts = [article(i, outlet=f"Outlet {i}") for i in range(cites)]
    return Event(
        label=f"{n} Dec 2015",
        summary=summary,
        background=n % 5 == 0,
        citations=tuple(Cite(a, a.paragraphs[0]) for a in arts),
    )


def test_timeline_pages_fit_and_keep_order_and_citations() -> None:
    events = [event(n, summary="x " * 2000, cites=30) for n in range(1, 60)]
    pages = render.timeline_pages(events)
    assert len(pages) > 1
    labels = []
    for n, page in enumerate(pages, 1):
        assert_fits(page)
        (embed,) = page.embeds
        assert embed.footer.text == f"Page {n} of {len(pages)}"
        for f in embed.fields:
            labels.append((f.name or "").split(" ·")[0])
            assert "¶4" in (f.value or "")
    assert labels == [f"{n} Dec 2015" for n in range(1, 60)]


def test_timeline_background_marked_and_empty_timeline_says_so() -> None:
    page = render.timeline_pages([event(5)])[0]
    assert (page.embeds[0].fields[0].name or "").endswith("· background")
    (empty,) = render.timeline_pages([])
    assert "No dated events" in (empty.embeds[0].description or "")
    assert_fits(empty)


def test_cooldown_text_says_when() -> None:
    text = render.cooldown_text(4.2, now=1_000_000.0)
    assert "<t:1000005:R>" in text and "5 s" in text
