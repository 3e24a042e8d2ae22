"""`python -m core …`: the command line."""

import sys

if sys.argv[1:2] == ["analyze"] and not {"-h", "--help"} & set(sys.argv[2:]):
    from core.forkserver import start_early

    start_early()  # the engine loads in the server while the command line imports its own

from core.cli import main

sys.exit(main())
