"""Showing a conversation's `Outcome` in Telegram: messages, inline keyboards, button toasts."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from functools import partial

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    ReplyParameters,
)
from telegram.constants import MessageLimit
from telegram.error import BadRequest, NetworkError
from telegram.ext import ExtBot

from flows.replies import Attachment, Outcome, Reply

__all__ = ["close_pressed_keyboard", "keyboard", "send_attachment", "send_outcome", "split_text"]


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """The inline keyboard for a reply's buttons (None when it has none)."""
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(button.label, callback_data=button.action) for button in row]
            for row in reply.buttons
        ]
    )


def split_text(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Cut text into messages Telegram accepts, preferring paragraph, then line breaks."""
    chunks: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n\n", 0, limit)
        if cut <= 0:
            cut = text.rfind("\n", 0, limit)
        if cut <= 0:
            cut = limit
        chunks.append(text[:cut])
        text = text[cut:].lstrip("\n")
    chunks.append(text)
    return chunks


#: Pauses before resending a message whose request failed on the network (seconds).
NETWORK_RETRY_DELAYS = (0.5, 2.0)


async def _with_network_retries(send: Callable[[], Awaitable[object]]) -> None:
    """Send, and resend after a dropped connection or a timeout.

    The answer is already stored, so the worst case of a resend is the same message twice
    (the first attempt may have arrived); not resending would leave the owner without their
    next question. Telegram's refusals (`BadRequest`, `Forbidden`) are not retried, and 429s
    are handled by the rate limiter.
    """
    for delay in (*NETWORK_RETRY_DELAYS, None):
        try:
            await send()
            return
        except BadRequest:
            raise
        except NetworkError:
            if delay is None:
                raise
            await asyncio.sleep(delay)


async def send_outcome(
    bot: ExtBot[None], chat_id: int, outcome: Outcome, reply_to: int | None = None
) -> None:
    """Send every reply in order; a keyboard goes under the last part of a long reply.

    `reply_to`: the first message quotes that message of the chat (sent anyway if it is gone).
    """
    quote = None
    if reply_to is not None:
        quote = ReplyParameters(reply_to, allow_sending_without_reply=True)
    for reply in outcome.replies:
        parts = split_text(reply.text)
        for index, part in enumerate(parts):
            markup = keyboard(reply) if index == len(parts) - 1 else None
            await _with_network_retries(
                partial(bot.send_message, chat_id, part, reply_markup=markup,
                        reply_parameters=quote)
            )
            quote = None
    for attachment in outcome.attachments:
        await send_attachment(bot, chat_id, attachment)


async def send_attachment(bot: ExtBot[None], chat_id: int, attachment: Attachment) -> None:
    """Upload a file: a picture is shown inline, anything else arrives as a document."""

    async def upload() -> None:
        document = InputFile(attachment.data, filename=attachment.name)
        if attachment.is_picture:
            await bot.send_photo(chat_id, document)
        else:
            await bot.send_document(chat_id, document)

    await _with_network_retries(upload)


async def close_pressed_keyboard(query: CallbackQuery, accepted: bool) -> None:
    """Take the buttons off the pressed message so it cannot be pressed twice.

    When the press was accepted, the pressed button's label stays visible under the message
    text as a record of the choice, as if the user had typed it.
    """
    message = query.message
    if not isinstance(message, Message):  # None, or too old for Telegram to show it to bots
        return
    chosen = None
    if accepted and message.reply_markup is not None:
        chosen = next(
            (
                button.text
                for row in message.reply_markup.inline_keyboard
                for button in row
                if button.callback_data == query.data
            ),
            None,
        )
    try:
        text = message.text
        marked = f"{text}\n\n✓ {chosen}" if chosen and text else None
        if marked and len(marked) <= MessageLimit.MAX_TEXT_LENGTH:
            await query.edit_message_text(marked, reply_markup=None)
        else:
            await query.edit_message_reply_markup(reply_markup=None)
    except BadRequest:
        # Already edited (a double tap), too old to edit, or unchanged: nothing to repair.
        pass
