"""What kind of answer a question asks for."""

from __future__ import annotations

import pytest

from index.answer_types import (
    account_of,
    asked_for,
    asks_about_sequence,
    asks_counterfactual,
    asks_for_kinds,
    asks_for_source,
    asks_for_speaker,
    asks_for_words,
    asks_how_done,
    asks_hypothetically,
    asks_name_of_someone,
    asks_symbol,
    asks_venue,
    asks_weekday,
    asks_what_followed,
    asks_whether,
    asks_who,
    attributed_to,
    attributes,
    causing_verb,
    counted,
    counterfactual,
    date_distance,
    deed_asked,
    deed_counted,
    deed_dated,
    demanded,
    event_after,
    expected_kind,
    has_kind,
    holds,
    intended,
    lists_several,
    named_ones,
    names_symbol,
    names_venue,
    names_weekday,
    places,
    quoted,
    quotes,
    roles_asked,
    roles_named,
    speaker,
    stresses_deed,
    verb_of_whom,
    which_kind,
    yes_no_subject,
)
from index.text import stem
from index.thesaurus import wordnet


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Who was chairman of the PTA then?", ["chairman"]),
        ("Who was Pakistan's telecom minister then?", ["pakistan", "telecom", "minister"]),
        ("Which Pakistani minister announced it?", ["pakistani", "minister", "announced"]),
        ("what was the name of the guy heading it", ["guy", "heading"]),
        ("whom did they thank", ["thank"]),
        ("Why did BlackBerry stay?", []),
        ("pta chairman name", ["chairman", "pta"]),
        ("what's the chairman's name", ["chairman"]),
    ],
)
def test_the_words_after_who_which_or_name_of(question: str, words: list[str]) -> None:
    assert asked_for(question) == words


@pytest.mark.parametrize(
    ("question", "money"),
    [
        ("How much did the shutdown cost BlackBerry?", True),
        ("how much money did bb lose", True),
        ("how much?", True),
        ("how much extra time did pakistan give them", False),
        ("how much longer could they stay", False),
    ],
)
def test_how_much_asks_for_money_only_when_nothing_else_is_measured(
    question: str, money: bool
) -> None:
    asked = [name for name, _ in demanded(question)]
    assert ("price or amount of money" in asked) is money


@pytest.mark.parametrize(
    ("question", "demand"),
    [
        ("how many countries threatened bb", "number"),
        ("the number of bb users in pakistan?", "number"),
        ("how many days extra", "length of time"),
        ("By how many more weeks was the exit pushed back?", "length of time"),
        ("how long did they get", "length of time"),
    ],
)
def test_how_many_units_of_time_asks_for_a_length_of_time(question: str, demand: str) -> None:
    assert [name for name, _ in demanded(question)] == [demand]
    # The span between two days answers a length of time, as a figure of days does.
    _, pattern = demanded(question)[0]
    span = "extended the order from November 30 to December 30"
    assert holds(span, pattern) is (demand == "length of time")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('"We are grateful," Beard said in the blog entry.', True),
        ("“We are grateful,” wrote Marty Chief, Chief Operating Officer at BlackBerry.", True),
        ("Marty Beard, chief operating officer of BlackBerry, wrote on the blog.", True),
        ("According to BlackBerry's Chief Operating System, Marty Beard, it was ...", True),
        ("“We are grateful to the Pakistan Telecommunication Authority.”", False),
        ("The company had been considering its options.", False),
        ("He said the firm would comply with court orders.", False),  # a pronoun names no one
        ("They added that it would stay.", False),
    ],
)
def test_a_quote_is_attributed_when_its_speaker_is_named_beside_a_verb_of_saying(
    text: str, named: bool
) -> None:
    assert attributes(text) is named


@pytest.mark.parametrize(
    ("question", "sequence"),
    [
        ("What did the government do after BlackBerry's blog post?", True),
        ("Before BlackBerry posted its exit announcement, what had happened?", True),
        ("what happened afterwards", True),
        ("Why did BlackBerry stay?", False),
        ("did the pak govt fold lol", False),
    ],
)
def test_questions_placing_what_they_ask_before_or_after_something(
    question: str, sequence: bool
) -> None:
    assert asks_about_sequence(question) is sequence


@pytest.mark.parametrize(
    "question",
    [
        "how much $$ does bb make there",
        "How much compensation did they pay?",
        "how much cash",
        "how big was the fine pta slapped on bb",
    ],
)
def test_how_much_of_something_filed_under_money_asks_for_money(question: str) -> None:
    assert "price or amount of money" in [name for name, _ in demanded(question)]


_MONEY_ASKED = "price or amount of money"
_SHARE_ASKED = "share or percentage"


@pytest.mark.parametrize(
    ("question", "demand", "asked"),
    [
        # A company's results asked for as figures, and what its stock is at: money.
        ("What was BlackBerry's net loss in its most recent quarter?", _MONEY_ASKED, True),
        ("whats bbs actual quarterly loss number", _MONEY_ASKED, True),
        ("What were the exact figures in bb's poor quarterly earnings?", _MONEY_ASKED, True),
        ("what were bb's actual earnings numbers that quarter", _MONEY_ASKED, True),
        ("how bad were those poor quarterly earnings, like what was the loss", _MONEY_ASKED, True),
        ("whats bb stock at today", _MONEY_ASKED, True),
        ("what was bb stock at after the news lol", _MONEY_ASKED, True),
        ("is bb stock at the tsx or nyse", _MONEY_ASKED, False),
        # How a company is doing asks for no figure.
        ("bb been posting bad earnings lately or what", _MONEY_ASKED, False),
        ("is bb broke rn or what, how r their earnings", _MONEY_ASKED, False),
        ("what did bb stand to lose by leaving", _MONEY_ASKED, False),
        # A share or a percentage.
        ("What was BlackBerry's market share in Pakistan in 2015?", _SHARE_ASKED, True),
        ("whats bb's current market share there", _SHARE_ASKED, True),
        ("What percentage of BlackBerry's revenue comes from Pakistan?", _SHARE_ASKED, True),
        ("what share of the smartphone market does bb have", _SHARE_ASKED, True),
        ("how big a share of the market did they hold", _SHARE_ASKED, True),
        ("what proportion of users were on bes", _SHARE_ASKED, True),
        # Market share named as a goal, not asked for; "share" as a verb.
        ("How would leaving hurt bb's efforts to win back market share?", _SHARE_ASKED, False),
        ("did bb share any data with pakistan", _SHARE_ASKED, False),
        ("what did beard share on the blog", _SHARE_ASKED, False),
    ],
)
def test_results_as_figures_and_shares_are_kinds_of_answer(
    question: str, demand: str, asked: bool
) -> None:
    assert (demand in [name for name, _ in demanded(question)]) is asked


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("BlackBerry holds 12% of the market.", True),
        ("about 3.5 percent of its revenue", True),
        ("Half of its customers were in Asia.", True),
        ("as it tries to recover a share of the international market", False),
        ("It will stay in Pakistan after the 30 November deadline.", False),
    ],
)
def test_a_share_is_given_by_a_percentage_or_a_fraction(text: str, held: bool) -> None:
    pattern = dict(demanded("what percentage of users"))[_SHARE_ASKED]
    assert holds(text, pattern) is held


def test_after_all_places_nothing_after_anything() -> None:
    assert not asks_about_sequence("is bb still in pakistan after all that drama")
    assert asks_what_followed("what happened next?") and asks_what_followed("and then?")
    assert not asks_what_followed("what did john chen say")


@pytest.mark.parametrize(
    "text",
    [
        "BlackBerry announced in late November that it would exit",
        "the rumours of mid-July",
        "by December 30",
        "on 30th November",
        "since 2010",
    ],
)
def test_a_passage_holds_a_date(text: str) -> None:
    assert has_kind(text, "when")


def test_a_month_word_without_a_month_is_no_date() -> None:
    assert not has_kind("the company may decide later", "when")


@pytest.mark.parametrize(
    "question",
    [
        "what year was that?",
        "which day?",
        "Which month did it end?",
        # A part of one asks for a time too.
        "In which part of the month did BlackBerry announce it?",
        "at what point in the year did that happen?",
    ],
)
def test_what_or_which_day_month_or_year_asks_for_a_date(question: str) -> None:
    assert expected_kind(question) == "when"


def test_a_part_of_something_else_asks_for_no_date() -> None:
    assert expected_kind("Which part of the company's infrastructure was barred?") is None


def test_who_asks_for_a_person_unless_it_asks_whom_something_was_done_to() -> None:
    assert expected_kind("who said it?") == "who"
    assert expected_kind("who did this?") == "who"
    assert expected_kind("whose idea was it") == "who"
    assert expected_kind("who did they send it to?") is None
    assert expected_kind("Whom did the regulator inform?") is None


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # A clause that dates what is asked about asks for nothing itself.
        ("What did the minister say when the talks failed?", None),
        ("who signed the deal once the order was resolved", "who"),
        ("Which firm did they sue after the deal ended?", "who"),
        # A "when" that asks is followed by its verb; "after all" is no clause.
        ("so when did they leave?", "when"),
        ("the ban, when was it lifted", "when"),
        ("did they stay after all", "outcome"),
        ("how did it end?", "outcome"),
    ],
)
def test_a_time_clause_does_not_say_what_is_asked(question: str, kind: str | None) -> None:
    assert expected_kind(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # Asked whether something happened, a date is part of what is asked about.
        ("did bb leave on that date?", None),
        ("was the ban in 2010 or some other year", None),
        ("did they say when?", "when"),
        ("what date did they leave?", "when"),
    ],
)
def test_a_date_in_a_yes_no_question_is_not_asked_for(question: str, kind: str | None) -> None:
    assert expected_kind(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # Adverbs of how it came out (WordNet's synonyms of "finally"), and "settle".
        ("did the ban ultimately go ahead?", "outcome"),
        ("so did they give in at last", "outcome"),
        ("did it pay off in the long run", "outcome"),
        ("what did they eventually decide", "outcome"),
        ("how was the 2010 dispute settled?", "outcome"),
        # A reason asked for by name.
        ("and india, what was their reason?", "why"),
        ("whats their excuse", "why"),
        ("What justification did they give?", "why"),
        # A cause asked for by what brought it about.
        ("According to BlackBerry, what prompted the regulator's notice?", "why"),
        ("so what made pak change its mind", "why"),
        ("what event led to it?", "why"),
        # Not what someone did or makes.
        ("what did pak want", None),
        ("what do they make", None),
    ],
)
def test_words_that_ask_how_it_came_out_or_why(question: str, kind: str) -> None:
    assert expected_kind(question) == kind


def test_the_verb_that_asks_for_a_cause() -> None:
    assert causing_verb("According to BlackBerry, what prompted the notice?") == "prompted"
    assert causing_verb("so what made pak change its mind") == "made"
    assert causing_verb("what event led to it?") == "led"
    assert causing_verb("what did pak want") is None


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # "Still" asks whether something meant to happen is still on: before a verb in
        # "-ing", "gonna", "going to", "will" or "plan" ...
        ("is bb still leaving pakistan or nah", "outcome"),
        ("is it still going to happen or not", "outcome"),
        ("are they still gonna shut it down", "outcome"),
        ("do they still plan to leave", "outcome"),
        # ... not how things stand ("still has fans", "still popular").
        ("does bb even still have fans in pak", None),
        ("is bb even still popular in pakistan", None),
        ("do ppl in pak still like bb", None),
    ],
)
def test_still_asks_how_it_came_out_only_of_what_was_meant_to_happen(
    question: str, kind: str | None
) -> None:
    assert expected_kind(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which official signed the order?", "who"),
        ("which government agency was behind it", "who"),
        ("what company makes the phone", "who"),
        ("What did the official sign?", None),
        ("what forced the government to change course?", None),  # "forced" is a verb
        ("Which paper described officials as evasive?", None),
        ("which phone did they launch", None),
        ("what date was it", "when"),
    ],
)
def test_which_person_or_body_asks_who(question: str, kind: str | None) -> None:
    assert expected_kind(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("where are the servers", "where"),
        ("bb hq where", "where"),
        ("the hq is where, toronto?", "where"),
        ("where's the company based", "where"),
        ("In which Ontario city is the firm based?", "where"),
        ("which countries threatened a ban", "where"),  # a country is a body too
        ("the servers r physically in which country", "where"),
        ("Is it a market where hardly anyone uses the phone?", None),  # "where" relates
        ("whats the quote where they say it", None),
        ("which site said that", None),  # an outlet, not a place
        ("How does what Pakistan demanded differ from it?", None),  # a name, not asked for
    ],
)
def test_where_or_which_place_asks_where(question: str, kind: str | None) -> None:
    assert expected_kind(question) == kind


@pytest.mark.parametrize(
    "text",
    [
        "India said public safety was its primary concern",
        "the ban came in the wake of the attacks",
        "it pulled out amid the dispute",
        "they refused on the grounds that it was unlawful",
        "the notification came as a response to BlackBerry's rejection",
        "the ban was imposed in retaliation for the refusal",
    ],
)
def test_a_reason_is_given_by_a_causal_connective(text: str) -> None:
    assert has_kind(text, "why")


def test_whether_a_text_names_one_of_the_kind_asked_for() -> None:
    firms = "The company built its reputation on security, buying up specialized software firms."
    countries = "In 2010, several countries including India and Saudi Arabia threatened a ban."
    assert named_ones("which software firms did they buy exactly", firms) is False
    # A participle right after "which" that WordNet knows as an adjective describes the kind.
    assert named_ones("Which specialized software firms did BlackBerry acquire?", firms) is False
    assert named_ones("which countries threatened a ban", countries) is True
    # Nothing to tell: no kind of person, body or place asked for, the kind never mentioned,
    # an outlet asked for, or a word of another clause.
    assert named_ones("which phone did they launch", firms) is None
    assert named_ones("which agency was behind it", firms) is None
    assert named_ones("which outlet described the firms as secure", firms) is None
    assert named_ones("they gave what exactly. firms?", firms) is None


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("which law did pakistan use to order it?", "law"),
        ("Which encryption standard protects BBM messages?", "standard"),
        ("Under which Pakistani statute was the order made?", "statute"),
        # Names or dates answer these without the word for the kind.
        ("which city is bb based in", ""),
        ("Which executive announced the news?", ""),
        ("On which weekday was it announced?", ""),
        # An outlet, kinds of a thing (a list answers them), or no "which" at all.
        ("which site reported it", ""),
        ("Which kinds of customers use BES?", ""),
        ("what law did they use", ""),
    ],
)
def test_the_kind_of_thing_a_which_question_asks_for_one_of(question: str, kind: str) -> None:
    assert which_kind(question) == kind


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("did apple get the same demand from pakistan", ("apple", ())),
        ("hey bot is WhatsApp also banned?", ("whatsapp", ("hey", "bot"))),
        ("Did the UAE threaten BlackBerry too?", ("uae", ())),
        ("and bb was fine with that?", ("fine", ("and", "bb"))),
        # A pronoun, an act or a verb is no thing asked about; nor is anything in a question
        # that asks for something ("what did apple say").
        ("did they leave in the end", None),
        ("would ditching pak have hurt bb", None),
        ("did leave happen", None),
        ("what did apple say about it", None),
        ("the deal was signed", None),
    ],
)
def test_what_a_yes_no_question_asks_about(
    question: str, subject: tuple[str, tuple[str, ...]] | None
) -> None:
    assert yes_no_subject(question) == subject


@pytest.mark.parametrize(
    ("question", "roles"),
    [
        ("bb ceo name?", ("ceo",)),
        ("what is the name of the pta chairman", ("chairman",)),
        # After "which", the head of its phrase ("Pakistani" only qualifies the minister).
        ("Which Pakistani minister, by name, ordered it?", ("minister",)),
        ("did someone misspell beards name", ()),
        # "Who is ..." asks for one by what they are, as "name of" does; not a name asked about
        # ("marty beard" names no role), nor "who are", which asks what kind of people.
        ("who is the ceo", ("ceo",)),
        ("Who is BlackBerry's chief executive?", ("chief", "executive")),
        ("who is marty beard", ()),
        ("who are bb's main customers", ()),
    ],
)
def test_the_words_a_question_asks_a_name_by(question: str, roles: tuple[str, ...]) -> None:
    assert roles_named(question) == roles


@pytest.mark.parametrize(
    ("question", "roles"),
    [
        ("bb ceo name?", ("ceo",)),
        # The head of the phrase after "which": a person or a body, not a place nor a thing.
        ("which pak agency was behind all this", ("agency",)),
        ("which countries threatened bb", ()),
        ("which phone is bb rolling out", ()),
        # A news agency is an outlet: the question asks for its source.
        ("Which news agency reported that BlackBerry was weighing its options?", ()),
    ],
)
def test_the_words_a_question_asks_for_someone_by(question: str, roles: tuple[str, ...]) -> None:
    assert roles_asked(question) == roles


def test_a_question_asking_the_name_of_a_person_or_a_body() -> None:
    assert asks_name_of_someone("bb ceo name?")
    assert asks_name_of_someone("whats the name of the pta chairman")
    assert asks_name_of_someone("who is the ceo")  # who someone is, by what they are
    assert not asks_name_of_someone("who is marty beard")  # by name
    assert not asks_name_of_someone("what was the name of the phone")
    assert not asks_name_of_someone("did someone misspell beards name")


def test_the_places_a_text_names() -> None:
    assert places("routed through the company's servers in Canada") == ["Canada"]
    assert places("India and Saudi Arabia threatened a ban") == ["India", "Saudi Arabia"]
    assert places("the Waterloo, Ont.-based firm") == ["Waterloo"]
    assert places("The Pakistani government and BlackBerry Enterprise Server") == []
    assert has_kind("servers in Canada", "where")
    # A place the corpus is about answers no "where".
    assert not has_kind("it stays in Pakistan", "where", frozenset({"pakistan"}))
    assert has_kind("it stays in Pakistan, routed via Canada", "where", frozenset({"pakistan"}))


def test_only_who_asks_for_someone_by_a_deed() -> None:
    assert asks_who("Who chaired the meeting?")
    assert asks_who("whom did they notify")
    assert not asks_who("which services fall under the order")
    assert not asks_who("the name of the chairman")


def test_the_event_a_question_asks_what_followed() -> None:
    assert event_after("What did the firm do after the court ruled?") == "the court ruled?"
    assert event_after("what happened after the vote") == "the vote"
    assert event_after("what happened once the vote was held") == "the vote was held"
    assert event_after("what did they say after the vote") == ""  # asks what was said
    assert event_after("what did they do after all") == ""
    assert event_after("were they only after the money") == ""


def test_whether_something_happened() -> None:
    assert asks_whether("did they leave?")
    assert asks_whether("so has the ban been lifted")
    assert asks_whether("hey bot did they fold")
    assert not asks_whether("why did they leave?")
    assert not asks_whether("what was announced")
    assert not asks_whether("what did they do")
    assert not asks_whether("is it still there")  # how things stand, not whether it happened


def test_what_someone_meant_to_do() -> None:
    assert intended("The firm said it will close its office by March.")
    assert intended("It’ll no longer operate there.")
    assert intended("The minister threatened to ban the service.")
    assert not intended("The firm closed its office in March.")


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("how many bb users are there in pak", ["bb", "users"]),
        ("In how many countries will the Priv be sold?", ["countries"]),
        ("the number of customers in pakistan", ["customers"]),
        ("how much did it cost", []),
    ],
)
def test_what_how_many_counts(question: str, words: list[str]) -> None:
    assert counted(question) == words


def test_a_figure_answers_how_many_only_when_it_counts_what_is_asked() -> None:
    number = dict(demanded("how many"))["number"]
    text = "The phone's distribution will spike to 31 countries by the end of February."
    assert holds(text, number)
    assert holds(text, number, frozenset({stem("countries")}))
    assert not holds(text, number, frozenset({stem("users")}))
    assert holds("thousands of Pakistani customers", number, frozenset({stem("customers")}))


@pytest.mark.parametrize(
    ("question", "deed"),
    [
        ("how many people does bb employ in pak", "employ"),
        ("How many people died in the Mumbai attacks?", "died"),
        ("how many people got arrested over bbm messages", "arrested"),
        ("how many people were killed", "killed"),
        ("how many people were in those talks", None),  # no deed
        ("how many people read the post", None),  # reading is no deed
        ("how many countries will get the priv", None),  # counts no people
        ("when did it happen", None),
    ],
)
def test_the_deed_whose_doers_a_count_of_people_counts(question: str, deed: str | None) -> None:
    if wordnet() is None:
        pytest.skip("WordNet is not installed")
    assert deed_counted(question) == deed


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("Who said that remaining would mean giving up on privacy?", True),
        ("who announced it?", True),
        ("who wrote the blog post", True),
        ("who is marty beard", False),
        ("who did they send it to?", False),
    ],
)
def test_who_said_asks_for_a_speaker(question: str, speaker: bool) -> None:
    assert asks_for_speaker(question) is speaker


@pytest.mark.parametrize(
    ("question", "source"),
    [
        ("which site said that", True),
        ("Which outlet described Pakistan as a place where BlackBerry remains popular?", True),
        ("lol which news site was cheering for bb", True),
        ("Which report said BlackBerry accepted the extension?", True),
        ("source?", True),
        ("src? which site said that", True),
        ("who said that?", False),
        ("what was the source of the dispute?", False),
        ("did bb report its earnings?", False),
        ("did pakistan block the site?", False),
    ],
)
def test_which_site_or_a_bare_source_asks_for_the_source(question: str, source: bool) -> None:
    assert asks_for_source(question) is source


@pytest.mark.parametrize(
    ("question", "whose"),
    [
        ("According to BlackBerry, what prompted the regulator's notice?", "blackberry"),
        ("what does bb say prompted the pta notice", "bb"),
        ("bb claims the notice was payback?", "bb"),
        ("According to the company, what actually prompted it?", "company"),
        ("why did he say that", None),  # a pronoun names no one
        ("what did they say about it", None),
        ("did anyone say why", None),
        ("why did pak back down", None),
    ],
)
def test_whose_account_a_question_asks_for(question: str, whose: str | None) -> None:
    assert account_of(question) == whose


def test_a_text_is_attributed_to_whom_it_reports_saying_something() -> None:
    claim = "But Blackberry claims that this notification came as a response to its rejection."
    assert attributed_to(claim, frozenset({"blackberri"}))
    assert not attributed_to(claim, frozenset({"pta"}))
    notice = "Pakistan's telecommunication authority has notified BlackBerry's operators."
    assert not attributed_to(notice, frozenset({"blackberri"}))


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("what did he say exactly", True),
        ("whos marty beard >> what did he say in the blog", True),
        ("wat did he tell the pakistani customers", True),
        ("What did the COO write about back doors?", True),
        ("who said it?", False),
        ("what did pakistan want?", False),
        ("did he say sorry", False),
    ],
)
def test_what_did_he_say_asks_for_someones_words(question: str, words: bool) -> None:
    assert asks_for_words(question) is words


@pytest.mark.parametrize(
    ("text", "quoting"),
    [
        ("“We are grateful to the Pakistan Telecommunication Authority,” Beard wrote.", True),
        ("“We are grateful to the Pakistan Telecommunication Authority and the", False),
        ('"We look forward to serving the Pakistani market," said Beard.', True),
        ("It would rather close than provide \"unfettered'' access to its servers.", False),
        ("Pakistan was basically demanding “unfettered access” to all the information.", False),
        ("Marty Beard wrote on the company's blog Thursday.", False),
    ],
)
def test_a_quotation_is_four_words_or_more_between_quotation_marks(
    text: str, quoting: bool
) -> None:
    assert quotes(text) is quoting


def test_the_speaker_is_the_person_reported_saying_something() -> None:
    assert speaker("Marty Beard, chief operating officer of BlackBerry, wrote on the blog.") == (
        "Marty Beard"
    )
    assert speaker("Earlier, chief executive John Chen said he'd be willing.") == "John Chen"
    assert speaker("BlackBerry announced it would exit.") == ""
    assert speaker("He said it would exit.") == ""


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("The deadline was extended by a month.", True),
        ("He has led the company for three years.", True),
        ("It has been the chief executive since 2013.", True),
        ("The shutdown order was extended from November 30 to December 30.", True),
        ("Marty Beard wrote on the company's blog Thursday.", False),
        ("In 2010, several countries threatened to ban BlackBerry.", False),
    ],
)
def test_how_long_demands_a_length_of_time(text: str, length: bool) -> None:
    demands = dict(demanded("how long has he been in charge?"))
    assert holds(text, demands["length of time"]) is length
    assert "length of time" not in dict(demanded("how long ago did it start?"))


def test_quoted_words_are_the_phrases_a_question_quotes() -> None:
    assert quoted("which site called him 'Marty  Chief'?") == ["marty chief"]
    assert quoted("what did bb mean by “wholesale access”") == ["wholesale access"]
    # An apostrophe is no quote, and one quoted word is no phrase.
    assert quoted("what's bb's policy on 'privacy'") == []


def test_how_far_a_date_stands_from_the_words_asked_about() -> None:
    near = "Canadian company BlackBerry announced in late November that it would exit."
    far = "BlackBerry has announced that it will exit Pakistani marke as of 30 November."
    announced = frozenset({stem("announced")})
    assert date_distance(near, announced) == 2  # "late November" is the date
    assert date_distance(far, announced) == 9
    # No date, or none of the words: nothing to measure.
    assert date_distance("BlackBerry announced it would exit.", announced) is None
    assert date_distance(near, frozenset({stem("stay")})) is None


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("would leaving pak have hurt bb much", True),
        ("y wouldve leaving been bad for them", True),
        ("wouldnt dipping out have hurt bb anyway", True),
        ("How could leaving Pakistan have hurt BlackBerry?", True),
        ("would bb leave pakistan?", False),
        ("did leaving hurt them?", False),
    ],
)
def test_questions_about_what_would_have_happened(question: str, asks: bool) -> None:
    assert asks_counterfactual(question) is asks


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("What kinds of information did Chen say could be shared?", True),
        ("what kinda data would bb hand over", True),
        ("which sorts of customers use bes", True),
        ("What categories of information could be disclosed?", True),
        # The kind of an act is told by a description, not a list.
        ("What kind of help was BlackBerry prepared to offer?", False),
        # "kinda" as a hedge asks for no kinds.
        ("has bb dealt w this kinda thing before", False),
        ("what did chen say about data", False),
    ],
)
def test_questions_asking_what_kinds_of_a_thing_there_are(question: str, asks: bool) -> None:
    assert asks_for_kinds(question) is asks


def test_a_question_asking_the_weekday_and_a_passage_naming_one() -> None:
    assert asks_weekday("On what day of the week did they announce it?")
    assert asks_weekday("which weekday was it posted")
    assert not asks_weekday("what day did they announce it")  # a date answers it too
    assert names_weekday("Beard wrote on the company's blog Thursday.")
    assert not names_weekday("The deadline was extended to Dec. 30.")


def test_a_question_asking_a_stock_symbol_and_a_passage_giving_one() -> None:
    assert asks_symbol("whats bb's ticker")
    assert asks_symbol("On which stock exchange is BlackBerry listed?")
    assert asks_symbol("what stock exchange is bb on")
    # A price on an exchange is no symbol.
    assert not asks_symbol("What was its closing share price on the Toronto Stock Exchange?")
    assert not asks_symbol("did bb stock go up after the news")
    assert names_symbol("BlackBerry (TSX:BB) says it will remain operating in Pakistan.")
    assert names_symbol("Shares of BlackBerry (NYSE: BB) rose.")
    assert not names_symbol("Note: the deadline was extended.")


def test_passages_that_list_several_of_something() -> None:
    assert lists_several("It provides its platform to government, military and enterprise users.")
    assert lists_several("It would offer information such as the phone's location.")
    assert not lists_several("Chen said he'd hand customer information over to law enforcement.")


def test_passages_telling_what_would_have_happened() -> None:
    assert counterfactual("Exiting Pakistan would've put BlackBerry in a difficult position.")
    assert counterfactual("Remaining in Pakistan would have meant forfeiting our commitment.")
    assert not counterfactual("BlackBerry said it would exit the country.")


@pytest.mark.parametrize(
    ("question", "stresses"),
    [
        ("so did bb actually leave pak or nah", True),
        ("did they really shut down then?", True),
        ("Did BlackBerry in fact withdraw?", True),
        ("did bb actually say they regret leaving", False),
        ("was it really about public safety", False),
        ("did bb leave pakistan", False),
        ("did they end up leaving", False),
    ],
)
def test_questions_stressing_that_a_deed_was_done(question: str, stresses: bool) -> None:
    assert stresses_deed(question) is stresses


@pytest.mark.parametrize(
    ("question", "deed"),
    [
        ("did bb leave pak or nah", "leave"),
        ("did blackberry exit pakistan?", "exit"),
        ("did bb say it was sad to leave pak", None),
        ("did bb accept the extra month or just leave anyway", None),
        ("did pak back down", None),
        ("was it about public safety", None),
        ("what did bb do", None),
    ],
)
def test_the_deed_a_yes_no_question_asks_about(question: str, deed: str | None) -> None:
    assert deed_asked(question) == deed


@pytest.mark.parametrize(
    ("question", "deed"),
    [
        ("when did john chen become ceo", "become"),
        ("When did John Chen take over as chief executive?", "take"),
        ("what year did marty beard join bb", "join"),
        # In the passive, a participle WordNet knows better as an adjective.
        ("When was John Chen appointed chief executive?", "appointed"),
        ("when did bb announce it was leaving", None),
        ("when did beard say they would stay", None),
        ("what was the original date set for the shutdown", None),
        ("when?", None),
    ],
)
def test_the_deed_a_when_question_asks_the_date_of(question: str, deed: str | None) -> None:
    assert deed_dated(question) == deed


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("how did bb handle india n saudi in 2010", True),
        ("how'd bb get india n saudi to chill out", True),
        # A saying or a thought, not a deed; a "how" that asks no manner.
        ("how did bb describe the pakistani market", False),
        ("how many countries threatened a ban", False),
        ("how come they stayed", False),
    ],
)
def test_how_something_was_done(question: str, asked: bool) -> None:
    assert asks_how_done(question) is asked


@pytest.mark.parametrize(
    ("question", "hypothetical"),
    [
        ("why would leaving pak hurt bb", True),
        ("why wouldnt bb just do it", True),
        ("could they have stayed?", True),
        ("why did bb leave pakistan", False),
        ("why was bb gonna bail on pak", False),
    ],
)
def test_a_question_asked_hypothetically(question: str, hypothetical: bool) -> None:
    assert asks_hypothetically(question) == hypothetical


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("who did bb thank after the govt backed off", "thank"),
        ("Whom did the regulator inform that BES would be barred?", "inform"),
        ("who did the pta send that notice to", "send"),
        ("who announced it", None),
        ("what did bb thank them for", None),
    ],
)
def test_the_verb_a_question_asks_whom_by(question: str, verb: str | None) -> None:
    assert verb_of_whom(question) == verb


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("where did he post it", True),
        ("where was that posted?", True),
        ("where'd they say that", True),
        ("Who made the announcement, and where was it published?", True),
        ("Where did the chief operating officer publish the news?", True),
        ("where do bes messages go then", False),  # "messages": a noun here
        ("where is that quote", False),  # the quote itself
        ("where are the bes servers", False),
        ("where does it get routed through", False),
        ("the thing where bb was supposed to say sorry", False),  # a "where" that relates
        ("did beard announce it on twitter or where", True),
        ("r the bes servers even in pakistan or where", False),
        ("how did bb announce it was leaving, press release or what", True),
        ("how did bb tell everyone they were leaving?", True),
        ("how did blackberry announce that it would leave", True),
        ("How did BlackBerry describe the Pakistani market?", False),  # what it said of it
        ("How does BlackBerry say it balances privacy against law enforcement?", False),
        ("how did blackberry explain that staying would cost them their principles", False),
    ],
)
def test_a_question_may_ask_where_or_how_something_was_said(question: str, said: bool) -> None:
    assert asks_venue(question) is said


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        ("Marty Beard wrote on the company's blog Thursday that the firm decided to stay.", True),
        ("“That is a compromise we are not willing to make,” said BlackBerry in a post.", True),
        ("Blackberry in a recent official blog post has announced that it will exit.", True),
        ("The company has had similar requests in the past.", False),
        ("BES communications are routed through the company's servers in Canada.", False),
        ("BlackBerry said it would shut down on Nov. 30.", False),
    ],
)
def test_a_text_may_tell_where_something_was_said(text: str, venue: bool) -> None:
    assert names_venue(text) is venue
