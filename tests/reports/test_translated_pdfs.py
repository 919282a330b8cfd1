"""A Welsh copy of a published PDF is built once per stored PDF, not once per download, and
again as soon as the stored PDF changes (a publication updated)."""
from reports import translated_pdfs


def test_built_once_while_the_stored_pdf_is_the_same_and_again_when_it_changes():
    builds = []

    def build(text):
        def make():
            builds.append(text)
            return f"%PDF {text}".encode()
        return make

    first = translated_pdfs.translated("yswd", b"%PDF stored 1", "cy", build("one"))
    again = translated_pdfs.translated("yswd", b"%PDF stored 1", "cy", build("two"))
    assert first == again == b"%PDF one" and builds == ["one"]
    changed = translated_pdfs.translated("yswd", b"%PDF stored 2", "cy", build("three"))
    assert changed == b"%PDF three" and builds == ["one", "three"]
    other_kind = translated_pdfs.translated("annual", b"%PDF stored 1", "cy", build("four"))
    assert other_kind == b"%PDF four"


def test_only_a_few_are_kept():
    for n in range(translated_pdfs.MAX_KEPT + 5):
        translated_pdfs.translated("annual", f"stored {n}".encode(), "cy", lambda: b"x")
    assert len(translated_pdfs._kept) == translated_pdfs.MAX_KEPT
