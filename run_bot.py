"""Entry point in a clone: `python run_bot.py [run|console|export|import] --help`.

An installed package has the same as the `customer-profile-bot` command.
"""

from cli.main import run

if __name__ == "__main__":
    run()
