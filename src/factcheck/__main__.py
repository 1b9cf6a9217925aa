"""Allow ``python -m factcheck``."""

from factcheck._entry import main

main()
