"""Word lists shared by the actor, person and statement stages."""

from __future__ import annotations

import re

HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "mr.", "mrs.", "ms.", "dr.", "prof."}
)
# Abbreviated titles the English tokenizer would split from their full stop; the
# pipeline keeps each one token ("Cpl." in '"...," Cpl. Martine Gagnon said').
TITLES_WITH_STOPS = ("Cpl.", "Coun.", "Const.", "Insp.", "Supt.", "Det.", "Sgt.", "Cst.")
# Head nouns of titles and offices; a chunk containing one is a role.
ROLE_WORDS = frozenset(
    [
        "minister",
        "ministers",
        "secretary",
        "director",
        "director-general",
        "commissioner",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "president",
        "chancellor",
        "mayor",
        "judge",
        "judges",
        "prime",
        "premier",
        # Headline and tabloid shorthand: "Italy's PM Meloni".
        "pm",
        "head",
        "chief",
        "representative",
        "envoy",
        "ambassador",
        "deputy",
        "official",
        "officer",
        "coordinator",
        "rapporteur",
        "lawyer",
        "attorney",
        "advocate",
        "researcher",
        "adviser",
        "advisor",
        "chair",
        "chairman",
        "chairwoman",
        "leader",
        "mp",
        "mep",
        # A member of the Irish Dáil and of the Scottish Parliament, titled as "MP" is.
        "td",
        "msp",
        "governor",
        "commander",
        "consul",
        "executive",
        "founder",
        "manager",
        "counsel",
        "ombudsman",
        "prosecutor",
        "inspector",
        "senator",
        "spokesperson.",
        "vice-president",
        "undersecretary",
        "under-secretary",
        "member",
        "lawmaker",
        "politician",
        "activist",
        "campaigner",
        "volunteer",
        "doctor",
        "nurse",
        "professor",
        "analyst",
        "economist",
        "expert",
        "captain",
        "worker",
        "secretary-general",
        "mep",
        # Local government, as North American and British news writes it.
        "councillor",
        "councilor",
        "councilman",
        "councilwoman",
        "coun",
        "alderman",
        "alderwoman",
        # An opposition party's spokesperson on a portfolio: "health critic".
        "critic",
        # Presiding officers of a legislature: "House Speaker", "the Speaker".
        "speaker",
        # Abbreviated titles in front of a name: "Coun. Maria Santos", "Sgt. Lee",
        # "MPP Jill Andrew", "Sen. Kim Pate".
        "mpp",
        "mla",
        "sen",
        "rep",
        "gov",
        "supt",
        "insp",
        "sgt",
        "cpl",
        "const",
        "det",
        "cst",
        # Offices of local and regional state, and of sport, that news refers back to.
        "prefect",
        "sheriff",
        "superintendent",
        "coroner",
        "coach",
        "detective",
        # Ranks of the forces that patrol borders and seas: "Rear Admiral Tobias Lindqvist".
        "admiral",
        "commodore",
        "brigadier",
        "colonel",
        "lieutenant",
        "sergeant",
        "corporal",
    ]
    # The same titles as the tokenizer keeps them, with their full stop.
    + [title.lower() for title in TITLES_WITH_STOPS]
)
# The full office of an abbreviated title, for "the governor" after "Gov. Strand".
ABBREVIATED_TITLES = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "supt": "superintendent",
    "insp": "inspector",
    "sgt": "sergeant",
    "cpl": "corporal",
    "const": "constable",
    "cst": "constable",
    "det": "detective",
    "coun": "councillor",
}
# Words of an office that the NER sometimes takes into a person's name:
# "Migration Tomas Reinholt" (from "Commissioner for Internal Affairs and Migration ...").
TITLE_WORDS = frozenset(
    "migration asylum affairs interior internal home justice integration foreign security "
    "defence defense border borders refugees immigration citizenship state economy finance "
    "labour social equality protection international development for of and the".split()
)
ORGANISATION_WORDS = re.compile(
    r"\b(ministry|office|council|agency|court|tribunal|party|commission|committee|union|"
    r"organi[sz]ation|foundation|network|service|police|guard|group|institute|centre|center|"
    r"association|bank|parliament|assembly|government|department|authority|federation|"
    r"alliance|movement|coalition|watch|international|rescue|red cross|red crescent|"
    r"university|forum|trust|fund|programme|program|directorate|inspectorate|senate|congress|"
    r"commissionerate|"
    r"prefecture|"
    # "Geo News", "Tolo News": an outlet, though "Geo" is a first name.
    r"news)\b",
    re.I,
)
# Heads of bodies that the general organisation words leave out: a task force is a
# body, a protocol or an arrangement is not.
BODY_WORDS = re.compile(
    r"\b(?:force|forces|corps|unit|division|section|bureau|secretariat|mission|"
    r"conference|board|panel|administration|coast\s*guard|navy|army|ombudsman|"
    r"organisation|organization|commissioner)\b",
    re.IGNORECASE,
)
# Words by which a name says it is a company's ("... Petroleum Company Limited").
COMPANY_WORDS = re.compile(
    r"\b(?:company|corporation|limited|ltd|inc|plc|holdings|corp|co-operative|cooperative)\b",
    re.I,
)
ACRONYM = re.compile(r"[A-Z][A-Z&-]{1,7}")
# Words of region and sea names. The small model reads "Southeast Asia" or "the
# Horn of Africa" as a person now and then; a name holding one of these is a place.
REGION_WORDS = frozenset(
    """Asia Africa Europe America Americas Balkans Sahel Mediterranean Caribbean Pacific
    Atlantic Maghreb Caucasus Oceania Arctic Levant Gulf Sahara""".split()
)


def _with_plurals(singulars: str) -> frozenset[str]:
    """Each noun with its plural: "voter" "voters", "businessman" "businessmen",
    "county" "counties"."""
    forms = set()
    for noun in singulars.split():
        forms.add(noun)
        if noun.endswith("man"):
            forms.add(noun[:-3] + "men")
        elif noun.endswith("y") and noun[-2:-1] not in set("aeiou"):
            forms.add(noun[:-1] + "ies")
        else:
            forms.add(noun + ("es" if noun.endswith(("s", "sh", "ch")) else "s"))
    return frozenset(forms)


# People that general news lets speak, named by what they do or are: "the protester
# shouted", "one tenant said", "voters told CBC". A quote whose speaker is one of these
# is attributed, where an unknown noun ("the sign said") is not.
PERSON_NOUNS = _with_plurals(
    """protester protestor demonstrator organizer organiser owner homeowner tenant landlord
    shopper customer client employee employer voter candidate player coach athlete victim
    suspect defendant plaintiff juror inmate prisoner patient nurse pharmacist scientist
    author writer journalist reporter editor photographer artist musician singer actor
    actress producer chef pilot soldier veteran guard commuter cyclist pedestrian motorist
    tourist visitor traveller traveler immigrant citizen taxpayer grandparent child teen
    teenager youth senior retiree entrepreneur businessman businesswoman investor historian
    scholar academic priest pastor imam rabbi bishop elder councillor councilor trustee
    supporter opponent participant applicant claimant landowner shopkeeper vendor trader
    lawyer educator principal caregiver physician surgeon dentist paramedic firefighter
    bystander eyewitness onlooker person individual defenceman defenseman forward winger
    goaltender goalie goalkeeper striker midfielder defender quarterback pitcher catcher
    shortstop outfielder infielder linebacker rookie engineer developer programmer designer
    manager accountant economist researcher professor lecturer consultant contractor
    electrician plumber mechanic carpenter technician cashier clerk waiter waitress bartender
    baker butcher cleaner janitor courier trucker labourer laborer builder architect surveyor
    banker realtor detective investigator midwife therapist psychologist psychiatrist
    counsellor counselor veterinarian rancher hiker camper climber swimmer runner skier golfer
    boxer referee umpire trainer sailor diver dispatcher staffer intern apprentice pupil renter
    widow widower fiancé fiancée girlfriend boyfriend spouse commentator pundit blogger
    novelist poet comedian dancer hairdresser barber nanny caretaker housekeeper gardener
    shepherd herder mom dad grandson granddaughter crew rival challenger incumbent contender
    frontrunner nominee planner auditor statistician epidemiologist meteorologist forecaster
    broker dealer aide strategist insider lobbyist pollster partner"""
)

# Documents, which speak for whoever wrote them: "the report shows", "the lawsuit
# alleges", "said an interior ministry order".
# "datum": the small model's lemma of "data", which the lemma tests below meet.
DOCUMENT_NOUNS = frozenset(
    """figure figures data datum statistic statistics study report reports survey estimate
    estimates count analysis document documents record records poll review audit
    investigation assessment paper findings ruling judgment judgement decision resolution
    letter memo notice statement lawsuit suit complaint filing petition order directive
    circular bulletin projection forecast briefing communique communiqué declaration
    factsheet tally result results text draft drafts proposal memorandum transcript minutes
    email emails""".split()
)

SPOKES_WORDS = frozenset({"spokesman", "spokeswoman", "spokesperson"})
# "his spokesman", "their lawyer": whose the office is, as the pronoun it stands for.
POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}
# Bodies that speak for the one person who heads them: "his office", "her campaign".
OWNED_OFFICES = frozenset({"office", "campaign"})
# "the country's interior ministry", "the nation's migration agency": a body of the
# state the text is about, named through the state.
STATE_NOUNS = frozenset({"country", "nation"})

# People who speak for themselves and whom reporting often leaves unnamed ("a man from
# Guinea said", "a detainee told").
UNNAMED_PEOPLE = frozenset(
    """man woman boy girl mother father husband wife son daughter detainee survivor
    refugee migrant returnee deportee resident villager passenger asylum-seeker""".split()
)
