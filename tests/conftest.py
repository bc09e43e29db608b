"""Fixtures shared by the browser tests: one headless Chromium per worker, driven by Playwright.

Debian's chromium is used as it is (`executable_path`): Playwright downloads no browser.
"""

from __future__ import annotations

import pytest

from tools.sitecheck import chromium as chromium_path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = chromium_path()
    assert chromium, "Debian's chromium is needed for the browser tests: `make test` installs it (apt-get install chromium)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield browser
        browser.close()
