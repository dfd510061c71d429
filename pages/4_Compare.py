"""Compare: events side by side, and blocs side by side, at the same number of days after the event."""

import streamlit as st

from dashboard import data, figures, render, tables, views
from dashboard.palette import day_text, stance_label

view = views.page_setup("Compare")
catalogue = data.events()

st.title("Compare events and blocs")
render.plain_caption("Counts use every reported position: the sidebar's stance and date filters do not apply here; "
                     "its bloc or region, actor type and unofficial-voices switch do.")
day_n = st.slider("Days after the event", min_value=0, max_value=60, value=7, key="compare.day_n")

st.header("Events side by side")
default_events = [e for e in ("us-2016-election", "us-2020-election", "us-2024-election") if e in catalogue]
chosen = st.multiselect("Events", options=list(catalogue), default=default_events or [view.event.id],
                        format_func=lambda e: f"{catalogue[e].name} ({day_text(catalogue[e].date)})", key="compare.events")
if chosen:
    series = {catalogue[e].name: views.status_series_days(view, event_id=e, days=day_n) for e in chosen}
    curves = tables.cumulative_by_label(series)
    render.show_figure(figures.cumulative_figure(curves, title="Countries that had reacted, by days after each event", y="reacted"),
                       key="compare.event_curves")
    at_n = {label: tables.status_on_day(frame, days_since_event=day_n) for label, frame in series.items()}
    render.show_figure(figures.stance_bars(tables.stance_counts_by_group(at_n), title=f"Reported positions {day_n} days after each event"),
                       key="compare.event_bars")
else:
    st.info("Choose at least one event to compare.")

st.header("Blocs side by side")
names = data.bloc_names()
default_blocs = [b for b in ("G7", "EU", "G20", "BRICS", "ASEAN", "AU", "ARAB_LEAGUE") if b in names]
blocs = st.multiselect("Blocs", options=list(names), default=default_blocs, format_func=names.get, key="compare.blocs")
stance = st.selectbox("Share of members whose position was…", options=["congratulated", "supportive", "critical", "withheld"],
                      format_func=stance_label, key="compare.stance")
render.plain_caption(f"For the {view.event.name}; membership as on {day_text(view.event.date)}; the event's own country is left out.")
if blocs:
    groups = views.bloc_groups(view, blocs)
    series = views.status_series_days(view, event_id=view.event.id, days=day_n, members_only=False)
    status_n = tables.status_on_day(series, days_since_event=day_n)
    render.show_figure(
        figures.bloc_share_figure(tables.bloc_shares(status_n, blocs=groups, stances=(stance,)),
                                  title=f"Members whose position was “{stance_label(stance)}” on day {day_n}", stance=stance),
        key="compare.bloc_shares",
    )
    render.show_figure(figures.cumulative_figure(tables.cumulative_reactions(series, groups=groups),
                                                 title="How fast each bloc reacted"), key="compare.bloc_curves")
    st.subheader(f"Who had not reacted by day {day_n}")
    silent = tables.with_country_names(
        tables.silent_members(status_n, blocs=groups, had_reacted=tables.reacted_by(series, days_since_event=day_n)),
        data.countries(),
    )
    if silent.empty:
        st.info("Every member of the chosen blocs had stated a position by then.")
    else:
        render.show_table(tables.with_display_labels(silent.loc[:, ["bloc", "country_name", "stance"]]),
                          key="compare.silent", height=380)
else:
    st.info("Choose at least one bloc to compare.")
