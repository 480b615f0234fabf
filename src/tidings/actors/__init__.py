"""Actors: mentions found, coded CAMEO-style (ISO3 country + sector), grouped per article.

``find_actors(ctx)`` is the stage (a ``records.Context`` in); it returns an ``ActorTable``
of ``Actor`` records. ``lexicon`` indexes the actor data files (countries, roles, organizations, office
holders).
"""
from tidings.actors.find import find_actors
from tidings.actors.table import Actor, ActorTable

__all__ = ["find_actors", "Actor", "ActorTable"]
