"""Actors: mentions found, coded CAMEO-style (ISO3 country + sector), grouped per article.

``find_actors(ctx)`` is the stage (a ``records.Context`` in); it returns an ``ActorTable``
of ``Actor`` records. ``lexicon`` indexes the actor data files (countries, roles,
organizations, office holders).

Who is who, in context (``setting``): an actor's country comes from the first of

1. its own words: a demonym, a country, a place before or after it ("Kampala police",
   "police in Kampala", "Arizona Sen."), an organization of one country, the person whose
   troops or spokesman it is ("Hun Sen's troops"), a party and state ("Sen. Roe (R-Tex.)");
2. the same institution named with its country elsewhere in the article ("Turkish police
   ... the police");
3. the sentence: the one country of the places its clause happens in (groups and
   institutions only: people travel);
4. the dateline ("KAMPALA, Uganda (AP) -"; none from seats of international bodies such as
   Brussels or the United Nations);
5. the article's one main country (named at least 3 times and 1.5 times as often as any
   other);
6. the title itself, for titles one country's press uses ("Sen.", "Rep.": USA);

steps 2-6 only for domestic actors (a title of a domestic sector: police, army, ministry,
officials, protesters, lawmakers...), never for envoys and embassies nor for a person named
without a title. A person keeps one identity across the article (``identity``: office
holders by the lexicon's name, surnames before or after the full name, courtesy titles,
appositions, definite descriptions), with a code valid on the publication date: an office
held that day; out of office (former holders, candidates) ELI; a country not yet
independent as the one it was part of (``lexicon.country_on``).

Coreference (``coref``): ``resolve(ctx, token)`` gives the actors a pronoun or description
("it", "they", "the body", "the two countries", "both sides", "each other") stands for, or
[] when unsure; resolved pronouns join their actor's mentions.
"""
from tidings.actors.coref import resolve
from tidings.actors.find import find_actors
from tidings.actors.table import Actor, ActorTable

__all__ = ["find_actors", "resolve", "Actor", "ActorTable"]
