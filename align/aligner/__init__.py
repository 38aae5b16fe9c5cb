"""Sentence alignment of Chinese-English document pairs.

Length (Gale-Church, estimated on the pair), CC-CEDICT lexical evidence, numbers,
Latin tokens, quotation marks and glossary terms, searched coarse-to-fine in linear
time and memory, with self-training on the document pair. Public API:
:func:`align_segments`, :func:`align_files`, :func:`write_alignment`.
"""
