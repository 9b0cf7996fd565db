"""Analyse: the pure ``analyze`` function (spaCy, rules and the classifier over
one text) and ``process``, which runs it over stored articles, in worker
processes when asked."""
