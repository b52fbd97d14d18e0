"""Quotes marked inside escaped paragraphs, without a database."""

from predictions.highlighting import Mark, locate, paragraph_bounds, render


def test_paragraphs_are_lines_with_text():
    text = "One.\n\nTwo.\n   \nThree."
    assert [text[a:b] for a, b in paragraph_bounds(text)] == ["One.", "Two.", "Three."]


def test_render_marks_the_span_and_escapes_everything():
    text = "Intro <b>bold</b>.\nThe <script>alert(1)</script> will win & lose.\nOutro."
    start = text.index("The")
    end = text.index(".", start) + 1
    html = render(text, [Mark(start, end, href="/p/1/", label="80%")], around=(start, end))
    assert "<script>" not in html and "<b>" not in html
    assert html == (
        '<p><mark class="q">The &lt;script&gt;alert(1)&lt;/script&gt; will win &amp; lose.</mark>'
        '<a class="q-ref" href="/p/1/">80%</a></p>'
    )


def test_offsets_are_cut_in_the_raw_text_so_entities_never_break():
    text = "a&b<c>d"
    html = render(text, [Mark(1, 4)])
    assert html == '<p>a<mark class="q">&amp;b&lt;</mark>c&gt;d</p>'


def test_overlapping_marks_nest_as_flat_segments():
    text = "abcdefgh"
    html = render(text, [Mark(1, 5, css="x", anchor="q-1"), Mark(3, 7, css="y")])
    assert html == (
        '<p>a<mark class="q x" id="q-1">bc</mark><mark class="q x y">de</mark>'
        '<mark class="q y">fg</mark>h</p>'
    )


def test_a_quote_across_paragraphs_is_marked_in_each_and_labelled_once():
    text = "First part\nsecond part.\nOther."
    html = render(text, [Mark(6, 22, label="1", href="#")], around=(6, 22))
    assert html.count("<mark") == 2 and html.count("q-ref") == 1
    assert "Other" not in html


def test_labels_cannot_inject_markup():
    html = render("abc", [Mark(0, 1, href='" onmouseover="x', label="<i>")])
    assert "&quot; onmouseover=&quot;x" in html and "&lt;i&gt;" in html


def test_locate_falls_back_to_searching_when_offsets_are_stale():
    text = "xx hello world"
    assert locate(text, 3, 8, "hello") == (3, 8)
    assert locate(text, 0, 5, "hello") == (3, 8)
    assert locate(text, 0, 5, "absent") is None


def test_marks_outside_the_text_are_ignored():
    assert render("short", [Mark(2, 99)]) == "<p>short</p>"
