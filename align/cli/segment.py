"""``align segment``: placeholder until the segmenter lands (issue 2)."""
