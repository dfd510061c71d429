"""Quotes & reactions: every reported reaction with its quote, evidence sentence and source; searchable."""

import streamlit as st

from dashboard import render, tables, views

view = views.page_setup("Quotes")

st.title("Quotes and reactions")
render.plain_caption(f"{view.event.name}: one row per article sentence reporting a reaction, with the quote that "
                     "article gives. Filters are in the sidebar.")
views.notice_if_no_data(view)

if "quotes.q" not in st.session_state:
    st.session_state["quotes.q"] = st.query_params.get("q", "")
query = st.text_input("Search actor, country, quote, sentence or source", key="quotes.q", placeholder="e.g. Merkel, congratulat, Kremlin")
if query:
    st.query_params["q"] = query
elif "q" in st.query_params:
    del st.query_params["q"]

rows = tables.search_rows(views.evidence(view), query)
columns = ["date", "actor", "country_name", "actor_type", "official", "stance", "quote", "sentence", "source", "url"]
st.text(tables.row_count_text(len(rows)))
if rows.empty:
    st.info("No reaction matches the search and the filters.")
else:
    render.show_table(tables.with_display_labels(rows.loc[:, columns]), key="quotes.table",
                      height=560 if len(rows) > 12 else "auto")
st.download_button(
    "Download these rows (CSV)",
    data=tables.to_csv_bytes(rows.loc[:, [*columns, "article_id", "event_id"]]),
    file_name=f"reactions-{view.event.id}.csv",
    mime="text/csv",
    key="quotes.download",
)
