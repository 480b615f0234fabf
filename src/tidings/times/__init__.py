"""Time expressions found in the text and normalized to TIMEX3 values against the publication date.

Recognition is rule-based: one regular expression per kind of expression (full dates, months,
years, decades, quarters, weekdays, "last week", "two days ago", durations, sets, clock times,
reference words such as "now"), all compiled once at import from the calendar words in
``data/time_words.json`` and the word sets in ``data/word_sets/times.tsv``. Overlapping
candidates are resolved longest-first. Spans follow TimeML: the determiner and modifiers ("the",
"last", "early") are inside, the preposition is not.

Normalization needs the publication date (``published``) for anything relative; the grammatical
tense of the clause decides between the past and the future reading of "on Tuesday" or "in
April" (news reports mostly look back, so an undecided tense reads as past). Expressions anchored
on the narrative ("a year earlier", "the next day", "the quarter") use the last date of the same
granularity mentioned before them. Without a publication date, what depends on it is masked
(``XXXX-XX-XX``, ``XXXX-01-03``) while absolute values stay.

Modules: ``words`` (vocabulary from the data files), ``patterns`` (regex pieces built from it),
``tense`` (tense of a clause), ``calendar`` (date arithmetic and TIMEX3 values), ``context``
(a candidate and the document context), ``rules`` (the registry and ``ORDER``), ``rules_dates``,
``rules_days``, ``rules_relative``, ``rules_periods`` (the rules by kind), ``select`` (the pass).
A new rule is a function decorated with ``@rule`` in the module of its kind, named in
``rules.ORDER``.
"""
from tidings.times.select import find_times

__all__ = ["find_times"]
