"""Turn a captured news page into its story paragraphs.

Captures carry page furniture around the story: breadcrumbs, "Close X", advert labels,
section names, bylines and read-time lines, image slugs, datelines, author footers, and
blocks of unrelated teaser headlines ("MORE National ARTICLES", "Related stories", ...).
The rules here are about the shape of such lines, not about any one page, so an article
added later is cleaned the same way. The headline is metadata and never a paragraph.
"""

from __future__ import annotations

import re
import unicodedata

# Everything after a line like these is other stories, never this one.
_TEASER_START = re.compile(
    r"^(more\b.{0,40}\barticles?|related (articles|stories|posts|news)|you (may|might) also like"
    r"|read more|recommended( for you)?|most (read|popular)|trending( now)?|latest news"
    r"|also read|more from|more stories)\s*:?$",
    re.IGNORECASE,
)
_MONTH = (
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"  # "Dec", "December", "Dec."
)
_WEEKDAY = r"(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*"
_DATE = rf"({_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d\d-\d\d)"
_TIME = r"\d{1,2}:\d\d(\s*(am|pm|gmt|utc|[a-z]{2,4}))*"
_FURNITURE = [
    re.compile(
        r"^(close( x)?|advt?|advertisement|sponsored|skip to (main )?content|share( this)?)$", re.I
    ),
    re.compile(rf"^({_WEEKDAY},?\s+)?{_DATE}(\s+{_TIME})?$", re.I),  # a bare date line
    re.compile(rf"^{_DATE}\s+{_TIME}\b.*$", re.I),  # "Dec 31, 2015 15:58 GMT · By"
    re.compile(
        rf"^[^.!?]{{2,60}},\s+{_DATE}(\s+{_TIME})?$", re.I
    ),  # "The Canadian Press, 31 Dec, 2015 12:20 PM"
    re.compile(r"^(written |posted |reported )?by\b[^.!?]{0,60}(\bmin(ute)?s? read\b.*)?$", re.I),
    re.compile(r"^.{0,60}\b\d+\s+min(ute)?s?\s+read\b.*$", re.I),  # read-time lines
    re.compile(
        r"^[a-z0-9]+(-[a-z0-9]+)+(\.(jpe?g|png|gif|webp))?$"
    ),  # image slugs, lower-case-with-dashes
    re.compile(r"^\S*@\S+\.\S+$"),  # a bare e-mail address
]
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def normalise_line(line: str) -> str:
    """NFC, non-breaking and odd spaces folded to one space, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", line)).strip()


def clean_article(raw: str, title: str) -> list[str]:
    """The story paragraphs of a captured page, in order, text otherwise verbatim."""
    return _join_lead_ins([b for b in _blocks(raw, _key(title)) if _is_prose(b)])


def _blocks(raw: str, title_key: str) -> list[str]:
    """Runs of non-blank, non-furniture lines (a line of spaces or NBSP is blank; a furniture
    line also ends a block, since datelines often sit directly above the first paragraph).
    Stops at the first teaser-block marker."""
    blocks: list[str] = []
    current: list[str] = []
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = normalise_line(line)
        if _TEASER_START.match(line):
            break
        if line and not _is_furniture(line, title_key):
            current.append(line)
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return blocks


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _is_furniture(block: str, title_key: str) -> bool:
    key = _key(block)
    if not key:
        return True
    # The headline itself, or a breadcrumb that ends with it ("Home Business <headline>").
    if title_key and (
        key == title_key or (key.endswith(title_key) and len(key) - len(title_key) < 40)
    ):
        return True
    if any(p.match(block) for p in _FURNITURE):
        return True
    # Section labels and tag lists: a few words, no sentence ("National", "featured, News").
    words = block.replace(",", " ").split()
    return len(words) <= 3 and not _SENTENCE_END.search(block)


def _is_prose(block: str) -> bool:
    """A story paragraph has a sentence in it. Headings, crossheads and footers do not end like
    one; a lead-in ending in ',' or ':' is kept to be joined with what follows."""
    if len(_WORD.findall(block)) < 4:
        return False
    return bool(_SENTENCE_END.search(block)) or block.endswith((",", ":"))


def _join_lead_ins(blocks: list[str]) -> list[str]:
    """Join a lead-in ("The blog post further read that,") to the paragraph it introduces."""
    out: list[str] = []
    for block in blocks:
        if out and out[-1].endswith((",", ":")):
            out[-1] = f"{out[-1]} {block}"
        else:
            out.append(block)
    if out and out[-1].endswith((",", ":")):
        out.pop()
    return out
