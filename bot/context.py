"""The handlers' context: the shared services (storage, catalogs) reach handlers through it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from flows.conversation import Conversation
from flows.i18n import Catalogs
from flows.reminders import ReminderPolicy
from storage.base import Backend, ProfileRepository, ProfileStore

__all__ = ["SERVICES_KEY", "BotContext", "Services"]

#: The key under which `Services` sit in `application.bot_data`.
SERVICES_KEY = "services"


@dataclass(frozen=True)
class Services:
    """What every handler may use; built once in `build_application`."""

    #: Storage, with its unit of work per owner, reminder scheduler and health check.
    backend: Backend
    catalogs: Catalogs
    admin_ids: frozenset[int]
    reminders: ReminderPolicy = field(default_factory=ReminderPolicy)

    @property
    def repository(self) -> ProfileRepository:
        """The backend's repository, for reads and whole-database work (export, stats)."""
        return self.backend.repository


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's context with typed access to our services."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def services(self) -> Services:
        """The shared services."""
        services: Services = self.bot_data[SERVICES_KEY]
        return services

    def conversation(self, update: Update, store: ProfileStore | None = None) -> Conversation:
        """The conversation of the update's user, with their profile loaded from `store`
        (one unit of work, `Backend.units`), or from the repository for a read."""
        user = update.effective_user
        if user is None:  # the handlers' filters only pass updates that have a user
            raise ValueError("update without a user")
        return Conversation(
            store if store is not None else self.services.repository,
            self.services.catalogs,
            user.id,
            client_language=user.language_code,
            reminders=self.services.reminders,
        )
