import json

ARTIFACTS = __import__("pathlib").Path(__file__).resolve().parents[1] / "artifacts"


def docs(site):
    return json.loads((site / "provisions.json").read_text())["documents"]


def test_browser_index_lists_every_notice_without_errors(page, site):
    page.goto((site / "index.html").as_uri())
    rows = page.locator("#notices tbody tr")
    # Renderings of one notice (same number: an original and its translation) are one row.
    documents = docs(site)
    notices = {d["number"] for d in documents if d["number"]} | {d["source"] for d in documents if not d["number"]}
    assert rows.count() == len(notices) < len(documents)
    assert page.problems == []


def primaries(site):
    """One document per notice, as the index shows it: the Chinese original first, else the first source."""
    groups = {}
    for d in docs(site):
        groups.setdefault(d["number"] or d["source"], []).append(d)
    return [sorted(g, key=lambda d: (d["language"] != "zh", d["source"]))[0] for g in groups.values()]


def test_browser_index_filters_by_issuer_kind_and_item(page, site):
    page.goto((site / "index.html").as_uri())
    documents = primaries(site)
    bis = [d for d in documents if d["issuer"] == "Bureau of Industry and Security (BIS)"]
    page.select_option("#f-issuer", "Bureau of Industry and Security (BIS)")
    assert page.locator("#notices tbody tr:visible").count() == len(bis) > 0
    page.select_option("#f-issuer", "")
    page.fill("#f-item", "holmium")
    holmium = [d for d in documents if any("holmium" in p.get("items", []) for p in d["provisions"])]
    assert page.locator("#notices tbody tr:visible").count() == len(holmium) > 0
    page.fill("#f-item", "")
    page.select_option("#f-kind", "exemption")
    with_exemption = [d for d in documents if any(p["kind"] == "exemption" for p in d["provisions"])]
    assert page.locator("#notices tbody tr:visible").count() == len(with_exemption) > 0
    assert page.text_content("#f-count") == f"{len(with_exemption)} notices"


def test_browser_index_sorts_by_column(page, site):
    page.goto((site / "index.html").as_uri())
    page.click("#notices th:has-text('Date')")
    dates = [d for d in page.locator("#notices tbody td.date").all_text_contents()]
    assert dates == sorted(dates)


def test_browser_provision_link_lands_on_highlighted_evidence(page, site):
    (doc,) = [d for d in docs(site) if d["source"].endswith("mofcom-2025-61-extraterritorial-rare-earths.html")]
    page.goto((site / "notices" / f"{doc['id']}.html").as_uri())
    link = page.locator(".summary a.claim", has_text="0.1%").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    active = page.locator("mark.ev.active")
    assert active.count() >= 1
    assert "0.1%" in " ".join(active.all_text_contents())
    box = active.first.bounding_box()
    assert box is not None and 0 <= box["y"] <= page.viewport_size["height"]
    assert page.problems == []


def test_browser_hostile_notice_runs_no_script(page, site):
    for doc in [d for d in docs(site) if "hostile" in d["source"]]:
        page.goto((site / "notices" / f"{doc['id']}.html").as_uri())
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        text = page.text_content("#text")
        assert "<" in text and ("script" in text or "img" in text)
    page.goto((site / "index.html").as_uri())
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []


def test_browser_screenshot_of_a_briefing(page, site):
    (doc,) = [d for d in docs(site) if d["source"].endswith("mofcom-2023-39-graphite.txt")]
    page.goto((site / "notices" / f"{doc['id']}.html").as_uri())
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "briefing-graphite.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 30_000


def test_browser_phone_width_has_no_page_overflow(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    (doc,) = [d for d in docs(site) if d["source"].endswith("mofcom-2023-39-graphite.txt")]
    for url in ((site / "index.html").as_uri(), (site / "notices" / f"{doc['id']}.html").as_uri()):
        pg.goto(url)
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), url
    context.close()


def test_browser_rounds_and_diff_pages(page, site):
    page.goto((site / "rounds.html").as_uri())
    links = page.locator("ul.pairs a")
    assert links.count() >= 6
    page.click("text=2025-04 → 2025-10")
    assert "rare-earths--2025-04--2025-10.html" in page.url
    added = page.locator("tr.change-added td.key")
    keys = added.all_text_contents()
    for element in ("holmium", "erbium", "thulium", "europium", "ytterbium"):
        assert f"item:{element}" in keys
    row = page.locator("tr.change-added", has_text="item:holmium").first
    assert "tightened" in row.text_content()
    row.locator("a").first.click()
    # Another page: its script marks the evidence once it has loaded, which a busy machine may not have done yet.
    page.wait_for_selector("mark.ev.active", timeout=15_000)
    assert "#ev-" in page.url and page.locator("mark.ev.active").count() >= 1
    assert page.problems == []


def test_browser_original_and_translation_side_by_side(page, site):
    """No. 61 in Chinese and in English: one page, both texts, each with its own evidence marked."""
    chinese = next(d for d in docs(site) if d["source"].endswith("mofcom-2025-61-zh.txt"))
    page.goto((site / "notices" / f"{chinese['id']}.html").as_uri())
    texts = page.locator(".rendering")
    assert texts.count() == 2
    assert page.locator('.rendering[lang="zh"] mark.ev').count() > 0 and page.locator('.rendering[lang="en"] mark.ev').count() > 0
    assert "0.1%" in page.locator('.rendering[lang="zh"]').inner_text()
    english = next(d for d in docs(site) if d["source"].endswith("mofcom-2025-61-extraterritorial-rare-earths.html"))
    assert (site / "notices" / f"{english['id']}.html").read_text() == (site / "notices" / f"{chinese['id']}.html").read_text()
    assert page.problems == []


def _search(page, served, term):
    page.goto(f"{served}search.html")
    page.fill(".pagefind-ui__search-input", term)
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for(timeout=15_000)
    return results


def test_browser_search_finds_a_notice_by_code_and_lands_on_it(page, served, site):
    results = _search(page, served, "3A090")
    with_code = {d["id"] for d in docs(site) if any("3A090" in p.get("codes", []) for p in d["provisions"])}
    assert results.count() >= 1
    results.first.click()
    page.wait_for_load_state()
    assert page.url.split("/notices/")[1].removesuffix(".html") in with_code
    assert "3A090" in page.locator("#text").inner_text()
    assert page.problems == []


def test_browser_search_finds_a_chinese_word(page, served, site):
    results = _search(page, served, "稀土")
    # Pagefind shows results as it loads them: wait for the notice, not only for the first result.
    results.filter(has_text="2025年第61号").first.wait_for(timeout=15_000)
    titles = results.all_text_contents()
    assert any("2025年第61号" in t for t in titles), titles
    # One result per notice: the original and its translation share one page.
    assert len(titles) == len(set(titles))
    results.filter(has_text="2025年第61号").first.click()
    page.wait_for_load_state()
    assert "稀土" in page.locator('.rendering[lang="zh"]').inner_text()
    assert page.problems == []


def test_browser_search_box_in_the_header_and_on_file_pages(page, served, site):
    """The header's box opens the search with its words; opened as a file, the page says how to serve it."""
    page.goto(f"{served}index.html")
    page.fill("header.site input[name=q]", "gallium")
    page.press("header.site input[name=q]", "Enter")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)
    assert "gallium" in page.url
    page.goto((site / "search.html").as_uri())
    assert page.locator("#search-file").is_visible()
    assert page.problems == []


def test_browser_index_fits_1280_and_390_pixels(browser, site):
    """Every column at 1280 px without scrolling sideways; at 390 px the title keeps most of the width."""
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        pg = context.new_page()
        pg.goto((site / "index.html").as_uri())
        page_w, table_w, box_w = pg.evaluate(
            "[document.documentElement.scrollWidth, document.querySelector('#notices').scrollWidth,"
            " document.querySelector('.scroll').clientWidth]")
        assert page_w <= width and table_w <= box_w + 1, (width, page_w, table_w, box_w)
        heads = [h.strip() for h in pg.locator("#notices thead th:visible").all_text_contents()]
        if width == 1280:
            assert heads == ["Date", "Issuer", "Title", "Round", "What it holds", "In brief"]
        else:
            assert heads == ["Title"]
            title = pg.locator("#notices tbody td.title").first.bounding_box()
            assert title["width"] >= 0.8 * width
        context.close()


def test_browser_index_says_what_it_counts(page, site):
    page.goto((site / "index.html").as_uri())
    assert page.locator("#notices abbr").count() == 0
    row = page.locator("#notices tbody tr", has_text="2025年第61号").first
    contents = row.locator("td.contents").inner_text()
    assert "items and codes" in contents and "limits" in contents and "end-use rules" in contents
    assert " EU" not in contents


def test_browser_summary_names_the_effective_date_and_authority_with_evidence(page, site):
    """The alert of No. 61 says from when and whom to ask; each link lands on its highlighted sentence."""
    (doc,) = [d for d in docs(site) if d["number"] == "mofcom-2025-61" and d["language"] == "zh"]
    page.goto((site / "notices" / f"{doc['id']}.html").as_uri())
    summary = page.locator('section[aria-label="Summary"]')
    effective = next(p for p in doc["provisions"] if p["kind"] == "effective_date" and p["date"] == "2025-12-01")
    licensing = next(p for p in doc["provisions"] if p["kind"] == "licensing" and p["authority"])
    for link, evidence in ((summary.locator(".sum-when a.claim", has_text="2025-12-01").first, effective),
                           (summary.locator(".sum-todo a.authority").first, licensing)):
        assert link.count() == 1
        link.click()
        assert page.evaluate("location.hash") == f"#ev-{evidence['id']}"
        active = page.locator("mark.ev.active")
        assert active.count() >= 1 and active.first.is_visible()
        assert active.first.inner_text().strip() in evidence["text"]  # the marked evidence sits in its sentence
    assert licensing["authority"].lower() in summary.locator(".sum-todo").inner_text().lower()
    assert page.problems == []


def test_browser_search_results_of_hostile_notices_run_no_script(page, served):
    """Pagefind shows excerpts of the page text: a notice whose text is markup must stay text there too."""
    results = _search(page, served, "pwned")
    assert results.count() >= 1
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert page.locator(".pagefind-ui__results img, .pagefind-ui__results script").count() == 0


def test_browser_feed_is_served_parses_and_its_links_open_the_notices(page, served, site):
    """feed.xml as a feed reader gets it from the served site: Atom that feedparser reads, one entry per notice,
    and each entry's link opens that notice's briefing in the browser."""
    import feedparser

    response = page.request.get(f"{served}feed.xml")
    assert response.ok
    feed = feedparser.parse(response.body())
    assert not feed.bozo and feed.version == "atom10"
    notices = {d["number"] or d["source"] for d in docs(site)}
    assert len(feed.entries) == len(notices)
    for entry in feed.entries[:5]:
        page.goto(f"{served}{entry.link}")
        assert page.locator("h1").first.inner_text().strip() == entry.title.strip()
    assert page.problems == []
