"""Telegram handlers: each turns one update into a conversation event and sends the outcome.

The conversation saves the profile before it returns, so every reply sent here acknowledges an
answer that is already stored.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden

from bot.context import BotContext
from bot.replies import close_pressed_keyboard, send_outcome
from flows.conversation import Conversation
from flows.i18n import Translator
from flows.replies import Outcome
from storage.base import UpdateKey

__all__ = [
    "HANDLING_ERRORS",
    "apply",
    "button",
    "command",
    "edited",
    "group_pointer",
    "membership",
    "not_text",
    "on_error",
    "start",
    "text_answer",
    "translator",
    "unknown_command",
]

_log = logging.getLogger(__name__)

#: What PTB calls for an update.
Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


async def apply(
    update: Update, context: BotContext, event: Callable[[Conversation], Outcome],
    *, once: bool = True,
) -> Outcome:
    """Load the profile, apply the event and save, in a worker thread, as one unit of work.

    Storage may be a disk sync or a network round trip away: off the event loop, other owners
    are answered meanwhile. `PerUserOrder` keeps one owner's updates in order in this process;
    with PostgreSQL the unit also holds the owner's lock across processes and records the
    update as applied in the same transaction (`Backend.units`), so an update delivered again
    changes nothing and is answered with the current step. `once=False` is for a second event
    of the same update (the error handler's), which the record would otherwise refuse.
    """
    user = update.effective_user
    if user is None:  # the handlers' filters only pass updates that have a user
        raise ValueError("update without a user")
    key = UpdateKey(context.bot.id, update.update_id) if once else None

    def unit_of_work() -> Outcome:
        with context.services.backend.units.owner_transaction(user.id, key) as store:
            conversation = context.conversation(update, store)
            return conversation.apply(Conversation.again if store.already_applied else event)

    return await asyncio.to_thread(unit_of_work)


async def translator(update: Update, context: BotContext) -> Translator:
    """The translator for the update's user, their profile read off the event loop."""
    return await asyncio.to_thread(lambda: context.conversation(update).translator)


async def _reply(update: Update, context: BotContext, outcome: Outcome) -> None:
    chat = update.effective_chat
    if chat is not None:
        await send_outcome(context.bot, chat.id, outcome)


async def start(update: Update, context: BotContext) -> None:
    """/start: greet and ask question one, or resume where the owner left off.

    `/start <source>` comes from a campaign link `t.me/<bot>?start=<source>`.
    """
    user = update.effective_user
    first_name = user.first_name if user else None
    payload = context.args[0] if context.args and len(context.args) == 1 else None
    outcome = await apply(update, context, lambda c: c.start(first_name, payload))
    await _reply(update, context, outcome)


async def text_answer(update: Update, context: BotContext) -> None:
    """Typed text: the answer to the current question."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    text = message.text
    await _reply(update, context, await apply(update, context, lambda c: c.text(text)))


async def button(update: Update, context: BotContext) -> None:
    """An inline button: a quick pick, the segment, the next tip, a language…"""
    query = update.callback_query
    if query is None:
        return
    data = query.data or ""
    outcome = await apply(update, context, lambda c: c.press(data))
    try:
        await query.answer(outcome.notice)
    except BadRequest:
        # Too old, or answered already (a press delivered again): the toast is a nicety, and
        # failing here would make Telegram deliver the press once more.
        _log.info("update %s: the button press could not be answered", update.update_id)
    await close_pressed_keyboard(query, accepted=outcome.notice is None)
    await _reply(update, context, outcome)


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command the bot does not have: said so, then what the bot does and its commands."""
    await _reply(update, context, await apply(update, context, Conversation.unknown_command))


def command(event: Callable[[Conversation], Outcome]) -> Handler:
    """A handler that applies one conversation event (`/back`, `/skip`, `/privacy`…)."""

    async def handle(update: Update, context: BotContext) -> None:
        await _reply(update, context, await apply(update, context, event))

    return handle


async def edited(update: Update, context: BotContext) -> None:
    """An edited message: a note, quoting it, that edits are not taken (nothing changes)."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    outcome = await apply(update, context, Conversation.edited)
    await send_outcome(context.bot, chat.id, outcome, reply_to=message.message_id)


async def not_text(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice notes…: a hint; the question stays."""
    await _reply(update, context, await apply(update, context, Conversation.not_text))


async def group_pointer(update: Update, context: BotContext) -> None:
    """A command in a group: the questionnaire is private, so point to the private chat."""
    message = update.effective_message
    if message is None:
        return
    t = await translator(update, context)
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton(t.gettext("Open a private chat"), url=_private_chat_url(context))]]
    )
    text = t.gettext("Your customer profile is private: let's build it in a private chat with me.")
    await message.reply_text(text, reply_markup=markup)


def _private_chat_url(context: BotContext) -> str:
    return f"https://t.me/{context.bot.username}"


async def membership(update: Update, context: BotContext) -> None:
    """The user blocked the bot (or unblocked it, or restarted it) in their private chat."""
    change = update.my_chat_member
    if change is None or change.chat.type != ChatType.PRIVATE or update.effective_user is None:
        return
    blocked = change.new_chat_member.status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)
    await apply(update, context, lambda c: c.set_blocked(blocked))


#: The errors of the update being handled, for a caller that must know whether it failed: the
#: webhook server answers Telegram 500 then, so that the update is delivered again. PTB calls
#: the error handler in the task that handles the update, so the variable is the caller's.
HANDLING_ERRORS: ContextVar[list[BaseException] | None] = ContextVar(
    "handling_errors", default=None)


def _note_failure(error: BaseException) -> bool:
    """Tell the caller that handling failed; False when no caller asked (polling)."""
    errors = HANDLING_ERRORS.get()
    if errors is None:
        return False
    errors.append(error)
    return True


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure without the user's text; when polling, tell the user their answers are
    safe (in webhook mode the update is delivered again instead)."""
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(context.error, Forbidden) and isinstance(update, Update):
        # The user blocked the bot: nothing can reach them; remember it and carry on.
        _log.info("update %s: the user blocked the bot; marked inactive", update_id)
        if update.effective_user is not None:
            try:
                await apply(update, context, lambda c: c.set_blocked(True), once=False)
            except Exception as error:  # storage is down: the update must be handled again
                _note_failure(error)
                _log.exception("update %s: could not mark the user inactive", update_id)
        return
    _log.error("error while handling update %s", update_id, exc_info=context.error)
    # Telegram refusing a request (400: chat not found, message too long…) refuses it again
    # when the update comes again: that update is done, as in polling. Anything else (storage,
    # the network) may work next time.
    if (context.error is not None and not isinstance(context.error, BadRequest)
            and _note_failure(context.error)):
        # Webhook mode: Telegram is answered 500 and delivers the update again, so the owner
        # gets the real reply; "please try again" would only invite the same answer twice.
        return
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_user is None:
        return
    try:
        t = await translator(update, context)
        apology = t.gettext(
            "Sorry, something went wrong on my side. Your saved answers are safe; "
            "please try again."
        )
        await context.bot.send_message(update.effective_chat.id, apology)
    except Exception:  # the apology is best effort; the original error is already logged
        _log.exception("could not send the apology for update %s", update_id)

