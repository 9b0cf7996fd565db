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


@pytest.fixture(scope="module")
def trained():
    """The committed models: label models and the article-label model."""
    from monitor.classify.classifier import load_classifier

    return load_classifier(Settings().models_dir)


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


RETURN_FLIGHT = (
    "The government chartered a flight to return 120 rejected asylum seekers to Iraq on"
    " Tuesday. The interior ministry said the deportation flight left from Leipzig, and"
    " police officers escorted the returnees to the airport. One of them had attended a"
    " language course."
)
LANGUAGE_SCHOOLS = (
    "The city opened three language schools for refugees and a job centre to help them"
    " into work. Teachers say the integration courses are full, and employers want more"
    " apprenticeships for newcomers who have learnt German."
)


def test_an_article_label_needs_more_than_one_trigger_sentence(trained):
    # The fitted article-label model (models/article_labels.json).
    assert trained.article_model is not None
    # One sure sentence among twenty of a story about a return flight: a word, not
    # what the article is about.
    one_word = [{"integration": 0.02}] * 3 + [{"integration": 0.95}] + [{"integration": 0.02}] * 16
    shares = trained.article_scores(one_word)
    assert shares["integration"] == 0.05
    assert trained.best_labels(one_word, 3, RETURN_FLIGHT) == []
    # Half of them: it is.
    half = [{"integration": 0.8}] * 10 + [{"integration": 0.2}] * 10
    [label] = trained.best_labels(half, 3, LANGUAGE_SCHOOLS)
    assert label["label"] == "integration" and 0.5 <= label["score"] <= 1.0
    assert trained.best_labels([]) == []


def test_the_article_words_count_towards_its_labels(trained):
    model = trained.article_model
    texts = [{"integration": 0.3}] * 4 + [{"integration": 0.02}] * 16
    about_returns = model.probabilities(texts, 0, RETURN_FLIGHT)["integration"]
    about_schools = model.probabilities(texts, 0, LANGUAGE_SCHOOLS)["integration"]
    assert about_returns < model.thresholds["integration"] <= about_schools


def test_the_article_model_learns_whether_a_sure_statement_counts_more_than_a_sentence():
    from monitor.classify.article_model import FEATURES, fit_article_model

    # In these gold articles a label is the subject when a statement is sure of it,
    # not when a sentence is: the weight of the best statement says so.
    sure, unsure = {"return_policy": 0.97}, {"return_policy": 0.1}
    quoted = [sure] + [unsure] * 9
    articles = [(quoted, 1, {"return_policy"}, "")] * 20 + [(quoted, 0, set(), "")] * 20
    model = fit_article_model(articles, ["return_policy"])
    assert model.weights[FEATURES.index("best_statement")] > 0
    as_statement = model.probabilities(quoted, statements=1)["return_policy"]
    as_sentence = model.probabilities(quoted, statements=0)["return_policy"]
    assert as_statement > 0.5 > as_sentence


def test_without_an_article_model_a_label_needs_one_text_in_eight():
    from monitor.classify.classifier import UNCALIBRATED_ARTICLE_SHARE

    classifier = Classifier(load_rules(Settings().models_dir))
    below = [{"integration": 0.9}] + [{}] * 9
    above = [{"integration": 0.9}] * 2 + [{}] * 8
    assert 0.1 < UNCALIBRATED_ARTICLE_SHARE <= 0.2
    assert classifier.best_labels(below) == []
    assert classifier.best_labels(above) == [{"label": "integration", "score": 0.2}]
    # A statement all but certain of a label labels its article; a sentence does not.
    quoted = [{"rights_concerns": 0.97}] + [{"rights_concerns": 0.1}] * 19
    assert classifier.best_labels(quoted) == []
    assert classifier.best_labels(quoted, statements=1) == [
        {"label": "rights_concerns", "score": 0.05}
    ]
    assert classifier.best_labels([]) == []


def test_the_article_model_learns_each_label_from_how_much_of_the_article_is_about_it():
    from monitor.classify.article_model import fit_article_model

    labels = ["return_policy", "integration"]
    articles = []
    for share in range(0, 11):
        # Articles where more than three texts in ten score a label are about it.
        texts = [{"return_policy": 0.9, "integration": 0.9}] * share + [{}] * (10 - share)
        about = {label for label in labels if share > 3}
        articles += [(texts, 0, about, "")] * 3
    model = fit_article_model(articles, labels)
    assert model.weights[0] > 0  # the share
    low = model.probabilities([{"return_policy": 0.9}] + [{}] * 9, 0)
    high = model.probabilities([{"return_policy": 0.9}] * 8 + [{}] * 2, 0)
    assert low["return_policy"] < 0.5 < high["return_policy"]
    assert set(low) == set(labels)


def test_an_article_model_saved_for_other_features_is_refused(tmp_path):
    import json

    from monitor.classify.article_model import (
        ARTICLE_MODEL_FILE,
        ArticleModelError,
        load_article_model,
    )

    assert load_article_model(tmp_path) is None
    saved = {"features": ["share"], "weights": [1.0], "intercepts": {}, "threshold": 0.5}
    (tmp_path / ARTICLE_MODEL_FILE).write_text(json.dumps(saved), encoding="utf-8")
    with pytest.raises(ArticleModelError, match="monitor calibrate"):
        load_article_model(tmp_path)
