"""Sentence alignment of Chinese-English document pairs (an engine: it never opens a file).

Length (Gale-Church, estimated on the pair), CC-CEDICT lexical evidence, numbers,
Latin tokens, quotation marks and glossary terms, searched coarse-to-fine in linear
time and memory, with self-training on the document pair.

Modules, in the order a run uses them: :mod:`.pipeline` (the entry,
:func:`~align.aligner.pipeline.align_segments`, and the only place that knows which
side is the source), :mod:`.features`, :mod:`.level` (the grid: English rows, Chinese
columns), :mod:`.cost` (the one bead-cost model) with :mod:`.bandsums`,
:mod:`.formula` (its formula, compiled) and :mod:`.dots` (the dot products it reads),
:mod:`.calibration`, :mod:`.search` (the DP), :mod:`.core` (the run),
:mod:`.selftrain`, :mod:`.refine`, :mod:`.omissions`; :mod:`.gale_church` is a
baseline and :mod:`.evaluate` scores bead lists against gold.
"""
