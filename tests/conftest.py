"""Shared pytest configuration: the markers the test suite uses (see each marker's description)."""

from __future__ import annotations


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "checklist: CheckList-style behavioural tables of the extraction (issue 3)")
    config.addinivalue_line("markers", "slow: slow tests (full pipeline runs, builds); deselect with -m 'not slow'")
    config.addinivalue_line("markers", "browser: tests that drive a real browser (playwright)")
