"""``python -m align``: the same as the ``align`` command."""

from align.cli import main

main()
