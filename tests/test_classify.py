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


def test_an_article_label_needs_more_than_one_trigger_sentence():
    rules = load_rules(Settings().models_dir)
    classifier = Classifier(rules, article_thresholds={"integration": 0.3})
    # One sure sentence among ten: the label's share of the article is 0.1.
    one_word = [{"integration": 0.95}] + [{"integration": 0.1, "return_policy": 0.7}] * 9
    shares = classifier.article_scores(one_word)
    assert shares["integration"] == 0.1
    assert shares["return_policy"] == 0.9
    labels = {item["label"] for item in classifier.best_labels(one_word)}
    assert "integration" not in labels
    # Four of ten: the article is about it.
    four = [{"integration": 0.6}] * 4 + [{"integration": 0.2}] * 6
    assert {item["label"] for item in classifier.best_labels(four)} == {"integration"}


def test_a_statement_sure_of_a_label_labels_its_article():
    classifier = Classifier(
        load_rules(Settings().models_dir), article_thresholds={"rights_concerns": 0.3}
    )
    # The first text is the article's one statement; its label is a small share.
    quoted = [{"rights_concerns": 0.97}] + [{"rights_concerns": 0.1}] * 19
    assert classifier.best_labels(quoted) == []
    assert classifier.best_labels(quoted, statements=1) == [
        {"label": "rights_concerns", "score": 0.05}
    ]
    # A sentence as sure is not a statement: it counts in the share only.
    assert classifier.best_labels(quoted[1:] + quoted[:1], statements=1) == []


def test_an_uncalibrated_label_takes_the_default_share():
    from monitor.classify.classifier import UNCALIBRATED_ARTICLE_SHARE

    classifier = Classifier(load_rules(Settings().models_dir))
    below = [{"integration": 0.9}] + [{}] * 9
    above = [{"integration": 0.9}] * 2 + [{}] * 8
    assert 0.1 < UNCALIBRATED_ARTICLE_SHARE <= 0.2
    assert classifier.best_labels(below) == []
    assert classifier.best_labels(above) == [{"label": "integration", "score": 0.2}]
    assert classifier.best_labels([]) == []


def test_calibration_picks_the_best_threshold_that_reaches_the_precision():
    from monitor.evaluation.calibration import _best_threshold

    pairs = [(0.9, True), (0.8, True), (0.7, False), (0.6, True), (0.5, False), (0.4, False)]
    threshold, tally = _best_threshold(pairs, 0.75)
    assert threshold == 0.6 and tally.scores()["precision"] == 0.75
    never = [(0.9, False), (0.8, False), (0.3, True)]
    threshold, tally = _best_threshold(never, 0.75)
    assert tally.scores()["precision"] < 0.75  # none reaches it: the most precise is kept


def test_a_label_too_rare_to_measure_is_tagged_only_above_every_article_without_it():
    from monitor.evaluation.calibration import _above_every_negative

    pairs = [(0.95, True), (0.81, False), (0.7, False), (0.4, False)]
    threshold, tally = _above_every_negative(pairs, own=0.5)
    assert 0.81 < threshold < 0.95 and tally.true_positives == 1
    # Never below the model's own threshold, even when no dev article scores high.
    threshold, _ = _above_every_negative([(0.2, False), (0.1, False)], own=0.6)
    assert threshold == 0.6
