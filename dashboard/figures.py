"""Pure figure builders: a display frame in, a ``plotly.graph_objects.Figure`` out.

Every chart colours stances with ``dashboard.palette`` so a stance has one colour everywhere. The map is a
choropleth with one trace per stance (a categorical legend, fixed order) drawn from the shipped 110m world
topojson (see ``dashboard.render.PLOTLY_CONFIG``). Figures carry text as data (hover, labels), never HTML
built from article text: plotly renders hover labels as text with a tiny tag subset, and every string from
an article is escaped with ``_plain`` before it reaches a template.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.palette import DAY_FORMAT, HOST_COLOUR, HOST_LABEL, STANCE_COLOURS, STANCE_ORDER, day_text, stance_label
from pipeline.records import NO_REACTION_FOUND

FONT = "Inter, 'Source Sans Pro', Arial, sans-serif"
MAP_HEIGHT = 520
ROW_HEIGHT = 22


def _plain(value: object) -> str:
    """Text safe for a plotly label: HTML-escaped so tags in article text show as text, never markup."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, (pd.Timestamp, dt.date)):
        return day_text(value)
    return html.escape(str(value), quote=False)


def _layout(fig: go.Figure, *, title: str, height: int, legend_below: bool = False) -> go.Figure:
    """Shared look: title top left, horizontal legend above the plot (below it for maps), white background."""
    legend = (
        {"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0}
        if legend_below
        else {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0}
    )
    fig.update_layout(
        title={"text": _plain(title), "x": 0.01, "xanchor": "left", "y": 0.98, "yanchor": "top"},
        height=height,
        margin={"l": 10, "r": 10, "t": 50 if legend_below else 100, "b": 10},
        font={"family": FONT, "size": 13},
        legend={**legend, "title": {"text": ""}},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    return fig


def _map_traces(status_day: pd.DataFrame, *, hosts: Sequence[str]) -> list[go.Choropleth]:
    """One choropleth trace per stance (always all of them, so animation frames line up), then the hosts."""
    traces = []
    for stance in STANCE_ORDER:
        rows = status_day[status_day["stance"] == stance] if len(status_day) else status_day
        customdata = [
            [_plain(r.country_name), _plain(r.actor) or "—", stance_label(stance), _plain(r.since) or "—"]
            for r in rows.itertuples()
        ]
        traces.append(
            _flat_choropleth(
                list(rows["country_iso3"]) if len(rows) else [],
                colour=STANCE_COLOURS[stance],
                name=stance_label(stance),
                legendgroup=stance,
                marker={"line": {"color": "#FFFFFF", "width": 0.5}},
                customdata=customdata,
                hovertemplate="<b>%{customdata[0]}</b><br>Stance: %{customdata[2]}<br>"
                "Actor: %{customdata[1]}<br>Since: %{customdata[3]}<extra></extra>",
            )
        )
    traces.append(
        _flat_choropleth(
            list(hosts),
            colour=HOST_COLOUR,
            name=HOST_LABEL,
            marker={"line": {"color": "#555555", "width": 1.2}},
            hovertemplate="%{location}: party to the event<extra></extra>",
        )
    )
    return traces


def _flat_choropleth(locations: list[str], *, colour: str, **trace: object) -> go.Choropleth:
    """A choropleth painting ``locations`` (ISO-3) in one colour, with no colour bar and no legend entry of its
    own (the legend comes from ``_legend_traces``: it lists every stance, always); ``trace`` adds the rest."""
    return go.Choropleth(
        locations=locations,
        z=[1] * len(locations),
        locationmode="ISO-3",
        colorscale=[[0, colour], [1, colour]],
        zmin=0,
        zmax=1,
        showscale=False,
        showlegend=False,
        **trace,
    )


def _legend_traces() -> list[go.Scattergeo]:
    """One empty legend entry per stance, so the legend always lists every colour in the same order.

    plotly.js leaves a choropleth with no locations out of the legend, so a stance nobody holds on the first
    day of an animation (or on the day shown) would have no key; a point-less marker trace always has one.
    """
    return [
        go.Scattergeo(
            lon=[None],
            lat=[None],
            mode="markers",
            marker={"symbol": "square", "size": 12, "color": STANCE_COLOURS[stance]},
            name=stance_label(stance),
            legendgroup=stance,
            showlegend=True,
            hoverinfo="skip",
        )
        for stance in STANCE_ORDER
    ]


def _geo_layout(fig: go.Figure) -> None:
    fig.update_geos(
        projection_type="natural earth",
        resolution=110,
        showframe=False,
        showcoastlines=False,
        showcountries=True,
        countrycolor="#FFFFFF",
        showland=True,
        landcolor="#FAFAFA",
        showocean=True,
        oceancolor="#EAF2F8",
        lataxis_range=[-58, 85],
    )


def status_title(*, day: dt.date | None, include_unofficial: bool) -> str:
    """The map's title: whose positions it shows (official only, or all voices) and on which day."""
    whose = "Positions, official and unofficial" if include_unofficial else "Official positions"
    return f"{whose}, as of {day_text(day)}" if day else f"{whose}, day by day (press ▶ Play)"


def status_map(status_day: pd.DataFrame, *, title: str, hosts: Sequence[str] = ()) -> go.Figure:
    """World choropleth of each country's stance on one day.

    ``status_day`` has one row per country: ``country_iso3, country_name, stance, actor, since``.
    Countries not in the frame are drawn as plain land (outside the filter); ``hosts`` are outlined white.
    """
    fig = go.Figure([*_map_traces(status_day, hosts=hosts), *_legend_traces()])
    _geo_layout(fig)
    return _layout(fig, title=title, height=MAP_HEIGHT, legend_below=True)


def animated_status_map(status_by_day: pd.DataFrame, *, title: str, hosts: Sequence[str] = ()) -> go.Figure:
    """The map with one animation frame per day and a play button stepping day by day.

    ``status_by_day`` is the status frame for every day (columns as ``status_map`` plus ``day``).
    """
    days = sorted(pd.to_datetime(status_by_day["day"]).dt.date.unique()) if len(status_by_day) else []
    by_day = {day: rows for day, rows in status_by_day.groupby(pd.to_datetime(status_by_day["day"]).dt.date)}
    first = by_day.get(days[0], status_by_day.iloc[0:0]) if days else status_by_day
    shapes = _map_traces(first, hosts=hosts)
    fig = go.Figure([*shapes, *_legend_traces()])
    # Frames redraw only the shape traces (the legend entries after them never change).
    fig.frames = [
        go.Frame(name=day.isoformat(), data=_map_traces(by_day[day], hosts=hosts), traces=list(range(len(shapes))))
        for day in days
    ]
    step = {"frame": {"duration": 600, "redraw": True}, "transition": {"duration": 0}, "mode": "immediate"}
    fig.update_layout(
        updatemenus=[
            {
                "type": "buttons",
                "showactive": False,
                "x": 0.0,
                "y": 0.0,
                "xanchor": "left",
                "yanchor": "bottom",
                "buttons": [
                    {"label": "▶ Play", "method": "animate", "args": [None, {**step, "fromcurrent": True}]},
                    {"label": "❚❚ Pause", "method": "animate", "args": [[None], {**step, "mode": "immediate"}]},
                ],
            }
        ],
        sliders=[
            {
                "active": 0,
                "x": 0.15,
                "len": 0.85,
                "y": 0.0,
                "currentvalue": {"prefix": "Day: "},
                "pad": {"t": 10, "b": 10},
                "steps": [
                    {"label": day.isoformat(), "method": "animate", "args": [[day.isoformat()], step]}
                    for day in days
                ],
            }
        ],
    )
    _geo_layout(fig)
    # Legend above the map: below it, the slider's "Day:" label would sit on top of the legend.
    return _layout(fig, title=title, height=MAP_HEIGHT + 100, legend_below=False)


def timeline_figure(
    first_reactions: pd.DataFrame,
    changes: pd.DataFrame,
    *,
    title: str,
    horizon_days: int,
    sort_by: str = "days_to_react",
) -> go.Figure:
    """One bar per country from the event (day 0) to its first stated position; open bars for never.

    ``first_reactions`` has ``country_iso3, country_name, days_to_react (NaN = never), first_stance``;
    ``changes`` has ``country_iso3, days_since_event, stance`` (a marker at each change of stance).
    ``sort_by`` is ``"days_to_react"`` (fastest first, never-reacted last) or ``"country_name"``.
    """
    if sort_by not in ("days_to_react", "country_name"):
        raise ValueError(f"sort_by must be 'days_to_react' or 'country_name', not {sort_by!r}")
    ordered = first_reactions.sort_values([sort_by, "country_name"], na_position="last", kind="stable")
    names = list(ordered["country_name"])
    fig = go.Figure()
    reacted = ordered[ordered["days_to_react"].notna()]
    for stance in STANCE_ORDER:
        rows = reacted[reacted["first_stance"] == stance]
        if rows.empty:
            continue
        fig.add_bar(
            y=rows["country_name"],
            x=rows["days_to_react"].clip(lower=0.15),
            orientation="h",
            name=f"First reaction: {stance_label(stance)}",
            legendgroup=stance,
            marker={"color": STANCE_COLOURS[stance], "line": {"color": "#555555", "width": 0.5}},
            customdata=rows[["days_to_react"]].to_numpy(),
            hovertemplate="%{y}: first position after %{customdata[0]:.0f} day(s)<extra></extra>",
        )
    never = ordered[ordered["days_to_react"].isna()]
    if len(never):
        fig.add_bar(
            y=never["country_name"],
            x=[horizon_days] * len(never),
            orientation="h",
            name="No stated position yet (open)",
            marker={
                "color": "rgba(255,255,255,0)",
                "line": {"color": "#777777", "width": 1},
                "pattern": {"shape": "/", "fgcolor": "#BBBBBB", "size": 6},
            },
            customdata=[[stance_label(s)] for s in never["first_stance"]],
            hovertemplate="%{y}: no stated position in %{x} days (%{customdata[0]})<extra></extra>",
        )
    if len(changes):
        named = changes.merge(ordered[["country_iso3", "country_name"]], on="country_iso3", how="inner")
        for stance in STANCE_ORDER:
            rows = named[named["stance"] == stance]
            if rows.empty:
                continue
            fig.add_scatter(
                y=rows["country_name"],
                x=rows["days_since_event"],
                mode="markers",
                name=f"Became {stance_label(stance).lower()}",
                legendgroup=stance,
                marker={"symbol": "diamond", "size": 10, "color": STANCE_COLOURS[stance], "line": {"color": "#222222", "width": 1}},
                hovertemplate="%{y}: " + stance_label(stance) + " from day %{x}<extra></extra>",
            )
    fig.update_layout(barmode="overlay", bargap=0.35)
    fig.update_yaxes(categoryorder="array", categoryarray=names[::-1], title="")
    fig.update_xaxes(title="Days after the event", range=[0, max(horizon_days, 1)], gridcolor="#EEEEEE", zeroline=True)
    return _layout(fig, title=title, height=max(260, 110 + ROW_HEIGHT * len(names)))


def cumulative_figure(
    curves: pd.DataFrame, *, title: str, x: str = "days_since_event", y: str = "share"
) -> go.Figure:
    """Countries of each group that had reacted, per day (one line per group), as a share or a count.

    ``curves`` is ``tables.cumulative_reactions`` output; ``x`` is ``"days_since_event"`` (to align events)
    or ``"day"`` (calendar dates); ``y`` is ``"share"`` (percent of the group: blocs of different sizes) or
    ``"reacted"`` (number of countries: groups as large as the world).
    """
    if x not in ("days_since_event", "day"):
        raise ValueError(f"x must be 'days_since_event' or 'day', not {x!r}")
    if y not in ("share", "reacted"):
        raise ValueError(f"y must be 'share' or 'reacted', not {y!r}")
    fig = go.Figure()
    palette = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
    dashes = ("solid", "dash", "dot", "dashdot")  # lines that coincide stay visible
    for index, (group, rows) in enumerate(curves.groupby("group", sort=False)):
        rows = rows.sort_values(x)
        fig.add_scatter(
            x=rows[x],
            y=rows["share"] * 100 if y == "share" else rows["reacted"],
            mode="lines+markers",
            line={"shape": "hv", "width": 3, "color": palette[index % len(palette)], "dash": dashes[index % len(dashes)]},
            marker={"size": 5},
            name=_plain(group),
            customdata=rows[["reacted", "total"]].to_numpy(),
            hovertemplate=_plain(group) + ": %{customdata[0]} of %{customdata[1]} countries<extra></extra>",
        )
    if y == "share":
        fig.update_yaxes(title="Countries that had reacted (%)", range=[0, 100], gridcolor="#EEEEEE")
    else:
        fig.update_yaxes(title="Countries that had reacted", rangemode="tozero", gridcolor="#EEEEEE")
    if x == "day":
        fig.update_xaxes(title="", tickformat=DAY_FORMAT, gridcolor="#EEEEEE")
    else:
        fig.update_xaxes(title="Days after the event", gridcolor="#EEEEEE")
    return _layout(fig, title=title, height=420)


def stance_bars(counts: pd.DataFrame, *, title: str) -> go.Figure:
    """Stacked horizontal bars of countries per reported stance, one bar per group (event or bloc).

    ``counts`` has ``group, stance, count``; "no reaction found" is left out so the reported positions read.
    """
    fig = go.Figure()
    for stance in (s for s in STANCE_ORDER if s != NO_REACTION_FOUND):
        rows = counts[counts["stance"] == stance]
        if rows.empty:
            continue
        fig.add_bar(
            y=[_plain(g) for g in rows["group"]],
            x=rows["count"],
            orientation="h",
            name=stance_label(stance),
            marker={"color": STANCE_COLOURS[stance], "line": {"color": "#FFFFFF", "width": 0.5}},
            hovertemplate="%{y}: %{x} " + stance_label(stance) + "<extra></extra>",
        )
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_xaxes(title="Countries", gridcolor="#EEEEEE")
    groups = counts["group"].drop_duplicates().tolist() if len(counts) else []
    return _layout(fig, title=title, height=max(240, 130 + 46 * len(groups)))


def bloc_share_figure(shares: pd.DataFrame, *, title: str, stance: str = "congratulated") -> go.Figure:
    """Bars of each bloc's share of members in ``stance`` (``tables.bloc_shares`` output), labelled k/n."""
    ordered = shares.sort_values("share", ascending=True, kind="stable")
    fig = go.Figure(
        go.Bar(
            y=[_plain(b) for b in ordered["bloc"]],
            x=ordered["share"] * 100,
            orientation="h",
            marker={"color": STANCE_COLOURS.get(stance, "#0072B2")},
            text=[f"{c} of {m}" for c, m in zip(ordered["count"], ordered["members"])],
            textposition="outside",
            name=stance_label(stance),
            hovertemplate="%{y}: %{x:.0f}%<extra></extra>",
        )
    )
    fig.update_xaxes(title=f"Members that had {stance_label(stance).lower()} (%)", range=[0, 110], gridcolor="#EEEEEE")
    return _layout(fig, title=title, height=max(240, 120 + 40 * len(ordered)))
