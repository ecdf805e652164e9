"""Every page: status, title, one h1, the key content, meta tags, and citations that resolve."""

import os
import re
import subprocess
import sys
from xml.etree import ElementTree

import pytest
from django.urls import resolve
from django.utils.html import escape

from explainer.library import SITE_PAGES

from .conftest import ROOT
from .html import elements


def html_of(response) -> str:
    return response.content.decode()


def assert_page_basics(html: str, title: str):
    assert re.search(rf"<title>{re.escape(title)}", html), f"title should start with {title!r}"
    assert len(re.findall(r"<h1[\s>]", html)) == 1, "exactly one h1"
    assert '<html lang="en">' in html
    assert 'class="skip-link" href="#main"' in html and 'id="main"' in html
    assert re.search(r'<meta name="description" content="[^"]{40,}">', html)
    assert re.search(r'<link rel="canonical" href="http://testserver/[^"]*">', html)
    for prop in ("og:title", "og:description", "og:url", "og:type", "og:site_name"):
        assert f'property="{prop}"' in html


def test_home_invites_the_three_journeys(client, library):
    response = client.get("/")
    html = html_of(response)
    assert response.status_code == 200
    assert_page_basics(html, "Social Credit, Explained")
    assert "Read the guide" in html and "Walk the timeline" in html and "What happens to my score?" in html
    for chapter in library.chapters:
        assert f'href="{chapter.url}"' in html


def test_guide_index_lists_chapters_in_order(client, library):
    html = html_of(client.get("/guide/"))
    assert_page_basics(html, "The guide")
    positions = [html.index(f'href="{c.url}"') for c in library.chapters]
    assert positions == sorted(positions)


def test_every_chapter_renders_with_toc_meta_and_pager(client, library):
    chapters = library.chapters
    for i, chapter in enumerate(chapters):
        response = client.get(chapter.url)
        html = html_of(response)
        assert response.status_code == 200, chapter.slug
        assert_page_basics(html, chapter.title)
        assert f"{chapter.reading_minutes} min read" in html
        assert f'<time datetime="{chapter.reviewed:%Y-%m-%d}">' in html
        assert 'property="og:type" content="article"' in html
        for heading in chapter.toc:
            assert f'href="#{heading.id}"' in html and f'id="{heading.id}"' in html
        if i > 0:
            assert f'href="{chapters[i - 1].url}" rel="prev"' in html
        if i + 1 < len(chapters):
            assert f'href="{chapters[i + 1].url}" rel="next"' in html


def test_every_citation_marker_resolves_to_a_reference_and_a_bibliography_entry(client, library):
    sources_html = html_of(client.get("/sources/"))
    for chapter in library.chapters:
        html = html_of(client.get(chapter.url))
        markers = elements(html, "a", class_="cite-ref")
        assert len(markers) == sum(chapter.citation_uses), chapter.slug
        for marker in markers:
            key = marker["href"].removeprefix("#ref-")
            use = marker["id"].removeprefix(f"cite-{key}-")
            assert use.isdigit(), marker
            assert f'<li id="ref-{key}"' in html, f"{chapter.slug}: no reference entry for {key}"
            assert f'href="#cite-{key}-{use}"' in html, f"{chapter.slug}: no back link to {key} use {use}"
            assert f'href="/sources/{key}/"' in html
            assert f'<li id="{key}">' in sources_html, f"{key} missing from /sources/"


def test_reference_numbers_follow_first_citation(client, library):
    chapter = next(c for c in library.chapters if len(c.citations) >= 2)
    html = html_of(client.get(chapter.url))
    first, second = chapter.citations[:2]
    first_marker = elements(html, "a", class_="cite-ref")[0]
    assert first_marker["href"] == f"#ref-{first}" and first_marker["id"] == f"cite-{first}-1"
    assert f'id="cite-{first}-1">1</a>' in html
    assert re.search(rf'<li id="ref-{re.escape(second)}" value="2">', html)


def test_references_chapter_lists_every_cited_source(client, library):
    chapter = next(c for c in library.chapters if c.kind == "references")
    html = html_of(client.get(chapter.url))
    for key in library.cited_keys():
        assert f"#ref-{key}" in html


def test_guide_meets_its_citation_targets(library):
    """At least three sources per chapter, 40 citations and 15 distinct sources across the guide."""
    for chapter in library.chapters:
        if chapter.kind == "chapter":
            assert len(chapter.citations) >= 3, chapter.slug
    assert sum(c.html.count('class="cite-ref"') for c in library.chapters) >= 40
    assert len(library.cited_keys()) >= 15


def test_glossary_lists_every_term_with_characters_and_pinyin(client, library):
    html = html_of(client.get("/glossary/"))
    assert_page_basics(html, "Glossary")
    for term in library.glossary.values():
        assert f'id="{term.slug}"' in html
        assert term.zh in html and escape(term.pinyin) in html


def test_glossary_terms_in_chapters_link_to_existing_entries(client, library):
    glossary_html = html_of(client.get("/glossary/"))
    for chapter in library.chapters:
        for slug in re.findall(r'href="/glossary/#([\w-]+)"', chapter.html):
            assert f'id="{slug}"' in glossary_html


def test_sources_page_lists_every_source_with_its_link(client, library):
    html = html_of(client.get("/sources/"))
    assert_page_basics(html, "Sources")
    for source in library.sources.values():
        assert f'<li id="{source.key}">' in html
        assert f'href="/sources/{source.key}/"' in html
        page = html_of(client.get(f"/sources/{source.key}/"))
        assert f'href="{source.url.replace("&", "&amp;")}"' in page


def test_about_page_explains_checking_errors_and_licence(client):
    html = html_of(client.get("/about/"))
    assert_page_basics(html, "About this site")
    for anchor in SITE_PAGES["/about/"]:
        assert f'id="{anchor}"' in html
    assert "CC BY 4.0" in html


def test_site_pages_known_to_the_link_checker_exist():
    for path in SITE_PAGES:
        resolve(path)


def test_unknown_chapter_is_a_404_in_the_site_layout(client):
    response = client.get("/guide/no-such-chapter/")
    html = html_of(response)
    assert response.status_code == 404
    assert_page_basics(html, "Page not found")
    assert 'href="/guide/"' in html


@pytest.mark.urls("tests.error_urls")
def test_server_error_page_uses_the_site_layout(client):
    client.raise_request_exception = False
    response = client.get("/fail/")
    html = html_of(response)
    assert response.status_code == 500
    assert "Something went wrong" in html and 'class="site-header"' in html
    assert "deliberate failure" not in html, "no traceback or error text reaches the reader"


def test_pages_refuse_post_with_405(client):
    assert client.post("/guide/").status_code == 405


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_sitemap_lists_every_page_and_chapter(client, library):
    response = client.get("/sitemap.xml")
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {loc.text for loc in ElementTree.fromstring(response.content).findall(".//sm:loc", ns)}
    expected = {f"http://testserver{path}" for path in ("/", "/guide/", "/glossary/", "/sources/", "/about/")}
    expected |= {f"http://testserver{c.url}" for c in library.chapters}
    assert expected <= locations


def test_security_headers_and_a_strict_csp(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self';" in csp and "style-src 'self'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_htmx_is_served_by_the_site(client):
    response = client.get("/")
    html = html_of(response)
    assert '<script src="/static/django_htmx/htmx-2.min.js" defer></script>' in html
    assets = re.findall(r'<(?:script|img)[^>]* src="([^"]+)"|<link rel="(?:stylesheet|icon)" href="([^"]+)"', html)
    assert assets and all((src or href).startswith("/static/") for src, href in assets), (
        "every asset is served by the site"
    )
    assert '"includeIndicatorStyles":false' in html and '"historyRestoreAsHxRequest":false' in html


def test_the_same_page_is_the_same_bytes_for_every_reader(client):
    """No nonce or token in content pages, so caches and ETags can work."""
    for url in ["/", "/guide/companies/", "/timeline/2014-planning-outline/", "/myths/", "/score/?persona=company"]:
        assert client.get(url).content == client.get(url).content, url


def test_no_inline_styles_or_scripts_that_the_csp_would_block(client, library):
    for url in ["/", "/glossary/", "/sources/", "/about/", *[c.url for c in library.chapters]]:
        html = html_of(client.get(url))
        assert " style=" not in html and "<style" not in html, url
        for tag in re.findall(r"<script[^>]*>", html):
            assert 'src="/static/' in tag or 'type="application/ld+json"' in tag, (url, tag)


@pytest.mark.slow
def test_production_settings_pass_check_deploy():
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "pr0duction-s3cret-" + "abcdefghijklmnopqrstuvwxyz0123456789" * 2,
        "ALLOWED_HOSTS": "example.org",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests; production never has it
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_ENV": "production", "ALLOWED_HOSTS": "example.org"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("path", ["/guide/%3Cscript%3E/", "/guide/a b/", "/guide/" + "x" * 500 + "/"])
def test_odd_chapter_addresses_are_clean_404s(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "<script>" not in html_of(response)


@pytest.mark.slow
@pytest.mark.django_db  # the corrections log reads which corrections answered a reader's report
def test_every_page_with_its_css_and_js_is_under_60_kb_compressed(library):
    from tools.pageweight import BUDGET, measure, site_paths

    weights = measure(site_paths(library))
    assert all(w.asset_count >= 2 for w in weights), "stylesheet and htmx are counted"
    over = [(w.path, w.total) for w in weights if w.total > BUDGET]
    assert not over, over


@pytest.mark.parametrize(
    "url",
    ["/", "/guide/companies/", "/timeline/", "/timeline/2014-planning-outline/", "/myths/", "/score/?persona=company"],
)
def test_content_pages_are_cacheable_and_answer_conditional_requests(client, url):
    response = client.get(url)
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""


def test_the_quiz_is_never_cached(client):
    assert "no-cache" in client.get("/myths/quiz/")["Cache-Control"]


def test_each_source_has_a_page_with_its_note_and_the_pages_that_cite_it(client, library):
    source = next(s for s in library.sources.values() if s.note and library.citing_chapters(s.key))
    html = html_of(client.get(f"/sources/{source.key}/"))
    assert_page_basics(html, f"Source: {source.title}")
    assert f'href="{source.url.replace("&", "&amp;")}"' in html
    for chapter in library.citing_chapters(source.key):
        assert f'href="{chapter.url}#ref-{source.key}"' in html
    assert f'href="/sources/{source.key}/"' in html_of(client.get("/sources/"))
    assert client.get("/sources/no-such-source/").status_code == 404


def test_every_chapter_links_the_original_of_each_reference_so_print_shows_its_address(client, library):
    for chapter in library.chapters:
        html = client.get(chapter.url).content.decode()
        references = html[html.index('<section class="references"') :] if 'class="references"' in html else ""
        entries = re.findall(r'<li id="ref-([^"]+)".*?</li>', references, re.S)
        with_url = [key for key in entries if library.sources[key].url]
        originals = re.findall(r'<a class="ref-url" href="([^"]+)">Original</a>', references)
        assert len(originals) == len(with_url), chapter.url
