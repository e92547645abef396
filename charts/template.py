"""The one Plotly template of the dashboard, registered as "cchc".

Fonts: Be Vietnam Pro (made for Vietnamese) first, then fonts that also carry every Vietnamese
letter; never a font without them, or a projector shows boxes. Colours: a calm blue-grey base,
one strong colour for the place the user chose, and fixed colours for the reference lines, so a
chart reads the same on every page and in every exported slide.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

NAME = "cchc"
FONT_FAMILY = "Be Vietnam Pro, Noto Sans, DejaVu Sans, sans-serif"
TEXT = "#1F2933"
TEXT_SOFT = "#52606D"
GRID = "#E4E8EE"
AXIS = "#9AA5B1"
BACKGROUND = "#FFFFFF"

HIGHLIGHT = "#0B5CAD"  # the chosen place
MUTED = "#C3CCD8"  # every other place
GOOD = "#1E8A5B"  # a change in the metric's better direction
BAD = "#C8463D"  # a change in the worse direction
NATIONAL = "#2F3B4C"  # the national line (dark, dashed by the chart builder if it likes)
REGIONAL = "#D98A2B"  # the region's line
TARGET = "#A23B72"  # the target set by a plan (e.g. 766/QĐ-TTg), drawn dotted

# Several series with no "chosen" one: calm hues that stay distinct for colour-blind readers.
COLORWAY = (
    HIGHLIGHT,
    REGIONAL,
    "#2A9D8F",
    "#7B5EA7",
    "#6B7F99",
    "#C65D5D",
    "#8AB17D",
    NATIONAL,
)
# Sequential scale for heatmaps: pale to the highlight blue.
SEQUENTIAL = ((0.0, "#F1F5FA"), (0.5, "#7FA7D6"), (1.0, "#0B3F7A"))
BASE_FONT_SIZE = 14
TITLE_FONT_SIZE = 20


def template() -> go.layout.Template:
    """Return the "cchc" template (a new object each call)."""
    axis = {
        "gridcolor": GRID,
        "linecolor": AXIS,
        "zerolinecolor": AXIS,
        "tickfont": {"color": TEXT_SOFT},
        "title": {"font": {"color": TEXT_SOFT}},
        "automargin": True,
        "ticks": "",
        "ticklabelstandoff": 6,
    }
    layout = go.Layout(
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": TEXT},
        title={"font": {"size": TITLE_FONT_SIZE, "color": TEXT}, "x": 0, "xanchor": "left", "xref": "paper"},
        paper_bgcolor=BACKGROUND,
        plot_bgcolor=BACKGROUND,
        colorway=list(COLORWAY),
        colorscale={"sequential": [list(stop) for stop in SEQUENTIAL]},
        xaxis=dict(axis, showgrid=True),
        yaxis=dict(axis, showgrid=True),
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom", "title": None},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": BASE_FONT_SIZE}},
        margin={"l": 16, "r": 24, "t": 56, "b": 40},
        bargap=0.25,
    )
    data = go.layout.template.Data(
        bar=[go.Bar(marker={"line": {"width": 0}})],
        scatter=[go.Scatter(line={"width": 2.5}, marker={"size": 7})],
        heatmap=[go.Heatmap(colorscale=[list(stop) for stop in SEQUENTIAL])],
    )
    return go.layout.Template(layout=layout, data=data)


def add_annotations(fig: go.Figure, notes: list[dict]) -> None:
    """Append annotations (plain dicts) in one validation: Figure.add_annotation validates every
    earlier annotation again on each call, so a label per bar costs the square of the bars (two
    thirds of the tasks chart's build with 34 agencies)."""
    if notes:
        fig.update_layout(annotations=[*fig.layout.annotations, *notes])


def register() -> None:
    """Register the template as "cchc" and make it Plotly's default. Building the template costs
    ~50 ms of Plotly validation, so a process does it once, not on every page rerun."""
    if NAME not in pio.templates:
        pio.templates[NAME] = template()
    if pio.templates.default != NAME:  # setting it validates the template again (~15 ms)
        pio.templates.default = NAME
