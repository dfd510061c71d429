"""What the dashboard pages share: pure tables and figures, filters, and cached loading of the store.

Pure (no Streamlit): ``palette``, ``tables``, ``figures``, ``filters``, ``intake``.
Streamlit-bound: ``data`` (cached loading), ``sidebar`` (filter widgets), ``views`` (page setup and the
frames each page shows), ``render`` (charts offline, safe tables and text).
"""
