"""/sources/ with its filters, the document pages of key legal texts, and what readers never see."""

import re
from urllib.parse import urlencode

import pytest
from django.utils.html import escape

from explainer.content.records import SOURCE_KINDS
from explainer.library import get_library

HTMX = {"HX-Request": "true", "HX-Target": "source-results"}


def entry_keys(html):
    return re.findall(r'<li id="([a-z0-9-]+)">', html)


def test_sources_page_counts_each_kind_and_lists_everything(client, library):
    html = client.get("/sources/").content.decode()
    assert len(entry_keys(html)) == len(library.sources)
    for slug, label in SOURCE_KINDS.items():
        count = sum(s.kind == slug for s in library.sources.values())
        assert f"{label}</span> ({count})" in html


@pytest.mark.parametrize("kind", list(SOURCE_KINDS))
def test_the_kind_filter_works_without_javascript(client, library, kind):
    response = client.get(f"/sources/?kind={kind}")
    assert response.status_code == 200
    keys = entry_keys(response.content.decode())
    assert keys and sorted(keys) == sorted(k for k, s in library.sources.items() if s.kind == kind)
    assert "<html" in response.content.decode()


def test_the_topic_and_kind_filters_combine_and_htmx_gets_only_the_results(client, library):
    query = urlencode({"kind": "law", "topic": "courts"})
    response = client.get(f"/sources/?{query}", headers=HTMX)
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    expected = sorted(k for k, s in library.sources.items() if s.kind == "law" and "courts" in s.topics)
    assert expected and sorted(entry_keys(html)) == expected
    assert "HX-Target" in response["Vary"]


@pytest.mark.parametrize("query", ["kind=blog", "topic=%3Cscript%3E"])
def test_an_unknown_filter_value_is_a_clear_400_not_echoed_raw(client, query):
    response = client.get(f"/sources/?{query}")
    html = response.content.decode()
    assert response.status_code == 400 and 'role="alert"' in html
    assert "<script>" not in html


def test_document_pages_show_facts_and_each_article_in_chinese_and_english(client, library):
    documents = {d.key: d for d in library.documents.values()}
    assert len(documents) >= 12
    for document in documents.values():
        html = client.get(document.url).content.decode()
        assert document.number in html and escape(document.issuer) in html
        assert "this site’s own translation" in html
        for article in document.articles:
            assert f'id="{article.anchor}"' in html, (document.key, article.ref)
            assert 'lang="zh-Hans"' in html


def test_a_widget_result_links_the_article_its_rule_rests_on(client, library):
    response = client.get("/score/?" + urlencode({"persona": "person", "action": "refuse-judgment"}))
    html = response.content.decode()
    links = set(re.findall(r'href="(/sources/[a-z0-9-]+/#art-[0-9a-z-]+)"', html))
    assert "/sources/spc-2015-high-consumption/#art-3" in links
    for link in links:
        path, anchor = link.split("#")
        assert f'id="{anchor}"' in client.get(path).content.decode(), link


def test_no_editors_note_reaches_a_reader(client, library):
    notes = [s.editor_note for s in library.sources.values() if s.editor_note]
    assert len(notes) > 50
    fragments = {note[:60] for note in notes}
    pages = ["/sources/", "/search/?q=court", "/data/"]
    pages += [f"/sources/{key}/" for key in library.sources]
    pages += [c.url for c in library.chapters] + [e.url for e in library.events] + [m.url for m in library.myths]
    for path in pages:
        html = client.get(path).content.decode()
        leaked = [f for f in fragments if f in html]
        assert not leaked, (path, leaked[:1])


def test_every_source_shows_its_kind_where_it_is_cited(client, library):
    chapter = library.chapters[0]
    html = client.get(chapter.url).content.decode()
    for key in chapter.citations:
        source = library.sources[key]
        item = html[html.index(f'id="ref-{key}"') :]
        assert f'class="kind kind-{source.kind}">{source.kind_label}<' in item[:400], key


def test_data_downloads_do_not_carry_editors_notes(client):
    library = get_library()
    for path in ("/data/sources.json", "/data/sources.csv"):
        response = client.get(path)
        if response.status_code == 404:
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert not any(s.editor_note[:60].encode() in body for s in library.sources.values() if s.editor_note)
