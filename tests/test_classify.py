"""The transparent rule layer on its own (the learned model is tested in
test_learn.py and test_classifier_quality.py)."""

import pytest

from monitor.classify.classifier import Classifier
from monitor.classify.rules import load_rules
from monitor.codebook import LABELS
from monitor.settings import Settings


@pytest.fixture(scope="module")
def classifier():
    return Classifier(load_rules(Settings().models_dir))


def test_rule_file_covers_every_label(classifier):
    assert {rule.label for rule in classifier.rules.rules} == set(LABELS)


def test_gate_separates_migration_from_other_news(classifier):
    migration = (
        "Belgium plans return missions to Afghanistan. Asylum applications rose. "
        "Rights groups warn that deportations to unsafe countries break the law."
    )
    football = (
        "Anderlecht beat Club Brugge 2-1 on Sunday. The striker scored twice. "
        "The coach praised the defence after the match."
    )
    assert classifier.relevance_score(migration) >= 0.5
    assert classifier.relevance_score(football) < 0.5


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Countries that refuse to cooperate on readmission face visa restrictions.",
            "conditionality",
        ),
        ("The deal would see asylum seekers processed in Albania.", "externalisation"),
        ("Human rights groups warn that returns must be handled carefully.", "rights_concerns"),
        ("Smugglers charged each passenger thousands of euros.", "smuggling_trafficking"),
        ("The ministry will launch an information campaign in Senegal.", "information_campaigns"),
        ("More than 34,000 asylum applications were lodged in 2025.", "asylum_figures"),
        (
            "Germany will resettle 5,000 refugees through humanitarian admission.",
            "protection_access",
        ),
        ("Refugees will get language courses and access to the labour market.", "integration"),
        ("The European Commission proposed a new return regulation.", "eu_coordination"),
        ("Frontex helped intercept boats and tighten border controls.", "border_control"),
        ("Rejected asylum seekers will be deported to their countries of origin.", "return_policy"),
    ],
)
def test_each_label_fires_on_a_clear_sentence(classifier, text, label):
    labels = [item["label"] for item in classifier.labels(text, 0.5)]
    assert label in labels


def test_stance(classifier):
    assert classifier.stance("We will deport more people and tighten border controls")[0] == (
        "restrictive"
    )
    assert classifier.stance("Returns to unsafe countries violate the ban on refoulement")[0] == (
        "protective"
    )
    assert classifier.stance("The meeting takes place on Tuesday")[0] == "neutral"
