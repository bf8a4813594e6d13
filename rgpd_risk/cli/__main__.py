"""``python -m rgpd_risk.cli``: the ``rgpd-risk`` command."""

import sys

from rgpd_risk.cli import main

sys.exit(main())
