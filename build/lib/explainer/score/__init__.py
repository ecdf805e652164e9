"""The score widget between the rules model and the page: no Django imports, so each part tests alone.

query.py   the query string -> ScoreForm (the usable scenario, every problem, what was left out)
result.py  Outcome + the library -> ScoreResult (sources and myths looked up, summary lines)
gauge.py   the grade bands and marker of the points gauge, in SVG units
"""
