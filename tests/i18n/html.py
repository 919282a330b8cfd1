"""A small HTML reader on the standard library's parser: elements with their attributes and
text, so tests check what a browser would show rather than match markup with regexes."""
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs):
        self.tag, self.attrs, self.children, self.parts = tag, dict(attrs), [], []

    def text(self):
        return " ".join(" ".join(self.parts).split())

    def __getitem__(self, name):
        return self.attrs[name]

    def find_all(self, tag=None, **attrs):
        found = []
        for child in self.children:
            if (tag is None or child.tag == tag) and all(
                    child.attrs.get(key.replace("_", "-")) == value if value is not True
                    else key.replace("_", "-") in child.attrs for key, value in attrs.items()):
                found.append(child)
            found.extend(child.find_all(tag, **attrs))
        return found

    def find(self, tag=None, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0] if found else None


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, 0, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        for element in self.open:
            element.parts.append(data)


def parse(markup):
    reader = _Reader()
    reader.feed(markup)
    return reader.root
