"""Search answers readers' questions: the relevance set (tests/data/search_questions.toml), question
words, stemming, years and the answer card. Part of the normal run (not slow: about a second)."""

import sys
from dataclasses import replace

import pytest

from explainer.library import get_library, get_search_index
from explainer.search import relevance

# Floors: the numbers measured when the set was written (top-3 98.1%, MRR 0.950 with 53 questions),
# less a little room for content changes. Raise them when search gets better; never lower them quietly.
TOP3_FLOOR = 0.92
MRR_FLOOR = 0.90


@pytest.fixture(scope="module")
def site_index():
    return get_search_index()


@pytest.fixture(scope="module")
def report(site_index):
    return relevance.evaluate(site_index, relevance.load())


def test_the_set_has_at_least_40_questions_and_every_answer_is_a_real_page(site_index):
    questions = relevance.load()
    assert len(questions) >= 40
    urls = {doc.url for doc in site_index.docs}
    for question in questions:
        assert question.answers, question.q
        assert set(question.answers) <= urls, (question.q, set(question.answers) - urls)


def test_top3_share_and_mean_reciprocal_rank_stay_above_their_floors(report, capsys):
    with capsys.disabled():
        sys.stdout.write(f"\nsearch relevance: {report.summary()}\n")
    misses = "\n".join(f"  {o.rank} {o.question.q!r}: {o.found[:3]}" for o in report.misses())
    assert report.top3 >= TOP3_FLOOR, f"top-3 {report.top3:.1%} < {TOP3_FLOOR:.0%}\n{misses}"
    assert report.mrr >= MRR_FLOOR, f"MRR {report.mrr:.3f} < {MRR_FLOOR}\n{misses}"


ISSUE_QUESTIONS = ["What happened in 2014?", "Can my credit be repaired?", "Is Sesame Credit the government score?"]


@pytest.mark.parametrize("query", ISSUE_QUESTIONS)
def test_the_issues_three_questions_are_answered_by_the_first_result(site_index, query):
    answers = {q.q: q.answers for q in relevance.load()}[query]  # the pages that answer it, as read
    assert site_index.search(query).results[0].url in answers


def test_the_best_answer_card_matches_a_fact_check_an_faq_a_glossary_term_or_a_year(site_index):
    cases = {
        "Is Sesame Credit the government score?": ("Fact check", "/myths/sesame-credit-is-the-government-score/"),
        "Can I be stopped from leaving China?": ("FAQ", "/guide/faq/#exit-bans"),
        "What is a redlist?": ("Glossary", "/glossary/#redlist"),
        "What happened in 2014?": ("Timeline", "/timeline/#ev-2014-planning-outline"),
    }
    for query, (label, url) in cases.items():
        answer = site_index.search(query).answer
        assert answer is not None and (answer.label, answer.url) == (label, url), (query, answer)
    year = site_index.search("What happened in 2014?").answer
    assert len(year.events) == 4 and all(url.startswith("/timeline/2014-") for _, url, _ in year.events)
    library_order = [e.url for e in get_library().events if e.year == 2014]  # the library sorts by date
    assert [url for _, url, _ in year.events] == library_order
    assert [when for *_, when in year.events] == ["14 June 2014", "July 2014", "7 August 2014", "December 2014"]


def test_no_card_without_a_clear_match_nor_past_the_first_page(site_index):
    for query in ("Rongcheng", "annual report", "2099", "What happened in 1850?", "credit"):
        assert site_index.search(query).answer is None, query
    assert site_index.search("What is a redlist?", offset=10).answer is None


def test_every_card_for_the_relevance_questions_is_one_of_their_answers(site_index):
    for question in relevance.load():
        answer = site_index.search(question.q).answer
        if answer and not answer.events:
            assert answer.url in question.answers, (question.q, answer.url)


def test_stemming_matches_other_forms_of_a_word(site_index):
    repaired = {r.url for r in site_index.search("repaired").results}
    repair = {r.url for r in site_index.search("repair").results}
    assert repaired == repair and "/guide/companies/#repair" in repair


def test_question_words_do_not_change_the_ranking(site_index):
    plain = [r.url for r in site_index.search("credit repaired").results]
    asked = [r.url for r in site_index.search("Can my credit be repaired?").results]
    assert asked[:3] == plain[:3]


def test_a_year_finds_that_years_events_first(site_index):
    for query in ("2014", "in 2014"):
        first = site_index.search(query).results[:4]
        assert all(r.url.startswith("/timeline/2014-") for r in first), [r.url for r in first]


def test_a_source_that_mentions_words_ranks_below_the_section_that_answers(site_index):
    urls = [r.url for r in site_index.search("annual report").results]
    assert not urls[0].startswith("/sources/"), urls


def test_a_query_of_common_words_only_finds_nothing_but_says_so(site_index):
    results = site_index.search("what is it")
    assert results.total == 0 and results.only_common_words
    assert not site_index.search("Rongcheng").only_common_words


# Small libraries: the parts of it one at a time ------------------------------------------------


def test_pinyin_read_from_chinese_is_found_although_the_stemmer_would_cut_it():
    from explainer.search.tokens import fold

    from .test_search import index_of, make_term, urls

    assert fold("zhixing") == "zhix"  # what Snowball does to it, were it English
    index = index_of(terms=[make_term("enforce", "enforcement", "执行", "zhíxíng", "Carrying out a judgment.")])
    assert urls(index.search("zhixing").results) == ["/glossary/#enforce"]
    assert urls(index.search("执行").results) == ["/glossary/#enforce"]


def test_a_year_ranks_that_years_events_above_a_mention_in_other_text():
    from .test_search import index_of, make_event, make_myth, urls

    later = replace(
        make_event("2015-other", "Another rule", "<p>It replaced the rules of 2014, 2014.</p>"), date="2015-03"
    )
    event = replace(make_event("2014-rule", "A rule", "<p>Something happened.</p>"), date="2014-06-14")
    myth = make_myth(html="<p>In 2014 a plan was issued.</p>")
    index = index_of(events=[later, event], myths=[myth])
    assert urls(index.search("What happened in 2014?").results)[0] == "/timeline/2014-rule/"
    answer = index.search("What happened in 2014?").answer
    assert answer is not None and [url for _, url, _ in answer.events] == ["/timeline/2014-rule/"]


def test_question_words_leave_the_phrase_and_an_faq_title_matches_inside_a_longer_question():
    from .test_search import index_of, make_chapter, make_event, make_source

    chapter = make_chapter(
        slug="faq",
        title="FAQ",
        html='<h3 id="sesame-credit">Is Sesame Credit part of it?</h3><p>No, it is private.</p>',
    )
    source = make_source(title="Sesame Credit and the social credit system", note="Sesame Credit part social system.")
    # "social", "credit" and "system" are on most pages, as on the site
    filler = [make_event(f"2010-e{i}", f"Event {i}", "<p>Part of the social credit system.</p>") for i in range(8)]
    index = index_of(chapters=[chapter], events=filler, sources=[source])
    results = index.search("Is Sesame Credit part of the social credit system?")
    assert results.results[0].url.endswith("#sesame-credit")
    assert results.answer is not None and results.answer.label == "FAQ"
    assert results.answer.url == "/guide/faq/#sesame-credit"


def test_the_saved_index_fingerprint_covers_the_stemmers_version(monkeypatch):
    import importlib.metadata

    from explainer.search import storage

    entries = []
    before = storage.fingerprint(entries)
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0.0" if name == "PyStemmer" else real(name))
    assert storage.fingerprint(entries) != before
