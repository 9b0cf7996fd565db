"""The codebook: label and stance ids, the names people read, and what each means.

One module, imported by the classifier, the store, the site and the digest, so
that an id, its display name and its definition never drift apart. The ids
are stable: they are column values in the database, keys in subscriptions and
names in evaluation reports. ``docs/codebook.md`` gives the same definitions
with cues and counter-examples.

This module has no dependencies, so the digest and the subscriptions can use
it without loading the classifier's numerical stack.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    id: str
    name: str
    definition: str


CODEBOOK: tuple[Label, ...] = (
    Label(
        "return_policy",
        "Return policy",
        "Sending back people with no right to stay: deportation, removal, readmission, "
        "return missions and flights, voluntary or forced return, return figures.",
    ),
    Label(
        "rights_concerns",
        "Rights concerns",
        "Warnings that a policy puts rights or safety at risk: refoulement, detention "
        "conditions, due process, children, returns to unsafe countries.",
    ),
    Label(
        "conditionality",
        "Conditionality",
        "Migration cooperation tied to other policy: aid, visas, trade or diplomacy "
        "offered or withheld in exchange.",
    ),
    Label(
        "border_control",
        "Border control",
        "Stopping or deterring arrivals: enforcement, pushbacks, fences, surveillance, "
        "interceptions at sea, detention as deterrence.",
    ),
    Label(
        "externalisation",
        "Externalisation",
        "Asylum processing, reception or return moved to third countries by agreement: "
        "offshore processing, third-country deals, return hubs abroad.",
    ),
    Label(
        "smuggling_trafficking",
        "Smuggling and trafficking",
        "Smugglers, traffickers and criminal networks, action against them, their victims.",
    ),
    Label(
        "information_campaigns",
        "Information campaigns",
        "Campaigns telling people in countries of origin or transit about risks and "
        "procedures, to shape their decision to migrate.",
    ),
    Label(
        "asylum_figures",
        "Asylum figures",
        "Aggregate migration and asylum statistics: applications, arrivals, recognition "
        "rates, returns carried out, backlogs.",
    ),
    Label(
        "protection_access",
        "Protection and access",
        "Access to protection and legal routes: resettlement, humanitarian admission, "
        "family reunification, reception, relocation, halting returns to unsafe places.",
    ),
    Label(
        "integration",
        "Integration",
        "Migrants' lives in the host society: work, language, housing, school, "
        "citizenship, benefits.",
    ),
    Label(
        "eu_coordination",
        "EU coordination",
        "Policy made or coordinated at EU level: the Pact, Commission proposals, Council "
        "decisions, joint action of member states, EU missions.",
    ),
)

LABELS: tuple[str, ...] = tuple(label.id for label in CODEBOOK)
LABEL_NAMES: dict[str, str] = {label.id: label.name for label in CODEBOOK}
LABEL_DEFINITIONS: dict[str, str] = {label.id: label.definition for label in CODEBOOK}

# The actor types of the architecture; a statement's speaker_type is its speaker's type.
SPEAKER_TYPES: tuple[str, ...] = (
    "government",
    "eu_institution",
    "international_org",
    "ngo",
    "court",
    "party",
    "media",
    "other",
)

# The direction of what a speaker wants, on the restrictive-protective axis that
# migration-policy research codes policy changes on.
STANCES: tuple[str, ...] = ("restrictive", "protective", "neutral")
STANCE_DEFINITIONS: dict[str, str] = {
    "restrictive": "wants fewer arrivals, more or faster returns, tighter rules",
    "protective": "wants more protection, fewer or safer returns, wider access",
    "neutral": "reports, announces or describes without taking a position",
}

# Words that, typed into the site's search box, stand for a label ("returns
# Afghanistan" means statements about returns): the label's name and the topic
# words researchers use for it. The search matches a word's plural and -ed and
# -ing forms alike; a statement counts when it carries the label or has the word.
LABEL_SEARCH_WORDS: dict[str, tuple[str, ...]] = {
    "return_policy": ("return", "returnee", "deportation", "deport", "removal", "readmission"),
    "rights_concerns": ("refoulement", "human rights"),
    "conditionality": ("conditionality",),
    "border_control": ("border", "pushback", "interception"),
    "externalisation": ("externalisation", "externalization", "offshore processing"),
    "smuggling_trafficking": ("smuggling", "smuggler", "trafficking", "trafficker"),
    "information_campaigns": ("information campaign", "awareness campaign"),
    "asylum_figures": ("asylum statistics", "statistics"),
    "protection_access": ("resettlement", "humanitarian admission", "family reunification"),
    "integration": ("integration",),
    "eu_coordination": ("migration pact", "pact on migration"),
}
