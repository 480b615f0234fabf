"""What every stage shares below it: the spaCy pipeline (``pipeline``), per-Doc facts
computed once (``doctext``), quotation marks and quoted regions (``marks``), parse questions
(``syntax``) and the folding of names for lookups (``folding``)."""
