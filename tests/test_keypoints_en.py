import math
from dataclasses import replace

from migrelease.text.keypoints import draft_key_points
from migrelease.model.regions import regions

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
REGION = {r.name_en: r for r in regions()}


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


def test_decrease_times_and_no_change(sample_release):
    f = replace(sample_release.figures, arrivals_change=-3.2, departures_change=140.0, departures_times=2.4)
    assert draft_key_points(f)[1] == ("Compared to the corresponding period in 2025 the number of arrivals in "
                                      "Kazakhstan decreased by 3,2%, the number of departures from Kazakhstan "
                                      "increased 2,4 times.")
    f = replace(sample_release.figures, arrivals_change=0.0, departures_change=100.0, departures_times=2.0)
    assert draft_key_points(f)[1].endswith("arrivals in Kazakhstan did not change, the number of departures from "
                                           "Kazakhstan increased 2 times.")


def test_negative_and_zero_net(sample_release):
    f = replace(sample_release.figures, arrivals=900.0, departures=1212.0, net=-312.0)
    assert draft_key_points(f)[0].endswith("The net migration was negative: departures exceeded arrivals by "
                                           "312 people.")
    f = replace(sample_release.figures, arrivals=900.0, departures=900.0, net=0.0)
    assert draft_key_points(f)[0].endswith("Arrivals equalled departures, so the net migration was zero.")


def test_zero_one_and_many_regions(sample_release):
    figures = sample_release.figures
    none = draft_key_points(replace(figures, positive_interregional=()))[3]
    assert none.endswith("In terms of interregional movements, no region of the country had a positive net "
                         "migration.")
    one_city = draft_key_points(replace(figures, positive_interregional=((REGION["Astana city"], 1.0),)))[3]
    assert one_city.endswith("has developed in 1 region of the country: the city of Astana (1 person).")
    two_regions = draft_key_points(replace(figures, positive_interregional=(
        (REGION["Almaty region"], 21.0), (REGION["Akmola region"], 2.0))))[3]
    assert two_regions.endswith("has developed in 2 regions of the country: Almaty region (21 people) and "
                                "Akmola region (2 people).")


def test_partner_groups_say_what_the_data_says(sample_release):
    f = replace(sample_release.figures, cis_departure_share=42.0, other_departure_share=58.0)
    assert draft_key_points(f)[2] == ("Most arrivals came from the CIS countries (71,4%), while most departures "
                                      "went to countries outside the CIS (58,0%).")
    f = replace(sample_release.figures, cis_arrival_share=30.1, other_arrival_share=69.9,
                cis_departure_share=20.0, other_departure_share=80.0)
    assert draft_key_points(f)[2] == ("The main migration exchange of the country takes place with countries "
                                      "outside the CIS. The share of arrivals from these countries was 69,9%, the "
                                      "share of departures to these countries was 80,0%.")


def test_not_available_is_said_never_shown_as_zero(sample_release):
    f = replace(sample_release.figures, arrivals_previous=math.nan, arrivals_change=math.nan,
                arrivals_times=math.nan)
    assert "arrivals in Kazakhstan cannot be compared (the figure for 2025 is not available)" in draft_key_points(f)[1]
    f = replace(sample_release.figures, arrivals=math.nan, net=math.nan)
    assert draft_key_points(f)[0] == "The figures of external migration for January–March 2026 are not available."
