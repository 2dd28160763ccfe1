"""The lexicon: what the extractors recognise by name (agencies, administrative units, unit types,
abbreviations), read from the tab-separated files in ``data/``, matched accent-insensitively and
tolerant of OCR damage."""
