"""Evaluate: score the analysis against hand-made gold files."""
