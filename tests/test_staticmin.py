"""Stylesheets are collected for production without their comments, and nothing else changes."""

import re

from explainer.staticmin import strip_css_comments

from .conftest import ROOT


def stylesheets():
    return sorted((ROOT / "static" / "css").glob("*.css"))


def test_comments_go_and_rules_stay():
    css = "/* why */\na { color: red; } /* one\nmore */ b { margin: 0 }\n"
    assert strip_css_comments(css) == "a { color: red; }  b { margin: 0 }\n"


def test_no_stylesheet_has_a_comment_marker_inside_a_string_or_url():
    """The plain pattern is safe only while no quoted string or url() holds "/*" or "*/"."""
    for path in stylesheets():
        text = path.read_text()
        quoted = re.findall(r'"[^"\n]*"|\'[^\'\n]*\'|url\([^)]*\)', text)
        assert not [q for q in quoted if "/*" in q or "*/" in q], path.name


def test_stripping_keeps_every_rule_of_the_sites_stylesheets():
    for path in stylesheets():
        text = path.read_text()
        stripped = strip_css_comments(text)
        assert "/*" not in stripped and "*/" not in stripped
        assert (
            stripped.count("{")
            == strip_css_comments(text).count("}")
            == len(re.findall(r"\{", re.sub(r"/\*.*?\*/", "", text, flags=re.S)))
        )


def test_collectstatic_writes_stylesheets_without_comments(tmp_path, settings):
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "explainer.staticmin.StaticStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    collected = [p for p in tmp_path.rglob("site.*.css") if p.suffix == ".css"]
    assert collected, "no hashed site.css was collected"
    text = collected[0].read_text()
    assert "/*" not in text and ".skip-link" in text
    gz = list(tmp_path.rglob("site.*.css.gz"))
    assert gz, "WhiteNoise's compressed copy is missing"
