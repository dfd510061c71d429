"""Timeline: how long each country took to react, and how fast blocs reacted, day by day."""

import streamlit as st

from dashboard import data, figures, render, tables, views
from dashboard.palette import day_text

view = views.page_setup("Timeline")
event = view.event

st.title("How fast did each country react?")
render.plain_caption(
    f"{event.name}: one bar per country from the event ({day_text(event.date)}) to its first stated position. "
    "Hatched bars are still open: no stated position by the last day shown. Diamonds mark each change of stance."
)
views.notice_if_no_data(view)

order = st.radio("Sort by", options=["days_to_react", "country_name"], horizontal=True, key="timeline.sort",
                 format_func={"days_to_react": "Days to react", "country_name": "Country name"}.get)
only_reacted = st.toggle("Only countries with a reported position", value=True, key="timeline.only_reacted",
                         help="Off: every country in the filter, including those with no reaction found.")
rows, changes = views.timeline(view)
shown = tables.only_with_position(rows) if only_reacted else rows
horizon = (view.last_day - event.date).days
if shown.empty:
    st.info("No country matches the filters.")
else:
    render.show_figure(
        figures.timeline_figure(shown, changes, title="Days from the event to the first reaction", horizon_days=horizon, sort_by=order),
        key="timeline.bars",
    )

st.subheader("Countries reacting, day by day")
names = data.bloc_names()
bloc_ids = list(names)
left, right = st.columns(2)
first = left.selectbox("Bloc A", options=bloc_ids, format_func=names.get, key="timeline.bloc_a",
                       index=bloc_ids.index("G7") if "G7" in bloc_ids else 0)
second = right.selectbox("Bloc B", options=bloc_ids, format_func=names.get, key="timeline.bloc_b",
                         index=bloc_ids.index("BRICS") if "BRICS" in bloc_ids else min(1, len(bloc_ids) - 1))
series = views.status_series(view)
groups = {"All countries shown": frozenset(series["country_iso3"])} | views.bloc_groups(view, [first, second])
curves = tables.cumulative_reactions(series, groups=groups)
render.show_figure(
    figures.cumulative_figure(curves, title="Share of countries that had reacted by each day", x="day"),
    key="timeline.curves",
)
st.caption("A country has reacted once it stated a position (congratulated, supportive, neutral or critical). "
           "Withheld, declined to comment and silent do not count as reacting.")
