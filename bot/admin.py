"""Admin commands in the chat: `/export` (documents) and `/stats` (text and a chart).

Every call checks the caller's numeric user id against `BOT_ADMIN_IDS`; anyone else gets a polite
refusal and nothing of the data. Each admin action is logged with who, what and when, never with
answer contents. The files are built in worker threads from one read of the owners, spooled to
temporary files (`storage.export_parts`) and sent one part at a time, so the bot keeps
answering owners while a large export is prepared and its memory stays flat at any size.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.constants import ChatAction

from bot.context import BotContext
from bot.handlers import translator
from bot.replies import send_attachment
from flows.admin import (
    ExportRequest,
    RequestError,
    export_summary_text,
    is_admin,
    parse_export_request,
    refusal_text,
    request_error_text,
    stats_text,
    unreadable_text,
)
from flows.i18n import Translator
from flows.images import completion_chart
from flows.questions import QUESTION_KEYS
from flows.replies import Attachment
from storage.export_parts import ExportPart, ExportSpool

__all__ = ["export", "stats"]

_log = logging.getLogger(__name__)


async def _admin_translator(
    update: Update, context: BotContext, command: str
) -> Translator | None:
    """The caller's translator if they are an admin; otherwise refuse, log, and return None."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return None
    t = await translator(update, context)
    if not is_admin(user.id, context.services.admin_ids):
        _log.warning("refused /%s to user %d: not an admin", command, user.id)
        await context.bot.send_message(chat.id, refusal_text(t))
        return None
    return t


async def export(update: Update, context: BotContext) -> None:
    """/export [filters]: the matching profiles as CSV, JSON and XLSX documents."""
    t = await _admin_translator(update, context, "export")
    if t is None or update.effective_user is None or update.effective_chat is None:
        return
    chat_id = update.effective_chat.id
    services = context.services
    try:
        request = parse_export_request(context.args or [], services.catalogs.languages)
    except RequestError as error:
        await context.bot.send_message(chat_id, request_error_text(t, error))
        return
    _log.info("admin %d: /export %s as %s%s", update.effective_user.id,
              request.selection.describe(), ",".join(request.formats),
              " with history" if request.history else "")
    # Reading every profile takes seconds at 100,000 owners: off the event loop, so that
    # everyone else's answers keep flowing meanwhile. A damaged one is named and left out.
    unreadable: list[int] = []

    def read() -> ExportSpool:
        """Every matching profile, read once and spooled in each format asked."""
        return ExportSpool(services.repository.iter_all(request.selection, unreadable=unreadable),
                           QUESTION_KEYS, request.formats, selection=request.selection,
                           history=request.history)

    with await asyncio.to_thread(read) as spool:
        count = spool.profiles
        if unreadable:
            await context.bot.send_message(chat_id, unreadable_text(t, unreadable))
        if count:
            await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
        parts = await asyncio.to_thread(_plan, spool, request) if count else []
        await context.bot.send_message(
            chat_id, export_summary_text(t, count, len(parts), history=request.history))
        for part in parts:  # one part's bytes in memory at a time
            data = await asyncio.to_thread(part.read)
            await send_attachment(context.bot, chat_id, Attachment(part.name, data))


def _plan(spool: ExportSpool, request: ExportRequest) -> list[ExportPart]:
    return [part for output_format in request.formats for part in spool.parts(output_format)]


async def stats(update: Update, context: BotContext) -> None:
    """/stats: started and completed profiles by language, and where owners give up."""
    t = await _admin_translator(update, context, "stats")
    if t is None or update.effective_user is None or update.effective_chat is None:
        return
    chat_id = update.effective_chat.id
    _log.info("admin %d: /stats", update.effective_user.id)
    numbers = await asyncio.to_thread(context.services.repository.stats, QUESTION_KEYS)
    await context.bot.send_message(chat_id, stats_text(t, numbers, context.services.catalogs))
    if numbers.unreadable:
        await context.bot.send_message(chat_id, unreadable_text(t, numbers.unreadable))
    if not numbers.started:  # an empty chart says nothing the text did not
        return
    chart = await asyncio.to_thread(completion_chart, t, numbers)
    await send_attachment(context.bot, chat_id, Attachment("stats.png", chart, is_picture=True))
