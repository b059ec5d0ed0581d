"""`python -m bot.cli`: the same program as `sudang`."""

import sys

from bot.cli.main import main

sys.exit(main())
