"""Many document pairs at once: pairing (:mod:`.pairing`), the unit of work
(:mod:`.tasks`), runners for this process, a local pool and Dask (:mod:`.runners`),
the resumable run (:mod:`.run`, :mod:`.state`), the summary (:mod:`.summary`) and the
batch's TM import (:mod:`.tm`).

The engine never reads a document itself: the worker that reads, aligns and writes
one pair is given to :func:`align.batch.run.run_batch` by the floor that opens
files (:func:`align.api.align_task`).
"""
