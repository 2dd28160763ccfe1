"""Text: Unicode form, case and diacritic folding, OCR tolerance, numbers, dates and roman numerals
(:mod:`~kg.text.normalize`), and cue words, readable phrases made into OCR-tolerant patterns
(:mod:`~kg.text.cues`), and a faster scan for patterns that start at a line start (:mod:`~kg.text.scan`).

Pure functions over strings, used by the readers, the lexicon and every extractor. Nothing here
knows about plans, RDF or files."""
