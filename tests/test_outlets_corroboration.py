"""Questions naming an outlet; answers most outlets agree on."""

from __future__ import annotations

from index.answer import prefer_corroborated
from index.corroboration import names_in, prefer_agreed_names
from index.outlets import Outlets
from index.text import tokens


def test_an_outlet_is_named_by_its_distinctive_words() -> None:
    outlets = Outlets.build(["Softpedia News", "The Canadian Press", "inferse.com", "TechJuice"])
    assert outlets.named(tokens("How did Softpedia say it?")) == ["Softpedia News"]
    assert outlets.named(tokens("According to TechJuice")) == ["TechJuice"]
    assert outlets.named(tokens("according to inferse")) == ["inferse.com"]
    # A name made of English words needs all of them: "Canadian" alone is no outlet.
    assert outlets.named(tokens("a Canadian company")) == []
    assert outlets.named(tokens("the Canadian Press version")) == ["The Canadian Press"]


TEXTS = {
    1: "The statement was written by Marty Chief, at the company.",
    2: "Marty Beard, the chief operating officer, wrote the statement.",
    3: "The statement came from Marty Beard on Thursday.",
    4: "Another Paragraph by Marty Beard in the same article as three.",
}
ARTICLES = {1: "a", 2: "b", 3: "c", 4: "c"}


def test_names_leave_out_the_questions_own_words() -> None:
    assert names_in("Marty Beard met the Chief Operating Officer.", {"chief"}) == {"Marty Beard"}


def test_the_name_most_articles_give_is_preferred() -> None:
    pool = [(1, 5.0), (2, 4.0), (3, 3.0), (4, 1.0)]
    out = prefer_agreed_names(pool, TEXTS.__getitem__, ARTICLES.__getitem__, set())
    assert out[0][0] == 2  # Marty Beard: articles b and c; Marty Chief: only a


def test_a_name_only_one_article_gives_changes_nothing() -> None:
    pool = [(1, 5.0), (3, 3.0), (4, 1.0)]
    out = prefer_agreed_names(pool, TEXTS.__getitem__, ARTICLES.__getitem__, set())
    assert out == pool


def test_the_copy_whose_wording_others_share_leads_its_report() -> None:
    # Three outlets quote one statement; the first-ranked copy adds a detail no other gives.
    shingles = {1: frozenset({1, 2, 3, 9}), 2: frozenset({1, 2, 3}), 3: frozenset({1, 2, 3, 4})}
    articles = {1: "a", 2: "b", 3: "c"}
    groups = [[(1, 5.0), (2, 4.5), (3, 1.0)]]
    ranked = [(1, 5.0), (2, 4.5), (3, 1.0)]
    [group] = prefer_corroborated(groups, ranked, articles.__getitem__, shingles.__getitem__)
    assert group[0] == (2, 5.0)  # leads with the group's best score
    assert sorted(p for p, _ in group) == [1, 2, 3]  # the others are still cited


def test_a_copy_scoring_far_below_the_best_does_not_lead() -> None:
    shingles = {1: frozenset({1, 2, 9}), 2: frozenset({1, 2}), 3: frozenset({1, 2})}
    groups = [[(1, 5.0), (2, 1.0), (3, 1.0)]]
    [group] = prefer_corroborated(
        groups, groups[0], {1: "a", 2: "b", 3: "c"}.__getitem__, shingles.__getitem__
    )
    assert group[0] == (1, 5.0)


def test_the_copy_holding_the_kind_of_answer_asked_for_leads_whatever_its_score() -> None:
    # Who said it? Only the third outlet's copy names the speaker.
    shingles = {1: frozenset({1, 2, 9}), 2: frozenset({1, 2}), 3: frozenset({1, 2, 7})}
    groups = [[(1, 5.0), (2, 4.5), (3, 1.0)]]
    [group] = prefer_corroborated(
        groups,
        groups[0],
        {1: "a", 2: "b", 3: "c"}.__getitem__,
        shingles.__getitem__,
        holds={1: 0, 2: 0, 3: 2}.__getitem__,
    )
    assert group[0] == (3, 5.0) and sorted(p for p, _ in group) == [1, 2, 3]
