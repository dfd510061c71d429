"""Reaction Atlas pipeline: news articles in, reactions to world events out."""
