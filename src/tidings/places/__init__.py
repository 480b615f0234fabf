"""Places: toponyms found in an article and resolved with the offline gazetteer.

``find_places(ctx)`` is the stage (``records.Context`` in, ``records.Place`` out); ``gazetteer`` answers place-name questions for
other stages (the country of a place name, whether a name is a city).
"""
from tidings.places.find import find_places
from tidings.places.gazetteer import Gazetteer, GeoName

__all__ = ["find_places", "Gazetteer", "GeoName"]
