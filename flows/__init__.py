"""The conversation without Telegram: questions, tips, the state machine and the wording."""
