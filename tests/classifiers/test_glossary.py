from classifiers.glossary import words_for
from classifiers.topics import Topic


def test_common_council_service_names_find_residents_words():
    assert "pothole" in words_for("Highways")
    assert "certificate" in words_for("Registration (births, deaths, marriages)")
    both = words_for("Waste & Recycling")
    assert "missed bin" in both
    assert "bus pass" in words_for("Concessionary Fares")


def test_unknown_names_stay_name_only():
    assert words_for("Mental Health Act") == ""
    assert Topic(key="x", name="Quantum widgets").prompts() == ["Quantum widgets", "feedback about Quantum widgets"]


def test_matching_is_by_whole_words():
    assert words_for("Passport office") == ""  # 'parking' must not match inside other words
    assert "library" in words_for("library")
