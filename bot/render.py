"""Everything the Discord bot shows, built as plain data within Discord's limits.

The one place that knows Discord's size limits: every embed and message is built here and
cut here, so no other module has to count characters. Cuts shorten the quoted paragraph and
never the citation (outlet, title, date, paragraph number, link). Text that came from users
is escaped so it cannot format, ping or link. Pure functions: no Discord I/O.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import discord

from bot.cli import following_up
from index.answer import Answer, Citation, Source
from index.corpus import Article, Paragraph

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_COUNT_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
MESSAGE_EMBEDS_TOTAL = 6000
EMBEDS_PER_MESSAGE = 10
CONTENT_LIMIT = 2000
CHOICE_LIMIT = 100  # an autocomplete choice's name and value

ELLIPSIS = "…"
COLOUR = discord.Colour.dark_teal()
ABSTAIN_COLOUR = discord.Colour.light_grey()
# Longest article title shown in a source line (the rest of the line must always fit).
_TITLE_SHOWN = 200
# Longest link put in a source line; longer ones are left out rather than cut.
_URL_SHOWN = 512
EVENTS_PER_PAGE = 5  # a page that reads on a phone
# Results shown in one message: each then has room for a whole citation and some quote.
RESULTS_PER_MESSAGE = 4
_UNTITLED = "Your question"  # the title of an answer to a question with no text


@dataclass(frozen=True)
class Reply:
    """One message: content and/or embeds."""

    content: str = ""
    embeds: tuple[discord.Embed, ...] = ()


# ---- escaping and cutting --------------------------------------------------------------------


def escape(text: str) -> str:
    """Text shown verbatim: no markdown, masked links, or mentions (@everyone, roles, users)."""
    # escape_markdown also escapes backslashes and the "[" of masked links.
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def one_line(text: str) -> str:
    return " ".join(text.split())


def cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ELLIPSIS[:limit] if limit > 0 else ""
    head = text[: limit - len(ELLIPSIS)]
    space = head.rfind(" ")
    if space >= len(head) // 2:
        head = head[:space]
    return head.rstrip() + ELLIPSIS


def cut_escaped(text: str, limit: int, *, from_start: bool = False) -> str:
    """The longest cut of raw ``text`` whose escaped form fits ``limit`` characters, escaped.

    Cutting before escaping keeps escapes whole (a cut never leaves a dangling backslash)."""
    if len(escape(text)) <= limit:
        return escape(text)

    def shown(n: int) -> str:
        if from_start:  # keep the end: cut the reversed text, put the ellipsis in front
            return ELLIPSIS + escape(cut(text[::-1], n)[::-1][len(ELLIPSIS) :])
        return escape(cut(text, n))

    lo, hi = 0, len(text)
    while lo < hi:  # largest n with len(shown(n)) <= limit
        mid = (lo + hi + 1) // 2
        if len(shown(mid)) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return shown(lo) if lo > 0 and len(shown(lo)) <= limit else ""


# ---- citations -------------------------------------------------------------------------------


def date_text(article: Article) -> str:
    d = article.published
    shown = f"{d.day} {d:%b %Y}"
    return f"{shown} (date inferred)" if article.inferred("published") else shown


def outlet_text(article: Article) -> str:
    outlet = escape(one_line(article.outlet))[:100]
    return f"{outlet} (outlet inferred)" if article.inferred("outlet") else outlet


def link(text: str, url: str | None) -> str:
    """A masked link for embeds (``text`` already escaped); plain text when there is no
    usable URL."""
    if not url or len(url) > _URL_SHOWN or not re.match(r"https?://\S+$", url):
        return text
    return f"[{text}]({url.replace('(', '%28').replace(')', '%29')})"


def source_line(article: Article, paragraph: Paragraph | None = None) -> str:
    """Outlet, title (linked where known), date and paragraph: a citation, always whole."""
    title = link(f"*{cut_escaped(one_line(article.title), _TITLE_SHOWN)}*", article.url)
    where = f", ¶{paragraph.number}" if paragraph is not None else ""
    return f"**{outlet_text(article)}** — {title} — {date_text(article)}{where}"


def _also_reported(sources: Sequence[Source], limit: int) -> str:
    """One source line per other outlet; those that do not fit become "…and N more"."""
    lines: list[str] = []
    for n, s in enumerate(sources):
        line = source_line(s.article, s.paragraph)
        last = n == len(sources) - 1
        reserve = 0 if last else len(f"\n…and {len(sources) - n - 1} more")
        if len("\n".join([*lines, line])) + reserve > limit:
            more = f"…and {len(sources) - n} more"
            shown = "\n".join([*lines, more])
            return shown if len(shown) <= limit else "\n".join(lines)
        lines.append(line)
    return "\n".join(lines)


def quote(paragraph: str, highlight: str, limit: int) -> str:
    """The paragraph as a block quote with its best sentence in bold, within ``limit``.

    Too long: the text after the sentence goes first, then the text before it, and only then
    the sentence itself is cut."""
    paragraph = one_line(paragraph)
    highlight = one_line(highlight)
    at = paragraph.find(highlight) if highlight else -1
    if limit < 8:
        return ""
    if at < 0:
        return "> " + cut_escaped(paragraph, limit - 2)
    before, after = paragraph[:at], paragraph[at + len(highlight) :]

    def render(b: str, h: str, a: str) -> str:
        return f"> {b}**{h}**{a}" if h else f"> {b}{a}"

    full = render(escape(before), escape(highlight), escape(after))
    if len(full) <= limit:
        return full
    core = render(escape(before), escape(highlight), "")
    if len(core) + 1 < limit:
        return core + cut_escaped(after, limit - len(core))
    sentence = render("", escape(highlight), "")
    if len(sentence) + 1 < limit:
        room = limit - len(sentence)
        return f"> {cut_escaped(before, room, from_start=True)}**{escape(highlight)}**"
    return render("", cut_escaped(highlight, limit - 6), "")


def _embed_length(title: str, fields: Iterable[tuple[str, str]], footer: str) -> int:
    return len(title) + len(footer) + sum(len(n) + len(v) for n, v in fields)


def citation_embed(
    citation: Citation, *, title: str, position: int, total: int, budget: int
) -> discord.Embed:
    """One result: the quoted paragraph, then its source and who else reported it; at most
    ``budget`` characters in all (the quote and the other outlets give way, the citation
    does not)."""
    title = cut(title, TITLE_LIMIT)
    fields = [("Source", source_line(citation.article, citation.paragraph))]
    footer = f"Result {position} of {total} · quoted verbatim from the article"
    if citation.also_in:
        name = "Also reported by"
        spare = budget - _embed_length(title, fields, footer) - len(name)
        also = _also_reported(citation.also_in, min(FIELD_VALUE_LIMIT, spare // 2))
        if also:
            fields.append((name, also))
    room = min(DESCRIPTION_LIMIT, budget - _embed_length(title, fields, footer))
    embed = discord.Embed(
        title=title or None,
        description=quote(citation.paragraph.text, citation.highlight, room) or None,
        colour=COLOUR,
    )
    for name, value in fields:
        embed.add_field(name=name, value=value, inline=False)
    return embed.set_footer(text=footer)


# ---- answers ---------------------------------------------------------------------------------


def answer_reply(answer: Answer) -> Reply:
    """The answer: its best result titled with the question, or the abstention; a follow-up
    first says which earlier question it was read with (``following_up``)."""
    reply = abstention_reply(answer) if not answer.answered else _results(answer, 0, 1)
    if not answer.context:
        return reply
    about = escape(following_up(answer.context))
    return Reply(content="\n".join(filter(None, [about, reply.content])), embeds=reply.embeds)


def question_of(embeds: Sequence[discord.Embed]) -> str:
    """The question an answer message (``answer_reply``'s embeds) answered, from its title;
    empty for any other message. Titles are cut at TITLE_LIMIT, so a long question comes back
    shortened."""
    if not embeds or not (embeds[0].footer.text or "").startswith("Result 1 of "):
        return ""
    title = embeds[0].title or ""
    return "" if title == _UNTITLED else _unescape(title)


def _unescape(text: str) -> str:
    """``escape``'s text back (markdown backslashes, defused mentions)."""
    return re.sub(r"\\(.)", r"\1", text).replace("@\u200b", "@")


def more_results_reply(answer: Answer, start: int = 1) -> Reply:
    """The results after the first (what the "More results" button shows privately)."""
    if start >= len(answer.citations):
        return Reply(content=NO_MORE)
    return _results(answer, start, RESULTS_PER_MESSAGE)


def _results(answer: Answer, start: int, count: int) -> Reply:
    """Results ``start`` to ``start + count``, one embed each, sharing one message's limits."""
    shown = answer.citations[start : start + count]
    budget = MESSAGE_EMBEDS_TOTAL // len(shown)
    question = cut_escaped(one_line(answer.question), TITLE_LIMIT - 6) or _UNTITLED
    heading = question if start == 0 else f"More: {question}"
    return Reply(
        content=TENTATIVE if answer.tentative and start == 0 else "",
        embeds=tuple(
            citation_embed(
                c,
                title=heading if i == 0 else "",
                position=start + i + 1,
                total=len(answer.citations),
                budget=budget,
            )
            for i, c in enumerate(shown)
        ),
    )


def abstention_reply(answer: Answer) -> Reply:
    reason = cut_escaped(one_line(answer.reason), 1500) if answer.reason else ""
    text = f"That isn't in my articles. {reason}".rstrip()
    return Reply(content=f"{text}\n`/sources` lists the articles I answer from.")


# ---- sources and about -----------------------------------------------------------------------


def sources_reply(articles: Sequence[Article]) -> Reply:
    lines: list[str] = []
    for n, a in enumerate(articles):
        line = f"{source_line(a)} · {len(a.paragraphs)} paragraphs"
        more = f"\n…and {len(articles) - n} more (see `python -m bot.cli sources`)"
        if len("\n".join([*lines, line])) + len(more) > DESCRIPTION_LIMIT:
            lines.append(more.strip())
            break
        lines.append(line)
    embed = discord.Embed(
        title=f"The articles I answer from ({len(articles)})",
        description="\n".join(lines) or "No articles loaded.",
        colour=COLOUR,
    )
    return Reply(embeds=(embed,))


def about_reply(articles: Sequence[Article]) -> Reply:
    paragraphs = sum(len(a.paragraphs) for a in articles)
    outlets = sorted({escape(one_line(a.outlet)) for a in articles})
    dates = sorted(a.published for a in articles)
    span = f"{_day(dates[0])} to {_day(dates[-1])}" if dates else "no dates"
    embed = discord.Embed(
        title="About this bot",
        description=(
            "I answer questions about the 2015 dispute between BlackBerry and Pakistan's "
            "government over access to BlackBerry Enterprise Service traffic, using only a "
            "fixed set of news articles. Every answer is a paragraph quoted from an article, "
            "with its outlet, title, date and paragraph number.\n\n"
            "**How answers are chosen:** your question's words are matched against every "
            "paragraph (BM25 ranking); the best paragraph is quoted with its most relevant "
            "sentence in bold, and outlets reporting the same thing are listed together. When "
            "no paragraph covers the question, I say so instead of guessing."
        ),
        colour=COLOUR,
    )
    embed.add_field(
        name="Corpus",
        value=cut(
            f"{len(articles)} articles, {paragraphs} paragraphs, from {', '.join(outlets)} "
            f"({span})",
            FIELD_VALUE_LIMIT,
        ),
        inline=False,
    )
    embed.add_field(
        name="Commands",
        value="`/ask` a question · `/timeline` the dated events · `/sources` the articles · "
        "or mention me with a question",
        inline=False,
    )
    return Reply(embeds=(embed,))


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


# ---- timeline --------------------------------------------------------------------------------


class EventCitation(Protocol):
    @property
    def article(self) -> Article: ...
    @property
    def paragraph(self) -> Paragraph: ...


class TimelineEvent(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def background(self) -> bool: ...
    @property
    def citations(self) -> Sequence[EventCitation]: ...


def event_field(event: TimelineEvent) -> tuple[str, str]:
    """An event as an embed field: its date, its summary (cut first), and its citations."""
    name = cut_escaped(one_line(event.label), FIELD_NAME_LIMIT - 14) or "Undated"
    if event.background:
        name += " · background"
    cites = [
        link(f"{outlet_text(c.article)} ¶{c.paragraph.number}", c.article.url)
        for c in event.citations
    ]
    cited = ""
    for n in range(len(cites), 0, -1):  # as many citations as leave room for some summary
        more = f" +{len(cites) - n} more" if n < len(cites) else ""
        cited = "— " + " · ".join(cites[:n]) + more
        if len(cited) <= FIELD_VALUE_LIMIT // 2:
            break
    summary = cut_escaped(one_line(event.summary), FIELD_VALUE_LIMIT - len(cited) - 1)
    return name, f"{summary}\n{cited}".strip()


def timeline_pages(
    events: Sequence[TimelineEvent],
    *,
    start: str | None = None,
    end: str | None = None,
    source: str | None = None,
) -> list[Reply]:
    """The events as pages of one embed each, every page within one message's limits; the
    filters used (``source`` is user text) are shown under the title."""
    title = "Timeline of the BlackBerry-Pakistan dispute"
    shown = [
        f"from {start}" if start else "",
        f"to {end}" if end else "",
        f"reported by {cut_escaped(one_line(source), 200)}" if source else "",
    ]
    subtitle = "Events " + ", ".join(s for s in shown if s) if any(shown) else ""
    fields = [event_field(e) for e in events]
    if not fields:
        text = "No dated events match." + (f"\n{subtitle}" if subtitle else "")
        return [Reply(embeds=(discord.Embed(title=title, description=text, colour=COLOUR),))]
    footer_room = len("Page 9999 of 9999")
    room = MESSAGE_EMBEDS_TOTAL - len(title) - len(subtitle) - footer_room
    pages: list[list[tuple[str, str]]] = [[]]
    used = 0
    for f in fields:
        size = len(f[0]) + len(f[1])
        if pages[-1] and (len(pages[-1]) >= EVENTS_PER_PAGE or used + size > room):
            pages.append([])
            used = 0
        pages[-1].append(f)
        used += size
    replies = []
    for n, page in enumerate(pages, 1):
        embed = discord.Embed(title=title, description=subtitle or None, colour=COLOUR)
        for name, value in page:
            embed.add_field(name=name, value=value, inline=False)
        embed.set_footer(text=f"Page {n} of {len(pages)}")
        replies.append(Reply(embeds=(embed,)))
    return replies


# ---- short notices ---------------------------------------------------------------------------

BUSY = "I'm answering a lot of questions right now. Please try again in a few seconds."
FAILED = "Something went wrong while answering. It has been logged; please try again later."
NOT_YOURS = "Only the person who asked can use these buttons. Ask your own with `/ask`."
IMAGE_UNAVAILABLE = "(The picture needs the bot's optional `image` extra, which is not installed.)"
TIMELINE_IMAGE = "timeline.png"
EMPTY_MENTION = "Ask me a question after the mention, e.g. `@me why did BlackBerry stay?`"
NO_MORE = "There are no further results for this question."
# Shown above a tentative answer (the engine is unsure the passage answers the question).
TENTATIVE = (
    "I'm not sure: this is the closest passage I found, and it may not answer your question."
)
# The vote buttons under every answer, and the private acknowledgement of a click.
HELPFUL_LABEL = "Helpful"
NOT_HELPFUL_LABEL = "Not helpful"
HELPFUL_EMOJI = "👍"
NOT_HELPFUL_EMOJI = "👎"
VOTED_HELPFUL = "Thanks! Noted that this answer helped. Click the other button to change your vote."
VOTED_NOT_HELPFUL = (
    "Thanks! Noted that this answer didn't help: the people who run this bot use these votes "
    "to see which questions need better articles. Click the other button to change your vote."
)
VOTE_NOT_RECORDED = "Thanks! Your vote could not be saved right now, sorry."


def vote_thanks(helpful: bool, recorded: bool) -> str:
    """The private reply to a vote."""
    if not recorded:
        return VOTE_NOT_RECORDED
    return VOTED_HELPFUL if helpful else VOTED_NOT_HELPFUL


def notice(text: str) -> str:
    """A short message that may echo user text: escaped, one line, within the content limit."""
    return cut_escaped(one_line(text), CONTENT_LIMIT)


def cooldown_text(retry_after: float, now: float) -> str:
    """When to retry (``now`` is a Unix time): a Discord relative timestamp, which counts down
    in the client, plus the seconds for clients that show it raw."""
    seconds = max(1, math.ceil(retry_after))
    when = discord.utils.format_dt(dt.datetime.fromtimestamp(now + seconds, dt.UTC), style="R")
    return f"You're asking quickly — please try again {when} (in {seconds} s)."


def choice_text(text: str) -> str:
    """A string that fits an autocomplete choice."""
    return cut(one_line(text), CHOICE_LIMIT)


def violations(reply: Reply) -> list[str]:
    """Every Discord limit ``reply`` breaks (empty when it can be sent)."""
    problems = []
    if len(reply.content) > CONTENT_LIMIT:
        problems.append(f"content {len(reply.content)} > {CONTENT_LIMIT}")
    if not reply.content and not reply.embeds:
        problems.append("empty message")
    if len(reply.embeds) > EMBEDS_PER_MESSAGE:
        problems.append(f"{len(reply.embeds)} embeds > {EMBEDS_PER_MESSAGE}")
    total = sum(len(e) for e in reply.embeds)
    if total > MESSAGE_EMBEDS_TOTAL:
        problems.append(f"embeds total {total} > {MESSAGE_EMBEDS_TOTAL}")
    for e in reply.embeds:
        checks = [
            ("title", len(e.title or ""), TITLE_LIMIT),
            ("description", len(e.description or ""), DESCRIPTION_LIMIT),
            ("fields", len(e.fields), FIELD_COUNT_LIMIT),
            ("footer", len(e.footer.text or ""), FOOTER_LIMIT),
            ("author", len(e.author.name or ""), AUTHOR_LIMIT),
        ]
        for f in e.fields:
            checks += [
                ("field name", len(f.name or ""), FIELD_NAME_LIMIT),
                ("field value", len(f.value or ""), FIELD_VALUE_LIMIT),
            ]
            if not (f.name or "").strip() or not (f.value or "").strip():
                problems.append("empty field")
        problems += [f"{what} {n} > {limit}" for what, n, limit in checks if n > limit]
    return problems
