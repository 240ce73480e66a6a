"""The command-line doors: the entry point, the terminal console and settings."""
