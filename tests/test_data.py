"""/data/ and its files, and the "Cite this page" block on every chapter, event and myth."""

import csv
import io
import json
import re
from html import unescape

import pytest

from explainer import datasets
from explainer.citation import long_date
from explainer.library import get_numbers, get_rulebook

from .html import elements

EXPECTED_COUNTS = {
    "timeline": lambda lib, book: len(lib.events),
    "myths": lambda lib, book: len(lib.myths),
    "glossary": lambda lib, book: len(lib.glossary),
    "sources": lambda lib, book: len(lib.sources),
    "numbers": lambda lib, book: sum(len(series.points) for series in get_numbers()),
    "rules-mechanisms": lambda lib, book: len(book.mechanisms),
    "rules-grades": lambda lib, book: sum(len(m.grades) for m in book.mechanisms),
    "rules-lists": lambda lib, book: len(book.lists),
    "rules-personas": lambda lib, book: len(book.personas),
    "rules-actions": lambda lib, book: len(book.actions),
    "rules": lambda lib, book: len(book.rules),
    "rules-consequences": lambda lib, book: len(book.consequences),
}


def expected_count(library, slug):
    return EXPECTED_COUNTS[slug](library, get_rulebook())


def csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "a byte order mark, so Excel reads UTF-8"
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_every_named_dataset_is_offered():
    assert set(datasets.DATASETS) == set(EXPECTED_COUNTS)


def test_data_page_lists_every_dataset_with_count_links_and_field_table(client, library):
    response = client.get("/data/")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(re.findall(r"<h1[\s>]", html)) == 1 and "<title>Data downloads" in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in html
    assert "Social Credit, Explained, http://testserver/, licensed under CC BY 4.0" in html
    for slug, dataset in datasets.DATASETS.items():
        section = html[html.index(f'id="{slug}"') :]
        section = section[: section.index("</section>")]
        count = expected_count(library, slug)
        assert f"{count} record" in section, slug
        assert f'href="/data/{slug}.json"' in section and f'href="/data/{slug}.csv"' in section
        documented = re.findall(r'<th scope="row"><code>([\w_]+)</code> <span class="field-type">', section)
        assert documented == dataset.field_names, slug
        assert section.count("<tr>") == len(dataset.fields) + 1, f"{slug}: a row per field plus the header"
        for field in dataset.fields:
            assert unescape(field.meaning) in unescape(section) and f'"field-type">{field.type}<' in section


def test_data_page_links_the_older_timeline_files(client):
    html = client.get("/data/").content.decode()
    assert 'href="/timeline.json"' in html and 'href="/timeline.csv"' in html


@pytest.mark.parametrize("slug", list(datasets.DATASETS))
def test_json_file_parses_with_header_and_a_record_per_item(client, library, slug):
    response = client.get(f"/data/{slug}.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'inline; filename="{slug}.json"'
    data = json.loads(response.content.decode("utf-8"))
    assert list(data) == ["about", "records"]
    about = data["about"]
    count = expected_count(library, slug)
    assert count > 0
    assert len(data["records"]) == about["records"] == count
    assert about["licence"] == "CC BY 4.0" and about["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert about["attribution"].startswith("Social Credit, Explained, http://testserver/")
    assert about["documentation"] == f"http://testserver/data/#{slug}"
    assert about["source"].startswith("http://testserver/")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", about["content_date"])
    names = datasets.DATASETS[slug].field_names
    assert all(list(record) == names for record in data["records"]), "records hold the documented fields, in order"


@pytest.mark.parametrize("slug", list(datasets.DATASETS))
def test_csv_file_parses_and_its_header_is_the_documented_fields(client, library, slug):
    response = client.get(f"/data/{slug}.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{slug}.csv"'
    rows = csv_rows(response)
    assert rows[0] == datasets.DATASETS[slug].field_names
    assert len(rows) - 1 == expected_count(library, slug)
    assert all(len(row) == len(rows[0]) for row in rows)


def test_csv_cells_are_flat_lists_joined_with_semicolons(client, library):
    rows = list(csv.DictReader(io.StringIO(client.get("/data/timeline.csv").content.decode("utf-8-sig"))))
    event = library.events[0]
    first = rows[0]
    assert first["slug"] == event.slug
    assert first["sources"] == "; ".join(event.references)
    assert first["themes"] == "; ".join(event.themes)
    assert not any(cell.startswith(("[", "{")) for row in rows for cell in row.values()), "no JSON inside cells"


def test_csv_evidence_puts_one_sentence_per_line_and_booleans_as_words(client, library):
    rows = list(csv.DictReader(io.StringIO(client.get("/data/myths.csv").content.decode("utf-8-sig"))))
    myth = library.myths[0]
    assert rows[0]["evidence"].count("\n") == myth.evidence_html.count("<li>") - 1
    assert {row["quiz_answer"] for row in rows} <= {"true", "false"}


def test_json_records_keep_chinese_text_and_plain_sentences(client, library):
    data = json.loads(client.get("/data/glossary.json").content)
    hukou = next(t for t in data["records"] if t["slug"] == "hukou")
    assert hukou["zh"] == library.glossary["hukou"].zh
    assert "\\u" not in client.get("/data/glossary.json").content.decode()
    myths = json.loads(client.get("/data/myths.json").content)["records"]
    assert all("<" not in m["explanation"] and "[" not in m["short_answer"] for m in myths)
    assert all(isinstance(m["quiz_answer"], bool) and m["evidence"] for m in myths)


def test_every_source_key_in_the_data_is_in_the_bibliography(client):
    keys = {s["key"] for s in json.loads(client.get("/data/sources.json").content)["records"]}
    for slug in ("timeline", "myths", "glossary", "rules", "rules-mechanisms", "rules-consequences"):
        for record in json.loads(client.get(f"/data/{slug}.json").content)["records"]:
            assert set(record["sources"]) <= keys, (slug, record)


@pytest.mark.parametrize(
    "path", ["/data/nothing.json", "/data/timeline.xml", "/data/timeline.json.csv", "/data/timeline", "/data/.csv"]
)
def test_unknown_dataset_or_format_is_a_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/data/", "/data/timeline.json", "/data/rules.csv"])
def test_data_is_publicly_cacheable_and_open_to_other_sites(client, path):
    response = client.get(path)
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    if path != "/data/":
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
        again = client.get(path, headers={"If-None-Match": response["ETag"]})
        assert again.status_code == 304


def test_old_timeline_addresses_still_answer(client, library):
    assert len(json.loads(client.get("/timeline.json").content)["events"]) == len(library.events)
    assert client.get("/timeline.csv").status_code == 200


def test_data_page_is_linked_from_footer_about_and_sitemap(client):
    assert 'href="/data/"' in client.get("/guide/").content.decode()
    assert 'href="/data/"' in client.get("/about/").content.decode()
    assert "http://testserver/data/</loc>" in client.get("/sitemap.xml").content.decode()


def test_data_refuses_post(client):
    assert client.post("/data/timeline.json").status_code == 405


# Cite this page -------------------------------------------------------------------------------------


def cite_block(html: str) -> str:
    start = html.index('<details class="cite-page"')
    return html[start : html.index("</details>", start)]


def textareas(block: str) -> dict[str, str]:
    return {
        m[1]: unescape(m[2]) for m in re.finditer(r'<textarea id="citation-(\w+)"[^>]*>(.*?)</textarea>', block, re.S)
    }


def assert_cites(html: str, url: str, day, title: str):
    block = cite_block(html)
    texts = textareas(block)
    assert set(texts) == {"apa", "mla", "bibtex"}
    assert texts["apa"].endswith(f" http://testserver{url}")
    assert f"({day.year}, {day:%B} {day.day})" in texts["apa"]
    assert title in texts["apa"] and title in texts["mla"]
    assert f"testserver{url}." in texts["mla"]
    assert f"url = {{http://testserver{url}}}" in texts["bibtex"] and f"date = {{{day.isoformat()}}}" in texts["bibtex"]
    assert f'<time datetime="{day.isoformat()}">{long_date(day)}</time>' in block
    assert elements(block, "textarea", readonly="")
    assert "<button" not in block, "Copy buttons come from cite.js, so none shows without JavaScript"
    assert len(re.findall(r'src="/static/js/cite.js"', html)) == 1


def test_every_chapter_has_a_cite_block_with_its_url_and_review_date(client, library):
    for chapter in library.chapters:
        html = client.get(chapter.url).content.decode()
        assert_cites(html, chapter.url, chapter.reviewed, chapter.title)


def test_every_myth_has_a_cite_block_with_its_url_and_review_date(client, library):
    for myth in library.myths:
        html = client.get(myth.url).content.decode()
        assert_cites(html, myth.url, myth.reviewed, unescape(f"Fact check: {myth.claim}").rstrip("."))


def test_every_event_has_a_cite_block_with_its_url_and_review_date(client, library):
    for event in library.events:
        html = client.get(event.url).content.decode()
        assert_cites(html, event.url, event.reviewed, event.title)
        assert "last reviewed" in cite_block(html)


def test_the_event_fragment_swapped_in_by_htmx_carries_its_cite_block(client, library):
    event = library.events[3]
    response = client.get(event.url, headers={"HX-Request": "true", "HX-Target": "event-detail"})
    html = response.content.decode()
    assert "<html" not in html
    assert_cites(html, event.url, event.reviewed, event.title)


def test_cite_block_escapes_quotes_in_titles_and_gives_them_back_unchanged(client, library):
    myth = next(m for m in library.myths if '"' in m.claim and "'" in m.claim)
    html = client.get(myth.url).content.decode()
    raw = re.search(r'<textarea id="citation-apa"[^>]*>(.*?)</textarea>', html, re.S)[1]
    assert "&quot;" in raw and "&#x27;" in raw
    assert f"Fact check: {myth.claim}" in unescape(raw)


def test_reading_aids_only_on_long_chapters(client, library):
    for chapter in library.chapters:
        html = client.get(chapter.url).content.decode()
        long = chapter.reading_minutes >= 4
        assert ('href="#top"' in html) is long, chapter.slug
        assert ("js/reading.js" in html) is long, chapter.slug
        if long:
            progress = elements(html, "div", class_="reading-progress")[0]
            assert "hidden" in progress and progress["aria-hidden"] == "true"
    assert any(c.reading_minutes < 4 for c in library.chapters), "the short references chapter has none"


def test_the_timeline_dataset_gives_each_events_issuing_level(client, library):
    records = json.loads(client.get("/data/timeline.json").content)["records"]
    assert {r["slug"]: r["level"] for r in records} == {e.slug: e.level for e in library.events}
    assert {r["level"] for r in records} <= {"central", "ministry", "local", "other"}
    rows = list(csv.DictReader(io.StringIO(client.get("/data/timeline.csv").content.decode("utf-8-sig"))))
    assert [row["level"] for row in rows] == [r["level"] for r in records]
