"""Reading a page's HTML as a tree (the standard library's parser), so tests can follow
links and look inside one part of a page the way a person would, without regexes.

    page = parse(html)
    page.by_id("summary-resident").text
    page.link("Part of case HRD-2026-000001")      # the <a> whose text is that
    [a.href for a in page.by_id("items").links()]
"""
import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


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
        """The words inside, with runs of white space as one space."""
        return re.sub(r"\s+", " ", "".join(self._texts())).strip()

    def _texts(self):
        for child in self.children:
            if isinstance(child, str):
                yield child
            else:
                yield from child._texts()
                if child.tag in ("br", "p", "li", "div", "h1", "h2", "h3", "dt", "dd"):
                    yield " "

    def elements(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.elements()

    def find_all(self, tag=None, cls=None, **attrs):
        return [e for e in self.elements() if (tag is None or e.tag == tag)
                and (cls is None or cls in e.classes)
                and all(e.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())]

    def by_id(self, ident):
        found = [e for e in self.elements() if e.id == ident]
        assert found, f"nothing has the id {ident!r}"
        return found[0]

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

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


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
