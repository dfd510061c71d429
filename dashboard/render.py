"""The few Streamlit calls every page shares: charts drawn offline, tables with safe links, plain text.

``PLOTLY_CONFIG`` is the one place that points plotly.js at the shipped topojson (``static/world_110m.json``
served at ``/app/static/`` by ``[server] enableStaticServing``), so the map draws with no network.
Article text is shown only through ``st.text``/``st.dataframe``/``st.caption`` of plain strings: never as
Markdown or HTML (``plain_caption`` escapes Markdown so ``st.caption`` shows the characters as typed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

PLOTLY_CONFIG = MappingProxyType(
    {
        "topojsonURL": "/app/static/",
        "displaylogo": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "toImageButtonOptions": {"format": "png", "scale": 2},
    }
)

# Column headers and widths shared by the tables of reactions and evidence.
COLUMN_LABELS = MappingProxyType(
    {
        "date": "Date",
        "actor": "Actor",
        "actor_type": "Actor type",
        "country_name": "Country",
        "country_iso3": "ISO",
        "official": "Official",
        "stance": "Stance",
        "quote": "Quote",
        "sentence": "Evidence sentence",
        "source": "Source",
        "url": "Link",
        "article_id": "Article",
        "event_id": "Event",
    }
)

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")


def show_figure(fig: go.Figure, *, key: str, on_select: str = "ignore") -> Any:
    """Draw a plotly figure full width with the offline map config; returns the selection state if any."""
    kwargs: dict[str, Any] = {"key": key, "config": dict(PLOTLY_CONFIG), "width": "stretch"}
    if on_select != "ignore":
        kwargs |= {"on_select": on_select, "selection_mode": ("points",)}
    return st.plotly_chart(fig, **kwargs)


def column_config(frame: pd.DataFrame) -> dict[str, Any]:
    """Column settings: readable headers, dates as dates, http(s) URLs as links (others were blanked)."""
    config: dict[str, Any] = {}
    for name in frame.columns:
        label = COLUMN_LABELS.get(name, name.replace("_", " ").capitalize())
        if name == "url":
            config[name] = st.column_config.LinkColumn(label, display_text="open ↗", validate=r"^https?://.+$")
        elif name == "date":
            config[name] = st.column_config.DateColumn(label, format="YYYY-MM-DD")
        elif name in ("quote", "sentence"):
            config[name] = st.column_config.TextColumn(label, width="large")
        else:
            config[name] = st.column_config.Column(label)
    return config


def show_table(frame: pd.DataFrame, *, key: str, height: int | str = "auto", on_select: str = "ignore") -> Any:
    """A read-only table of plain text cells (never rendered as Markdown/HTML) with link columns."""
    kwargs: dict[str, Any] = {
        "hide_index": True,
        "column_config": column_config(frame),
        "key": key,
        "height": height,
    }
    if on_select != "ignore":
        kwargs |= {"on_select": on_select, "selection_mode": "single-row"}
    return st.dataframe(frame, **kwargs)


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown specials so user text shows literally in widgets that parse Markdown."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def plain_caption(text: str) -> None:
    """A caption of arbitrary (possibly article) text shown literally."""
    st.caption(escape_markdown(text))


def legend_caption(labels: Mapping[str, str]) -> str:
    """'a · b · c' of label values (our own strings, not article text)."""
    return " · ".join(labels.values())
