"""`python -m voice_assistant`: the same as the `voice-assistant` command."""

import sys

from voice_assistant.frontends.cli import main

sys.exit(main())
