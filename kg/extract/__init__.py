"""Extraction: plan text → records (pure functions). See :func:`extract_plan`."""
