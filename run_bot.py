"""Entry point: `python run_bot.py [run|console|export|import] --help`."""

import os
import sys

from cli.main import main

if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:
        # Output piped into a program that stopped reading (`| head`): not an error worth a
        # traceback. Point stdout at /dev/null so the interpreter's final flush stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0) from None
