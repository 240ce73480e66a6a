"""The usual way to write this bot with python-telegram-bot: `ConversationHandler` with
`PicklePersistence` (as in PTB's `persistentconversationbot.py` example), same questions.

It asks our questions (`flows.questions`) and keeps the answers in `user_data`. PicklePersistence
writes its one pickle file every `update_interval` seconds (60 by default); to give each answer
the same guarantee as our bot (on disk before the reply), `flush_each_answer` writes it after every
update.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    PicklePersistence,
    filters,
)
from telegram.request import BaseRequest

from flows.questions import QUESTION_KEYS

__all__ = ["build_baseline", "stored_user_data"]


def _ask(number: int) -> str:
    return f"Step {number + 1} of {len(QUESTION_KEYS)}: {QUESTION_KEYS[number]}?"


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    assert context.user_data is not None and update.message is not None
    context.user_data["answers"] = {}
    await update.message.reply_text(_ask(0))
    return 0


def _answer_handler(number: int) -> Any:
    async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        assert context.user_data is not None and update.message is not None
        context.user_data.setdefault("answers", {})[QUESTION_KEYS[number]] = update.message.text
        if number + 1 == len(QUESTION_KEYS):
            await update.message.reply_text("Done: here is your persona.")
            return ConversationHandler.END
        await update.message.reply_text(_ask(number + 1))
        return number + 1

    return answer


def build_baseline(
    token: str, pickle_path: Path, request: BaseRequest
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The baseline bot over `pickle_path`, talking to `request`."""
    persistence = PicklePersistence(filepath=pickle_path)
    application = (
        ApplicationBuilder().token(token).persistence(persistence)
        .request(request).get_updates_request(request).build()
    )
    states: dict[object, list[Any]] = {
        number: [MessageHandler(filters.TEXT & ~filters.COMMAND, _answer_handler(number))]
        for number in range(len(QUESTION_KEYS))
    }
    application.add_handler(ConversationHandler(
        entry_points=[CommandHandler("start", _start)], states=states, fallbacks=[],
        name="profile", persistent=True,
    ))
    return application


def stored_user_data(answer: str) -> dict[str, Any]:
    """What a finished owner's `user_data` holds (to fill the pickle before a run)."""
    return {"answers": {key: answer for key in QUESTION_KEYS}, "language": "en"}
