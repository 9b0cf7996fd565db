"""Classify: the relevance gate, frame labels and speaker stance (rules and the
trained scikit-learn models), their training data and the labelling loop."""
