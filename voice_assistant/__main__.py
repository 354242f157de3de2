"""`python -m voice_assistant`: the same as the `voice-assistant` command."""

import sys

from voice_assistant.cli import main

sys.exit(main())
