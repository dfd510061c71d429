"""Add articles: upload files or paste a text; the pipeline reads them and their reactions join the store."""

import datetime as dt

import streamlit as st

from dashboard import data, intake, render, views

view = views.page_setup("Add articles")
catalogue = data.events()

st.title("Add articles")
st.caption(
    f"Files up to {intake.MAX_UPLOAD_MB} MB each, of type {', '.join('.' + t for t in intake.UPLOAD_TYPES)}. "
    "New reactions join the store and appear on every page; nothing already stored is removed. "
    "A file over the server's upload limit is stopped by the browser and marked in red in the list."
)

with st.form("add.form", clear_on_submit=True):
    # No type= and no per-widget size limit: the page checks names and sizes itself (intake.check_upload) so
    # a wrong type or a file over MAX_UPLOAD_MB gets a plain message instead of vanishing from the batch.
    # Only files over [server] maxUploadSize never reach the server.
    uploads = st.file_uploader(
        "Article files (.txt, .md, .html, .jsonl)", accept_multiple_files=True, key="add.files",
    )
    st.subheader("…or paste one article")
    title = st.text_input("Title", key="add.title")
    left, middle, right = st.columns(3)
    source = left.text_input("Source (publication)", key="add.source")
    published = middle.date_input("Published", value=None, key="add.published", min_value=dt.date(1990, 1, 1))
    event_id = right.selectbox("Event", options=["", *catalogue], key="add.event",
                               format_func=lambda e: catalogue[e].name if e else "Detect from the text")
    url = st.text_input("Link (http or https, optional)", key="add.url")
    text = st.text_area("Article text", height=220, key="add.text")
    submitted = st.form_submit_button("Add to the store", type="primary")

if submitted:
    batch = intake.prepare_batch(
        uploads=[(u.name, u.getvalue()) for u in (uploads or [])],
        pasted=intake.Pasted(text=text, title=title, source=source, url=url, published=published, event_id=event_id or None),
        workdir=intake.new_workdir(),
    )
    for refusal in batch.refused:
        st.error(render.escape_markdown(refusal))  # contains the user's file name: shown literally
    if batch.paths:
        bar = st.progress(0.0, text="Reading the articles")
        report = data.add_articles(
            batch.paths,
            defaults=intake.defaults(event_id=event_id or None, published=published),
            progress=lambda done, total, label: bar.progress(min(done / total, 1.0) if total else 1.0, text=f"{done}/{total}"),
        )
        bar.progress(1.0, text="Done")
        summary = intake.summarise(report)
        st.session_state["add.last"] = summary
    elif not batch.refused:
        st.warning("Nothing to add: choose files or paste a text first.")

summary = st.session_state.get("add.last")
if summary:
    st.success(summary.headline)
    for line in summary.skipped:
        st.warning(render.escape_markdown(line))
    if summary.read:
        st.text("Read: " + ", ".join(summary.read))

tables_ = data.load_tables(view.directory, data.store_version(view.directory))
st.subheader("What the store holds")
st.text(f"{len(tables_.articles)} articles · {len(tables_.reactions)} reaction mentions · {len(tables_.consolidated)} consolidated reactions")
