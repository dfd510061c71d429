"""Stance colours and labels, and the date format: one way to show each, shared by every chart, legend and table.

The hues are the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), chosen to stay apart for
readers with the common forms of colour blindness. Warm-to-cold positions follow ``records.STANCES`` order.
"No reaction found" (nothing reported either way) is a light grey; "silent" (reported as not reacting) is a
dark grey, so the two never read as the same thing.
"""

from __future__ import annotations

from types import MappingProxyType

from pipeline.consolidate import NON_REACTIONS
from pipeline.records import NO_REACTION_FOUND, STANCES

STANCE_COLOURS = MappingProxyType(
    {
        "congratulated": "#009E73",  # bluish green
        "supportive": "#56B4E9",  # sky blue
        "neutral": "#F0E442",  # yellow
        "critical": "#D55E00",  # vermillion
        "withheld": "#E69F00",  # orange
        "no_comment": "#CC79A7",  # reddish purple
        "silent": "#3D3D3D",  # dark grey: reported as saying nothing
        NO_REACTION_FOUND: "#DCDCDC",  # light grey: nothing reported either way
    }
)

STANCE_LABELS = MappingProxyType(
    {
        "congratulated": "Congratulated",
        "supportive": "Supportive",
        "neutral": "Neutral",
        "critical": "Critical",
        "withheld": "Withheld",
        "no_comment": "Declined to comment",
        "silent": "Silent (reported)",
        NO_REACTION_FOUND: "No reaction found",
    }
)

# Legend and headline order: the record stances, then "no reaction found".
STANCE_ORDER: tuple[str, ...] = (*STANCES, NO_REACTION_FOUND)

# Stances that count as having reacted to the event: the same rule as pipeline.consolidate.first_reactions
# ("withheld", "no_comment" and "silent" report the absence of a reaction; "no_reaction_found" is no report).
REACTED_STANCES: frozenset[str] = frozenset(STANCES) - NON_REACTIONS

HOST_COLOUR = "#FFFFFF"
HOST_LABEL = "Party to the event"
HOST_CAPTION = "The event's own country (white, dark outline) is a party to it, not a reactor."

SILENT_CAPTION = (
    "“Silent (reported)”: an article reports that the country has not reacted. "
    "“No reaction found”: the articles say nothing about the country either way."
)


# One way to write a day on every page: titles, captions, tables, sliders and chart axes (ISO 8601, which reads
# the same in every country and sorts as text).
DAY_FORMAT = "%Y-%m-%d"  # strftime / plotly (d3) tick format
DAY_FORMAT_WIDGET = "YYYY-MM-DD"  # Streamlit sliders and date columns (moment.js tokens)


def day_text(day: object) -> str:
    """A date or timestamp as written on every page ("" for none)."""
    if day is None:
        return ""
    try:
        return format(day, DAY_FORMAT)
    except (TypeError, ValueError):  # NaT and other missing values
        return ""


def actor_type_label(actor_type: str) -> str:
    """Human label of an actor type id ("head_of_state" -> "head of state")."""
    return actor_type.replace("_", " ")


def stance_label(stance: str) -> str:
    """Human label of a stance id; unknown ids are shown as they are."""
    return STANCE_LABELS.get(stance, stance)
