"""A page's HTML as a small tree, for tests that ask where something is (inside which
landmark, which form group, next to which field) rather than whether some text appears.

    page = parse(html)
    page.by_id("outcome").closest(lambda e: "govuk-form-group" in e.classes)
"""
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
LANDMARKS = {"main", "nav", "header", "footer", "aside"}
ROLE_LANDMARKS = {"main", "navigation", "banner", "contentinfo", "complementary", "region", "search", "form"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        return " ".join(" ".join(c if isinstance(c, str) else c.text() for c in self.children).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, test):
        return [e for e in self.iter() if test(e)]

    def find(self, test):
        return next((e for e in self.iter() if test(e)), None)

    def by_id(self, id_):
        return self.find(lambda e: e.attrs.get("id") == id_)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def closest(self, test):
        return next((a for a in self.ancestors() if test(a)), None)

    def landmark(self):
        """The nearest landmark this element is inside, or None."""
        return self.closest(is_landmark)


def is_landmark(element):
    role = element.attrs.get("role")
    if role in ROLE_LANDMARKS:
        return role != "region" or bool(element.attrs.get("aria-label") or element.attrs.get("aria-labelledby"))
    if element.tag == "section":
        return bool(element.attrs.get("aria-label") or element.attrs.get("aria-labelledby"))
    return element.tag in LANDMARKS


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.node = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.node)
        self.node.children.append(element)
        if tag not in VOID:
            self.node = element

    def handle_startendtag(self, tag, attrs):
        self.node.children.append(Element(tag, attrs, self.node))

    def handle_endtag(self, tag):
        node = self.node
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.node = node.parent

    def handle_data(self, data):
        self.node.children.append(data)


def parse(html):
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root
