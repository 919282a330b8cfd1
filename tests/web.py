"""Helpers for driving pages like a browser would: read the CSRF token, post forms."""
import re
from html.parser import HTMLParser

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, url):
    html = client.get(url).get_data(as_text=True)
    match = TOKEN.search(html)
    assert match, f"no csrf token on {url}"
    return match.group(1)


def submit(client, url, data, ip="127.0.0.1", **kwargs):
    data = dict(data, csrf_token=csrf_token(client, url))
    return client.post(url, data=data, environ_base={"REMOTE_ADDR": ip}, **kwargs)


def sign_in(client, email, password, ip="127.0.0.1"):
    return submit(client, "/staff/login", {"email": email, "password": password}, ip=ip)


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


def title_starts_with_h1(html):
    title = re.search(r"<title>\s*(.*?)\s*</title>", html, re.S).group(1)
    h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip()
    return title.replace("Error: ", "", 1).startswith(h1), title, h1


class _Text(HTMLParser):
    """The words of a page's <main> as a reader sees them (no tags, scripts or hidden inputs)."""

    SKIP = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words, self.depth, self.skipping = [], 0, 0

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        elif tag in self.SKIP:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        elif tag in self.SKIP:
            self.skipping -= 1

    def handle_data(self, data):
        if self.depth > 0 and not self.skipping:
            self.words.append(data)


def main_text(html):
    """The text of the page's <main>, with runs of white space made one space."""
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.words).split())


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    """One element of a parsed page: `tag`, `attrs`, `children` (Nodes and strings)."""

    def __init__(self, tag, attrs=None, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs or {}), parent, []

    def __getitem__(self, name):
        return self.attrs[name]

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        """The text inside, whitespace collapsed (as a reader hears it)."""
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join(" ".join(parts).split())

    def _matches(self, tag, class_, attrs):
        return ((tag is None or self.tag == tag) and (class_ is None or class_ in self.classes())
                and all(self.attrs.get(k) == v for k, v in attrs.items()))

    def find_all(self, tag=None, class_=None, **attrs):
        """Every element below this one that matches, in document order."""
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child._matches(tag, class_, attrs):
                    found.append(child)
                found.extend(child.find_all(tag, class_, **attrs))
        return found

    def find(self, tag=None, class_=None, **attrs):
        found = self.find_all(tag, class_, **attrs)
        return found[0] if found else None


def parse_html(html):
    """The page as a tree of Nodes (html.parser, so no extra package); `id`, `class_`, `rel`,
    `data-*` ... can all be matched: page.find("nav", class_="govuk-pagination")."""
    from html.parser import HTMLParser

    root = Node("document")

    class Builder(HTMLParser):
        current = root

        def handle_starttag(self, tag, attrs):
            node = Node(tag, ((k, v if v is not None else "") for k, v in attrs), self.current)
            self.current.children.append(node)
            if tag not in VOID:
                self.current = node

        def handle_endtag(self, tag):
            node = self.current
            while node is not root and node.tag != tag:
                node = node.parent
            if node is not root:
                self.current = node.parent

        def handle_data(self, data):
            self.current.children.append(data)

    Builder(convert_charrefs=True).feed(html)
    return root
