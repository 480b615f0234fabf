"""Language processing: the spaCy pipeline and the stages that read its output
(actors, times, places)."""
