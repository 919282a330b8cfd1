"""A page's HTML as a tree (the standard library's parser), so tests can follow links, look
inside one part of a page and ask where something sits (inside which landmark or form group)
the way a person would, without regexes.

    page = parse(html)
    page.by_id("summary-resident").text                # the words a reader sees there
    page.link("Part of case HRD-2026-000001").href     # the <a> whose words are that
    page.find_all("li", cls="heard-review__item")      # by tag, one of its classes, attributes
    page.find("nav", aria_label="Back")                # aria_label / data_head mean aria-label / data-head
    page.find("input", where=lambda e: "checked" in e.attrs)
    page.by_id("outcome").closest(cls="govuk-form-group")
    main_text(html)                                    # the words of the page's <main>

`attrs` keeps an attribute written without a value (`checked`) as None.
"""
import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
UNSEEN = {"script", "style", "template"}
# Elements that start a new line for a reader, so their words never run into their neighbours'.
BLOCKS = {"address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
          "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
          "header", "hr", "legend", "li", "main", "nav", "ol", "option", "p", "pre", "section", "summary",
          "table", "td", "th", "tr", "ul"}
LANDMARKS = {"main", "nav", "header", "footer", "aside"}
ROLE_LANDMARKS = {"main", "navigation", "banner", "contentinfo", "complementary", "region", "search", "form"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    @property
    def id(self):
        return self.attrs.get("id")

    @property
    def href(self):
        return self.attrs.get("href")

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    @property
    def text(self):
        """The words a reader sees inside (no scripts or styles), runs of white space as one space."""
        return re.sub(r"\s+", " ", "".join(self._texts())).strip()

    def _texts(self):
        for child in self.children:
            if isinstance(child, str):
                yield child
            elif child.tag not in UNSEEN:
                block = " " if child.tag in BLOCKS else ""
                yield block
                yield from child._texts()
                yield block

    def elements(self):
        """Every element below this one, in document order."""
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.elements()

    def matches(self, tag=None, cls=None, where=None, **attrs):
        """True if this is a `tag` element with the class `cls`, these attribute values (a
        keyword's underscores stand for hyphens and a trailing one is dropped: `for_`,
        `aria_current`) and `where(self)` is true; any left out match everything."""
        return ((tag is None or self.tag == tag) and (cls is None or cls in self.classes)
                and all(self.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
                and (where is None or bool(where(self))))

    def find_all(self, tag=None, cls=None, where=None, **attrs):
        return [e for e in self.elements() if e.matches(tag, cls, where, **attrs)]

    def find(self, tag=None, cls=None, where=None, **attrs):
        """The first match below this element, or None."""
        return next((e for e in self.elements() if e.matches(tag, cls, where, **attrs)), None)

    def by_id(self, ident):
        found = self.find(id=ident)
        assert found is not None, f"nothing has the id {ident!r}"
        return found

    def links(self):
        return self.find_all("a")

    def link(self, text):
        """The one link whose words are `text` (or start with it)."""
        found = [a for a in self.links() if a.text == text] or [a for a in self.links()
                                                                  if a.text.startswith(text)]
        assert found, f"no link {text!r}; links: {[a.text for a in self.links()]}"
        return found[0]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def closest(self, tag=None, cls=None, where=None, **attrs):
        """The nearest element this one is inside that matches, or None."""
        return next((a for a in self.ancestors() if a.matches(tag, cls, where, **attrs)), None)

    def landmark(self):
        """The nearest landmark this element is inside, or None."""
        return self.closest(where=is_landmark)

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


def is_landmark(element):
    role = element.attrs.get("role")
    named = element.attrs.get("aria-label") or element.attrs.get("aria-labelledby")
    if role in ROLE_LANDMARKS:
        return role != "region" or bool(named)
    if element.tag == "section":
        return bool(named)
    return element.tag in LANDMARKS


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def main_text(html):
    """The words of the page's <main> as a reader sees them, runs of white space as one space."""
    main = parse(html).find("main")
    return main.text if main is not None else ""
