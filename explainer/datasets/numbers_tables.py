"""The figures behind the charts on /numbers/: one record per figure. No Django imports."""

from .model import Dataset, Field

NUMBERS = Dataset(
    "numbers",
    "Figures over time",
    "Site content",
    "Every figure charted on the numbers page, one per row: court defaulter listings, blocked ticket "
    "purchases, central bank credit files and demonstration cities, each with its source.",
    "/numbers/",
    lambda inputs: [(series, point) for series in inputs.numbers for point in series.points],
    (
        Field(
            "series",
            "text",
            "Identifier of the series (the chart); /numbers/<series>.csv holds it alone.",
            value=lambda i, _: i[0].id,
        ),
        Field("series_title", "text", "What the series counts, in a line.", value=lambda i, _: i[0].title),
        Field(
            "kind",
            "text",
            "cumulative (a running total), flow (a count for a period) or stock (a level at a date).",
            value=lambda i, _: i[0].kind,
        ),
        Field("unit", "text", "The unit of `value`, such as “million listings”.", value=lambda i, _: i[0].unit),
        Field(
            "date",
            "text",
            "The date of the figure: YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source.",
            value=lambda i, _: i[1].date,
        ),
        Field(
            "measure",
            "text",
            "Which of the series' measures the figure is, when a chart has several; else empty.",
            value=lambda i, _: next((m.label for m in i[0].measures if m.id == i[1].measure), ""),
        ),
        Field("value", "number", "The figure, in `unit`, as the source gives it.", value=lambda i, _: i[1].value),
        Field(
            "qualifier",
            "text",
            "The source's own hedge: about, nearly, more than; empty when it gives the figure plainly.",
            value=lambda i, _: i[1].qualifier,
        ),
        Field(
            "sources",
            "list of source keys",
            "Keys of the sources behind this figure (see the sources dataset); a key may carry a pinpoint.",
            "list",
            lambda i, _: i[1].sources,
        ),
        Field("url", "URL", "The chart on the numbers page.", value=lambda i, inputs: inputs.absolute(i[0].url)),
    ),
)
