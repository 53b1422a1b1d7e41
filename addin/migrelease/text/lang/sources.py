"""The public texts the house style follows: the Bureau's migration releases as news agencies reprint them (no
stat.gov.kz release page was reachable). Each pack's `sources` cites these for its rules and templates; the notes
of the research are in /work/research/house-style-notes.md of the project (not shipped)."""

from migrelease.text.lang import NO_SOURCE

# The Bureau's own English release of January-March 2026, the edition this tool reproduces.
SEED = "the Bureau's English release for January-March 2026 (shared/seed/release_2026q1_en.txt)"

# Russian
ZAKON_2025_H1 = ("https://www.zakon.kz/obshestvo/6487013-ottok-naseleniya-iz-kazakhstana-rezko-snizilsya--byuro-"
                 "statistiki.html")  # "в январе-июне 2025 года", "уменьшилось на 21%", "Доля прибывших … 82,2%"
ZAKON_2021_H1 = "https://zakon.kz/amp/redaktsiia-zakonkz/5075889-pochti-9-tysyach-chelovek-uehali-iz.html"
# ^ "Сальдо миграции составило -6200 человек."
ZAKON_2022_2M = ("https://zakon.kz/ekonomika-biznes/6012117-bolee-35-tys-chelovek-uekhalo-iz-kazakhstana-za-dva-"
                 "mesiatsa.html")  # "в четырех регионах страны: городах Нур-Султане (…), … и Мангистауской области"
LADA_2022_H1 = ("https://www.lada.kz/amp/another_news/103777-bolee-12-tysyach-chelovek-uehali-iz-kazahstana-za-"
                "polgoda.html")  # "сальдо миграции составило -5057 человек", "выбывших – 83%"
LITER_2022_FY = "https://liter.kz/skolko-kazakhstantsev-uekhali-iz-strany-v-2022-godu-1676002468/amp"
# ^ "В январе – декабре 2022 года …", "Сальдо миграции составило -6 946 человек"
TENGE_2024_FY = "https://the-tenge.kz/articles/polozhitelnoe-saldo-migratsii-v-kazakhstane"
# ^ "В январе-декабре 2024 года число прибывших в страну …", "по сравнению с соответствующим периодом 2023 года"
KAZPRAVDA_2025_9M = "https://kazpravda.kz/n/v-kazahstan-na-pmzh-pereehalo-bolee-16-tysyach-chelovek/"
NEWS_MAIL_2025_9M = "https://news.mail.ru/politics/68682309/"
# ^ "Основной миграционный обмен страны происходит с государствами СНГ. Доля прибывших из стран СНГ составила
#   82,7%, доля выбывших в эти страны — 73,2%." "Численность переезжающих … по сравнению с соответствующим
#   периодом 2024 года увеличилась на 22,8%."
MGOROD_2022_Q1 = ("https://mgorod.kz/news/bolee-pyati-tysyach-kazaxstancev-pokinuli-stranu-v-pervom-kvartale-2022-"
                  "goda")  # "Доля прибывших из стран СНГ составила 86%"
STEPPE_2022_Q1 = "https://the-steppe.com/novosti/chislennost-emigrantov-iz-kazahstana-sokrashchaetsya-tretiy-god-podryad"
# ^ Ranking.kz on the Bureau's figures: "в два раза больше, чем годом ранее"
ZHAIK_2022_H1 = "https://zhaikpress.kz/ru/news/bolee-12-tysyach-chelovek-uexali-iz-kazaxstana-za-polgoda"
# ^ "в трех регионах страны: городах Алматы (17 691 человек), Нур-Султан (…) и Шымкент (…)"

# Kazakh
KAZ_ZAKON_2025_FY = ("https://kaz.zakon.kz/kogam-tynysy/6076282-2025-zhyly-azastannan-ansha-adam-ketp-kersnshe-"
                     "syrttan-elge-ansha-adam-keld.html")
# ^ "2025 жылғы қаңтар-желтоқсанда елге келгендер саны 23761 адамды, елден кеткендер саны 7608 адамды құрады."
#   "2024 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны 20,7%-ға, Қазақстаннан кеткендер саны
#   40,5%-ға азайды." "Елдің негізгі көші-қон алмасуы ТМД мемлекеттерімен арада жүреді. ТМД елдерінен
#   келгендердің үлесі 81,8%, ал бұл елдерге кеткендердің үлесі 71,8% құрады."
EGEMEN_2023_Q1 = "https://egemen.kz/amp/article/342209-ush-ayda-qazaqstannan-26-mynh-adam-koship-ketken"
# ^ "Өңіраралық көші-қон бойынша еліміздің 4 өңірінде: Алматы (6 782 адам), … қалаларында және Алматы облысында
#   (223 адам) халық көші-қонының оң сальдосы қалыптасты." "… келгендер саны 87% өсті, ал шығып кеткен 49,6% азайды"
KZ24_2024_H1 = "https://24.kz/amp/kz/zha-aly-tar/kogam/671467-biyl-elge-14-256-adam-k-ship-keldi"
ERNUR_2021_7M = "http://ernur.kz/kazakstan/zheti-aida-kazakstannan-18-mynnan-asa-adam-ketken"  # "2021 жылғы қаңтар-шілдеде"
ERNUR_2022_8M = "https://ernur.kz/kazakstan/8-aida-kazakstannan-18-mynnan-astam-adam-ketken"  # "2022 жылғы қаңтар-тамызда"
ULT_9M = "https://ult.kz/index.php/post/biyl-kazakstanga-kelgen-immigranttar-sany-birden-51-payyzga-osti"
# ^ "Биыл қаңтар-қыркүйекте", "8,4 есе көбейген"
GLOBALNEWS_TIMES = "https://kaz.globalnews.kz/aza-stan-a-k-ship-kelushiler-sany-k-rt-sti/amp"  # "2,2 есе жоғары"
EGEMEN_UNCHANGED = "https://lat.egemen.kz/amp/article/366679-zhyldyq-inflyatsiya-bayaulady"  # "ózgerissiz qaldy"
EL_KZ_2022_H1 = "https://el.kz/zharty-zhylda-elimizden-12-my-nan-astam-adam-k-ship-ketti_46648"

CLDR_PLURALS = "https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html"

# Choices no public text settles
NO_BREAK_SPACE_CHOICE = (f"{NO_SOURCE} the reprints group thousands with a space ('29 948', {TENGE_2024_FY}) or "
                         "not at all ('23761'); a no-break space groups them and keeps a number on one line "
                         "(issue 15, team decision in PLAN.md)")
NOT_AVAILABLE_CHOICE = (f"{NO_SOURCE} the Bureau's texts never lack a figure (its tables mark one with 'x'); "
                        "one plain sentence names the period, what is missing of it (by month, partly, wholly) "
                        "and what is therefore not said (issue 12)")
MIXED_PARTNER_CHOICE = (f"{NO_SOURCE} the CIS share has always been above 50 % in both directions; the Bureau's "
                        "share sentence with each direction's own majority group, without a 'main exchange' claim")
FEW_REGIONS_CHOICE = (f"{NO_SOURCE} no release had 0 or 1 region with a positive net; the Bureau's sentence with "
                      "the count 'one'/'none'")
ZERO_NET_CHOICE = (f"{NO_SOURCE} the net was never exactly 0; 'Сальдо миграции составило 0 человек' would read "
                   "as a slip, so a plain sentence says arrivals equalled departures")
SMALL_CHANGE_CHOICE = (f"{NO_SOURCE} a change that rounds to 0,0 % while the figures differ is neither 'unchanged' "
                       "nor 'by 0,0%'; 'by less than 0,1%' is true")
FROM_ZERO_CHOICE = (f"{NO_SOURCE} a change from 0 has no percentage; the two figures say it")
TIMES_DOWN_CHOICE = (f"{NO_SOURCE} in the stored copies: the mirror of 'увеличилось в N раз' (the Bureau, "
                     "the-steppe.com); issue 19 cites 'уменьшилось в 2,4 раза' of a regional statistics department "
                     "(locman.kz)")
