"""English key points: the Bureau's published release (shared/seed) reproduced in correct English; number styles.
The sentence branches are pinned in tests/test_keypoints_branches.py for every language."""

from dataclasses import replace

from migrelease.text.keypoints import draft_key_points

SEED = [
    "In January–March 2026 the number of arrivals in the country amounted to 6197 people, the number of "
    "departures from the country was 989 people. The net migration amounted to 5208 people.",
    "Compared to the corresponding period in 2025 the number of arrivals in Kazakhstan increased by 25,9%, the "
    "number of departures from Kazakhstan decreased by 11,9%.",
    "The main migration exchange of the country takes place with the CIS countries. The share of arrivals from the "
    "CIS countries was 71,4%, the share of departures to these countries was 57,6%.",
    "The number of people moving within the country increased by 11,6% compared to the corresponding period in "
    "2025. In terms of interregional movements, a positive net migration has developed in 4 regions of the "
    "country: the cities of Astana (18153 people), Almaty (4841 people), Shymkent (3588 people) and Almaty region "
    "(5248 people).",
]


def test_seed_release_reproduced_in_correct_english(sample_release):
    drafted = draft_key_points(sample_release.figures, "en")
    assert drafted == SEED
    # the published edition's slips are not copied into what the tool drafts
    text = " ".join(drafted)
    assert "amounted 6197 to" not in text and "by -" not in text and "% times" not in text


def test_international_number_style(sample_release):
    points = draft_key_points(sample_release.figures, "en", style="international")
    assert "amounted to 6,197 people" in points[0] and "increased by 25.9%" in points[1]
    assert "Astana (18,153 people)" in points[3]
    small = replace(sample_release.figures, arrivals_previous=6198.0, arrivals_change=0.0)
    assert "decreased by less than 0.1%" in draft_key_points(small, "en", style="international")[1]


def test_cyrillic_style_in_english_groups_with_a_no_break_space(sample_release):
    points = draft_key_points(sample_release.figures, "en", style="cyrillic")
    assert "amounted to 6\u00a0197 people" in points[0]


def test_one_person_and_whole_percentages(sample_release):
    f = replace(sample_release.figures, arrivals=1.0, departures=1.0, net=0.0, arrivals_change=-21.0,
                departures_change=86.0)
    first, second, *_ = draft_key_points(f, "en")
    assert "amounted to 1 person, the number of departures from the country was 1 person." in first
    assert "decreased by 21%" in second and "increased by 86%" in second and ",0%" not in second
