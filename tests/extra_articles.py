"""Three small synthetic articles, written for the tests (not news), that grow the seed corpus
the way a maintainer would: added with ``python -m bot.cli --corpus DIR corpus add``. Each brings
a new dated event (talks in December 2015, a review announced in January 2016, a phone
launch) and one more report of the 31 December reversal; their sentences use the shapes
captions must handle (an opening date, attribution before and after, a clause in commas)."""

from __future__ import annotations

from pathlib import Path

from bot.cli import main

ARTICLES: list[tuple[str, str, str, str]] = [
    (
        "example-wire-talks.txt",
        "Example Wire",
        "2015-12-18",
        """Pakistan and BlackBerry meet again over server access

On Thursday, Pakistan's information technology minister met BlackBerry executives in Islamabad
to discuss the planned shutdown, a ministry spokesman said.

The spokesman, who asked not to be named, said the talks would continue next week.

BlackBerry did not respond to a request for comment.
""",
    ),
    (
        "example-tribune-review.txt",
        "Example Tribune",
        "2016-01-05",
        """Regulator to review encrypted services after BlackBerry deal

Pakistan's telecommunication regulator said on Monday that it would review how other encrypted
messaging services, including WhatsApp and Viber, operate in the country.

On December 31, BlackBerry said it would keep serving its customers in Pakistan after the
government dropped its demand for access to BES traffic.

Analysts said the review could take several months, because the regulator has little
experience with end-to-end encryption.
""",
    ),
    (
        "example-review-priv.txt",
        "Example Review",
        "2016-01-21",
        """BlackBerry brings the Priv to Pakistan

BlackBerry said on Wednesday that its Priv smartphone, which runs Android, will go on sale in
Pakistan in February.

According to the company, business customers in Pakistan can keep using BlackBerry Enterprise
Server as before.
""",
    ),
]


def add_extra_articles(root: Path, scratch: Path) -> None:
    """Add the three articles to the corpus at ``root`` with the CLI's ``corpus add``."""
    scratch.mkdir(parents=True, exist_ok=True)
    for name, outlet, published, text in ARTICLES:
        path = scratch / name
        path.write_text(text, encoding="utf-8")
        code = main(
            ["--corpus", str(root), "corpus", "add", str(path), "--outlet", outlet,
             "--published", published]
        )  # fmt: skip
        assert code == 0, name
