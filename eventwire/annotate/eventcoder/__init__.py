"""The event coder behind :func:`eventwire.annotate.events.code_events`.

- :mod:`.coder`: :class:`~.coder._Coder`, which finds the asserted predicates of each sentence,
  matches them against the event lexicon, flags them and builds the candidate events (and the
  event nouns referring back);
- :mod:`.arguments`: how a candidate's source and target noun phrases resolve to actors;
- :mod:`.clauses`: tests on the parse (does a clause assert, does an event noun happen, ...);
- :mod:`.sides`: actor keys and the country, organization and sector words of a phrase.
"""
