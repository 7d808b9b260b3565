"""`python -m resume_bert`: the command line of `resume_bert.app.cli`."""

import sys

from .app.cli import main

sys.exit(main())
