"""Region names: the official ones in three languages, and every official and common form accepted as input."""

import pytest

from migrelease.filedoor.csv_source import read_csv_table
from migrelease.model.facts import DATA, validate
from migrelease.model.problems import InputProblems
from migrelease.model.regions import (ACCEPTED_FORMS, accepted_names, find_region, kazakh_latin, normalise_name,
                                      regions)
from migrelease.text.lang import language_pack


def test_the_2022_regions_have_their_official_names_in_every_language():
    names = {region.kato: (region.name_en, region.name_ru, region.name_kk) for region in regions()}
    assert names["100000000"] == ("Abai region", "область Абай", "Абай облысы")
    assert names["330000000"][1:] == ("область Жетісу", "Жетісу облысы")
    assert names["620000000"] == ("Ulytau region", "область Ұлытау", "Ұлытау облысы")
    assert names["710000000"][1:] == ("г. Астана", "Астана қаласы")


@pytest.mark.parametrize("spelling, kato", [
    ("область Абай", "100000000"), ("ОБЛАСТЬ АБАЙ", "100000000"), ("Абайская область", "100000000"),
    ("Абай облысы", "100000000"), ("Abai oblysy", "100000000"), ("Abaı oblysy", "100000000"),
    ("область Жетісу", "330000000"), ("область Жетису", "330000000"), ("Жетысуская область", "330000000"),
    ("Jetısu oblysy", "330000000"), ("Jetisu oblysy", "330000000"),
    ("область Ұлытау", "620000000"), ("область Улытау", "620000000"), ("Улытауская область", "620000000"),
    ("Ūlytau oblysy", "620000000"), ("Ulytau oblysy", "620000000"),
    ("г. Астана", "710000000"), ("г.Астана", "710000000"), ("Астана қаласы", "710000000"),
    ("Astana qalasy", "710000000"), ("г. Нур-Султан", "710000000"), ("Nur-Sultan", "710000000"),
    ("Şymkent qalasy", "790000000"), ("Shymkent qalasy", "790000000"), ("Túrkistan oblysy", "610000000"),
    ("Qarağandy oblysy", "350000000"), ("Qaraǵandy oblysy", "350000000"), ("ВКО", "630000000"),
    ("ШҚО", "630000000"), ("Маңғыстау облысы", "470000000"), ("Мангыстау облысы", "470000000"),
    ("71", "710000000"), (62, "620000000"), ("620000000", "620000000"), (100000000.0, "100000000"),
])
def test_official_common_former_latin_and_kato_forms_are_accepted(spelling, kato):
    assert find_region(spelling).kato == kato


def test_every_accepted_name_means_exactly_one_region():
    owners: dict[str, set[str]] = {}
    for region in regions():
        for name in accepted_names(region):
            owners.setdefault(normalise_name(name), set()).add(region.kato)
    assert {key: katos for key, katos in owners.items() if len(katos) > 1} == {}
    for region in regions():
        assert all(find_region(name) == region for name in accepted_names(region))
    assert find_region("Алматы") is None and find_region("Almaty") is None  # city or region? say which


def test_kazakh_latin_follows_the_2021_and_2018_alphabets():
    assert kazakh_latin("Шығыс Қазақстан облысы") == "Şyğys Qazaqstan oblysy"
    assert kazakh_latin("Шығыс Қазақстан облысы", "latin_2018") == "Shyǵys Qazaqstan oblysy"
    assert kazakh_latin("Ұлытау облысы") == "Ūlytau oblysy"
    assert kazakh_latin("Түркістан облысы") == "Türkıstan oblysy"


def test_the_case_forms_the_sentences_use_follow_the_official_names():
    ru = language_pack("ru").region_names
    assert ru["100000000"]["nom"] == "область Абай" and ru["100000000"]["prep"] == "области Абай"
    assert ru["620000000"]["gen"] == "области Ұлытау"
    kk = language_pack("kk").region_names
    assert kk["330000000"]["loc"] == "Жетісу облысында"


def _data_csv(tmp_path, rename: dict[str, str]):
    from importlib import resources

    text = resources.files("migrelease").joinpath("data/sample_data.csv").read_text(encoding="utf-8")
    for old, new in rename.items():
        text = text.replace(f",{old},", f",{new},")
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_data_in_official_russian_and_kazakh_names_validates_to_the_same_facts(tmp_path):
    english = validate(read_csv_table(_data_csv(tmp_path, {})), DATA)
    renamed = validate(read_csv_table(_data_csv(tmp_path, {
        "Abai region": "область Абай", "Zhetysu region": "Жетісу облысы", "Ulytau region": "Ulytau oblysy",
        "Astana city": "г. Астана", "Shymkent city": "79"})), DATA)
    assert renamed.equals(english)


def test_an_unknown_region_says_which_forms_are_accepted_and_suggests_the_nearest(tmp_path):
    with pytest.raises(InputProblems) as raised:
        validate(read_csv_table(_data_csv(tmp_path, {"Abai region": "облась Абай"})), DATA)
    message = str(raised.value.problems[0])
    assert "(did you mean 'область Абай'?)" in message and ACCEPTED_FORMS in message
    assert "Абайская область" in ACCEPTED_FORMS and "KATO" in ACCEPTED_FORMS and "Abai oblysy" in ACCEPTED_FORMS
