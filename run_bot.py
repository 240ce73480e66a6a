"""Entry point: `python run_bot.py [run|console|export] --help`."""

from cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
