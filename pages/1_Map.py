"""Map: each country's position on a chosen day, a play control, and the evidence behind one country."""

import streamlit as st

from dashboard import data, figures, render, tables, views
from dashboard.palette import HOST_CAPTION, SILENT_CAPTION, day_text

view = views.page_setup("Map")
event = view.event

st.title("World map of reactions")
render.plain_caption(f"{event.name} · {day_text(event.date)}. Use “Include unofficial voices” in the sidebar to count opposition and other non-government actors.")
views.notice_if_no_data(view)

mode = st.segmented_control("View", options=["One day", "Play day by day"], default="One day", key="map.mode")
if mode == "Play day by day":
    series = views.status_series(view)
    render.show_figure(
        figures.animated_status_map(series, title=figures.status_title(day=None, include_unofficial=view.include_unofficial),
                                    hosts=event.host_countries),
        key="map.animated",
    )
    if series.empty:
        st.info("No country matches the filters.")
    st.caption(f"Steps one day at a time from {day_text(view.first_day)} to {day_text(view.last_day)}. " + SILENT_CAPTION)
    st.stop()

day = views.day_slider(view, label="Date", key="map.day")
status = views.status_on(view, day)
selection = views.show_day_map(view, status, day=day, key="map.chart", on_select="rerun")
st.caption(SILENT_CAPTION + " " + HOST_CAPTION + " Click a country, or pick it below, to see the evidence.")

names = tables.country_choices(status)
options = ["", *names]
clicked = views.selected_location(selection)
if clicked and clicked != st.session_state.get("map.last_click") and clicked in names:
    st.session_state["map.country"] = clicked
st.session_state["map.last_click"] = clicked
if st.session_state.get("map.country") not in options:
    st.session_state["map.country"] = st.query_params.get("country", "") if st.query_params.get("country", "") in options else ""
country = st.selectbox("Country", options=options, format_func=lambda c: names.get(c, "— choose a country —"), key="map.country")
if country:
    st.query_params["country"] = country
    st.subheader(names[country])
    st.text(tables.status_sentence(status, country_iso3=country, day=day))
    evidence = tables.with_country_names(
        tables.country_evidence(views.consolidated_all(view), country_iso3=country, reactions=views.mentions(view)),
        data.countries(),
    )
    if evidence.empty:
        st.info("No article in the store reports a reaction from this country's actors.")
    else:
        render.plain_caption("Every report about this country's actors, official or not, newest first; "
                             "each row's quote is the one its own article gives.")
        render.show_table(
            tables.with_display_labels(
                evidence.loc[:, ["date", "actor", "actor_type", "official", "stance", "quote", "sentence", "source", "url"]]
            ),
            key="map.evidence",
        )
elif "country" in st.query_params:
    del st.query_params["country"]
