"""Natural-language stages: countries, actors, figures and statements from spaCy docs."""
