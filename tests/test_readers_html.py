import pytest

from controlbrief.readers import read_bytes
from controlbrief.readers.html import html_to_text


def test_readers_html_blocks_become_lines():
    text, meta = html_to_text(
        "<html><head><title>T</title><style>p{}</style><script>var x='<p>';</script></head>"
        "<body><nav>Home | News</nav><h1>Heading</h1><p>First <b>para</b>.</p><ul><li>one</li><li>two</li></ul>"
        "<table><tr><th>Item</th><th>Code</th></tr><tr><td>Gallium</td><td>8112923010</td></tr></table></body></html>"
    )
    assert text.split("\n") == ["Heading", "First para.", "one", "two", "Item | Code", "Gallium | 8112923010"]
    assert meta["title"] == "T"


def test_readers_html_meta_tags_and_first_heading():
    _, meta = html_to_text('<meta name="issuer" content="MOFCOM"><meta name="date" content="2025-10-09"><h1>Only heading</h1>')
    assert meta == {"issuer": "MOFCOM", "date": "2025-10-09", "title": "Only heading"}


def test_readers_html_entities_and_broken_markup():
    text, _ = html_to_text("<p>Tom &amp; Jerry &lt;script&gt;<p>unclosed <div>still read")
    assert text.split("\n") == ["Tom & Jerry <script>", "unclosed", "still read"]


def test_readers_html_declared_charset():
    raw = '<meta charset="gb18030"><p>镓</p>'.encode("gb18030")
    read = read_bytes("n.html", raw)
    assert read.text == "镓"
    assert read.encoding == "gb18030"


@pytest.mark.parametrize("label, codec", [
    ("utf-16", "utf-8"), ("UTF-16LE", "utf-8"), ("utf-32", "utf-8"), ("x-user-defined", "cp1252"),
    ("punycode", None), ("undefined", None), ("utf-7", None), ("rot13", None), ("no-such-charset", None),
    ("gbk", "gbk"), ("big5", "big5"), ("windows-1252", "cp1252"), ("iso-8859-1", "iso8859-1"), ("shift_jis", "shift_jis"),
])
def test_readers_html_declared_charset_follows_whatwg(label, codec):
    from controlbrief.readers import web_codec

    assert web_codec(label) == codec


def test_readers_html_lying_utf16_declaration_is_read_as_text():
    from controlbrief.readers import read_bytes

    page = b'<html><head><meta charset="utf-16"></head><body><p>Gallium shall not be exported.</p></body></html>'
    assert read_bytes("p.html", page).text == "Gallium shall not be exported."
