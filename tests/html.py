"""Find elements of a rendered page by id or role with a parser, so that tests do not depend on the templates'
line breaks and indentation (djhtml). Text is compared with its whitespace runs collapsed, markup with Django's
own HTML comparison (attribute order and whitespace between elements do not matter; anything else does)."""

from html import escape

import lxml.html
from django.test.html import parse_html


def document(html):
    if hasattr(html, "xpath"):  # already an element
        return html
    if not isinstance(html, str):  # a response
        html = html.content.decode()
    return lxml.html.fromstring(html)


def find_all(html, xpath):
    return document(html).xpath(xpath)


def find(html, xpath):
    found = find_all(html, xpath)
    assert len(found) == 1, f"{len(found)} elements match {xpath}"
    return found[0]


def by_id(html, element_id):
    return find(html, f'//*[@id="{element_id}"]')


def text(element):
    """The element's text as a reader sees it: whitespace runs collapsed, none at the ends."""
    return " ".join(element.text_content().split())


def inner_html(element):
    """The markup inside the element, without the element's own tag."""
    inner = escape(element.text or "", quote=False)
    return inner + "".join(lxml.html.tostring(child, encoding="unicode") for child in element)


def same_html(actual, expected):
    """True when two fragments are the same HTML (django.test.html: whitespace between elements ignored) and read
    the same (whitespace runs collapsed): Django's comparison alone strips the text beside every element."""
    read = [
        " ".join(lxml.html.fragment_fromstring(f, create_parent="div").text_content().split())
        for f in (actual, expected)
    ]
    return parse_html(actual) == parse_html(expected) and read[0] == read[1]


def outer_html(element):
    return lxml.html.tostring(element, encoding="unicode", with_tail=False)


def contains_html(haystack, needle):
    """True when the page holds the element `needle` (Django's assertInHTML test), whatever its layout, and an
    element of that tag and attributes reads as the needle does: Django's comparison alone would also take
    "<b>x</b>y" for "<b>x</b> y", since it strips the text beside every element."""
    if not isinstance(haystack, str):
        haystack = haystack.content.decode()
    if parse_html(needle) not in parse_html(haystack):
        return False
    wanted = lxml.html.fragment_fromstring(needle)
    return any(
        dict(element.attrib) == dict(wanted.attrib) and text(element) == text(wanted)
        for element in document(haystack).iter(wanted.tag)
    )


class Markup:
    """An element's content, compared as HTML: `== "<b>x</b> y"` when it is the same HTML (whitespace between
    elements aside), `"text" in` / `.startswith("text")` on the text a reader sees, `"<a ...>...</a>" in` when it
    holds that element. With exact=True (an element shown with CSS white-space: pre-line, such as .as-written,
    whose line breaks are part of the content) the text must also match character for character."""

    __hash__ = None

    def __init__(self, element, exact=False):
        self.markup, self.exact = inner_html(element), exact
        self.raw_text = element.text_content()
        self.text = self.raw_text if exact else text(element)

    def __eq__(self, other):
        if not same_html(self.markup, other):
            return False
        expected_text = lxml.html.fragment_fromstring(other, create_parent="div").text_content()
        if self.exact:
            return self.raw_text == expected_text
        return self.text == " ".join(expected_text.split())  # "<b>x</b> y" is not "<b>x</b>y"

    def __contains__(self, needle):
        if needle.lstrip().startswith("<"):
            return contains_html(f"<div>{self.markup}</div>", needle)
        return needle in self.text

    def startswith(self, prefix):
        return self.text.startswith(prefix)

    def __repr__(self):
        return f"Markup({self.markup!r})"
