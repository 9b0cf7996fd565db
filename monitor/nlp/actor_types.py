"""An actor's type from the words of its name or its role.

"UNHCR spokeswoman" is an international organisation's, "Interior Minister" a
government's, "Refugee Council" an NGO's. The tables are ordered: the first
pattern that matches decides, so the narrower bodies come before the broad
words ("High Commissioner for Refugees" is not an EU commissioner).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

# Words in a role or organisation name that tell the actor's type.
TYPE_CUES: tuple[tuple[str, str], ...] = (
    # UN bodies first: "High Commissioner for Refugees" is not an EU commissioner.
    (
        r"\b(unhcr|iom|united nations|un|u\.n\.|un's|u\.n\.'s|unicef|ohchr|ocha|unrwa|wfp|"
        r"world food programme|high commissioner for refugees|refugee agency|migration agency|"
        r"international organi[sz]ation for migration|council of europe|special rapporteur)\b",
        "international_org",
    ),
    # "Justice Ruth Abernathy", not the "Justice Department" or a "Minister of Justice".
    (
        r"\b(judge|court|tribunal|"
        r"(?<!of )(?<!for )"
        r"justice(?! (?:department|ministry|minister|secretary|spokes\w+|critic)))\b",
        "court",
    ),
    # A national administration's commissioners: "acting CBP commissioner", "the
    # police commissioner", "Border Force Commissioner", a state's commissioner for
    # refugees (the UN's High Commissioner is caught above), not the EU's.
    (
        r"\b(?:administration's|(?:police|cbp|customs|border(?: force)?|prisons?|fire|rcmp|"
        r"revenue|refugees?) commissioner|commissioner(?: general)? for refugee|"
        # "Bangladesh's refugee relief and repatriation commissioner": a state's, by
        # the possessive of a place that is not the EU.
        r"\b(?!eu's|europe's|commission's)[a-z]+'s (?:[a-z-]+ ){0,5}commissioner)",
        "government",
    ),
    # A Commonwealth state's envoy: "UK high commissioner", "Australia's High Commission".
    (r"\bhigh commission(?:er)?\b(?!.*\brefugees\b)(?<!un high commissioner)", "government"),
    (
        r"\b(european commission|commissioner|european parliament|frontex|euaa|"
        # A rapporteur who is not the UN's special rapporteur is the European
        # Parliament's member leading a file.
        r"council of the eu|european union|eu|rapporteur|"
        # "Commission President Ursula von der Leyen": no other commission's head is
        # titled by the word alone.
        r"(?<![a-z] )commission (?:vice[- ])?president)\b",
        "eu_institution",
    ),
    (
        r"\b(amnesty|human rights watch|refugee council|ngo|charity|charities|sea-watch|msf|"
        r"red cross|think tank|"
        r"red crescent|"
        # Trade unions are civil society: "union leader Aminul Islam".
        r"(?:trade|labou?r|workers'?) unions?|union (?:leaders?|officials?|representatives?)|"
        r"doctors without borders|campaigners?|activists?|advocacy|advocates?|"
        # "rights group Suaram", "a research-based humanitarian group"
        r"(?:rights|humanitarian|aid|relief|advocacy|rescue) "
        r"(?:groups?|organi[sz]ations?)|non-?profit|not-for-profit)\b",
        "ngo",
    ),
    # Members of the European Parliament speak for their political group.
    # "shadow home secretary", "Conservative critic": the opposition speaks as a party.
    (
        r"\b(opposition|shadow|party|mp|meps?|mpp|mla|msp|tds?|sen|rep|lawmakers?|senator|"
        r"leader of|"
        r"conservatives?|tory|tories|republicans?|democrats?|parti|ndp|new democrats?|"
        r"liberal leader|liberals|bloc|"
        # Labour the party, not the portfolio ("labour minister", "Minister of Labour").
        r"(?<!of )(?<!for )labour(?! (?:minister|ministry|department|secretary|market|laws?)))\b",
        "party",
    ),
    # The secretary-general of the UN, NATO or the Council of Europe; a ministry's
    # secretary-general names the ministry and is caught below.
    (
        r"\bsecretary[- ]general\b(?!.*\b(?:ministry|department|government|party)\b)",
        "international_org",
    ),
    (
        r"\b(ministers?|ministry|secretary|government|office|police|coast ?guard|border guard|"
        r"mayor|prime minister|chancellor|president|officials?|authorit\w*|interior|home office|"
        # A state's department by its portfolio: "Home Affairs spokesperson".
        r"home affairs|"
        r"(?:house|parliament's|assembly) speaker|"
        r"agency|department|embassy|ambassador|governor|city's|municipal|provincial|federal|"
        # A state's diplomats: "Haitian permanent representative", "consul general".
        r"permanent representative|envoy|consul|consul general|diplomats?|"
        r"councill?or|councilman|councilwoman|coun|alderman|alderwoman|gov|supt|insp|sgt|"
        r"cpl|const|det|cst|"
        # Provincial and local state: "Premier X", "Fire Chief X", "the prefect".
        r"premier|pm|fire chief|fire service|sheriff|prefect|regency|superintendent|detective|"
        r"village (?:chief|head)|coroner|"
        r"inspector|constable|rcmp|crown|nhs|"
        # Public health officers are the state's: "Canada's chief public health officer".
        r"public health officer|chief medical officer|medical officer of health|"
        # The armed forces are the state's: "the army said", "a navy spokesman", "Rear
        # Admiral", "Lieutenant General"; prosecutors and law officers too.
        r"army|military|navy|armed forces|admiral|commodore|brigadier|colonel|lieutenant|"
        r"prosecutors?|attorney general|solicitor general|"
        # A state's migration service by its office: "Colombia Migration Director".
        r"(?:im)?migration (?:director|chief|commissioner|officers?|service|board)|"
        # Heads of government by their national titles.
        r"taoiseach|t\u00e1naiste|tanaiste|"
        # States speaking together: "eight European countries called for ...".
        r"countries|member states|nations)\b",
        "government",
    ),
    (
        r"\b(journalists?|editors?|newspapers?|broadcasters?|correspondents?|media|outlets?)\b",
        "media",
    ),
)
ORG_TYPE_CUES: tuple[tuple[str, str], ...] = (
    # The Red Cross and Red Crescent societies are civil society, whatever their country.
    (r"\b(red cross|red crescent)\b", "ngo"),
    # "Tunisian Forum for Economic and Social Rights", "League for Human Rights".
    (r"\b(forum|league)\b.*\brights\b", "ngo"),
    (r"^ (?:the )?(?:european )?commission $", "eu_institution"),
    # "Mexican Commission for Refugee Assistance", "National Commission for Refugees": a
    # state's commission, named by its nation (not the European one, nor a UN body).
    (
        r"^ (?:the )?(?!european )(?:national|federal|[a-z]+(?:an|ish|ese|i)) commission\b",
        "government",
    ),
    (r"\beuropean union\b", "eu_institution"),
    (r"\bafrican union\b", "international_org"),
    # "Yonhap news agency": an agency that sells news is the press, not the state.
    # "Geo News", "Tolo News", "Sky News": a name ending in "News" is an outlet's.
    (r"\b(news agency|newspaper|broadcaster|television|radio)\b|(?<!of )\bnews $", "media"),
    (r"\b(court|tribunal)\b", "court"),
    # "Jesuit Refugee Service", "Internal Displacement Monitoring Center", "The Border
    # Consortium": a body named for the people it helps, and not a ministry or an
    # office, is a civil-society group.
    (
        r"\b(refugees?|migrants?|immigrants?|immigration law|rights|humanitarian|displacement|"
        r"asylum[- ]seekers?|returnees|jesuit|caritas)\b"
        r"(?!.*\b(ministry|office|department|government|agency|police)\b)"
        r".*\b(service|cent(?:er|re)|project|consortium|committee|initiative|group)\b",
        "ngo",
    ),
    # "Support Group for Returnees and Refugees": a group for the people it helps.
    (r"\b(group|network|cent(?:er|re)) for\b.*\b(refugees?|returnees|migrants?|asylum)\b", "ngo"),
    (r"\b(consortium|project)\b", "ngo"),
    # Think tanks and research institutes, business and professional groups: civil
    # society ("Maritime Policy Institute", "Pew Research Center", "Employers
    # Roundtable"), unless a ministry or an agency is named with them.
    (
        r"\b(institute|institut|think tank|research cent(?:er|re)|roundtable|"
        r"chamber of commerce)\b(?!.*\b(ministry|agency|department|government)\b)",
        "ngo",
    ),
    # Local government: "Leeds City Council", "Town of Carvell Falls", an NHS trust.
    (
        r"\b((?:city|town|county|district|borough|municipal|regional|parish) council|"
        r"(?:city|town|county|municipality|township) of|nhs)\b",
        "government",
    ),
    # "Refugee Life Ministries": a church's missions; a government has a "Ministry".
    (r"\bministries\b", "ngo"),
    (
        # A national legislature is a branch of the state: "Congress", "the Senate".
        r"\b(ministry|office|police|rcmp|mounties|coast ?guard|government|agency|department|"
        r"directorate|administration|cabinet|prefecture|authority|"
        r"service|border (?:force|guard)|national guard|congress|senate|army|navy|military|"
        r"armed forces)\b",
        "government",
    ),
    (r"\bunion of [\w' ]*(?:employees|workers|teachers|nurses|journalists|students)\b", "ngo"),
    (r"\b(party|movement|alliance|union of|democratic union)\b", "party"),
    (
        r"\b(council for refugees|refugee council|foundation|association|network|coalition|"
        r"rescue|aid|watch|international|"
        # Trade unions and professional federations: civil society, not the state.
        r"union|federation|steelworkers|teamsters|unifor|guild)\b",
        "ngo",
    ),
    # "Statistics Canada", "Health Canada", "Statistics Norway": departments and
    # agencies named by their field and their country.
    (
        r"^ (?:statistics|health|environment|transport|parks|global affairs|elections|"
        r"employment|public safety|veterans affairs|fisheries and oceans|agriculture|"
        r"finance|revenue|immigration|natural resources|public health agency of)"
        r"(?:,? (?:and )?[a-z]+){0,3} (?:canada|sweden|norway|netherlands|denmark|finland|"
        r"austria|iceland|ireland|new zealand|australia) $",
        "government",
    ),
)
# "the agency said": the last organisation of a fitting type named before.
GENERIC_ORGANISATIONS = {
    "agency": frozenset({"government", "international_org", "eu_institution"}),
    "ministry": frozenset({"government"}),
    "office": frozenset({"government", "international_org"}),
    "commission": frozenset({"eu_institution"}),
    "organisation": frozenset({"international_org", "ngo"}),
    "organization": frozenset({"international_org", "ngo"}),
    "charity": frozenset({"ngo"}),
    "ngo": frozenset({"ngo"}),
    "group": frozenset({"ngo"}),
    "council": frozenset({"ngo", "court", "eu_institution"}),
    "center": frozenset({"ngo", "international_org", "government"}),
    "centre": frozenset({"ngo", "international_org", "government"}),
    "consortium": frozenset({"ngo"}),
    "foundation": frozenset({"ngo"}),
    "network": frozenset({"ngo"}),
    "coalition": frozenset({"ngo"}),
    "institute": frozenset({"ngo"}),
    "union": frozenset({"ngo"}),
    "department": frozenset({"government"}),
    # "according to the news magazine", "the broadcaster reported": the outlet named.
    **dict.fromkeys("newspaper magazine broadcaster tabloid".split(), frozenset({"media"})),
}

DEFINITE = frozenset({"the", "this"})  # "the court said", "this agency said"
# Words before a body's noun that tell its kind: "the rights group", "the UN agency".
KIND_WORDS = {
    **dict.fromkeys(
        "rights humanitarian aid relief advocacy campaign charity rescue".split(),
        frozenset({"ngo"}),
    ),
    "un": frozenset({"international_org"}),
    "news": frozenset({"media"}),
    # "the refugee agency", "the UN migration agency": what a public body deals with,
    # which a state's body and an international one may share.
    **dict.fromkeys(
        "refugee refugees migration asylum border".split(),
        frozenset({"government", "international_org", "eu_institution"}),
    ),
}
# Words that describe a body of any kind without telling which one it is: "the
# international medical group" is the group named before, as "the group" would be.
DESCRIPTIVE_WORDS = frozenset("international global local independent nonprofit medical".split())
MAX_KIND_WORDS = 4  # "the", up to two words of kind, the noun: "the humanitarian aid group"


def body_kind(words: Sequence[Token], before: Token | None) -> tuple[str, frozenset[str]] | None:
    """ "The agency said", "the rights group said": a body named again by its kind,
    not its name. The noun, with the actor types a body of that kind may have,
    narrowed by the words before it ("rights group": an NGO); None when the phrase
    names no kind of body. ``before`` is the word before the phrase, the determiner
    when the NER left it outside ("the NGO")."""
    words = _without_base(words)
    if not words:
        return None
    # A capitalised word alone ("the Council") is a body's short name, never a kind.
    outside = (
        len(words) == 1
        and before is not None
        and before.lower_ in DEFINITE
        and not words[0].is_title
    )
    described = (
        2 <= len(words) <= MAX_KIND_WORDS
        and words[0].lower_ in DEFINITE
        and (len(words) == 2 or all(t.is_lower for t in words[1:]))
    )
    if not (outside or described):
        return None
    noun = words[-1].lower_
    kinds = GENERIC_ORGANISATIONS.get(noun, frozenset())
    if len(words) > 2:
        # Only words that tell a kind ("rights", "aid") or merely describe make the
        # phrase a kind; the others name one body of a country ("the interior
        # ministry", keyed with the country elsewhere) or of a case ("the referring
        # court").
        modifiers = [t.lower_.replace(".", "") for t in words[1:-1]]
        for word in (w for w in modifiers if w not in DESCRIPTIVE_WORDS):
            kinds = kinds & KIND_WORDS.get(word, frozenset())
        # The kind the words tell is the type of a body whose name did not tell it.
        return (noun, kinds | {"other"}) if kinds else None
    return noun, kinds


def _without_base(words: Sequence[Token]) -> list[Token]:
    """The phrase without where the body is based: "the London-based rights group"
    names a body by its kind as "the rights group" does."""
    lowered = [t.lower_ for t in words]
    if "based" not in lowered:
        return list(words)
    based = lowered.index("based")
    # The hyphen may be in the phrase or left out with the punctuation.
    place_end = based - 1 if based >= 1 and lowered[based - 1] == "-" else based
    start = place_end
    while start > 0 and words[start - 1].is_title and lowered[start - 1] not in DEFINITE:
        start -= 1
    if start == place_end:
        return list(words)  # no place before "-based"
    return [*words[:start], *words[based + 1 :]]


def guess_type_with(text: str, cues: tuple[tuple[str, str], ...], default: str) -> str:
    # "U.N." and "UN" are one word for the patterns (a dot defeats \b).
    lowered = f" {text.lower()} ".replace("u.n.", "un")
    for pattern, actor_type in cues:
        if re.search(pattern, lowered):
            return actor_type
    return default


# A run of capitalised words, the name of a body inside a role: "acting executive
# director of The Border Consortium", "Internal Displacement Monitoring Center Head".
NAME_RUN = re.compile(r"(?:[A-Z][\w.'’&-]*)(?:\s+(?:(?:of|for|the|and|on)\s+)*[A-Z][\w.'’&-]*)*")


def body_names(role: str) -> list[str]:
    """The names of bodies written inside a role: runs of two or more capitalised words."""
    return [name for name in NAME_RUN.findall(role) if len(name.split()) >= 2]


# Offices every kind of body has: the body named with them tells whose they are
# ("president of the Canadian Nurses Association" is an NGO's).
SHARED_OFFICES = re.compile(
    r"^(?:the )?(?:vice[- ])?(?:president|chair(?:man|woman|person)?|director|executive "
    r"director|head|spokes(?:person|man|woman)|secretary|chief executive)\b",
    re.IGNORECASE,
)


def guess_role_type(role: str) -> str:
    """Actor type from a role: its office words first, then the body named in it;
    for an office every kind of body has, the body first."""
    bodies = [guess_organisation_type(name) for name in body_names(role)]
    named = next((kind for kind in bodies if kind != "other"), "other")
    if named != "other" and SHARED_OFFICES.match(role):
        return named
    found = guess_type(role)
    return found if found != "other" else named


def guess_organisation_type(name: str) -> str:
    """Actor type of a body from its name ("Canadian Council for Refugees": ngo)."""
    return guess_type_with(name, ORG_TYPE_CUES, "other")


def organisation_type(ent: Span, name: str) -> str:
    """Actor type of a body from its name, else from what an apposition calls it."""
    kind = guess_organisation_type(name)
    return kind if kind != "other" else apposition_type(ent) or kind


def apposition_type(ent: Span) -> str | None:
    """The actor type of what an apposition calls a body: "Colombia's migration
    agency, Migración Colombia", "Migración Colombia, the country's migration agency"
    (a state's agency), "Sea Rescue, a German charity"; None when it tells none."""
    noun = _apposed_noun(ent)
    if noun is None:
        return None
    kinds = GENERIC_ORGANISATIONS.get(noun.lower_, frozenset())
    own = [t for t in noun.subtree if not (ent.start <= t.i < ent.end)]
    told = {KIND_WORDS[t.lower_] for t in own if t.lower_ in KIND_WORDS}
    if len(told) == 1 and (narrowed := kinds & next(iter(told))):
        kinds = narrowed
    if len(kinds) == 1:
        return next(iter(kinds))
    # "Colombia's migration agency", "the country's": a state's body.
    stated = any(
        c.dep_ == "poss" and (c.ent_type_ == "GPE" or c.lower_ == "country")
        or c.ent_type_ in {"GPE", "NORP"}
        for c in noun.lefts
    )
    return "government" if stated and "government" in kinds else None


def _apposed_noun(ent: Span) -> Token | None:
    """The common noun set in apposition to a body's name, before or after it."""
    root = ent.root
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        return root.head
    return next((c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)


def guess_type(text: str) -> str:
    """Actor type from words in a role, office or group name."""
    return guess_type_with(text, TYPE_CUES, "other")
