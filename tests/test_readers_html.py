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
