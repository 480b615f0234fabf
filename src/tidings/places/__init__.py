"""Places: toponyms found in an article and resolved with the offline gazetteer.

``find_places(doc, actors)`` is the stage; ``gazetteer`` answers place-name questions for
other stages (the country of a place name, whether a name is a city).
"""
from tidings.places.find import find_places
from tidings.places.gazetteer import Gazetteer, Place

__all__ = ["find_places", "Gazetteer", "Place"]
