"""Reaction Atlas — the overview page, and the app's entry point (``streamlit run app.py``).

For the chosen event: who reacted and how as of a date — headline counts, the world map and the most recent
quoted reactions up to that date. Thin: widgets in, ``dashboard`` calls out. The other pages are in pages/;
the sidebar's navigation links are drawn by ``dashboard.sidebar``.
"""

import streamlit as st

from dashboard import data, render, tables, views
from dashboard.palette import HOST_CAPTION, SILENT_CAPTION, STANCE_ORDER, day_text

view = views.page_setup("Overview")
event = view.event

st.title("Reaction Atlas")
render.plain_caption(
    f"How governments reacted to the {event.name} ({day_text(event.date)}), as reported in the articles in the store."
)
views.notice_if_no_data(view)

day = views.day_slider(view, label="As of", key="overview.day")

status = views.status_on(view, day)
counts = tables.headline_counts(status).set_index("stance")
timeline, _ = views.timeline(view)
median = tables.median_days_to_react(timeline)

columns = st.columns(len(STANCE_ORDER) // 2 + 1)
for index, stance in enumerate(STANCE_ORDER):
    with columns[index % (len(columns) - 1)]:
        st.metric(counts.at[stance, "label"], int(counts.at[stance, "count"]), border=True)
with columns[-1]:
    st.metric("Median days to react", "—" if median is None else f"{median:g}", border=True,
              help="Days from the event to each country's first stated position, over countries that reacted.")

views.show_day_map(view, status, day=day, key="overview.map")
st.caption(SILENT_CAPTION + " " + HOST_CAPTION)

st.subheader(f"Most recent reactions up to {day_text(day)}")
recent = tables.with_country_names(
    tables.recent_reactions(views.consolidated(view), limit=10, until=day, reactions=views.mentions(view)),
    data.countries(),
)
if recent.empty:
    st.info("No quoted reaction matches the filters up to this day.")
else:
    render.show_table(
        tables.with_display_labels(recent.loc[:, ["date", "actor", "country_name", "stance", "quote", "source", "url"]]),
        key="overview.recent",
    )
