"""`python -m resume_bert`: see `resume_bert.cli`."""

import sys

from .app.cli import main

sys.exit(main())
