"""Translation memory: a SQLite store with an n-gram index (:mod:`.store`), CAT-style
fuzzy match percentages (:mod:`.fuzzy`) and pre-translation of new texts
(:mod:`.pretranslate`)."""
