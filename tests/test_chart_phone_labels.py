"""Chart labels on phones (max-width 40rem), where charts.css draws the chart text at 22 units so that it
shows at 16 px or more: explainer/charts.py places each value label right above its own bar or leaves it
out there, drops every other year label where years are too close, and keeps the wide layout unchanged."""

import pytest

from explainer import charts
from explainer.library import get_numbers


def all_charts():
    return [(series, charts.bar_chart(series)) for series in get_numbers()]


def test_phone_value_labels_sit_right_above_their_own_bar_inside_the_chart():
    shown = 0
    for series, chart in all_charts():
        for bar in chart.bars:
            if bar.phone_label_at is None:
                continue
            shown += 1
            x, y = bar.phone_label_at
            half = len(bar.label) * charts.PHONE_CHAR / 2
            assert half <= x <= charts.WIDTH - half, (series.id, bar.label)
            assert y == pytest.approx(bar.y - 5, abs=0.11), (series.id, bar.label)  # not lifted into a stack
            assert y >= charts.PHONE_TOP, (series.id, bar.label)
    assert shown >= 15  # most figures keep their label on phones


def test_phone_value_labels_do_not_overlap_each_other_or_other_bars():
    for series, chart in all_charts():
        placed = [(bar, bar.phone_label_at) for bar in chart.bars if bar.phone_label_at]
        for a, (ax, ay) in placed:
            half = len(a.label) * charts.PHONE_CHAR / 2
            for b, (bx, by) in placed:
                if a is not b and abs(ax - bx) < half + len(b.label) * charts.PHONE_CHAR / 2:
                    assert abs(ay - by) >= charts.PHONE_LINE, (series.id, a.label, b.label)
            for other in chart.bars:
                if other is not a and abs(other.x + other.width / 2 - ax) < half + other.width / 2:
                    assert other.y >= ay + 2, (series.id, a.label, "over bar", other.label)


def test_the_tallest_bar_of_a_close_group_keeps_its_label_on_phones():
    for series, chart in all_charts():
        tallest = min(chart.bars, key=lambda bar: bar.y)
        assert tallest.phone_label_at is not None, series.id


def test_year_labels_on_phones_are_far_enough_apart():
    for series, chart in all_charts():
        xs = [tick.at for tick in chart.x_labels if tick.on_phones]
        assert xs and xs[0] == chart.x_labels[0].at, series.id
        assert all(b - a >= charts.PHONE_YEAR_LABEL for a, b in zip(xs, xs[1:], strict=False)), series.id


def test_a_gap_band_is_labelled_on_phones_only_when_it_is_wide_enough():
    bands = [band for _, chart in all_charts() for band in chart.bands]
    assert bands
    for band in bands:
        assert band.labelled_on_phones == (band.width >= charts.PHONE_GAP)
        assert band.labelled or not band.labelled_on_phones


def test_the_chart_draws_each_label_once_per_screen_size(client):
    html = client.get("/numbers/").content.decode()
    wide = html.count('class="chart-value"') + html.count('class="chart-value chart-wide"')
    bars = sum(len(chart.bars) for _, chart in all_charts())
    assert wide == bars  # every figure is labelled on wide screens
    assert html.count('class="chart-value chart-narrow"') + html.count('class="chart-value"') == sum(
        1 for _, chart in all_charts() for bar in chart.bars if bar.phone_label_at
    )
    assert "chart-tick chart-wide" in html  # some year labels are left out on phones
