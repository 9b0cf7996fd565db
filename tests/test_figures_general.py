"""General rules of what a figure belongs to and what is not one, one row per rule,
in sentences written for the project in the style of news and policy copy."""

from __future__ import annotations

import pytest


def _found(analyzer, text: str, published_at: str | None) -> dict[str, dict]:
    analysis = analyzer.analyze(text, force=True, published_at=published_at)
    return {f["text"].lower(): f for f in analysis["figures"]}


# (text, the figure's text, publication date, expected country)
COUNTRIES = [
    # An infinitive is said of the subject of the verb that governs it.
    (
        "Relocation pledges have been slow. Portugal has offered to take 600 asylum seekers "
        "from Greece, while Austria and Sweden have asked for deductions.",
        "600",
        "2025-06-10",
        "PRT",
    ),
    (
        "Belgium is set to see 1,200 asylum seekers relocated to other member states this "
        "year, the Commission said, while Cyprus will receive funds.",
        "1,200",
        "2025-06-10",
        "BEL",
    ),
    # A sum takes the one place its own sentence names...
    (
        "The two centres are expected to cost Italy about €670 million over five years.",
        "about €670 million",
        "2025-06-10",
        "ITA",
    ),
    # ...or goes on in the place of the sentence before it...
    (
        "Ireland has changed its asylum law. The state spent €1.2 billion on accommodation "
        "in 2025.",
        "€1.2 billion",
        "2026-11-26",
        "IRL",
    ),
    # ...but does not fall to the article's country: an agency's needs are no state's.
    (
        "Fighting in Sudan has displaced millions.\n\nThe agency says it has received only "
        "a third of the $300 million it needs.",
        "$300 million",
        "2025-06-10",
        None,
    ),
    # The country a sum is for, whoever pays it.
    (
        "The European Union announced a €2 billion package for Jordan last year.",
        "€2 billion",
        "2025-06-10",
        "JOR",
    ),
    # A list whose verb is left out: each country stands right before its figure.
    (
        "Germany received around 8,200 applications in May, Italy about 6,100 and France "
        "roughly 5,900.",
        "about 6,100",
        "2025-06-10",
        "ITA",
    ),
    (
        "Germany received around 8,200 applications in May, Italy about 6,100 and France "
        "roughly 5,900.",
        "roughly 5,900",
        "2025-06-10",
        "FRA",
    ),
    # "Member states" opening a sentence is the bloc all the same.
    (
        "Austria wants a tougher line. Member states pledged 18,000 relocation places for "
        "next year.",
        "18,000",
        "2025-06-10",
        None,
    ),
    # Two coordinated verbs share their subject.
    (
        "Greece's coast guard intercepted or rescued 2,100 people near Lesbos in May.",
        "2,100",
        "2025-06-10",
        "GRC",
    ),
    # A national adjective on a state's body names the state that acts.
    (
        "Greece says crossings have slowed. The Turkish coastguard later said it had picked "
        "up 48 people from a dinghy.",
        "48",
        "2025-06-10",
        "TUR",
    ),
    # A relative pronoun stands for the noun its clause describes.
    (
        "Officials in Madrid praised the Moroccan navy, which intercepted more than 9,000 "
        "people this year.",
        "more than 9,000",
        "2025-06-10",
        "MAR",
    ),
    # People named by a plural demonym in a list are counted where they are, not in
    # their own country.
    (
        "Ireland received 13,000 asylum applications last year. Nigerians made up the "
        "largest group, followed by Jordanians (2,210), Algerians (1,640) and Somalis (1,180).",
        "1,640",
        "2025-06-10",
        "IRL",
    ),
    # "Georgia with 880": a list item joined by "with" is its country's.
    (
        "Greece carried out 4,860 returns. Pakistan was the main destination, followed by "
        "Georgia with 880 and Albania with 640.",
        "880",
        "2025-06-10",
        "GEO",
    ),
    # A state body's spending, with no receiving state, is placed as a count is.
    (
        "BRUSSELS — Belgium's reception network is full again, Belgian officials said.\n\n"
        "The federal government spent €310 million on emergency places last year.",
        "€310 million",
        "2025-06-10",
        "BEL",
    ),
    # A story on a state's own bodies is that state's, though it names another
    # country more often.
    (
        "The Home Office said on Friday that Channel crossings had fallen. French police "
        "stopped more boats on the beaches, the Home Office added.\n\n"
        "More than 20,000 people have crossed so far this year.",
        "more than 20,000",
        "2025-06-10",
        "GBR",
    ),
    # A story whose first figure is the bloc's: its figures with no place of their
    # own are the bloc's, not those of the country it names most.
    (
        "Asylum applications in the European Union fell 11 percent last year, the EU's "
        "asylum agency said. Germany received the most, though Germany's share fell and "
        "Germany's government wants fewer still.\n\nSyrians remained the largest group "
        "of applicants with about 148,000 claims.",
        "about 148,000",
        "2025-03-20",
        None,
    ),
    # "Non-EU workers" come from outside the bloc: the story stays Sweden's.
    (
        "STOCKHOLM — Sweden tightened its work permit rules on Wednesday, the Swedish "
        "government said.\n\nNon-EU workers must now earn at least 27,840 kronor a month. "
        "The Migration Agency granted 72,180 permits last year.",
        "72,180",
        "2025-06-10",
        "SWE",
    ),
    # A relative clause's figure belongs to the country the clause describes.
    (
        "Spain, with 166,000 applications, overtook France, which received 158,000, for "
        "second place.",
        "158,000",
        "2025-03-20",
        "FRA",
    ),
    # The neighbour across a border is not where the people were counted.
    (
        "The United States tightened its asylum rules again. Agents detained 9,400 people "
        "at the border with Mexico in May.",
        "9,400",
        "2025-06-10",
        "USA",
    ),
    # The counted noun names the bloc: an EU total, whatever place the clause names.
    (
        "Of the 640,000 EU asylum claims lodged in 2025, about a third were lodged in France.",
        "640,000",
        "2026-03-02",
        None,
    ),
    # A share inside a list item's brackets is that item's country's.
    (
        "Most claims were lodged in Belgium (21 300, or 12 per cent), Spain (18 900, or "
        "11 per cent) and Greece (9 800, or six per cent).",
        "11 per cent",
        "2026-03-02",
        "ESP",
    ),
    # A list of countries of origin says where people come from, not where they are.
    (
        "Canada received 4,100 claims in March. Haiti (960), Mexico (720) and Chile (310) "
        "were the top countries of origin.",
        "720",
        "2026-04-20",
        "CAN",
    ),
    # A sentence that only says where people come from is no place to go on in.
    (
        "Ireland received 13,300 claims last year. Of those, 2,900 came from Georgia. "
        "Another 1,450 were lodged by Somalis.",
        "1,450",
        "2026-02-01",
        "IRL",
    ),
    # What a state's own body is expected to spend is that state's.
    (
        "Finland is short of beds.\n\nThe State is expected to spend about €9 billion "
        "on reception centres this year, a parliamentary committee heard.",
        "about €9 billion",
        "2026-10-08",
        "FIN",
    ),
    # A list opened by "from" says where people come from; the list after it, where
    # they are.
    (
        "Most came from Eritrea (3 410), Sudan (2 250) and Iraq (980), and most applied "
        "in Sweden (2 700), Finland (1 900) and Denmark (1 100).",
        "1 900",
        "2026-03-02",
        "FIN",
    ),
    # A place deeper inside a phrase of where people left is not where they are.
    (
        "About 9,000 refugees from Myanmar's war-torn Rakhine State have crossed into "
        "Bangladesh since Sunday.",
        "about 9,000",
        "2026-03-10",
        "BGD",
    ),
    # People held on an island state are counted there, whoever holds them.
    (
        "Australia still held 214 asylum seekers on Nauru at the end of June.",
        "214",
        "2026-07-15",
        "NRU",
    ),
    # ...but a talk "on" a country is about it, not in it.
    (
        "Talks on Afghanistan drew 300 delegates to Doha this week.",
        "300",
        "2026-07-15",
        "QAT",
    ),
    # Deaths off a coast belong to the state whose coast it is.
    (
        "The agency said 412 people drowned off the Libyan coast in the first half of 2025.",
        "412",
        "2025-07-15",
        "LBY",
    ),
    # People heading towards a state are counted for it.
    (
        "Frontex recorded a rise of 9 percent in crossings on the central route towards Malta.",
        "9 percent",
        "2026-02-11",
        "MLT",
    ),
    # Where a body is based is not where its figure is.
    (
        "The Vienna-based agency counted 52,000 detected crossings of the bloc's borders "
        "this spring.",
        "52,000",
        "2026-06-30",
        None,
    ),
    # A relative clause on the people says where they were; the verb where they went.
    (
        "Only 214 migrants who had reached Cyprus were sent back to Lebanon last year.",
        "214",
        "2026-01-20",
        "LBN",
    ),
    # A sum converted in brackets belongs where the sum does.
    (
        "Spain will give Mauritania €210 million ($227 million) for coastal patrols.",
        "$227 million",
        "2026-05-04",
        "MRT",
    ),
    # An island, an enclave or a border town inside a state says where, as its name
    # would (models/places.yaml), even when the NER takes it for a body.
    (
        "Coast guards said 412 people who landed on Lampedusa were moved to the mainland.",
        "412",
        "2026-03-02",
        "ITA",
    ),
    ("About 1,300 people reached Crete by boat in June.", "about 1,300", "2026-07-01", "GRC"),
    ("Police in Calais cleared a camp of 600 people on Tuesday.", "600", "2026-02-11", "FRA"),
    # A place inside a state in the sentence before carries on, as its name would, past
    # a bloc named only to describe a body.
    (
        "The boat was spotted by a plane of Frontex, the European Union's border agency, "
        "south of Gavdos, the coast guard said. It carried 41 women.",
        "41",
        "2026-03-02",
        "GRC",
    ),
    # ... but not a place inside a longer name: the body is named after it.
    (
        "The Dover Harbour Board handled 2,100 ferries in May, its report said.",
        "2,100",
        "2026-06-01",
        None,
    ),
    # A sum in the story country's own currency is that country's when nothing else
    # places it; a dollar sum in a Swedish story is not.
    (
        "Sweden tightened its work permit rules on Monday.\n\n"
        "Applicants will need to earn at least 28,000 kronor a month.",
        "at least 28,000 kronor",
        "2026-03-01",
        "SWE",
    ),
    (
        "Sweden tightened its work permit rules on Monday.\n\n"
        "The agency says it needs $20 million to keep the programme running.",
        "$20 million",
        "2026-03-01",
        None,
    ),
    # A nationality is who is counted, even when the NER reads it as a place; a base of
    # comparison with a place of its own keeps it.
    (
        "Some 31% of working-age Ukrainian refugees in Austria had a job in May, "
        "compared with more than half in Czechia.",
        "31%",
        "2026-06-01",
        "AUT",
    ),
    (
        "Some 31% of working-age Ukrainian refugees in Austria had a job in May, "
        "compared with more than half in Czechia.",
        "more than half",
        "2026-06-01",
        "CZE",
    ),
    # ... but a month after the base is the same place at another time.
    (
        "Some 9,000 people reached Malta in June, compared with 6,500 in May.",
        "6,500",
        "2026-07-01",
        "MLT",
    ),
    # A place said of one number of a pair is that number's; the total over both is
    # neither country's.
    (
        "The camps hold some 96,000 refugees, with 61,000 in Kenya and 35,000 in Uganda.",
        "35,000",
        "2026-05-04",
        "UGA",
    ),
    (
        "The camps hold some 96,000 refugees, with 61,000 in Kenya and 35,000 in Uganda.",
        "96,000",
        "2026-05-04",
        None,
    ),
    # Money is the receiving state's: the verb's indirect object, the one it is paid
    # to, the other party to a deal, whoever pays.
    (
        "If a man leaves, Britain would still give Ghana a one-off £8,000 for his costs.",
        "£8,000",
        "2026-03-02",
        "GHA",
    ),
    (
        "The UK signed a £120 million deal with Rwanda in April 2022.",
        "£120 million",
        "2026-03-02",
        "RWA",
    ),
    # A story about one country: a sum whose paragraph names no place is its (a
    # count already falls to the story's country) ...
    (
        "Portugal's government approved new return rules on Thursday, Portugal's "
        "interior minister said.\n\nUnder the rules, the grant for each returning "
        "family will rise to €2,000 from January.",
        "€2,000",
        "2026-05-04",
        "PRT",
    ),
    # ... but not when the paragraph names a bloc.
    (
        "Chad's government opened two new camps in the east this week, Chad's "
        "refugee agency said.\n\nSince April, 48,000 people have applied for asylum "
        "in the EU, the agency said.",
        "48,000",
        "2026-05-04",
        None,
    ),
    # "for" after setting out names where people are going, not the country they left.
    (
        "Another 65,000 people have left Sudan for eastern Chad since March, aid groups "
        "said.",
        "65,000",
        "2026-05-04",
        "TCD",
    ),
    # A return named by its noun takes the returned people's nationality, as the verb does.
    (
        "Aid groups counted more than 1,800 deportations of Syrian refugees by the army "
        "since April.",
        "more than 1,800",
        "2026-05-04",
        "SYR",
    ),
    # A demonym with no plural of its own, standing as a noun, names people, not a place:
    # the list's figures stay in the country where the people arrived.
    (
        "Eritreans made up the largest group of arrivals on Malta's coast this year, at 40% "
        "of the total, followed by Senegalese (18%) and Sudanese (11%), the police said.",
        "18%",
        "2025-06-10",
        "MLT",
    ),
    # A sum joined to the one a state pays goes to the same state.
    (
        "Under the deal, Britain will pay Rwanda £120 million upfront and £15 million a "
        "year to house the people it sends.",
        "£15 million",
        "2025-06-10",
        "RWA",
    ),
    # A language is not a place.
    (
        "Canada admitted 480,000 permanent residents last year. The plan raises the target "
        "for French-speaking newcomers settling outside Quebec to 7 per cent in 2027.",
        "7 per cent",
        "2025-06-10",
        "CAN",
    ),
    # A national adjective on the place people are taken to names that place's country.
    (
        "The Humanity 1 had picked the group up off the Libyan coast. On Tuesday, the ship "
        "brought 74 rescued people to the Greek port of Kalamata, more than 900km away.",
        "74",
        "2025-06-10",
        "GRC",
    ),
]


@pytest.mark.parametrize(("text", "figure", "published_at", "country"), COUNTRIES)
def test_the_country_a_figure_belongs_to(analyzer, text, figure, published_at, country):
    assert _found(analyzer, text, published_at)[figure]["country"] == country


# (text, the figure's text, publication date, expected year)
YEARS = [
    # "since Jan. 1": a count kept over the article's year, the month abbreviated.
    (
        "Honduras has received 9,420 deportees on U.S. flights since Jan. 1, the "
        "migration institute said.",
        "9,420",
        "2025-11-13",
        2025,
    ),
    # Sentences that date nothing go on in the year the paragraph last stated.
    (
        "The police registered 6,200 irregular arrivals in Cyprus in 2024. Most came by "
        "boat from Lebanon and Syria. Syrians made up 41% of them, the interior ministry said.",
        "41%",
        "2025-03-01",
        2024,
    ),
    # Another figure of the list, which the tagger may read as a date, dates nothing.
    (
        "Sudanese (18 240), Eritreans (12 175) and Somalis (6 640) were the largest groups "
        "of people seeking protection in Uganda in 2023.",
        "18 240",
        "2025-02-01",
        2023,
    ),
    # What a place can hold is no year's, though the sentence is dated; what it
    # holds on the day is.
    (
        "Boats landed 5,000 people on the island on Tuesday, overwhelming a shelter built "
        "for fewer than 300 people.",
        "fewer than 300",
        "2025-08-20",
        None,
    ),
    (
        "The camp, designed to hold 1,500 people, was housing 2,900 on Monday, the "
        "police said.",
        "1,500",
        "2025-08-20",
        None,
    ),
    (
        "The camp, designed to hold 1,500 people, was housing 2,900 on Monday, the "
        "police said.",
        "2,900",
        "2025-08-20",
        2025,
    ),
    (
        "The council said on Friday it would open two gyms with room for 800 people.",
        "800",
        "2025-08-20",
        None,
    ),
    # A year in its own clause still dates it.
    (
        "The centre has exceeded its capacity of 2,000 people several times this year.",
        "2,000",
        "2025-08-20",
        2025,
    ),
    # A count kept since the start of a month of the article's year is that year's.
    (
        "More than 1,000 people have reached the island by boat since the start of April, "
        "the police said.",
        "more than 1,000",
        "2024-04-14",
        2024,
    ),
    (
        "Since the beginning of the month, 640 people have crossed the eastern border, the "
        "border guard said.",
        "640",
        "2023-11-22",
        2023,
    ),
    # A fiscal year ("FY 2025", "FY2024") is named after the year it ends in.
    (
        "Border Patrol apprehensions in FY 2025 stood at 237,565, a 55-year low.",
        "237,565",
        "2025-10-07",
        2025,
    ),
    (
        "The agency removed 271,484 people in FY2024, officials said.",
        "271,484",
        "2025-10-07",
        2024,
    ),
    # A date after a comparison that brings in another figure is that figure's: the
    # first figure keeps the time its own words give ("By the end of May").
    (
        "By the end of May, 8,410 people had landed on Lampedusa in 212 boats, compared "
        "to 5,960 in 130 boats over the same months last year.",
        "8,410",
        "2025-06-14",
        2025,
    ),
    (
        "By the end of May, 8,410 people had landed on Lampedusa in 212 boats, compared "
        "to 5,960 in 130 boats over the same months last year.",
        "212",
        "2025-06-14",
        2025,
    ),
    (
        "By the end of May, 8,410 people had landed on Lampedusa in 212 boats, compared "
        "to 5,960 in 130 boats over the same months last year.",
        "5,960",
        "2025-06-14",
        2024,
    ),
    # A "when" clause hanging on a year the article's date anchors takes that year.
    (
        "Crossings are down compared with last year, when more than 14,300 people had "
        "made the trip by the end of August.",
        "more than 14,300",
        "2025-09-02",
        2024,
    ),
    # "between March 2021 and March 2024": a span of two years dates nothing...
    (
        "Some 640,000 people found shelter in Poland between March 2021 and March 2024.",
        "640,000",
        "2024-05-01",
        None,
    ),
    # ...months of one year do.
    (
        "Some 64,000 people found shelter in Poland between March 2023 and June 2023.",
        "64,000",
        "2024-05-01",
        2023,
    ),
    # A sentence whose only date is a base of comparison goes on in the year of the
    # sentence before it.
    (
        "Removals from member states in the first quarter of 2025 rose by 18%, the "
        "statistics office said. Of the 98,400 people ordered to leave, 24,300 were "
        "returned, a rise of 18% from the first quarter of last year.",
        "24,300",
        "2025-06-12",
        2025,
    ),
    # ...but a base followed by ", when" is the time of the count it introduces (here
    # "last year" in an undated article: no year).
    (
        "Removals are rising, with over 8,200 people being sent out of the country in the "
        "first half of 2024, according to data from the interior ministry. Compared to the "
        "same period last year, when 6,900 people were removed, this represents an "
        "increase of over 1,300.",
        "6,900",
        None,
        None,
    ),
    # A number the text refers back to ("the 38,400 people") is the one written before.
    (
        "Arrivals hit a record 38,400 in 2025. Nearly a third of the 38,400 people came "
        "from Syria.",
        "38,400",
        "2026-01-20",
        2025,
    ),
    # A total before its dated parts takes none of their dates...
    (
        "Jordan has received €2.4 billion in grants, €1.1 billion in 2023 and €1.3 billion "
        "in 2024.",
        "€2.4 billion",
        "2025-05-01",
        None,
    ),
    # ...but a change and the level it led to share theirs.
    (
        "Claims fell by 2,100 to around 9,800 in 2024.",
        "2,100",
        "2025-05-01",
        2024,
    ),
    # A count kept "since Sunday" is of the article's days.
    (
        "About 9,000 refugees from Myanmar's war-torn Rakhine State have crossed into "
        "Bangladesh since Sunday.",
        "about 9,000",
        "2026-03-10",
        2026,
    ),
    # "The number who crossed last year reached ...": the clause on the measure dates it.
    (
        "In all, the number who crossed the Channel last year reached a record 36,800, "
        "prompting the government to promise new patrols this year.",
        "36,800",
        "2026-05-12",
        2025,
    ),
    # A share the tagger read as a period ("a quarter") is no date: the share is of
    # the people who crossed in 2025.
    (
        "Officials said more than a quarter of the 36,800 people who crossed in 2025 "
        "were Eritrean.",
        "more than a quarter",
        "2026-05-12",
        2025,
    ),
    # A figure in the present tense states what holds: it does not go on in the year
    # an earlier sentence of its paragraph set...
    (
        "In 2025 the coastguard detained 14 rescue ships. Captains who break the rule face "
        "fines of up to €20,000.",
        "up to €20,000",
        "2026-02-05",
        None,
    ),
    # ...while one in the past tense does.
    (
        "In 2025 the coastguard detained 14 rescue ships. Their captains were fined a "
        "total of €180,000.",
        "€180,000",
        "2026-02-05",
        2025,
    ),
    # Each item of a list takes the date written right after it.
    (
        "Returns rose every year: 410 in 2022, 655 in 2023 and 930 in 2024.",
        "655",
        "2025-02-01",
        2023,
    ),
    # A total "between" two years belongs to neither.
    (
        "The project recorded 28,400 deaths between 2016 and 2024 on the route.",
        "28,400",
        "2025-03-05",
        None,
    ),
    # "from April to June 2025": a period within one year dates the figure.
    (
        "From April to June 2025, the board received 6,215 claims.",
        "6,215",
        "2025-09-01",
        2025,
    ),
    # "from May 3-30", with no year, lies in the article's year.
    (
        "From May 3-30, 41,220 people crossed back into Afghanistan.",
        "41,220",
        "2025-06-02",
        2025,
    ),
    # "by the end of 2024", written after it, dates the figure...
    (
        "The number of displaced people grew to 123 million by the end of 2024.",
        "123 million",
        "2025-06-12",
        2024,
    ),
    # ...while "by 2030" is a target.
    (
        "The plan is to resettle 40,000 refugees by 2030.",
        "40,000",
        "2025-06-12",
        None,
    ),
    # "an increase over 2024": the base of a change dates nothing.
    (
        "That was a 12% increase over 2024, the agency said.",
        "12%",
        "2026-02-20",
        None,
    ),
    # How often is not when: "a year", "every day".
    (
        "Crossings have since fallen, but some 4,500 people are still arriving every day.",
        "4,500",
        "2023-11-17",
        None,
    ),
    # "down 19 percent on 2024": a bare year after "on" is the base of the change.
    (
        "Applications fell to 812,000 last year, down 19 percent on 2024.",
        "19 percent",
        "2026-06-10",
        2025,
    ),
    # "Since January 1": a total kept over the article's own year.
    (
        "Since January 1, another 612 people have been flown home from Tunis.",
        "612",
        "2026-02-05",
        2026,
    ),
    # A sum committed over several years belongs to none of them.
    (
        "Britain will pay France a further £95 million over the next three years.",
        "£95 million",
        "2026-05-22",
        None,
    ),
    # A base in brackets right after its own date.
    (
        "In all, 912 160 first-time applicants were registered in 2024, 13% fewer than in "
        "2023 (1 049 020).",
        "1 049 020",
        "2025-03-19",
        2023,
    ),
    # A total kept since an undated event is no year's, whatever another clause dates.
    (
        "Albanians were fewer than 2% of arrivals this year, and more than 3,000 people have "
        "been returned to Albania since the deal was struck.",
        "more than 3,000",
        "2023-09-22",
        None,
    ),
    # The date of the event that opens a period is not the figure's year.
    (
        "In all, 108,500 people have been granted protection since the invasion in February 2022.",
        "108,500",
        "2024-10-08",
        None,
    ),
    # The date of the deal a sum comes under is the deal's, not the sum's...
    (
        "Under a partnership signed in 2024, the European Union has committed €210 million "
        "to Mauritania.",
        "€210 million",
        "2025-10-06",
        None,
    ),
    # ...but a date on the figure's own noun is the figure's.
    (
        "Around 16,000 people reached the islands, far below the record of more than 46,000 "
        "set in 2024.",
        "more than 46,000",
        "2025-10-06",
        2024,
    ),
    # A span of two years ("the 2024-25 financial year") is neither.
    (
        "Inspectors recovered $1.9 million in unpaid wages in the 2024-25 financial year.",
        "$1.9 million",
        "2026-02-17",
        None,
    ),
    # "on the same period last year" is the base of a change measured this year.
    (
        "Applications rose 14 percent on the same period last year.",
        "14 percent",
        "2025-06-10",
        2025,
    ),
    # A date right after a base of comparison is that base's, not the other figures'.
    (
        "Police registered 22,000 entries in the first half of 2025, down from 30,500 in the "
        "same period of 2024, and turned back 6,000 people.",
        "30,500",
        "2025-09-10",
        2024,
    ),
    (
        "Police registered 22,000 entries in the first half of 2025, down from 30,500 in the "
        "same period of 2024, and turned back 6,000 people.",
        "6,000",
        "2025-09-10",
        2025,
    ),
    # A date in a clause that opens a period bounds it.
    (
        "Since the camp opened in 2023, about 4,500 people have passed through it.",
        "about 4,500",
        "2025-06-10",
        None,
    ),
    # A date in a relative clause about another thing is that thing's.
    (
        "Denmark, which began deporting Syrians in May 2024, has since removed about 40 people.",
        "about 40",
        "2025-06-10",
        None,
    ),
    # A date saying which people are counted is not the figure's; "now" gives none
    # (docs/annotation.md: a present state with no time phrase has no year).
    (
        "About 60 percent of refugees who arrived in 2016 are now in work.",
        "about 60 percent",
        "2025-06-10",
        None,
    ),
    ("There are currently 8,200 people in the reception centres.", "8,200", "2025-06-10", None),
    (
        "About 60 percent of refugees who arrived in 2016 were in work in 2024.",
        "about 60 percent",
        "2025-06-10",
        2024,
    ),
    # An undated article's "this year" is the year of the dates it carries.
    (
        "Migrants wait at the border near Horgos, Serbia, Sept. 14, 2015.\n\n"
        "The agency said 400,000 people have reached Europe this year.",
        "400,000",
        None,
        2015,
    ),
    # A sum a change started from takes "this year"; the new sum the year it is for.
    (
        "The draft budget for 2027 would cut funding to €1.1 billion, from €1.4 billion this year.",
        "€1.1 billion",
        "2026-11-03",
        2027,
    ),
    # "a fall by a third" is a change, not autumn in the article's year; "2023" is the
    # base of comparison.
    (
        "Arrivals reached 48,000 in 2024. This was a fall by a third compared with 2023.",
        "a third",
        "2025-06-10",
        None,
    ),
    # A stock counted "as of" a date is that date's year: it is no bound.
    (
        "Some 12,400 claims were awaiting a decision as of March 31, 2025, the board said.",
        "12,400",
        "2025-09-01",
        2025,
    ),
    (
        "In comparison to 2023, the number of people given refugee status rose by 4%.",
        "4%",
        "2025-06-10",
        None,
    ),
    # "on the same period of 2025" is the base of a change measured this year.
    (
        "Some 49,000 people have reached Italy by sea so far this year, a rise of 6 percent "
        "on the same period of 2025.",
        "6 percent",
        "2026-11-02",
        2026,
    ),
    # "on the same day in 2025" is a date all the same.
    (
        "The ferry sailed on the same day in 2025 with 300 people aboard.",
        "300",
        "2026-11-02",
        2025,
    ),
    # A year naming a thing across a line break in wrapped copy.
    (
        "A businessman is bringing a $2 billion claim over the 2004\n    purchase of a company.",
        "$2 billion",
        "2025-06-10",
        None,
    ),
    # "In the previous 12 months", "a year earlier": the year before the one the
    # sentence states, or before the article's when it states none...
    (
        "Some 68,000 people were granted protection in the year to June 2024, three times "
        "the 21,400 in the previous 12 months.",
        "21,400",
        "2024-08-22",
        2023,
    ),
    (
        "The share fell to 41 percent, from 59 percent a year earlier.",
        "59 percent",
        "2024-08-22",
        2023,
    ),
    # ...but not for the figure the comparison starts from.
    ("Arrivals rose to 52,000 in 2023, from 45,000 a year earlier.", "52,000", "2024-08-22", 2023),
    ("Arrivals rose to 52,000 in 2023, from 45,000 a year earlier.", "45,000", "2024-08-22", 2022),
    # A month without a year lies in the year its sentence sets ...
    (
        "Italy saw a sharp rise in sea arrivals last year, with 98,400 by the end of "
        "October.",
        "98,400",
        "2024-03-10",
        2023,
    ),
    # ... not in a year the sentence compares with.
    (
        "Some 61,000 people were returned between January and the end of May, 12 per "
        "cent more than in the same period last year.",
        "61,000",
        "2024-07-10",
        2024,
    ),
]


@pytest.mark.parametrize(("text", "figure", "published_at", "year"), YEARS)
def test_the_year_a_figure_refers_to(analyzer, text, figure, published_at, year):
    assert _found(analyzer, text, published_at)[figure]["year"] == year


@pytest.mark.parametrize(
    "text",
    [
        "Call the free hotline on 800 00 12 34 for advice.",  # a phone number
        "3. Next steps\n\nThe ministers meet in June.",  # a numbered heading
        "The director died at the age of 67. He was aged 54 when he fled.",  # ages
        "The army moved T-72 tanks to the border.",  # a model's designation
        "The proposal COM(2024) 215 was tabled in Brussels.",  # a document number
        "Leaders of the Group of 20 met in Rome on Sunday.",  # a name
        "The scheme is open to children younger than 16.",  # an age
        "Applicants aged 30 or younger may apply.",  # an age
        "The dinghy sank at about 04:30 local time (03:30 BST).",  # clock times
        "The flight left for Baghdad at 5:40am on Tuesday.",  # a clock time glued to "am"
        "Winds of over 25 knots and three-metre waves slowed the search.",  # speed, height
        "The camps lie about 40 to 60 kilometres from the border.",  # a range of distances
        "The new centre cost five times more than the old one.",  # a multiple
        "The new centre costs three times the old one.",  # a multiple
    ],
)
def test_numbers_that_are_not_figures(analyzer, text):
    assert _found(analyzer, text, "2025-06-10") == {}


def test_a_headline_figure_told_again_below_is_listed_once_in_the_storys_words(analyzer):
    text = (
        "14 missing after dinghy capsizes near Lampedusa\n\n"
        "At least 14 people were missing on Tuesday after a dinghy capsized near Lampedusa, "
        "the Italian coast guard said."
    )
    analysis = analyzer.analyze(text, force=True, published_at="2026-04-08")
    (missing,) = analysis["figures"]
    assert missing["start"] > text.index("\n") and missing["year"] == 2026


def test_the_base_of_a_rate_is_not_a_figure(analyzer):
    text = "Cyprus received 7.3 applications per 1,000 inhabitants last year."
    assert list(_found(analyzer, text, "2025-06-10")) == ["7.3"]


def test_a_group_of_people_is_counted(analyzer):
    text = "A group of 25 refugees left the camp for the airport on Thursday."
    assert _found(analyzer, text, "2025-06-10")["25"]["value"] == 25


def test_a_table_column_headed_by_a_unit_of_time_holds_no_figures(analyzer):
    text = "Country | Arrivals | Average days held\nGreece | 3,150 | 16\nItaly | 5,480 | 12\n"
    assert sorted(f["value"] for f in _found(analyzer, text, "2025-06-10").values()) == [
        3150,
        5480,
    ]


@pytest.mark.parametrize(
    ("text", "figure", "value", "kind", "unit"),
    [
        # "made up" is a share, though "up" is a word of rises.
        ("Women made up 38% of those held at the centre.", "38%", 38, "percent", None),
        (
            "Officials said 1 250 000 applications were lodged.",
            "1 250 000",
            1_250_000,
            "count",
            None,
        ),
        (
            "The return grant rises to 350,000 kronor per adult.",
            "350,000 kronor",
            350_000,
            "money",
            "SEK",
        ),
        ("Denmark pays 200,000 kroner to each adult.", "200,000 kroner", 200_000, "money", "DKK"),
        # Continental thousands dots are no phone number.
        ("Italy paid 34.000.000 euros in grants.", "34.000.000 euros", 34_000_000, "money", "EUR"),
        # "fell to 41 percent" gives the new level; "fell by" the change.
        ("The protection rate fell to 41 percent in May.", "41 percent", 41, "percent", None),
        ("Arrivals fell by more than 4,000 to 31,000.", "more than 4,000", -4000, "change", None),
        (
            "Applications have dropped by more than half since March.",
            "more than half",
            -0.5,
            "change",
            None,
        ),
        # "in a year" is the span of a change, not a rate.
        (
            "The backlog stood at 71,300 at the end of March, down 18 per cent in a year.",
            "18 per cent",
            -18,
            "change",
            None,
        ),
        # Shares and amounts in words take their percent and currency words.
        (
            "The rate fell to under four percent for Colombians.",
            "under four percent",
            4,
            "percent",
            None,
        ),
        ("The EU pledged one billion euros to Lebanon.", "one billion", 1e9, "money", "EUR"),
        # "up by" a share is a rise; "and by" carries the change to the next share.
        (
            "Claims reached 96,300, up by 14 per cent on the quarter and by 31 per cent on "
            "the year.",
            "31 per cent",
            31,
            "change",
            None,
        ),
        (
            "Claims reached 96,300, up by 14 per cent on the quarter and by 31 per cent on "
            "the year.",
            "14 per cent",
            14,
            "change",
            None,
        ),
        ("One out of four claims was granted.", "one out of four", 0.25, "other", None),
        # The first end of a range of percentages is a percentage too.
        ("Only 41 to 44% of claims succeed.", "41", 41, "percent", None),
        # A change written as "an increase of" or with an adverb before "by".
        (
            "Displacement grew again, after an increase of some 8 million the year before.",
            "8 million",
            8e6,
            "change",
            None,
        ),
        (
            "The backlog has risen further by 12,000 since March.",
            "12,000",
            12000,
            "change",
            None,
        ),
        # "and from Y by" carries the fall to a share written as a fraction.
        (
            "Departures from Senegal fell by 61% and from Gambia by nearly half.",
            "nearly half",
            -0.5,
            "change",
            None,
        ),
        # A percentage is never a duration: "month-on-month" qualifies the change.
        ("Detections dropped 35% month-on-month.", "35%", -35, "change", None),
        (
            "Around two in three people who cross are granted protection.",
            "around two in three",
            0.6667,
            "other",
            None,
        ),
        # A rate per head of population, however its counted noun is written.
        (
            "Cyprus recorded 1 315 first-time applicants per million population.",
            "1 315",
            1315,
            "other",
            "per million population",
        ),
        # Copy translated from German: a count is whole, so the dot separates thousands.
        (
            "In the first half of the year, 4.616 people were sent back to their homeland.",
            "4.616",
            4616,
            "count",
            None,
        ),
        (
            "Most of those turned away were Romanians (1.488) and Bulgarians (1.140).",
            "1.488",
            1488,
            "count",
            None,
        ),
        # Whose dollars they are, written before the word.
        (
            "The agency says an additional 17 million U.S. dollars is needed for the camps.",
            "17 million",
            17_000_000,
            "money",
            "USD",
        ),
        (
            "Ottawa will spend 5 million Canadian dollars on shelters for asylum seekers.",
            "5 million",
            5_000_000,
            "money",
            "CAD",
        ),
    ],
)
def test_how_a_figure_is_read(analyzer, text, figure, value, kind, unit):
    found = _found(analyzer, text, "2025-06-10")[figure]
    assert (found["value"], found["kind"], found["unit"]) == (pytest.approx(value), kind, unit)
