"""The whole-document check of a review, run as a child process:
``python -m align.review.checker`` reads the pickled arguments of
:func:`align.review.annotate.check_views` from stdin and writes its pickled result
to stdout (see :func:`align.review.annotate.run_checker`)."""

from __future__ import annotations

import pickle
import sys

from align.review.annotate import check_views


def main() -> None:
    """Read the arguments from stdin, write the findings to stdout."""
    args = pickle.load(sys.stdin.buffer)
    sys.stdout.buffer.write(pickle.dumps(check_views(*args)))


if __name__ == "__main__":
    main()
