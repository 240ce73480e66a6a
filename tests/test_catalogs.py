"""The gettext catalogs: complete, current, compilable, and safe for each language's script."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from flows.conversation import Conversation
from flows.i18n import DOMAIN, LOCALES_DIR, SOURCE_LANGUAGE, Catalogs
from flows.replies import Verb, action
from storage.memory import MemoryRepository
from tests.helpers import progress

ROOT = LOCALES_DIR.parent
TEMPLATE = LOCALES_DIR / "messages.pot"
PLACEHOLDER = re.compile(r"\{\w+\}")
#: The menu's wording for the languages we ship. A new catalog needs no line here: its name and
#: direction come from CLDR, checked for every catalog.
SHIPPED = {"en": ("English", False), "pl": ("Polski", False), "fa": ("فارسی", True)}
#: A language none of our catalogs will take (Greenlandic), for a throwaway catalog: a test that
#: made a German one would collide with the real German catalog once it is added.
THROWAWAY = "kl"
# The extraction command documented in docs/translating.md.
EXTRACT = ["-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "N_",
           "--no-location", "--add-comments=TRANSLATORS:", "--sort-output",
           "--project=customer-profile-bot", "--copyright-holder=customer-profile-bot"]


def _catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as po_file:
        return read_po(po_file, locale=locale)


def _ids(catalog: Catalog) -> set[str | tuple[str, ...] | list[str]]:
    return {message.id for message in catalog if message.id}


def _forms(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """A message's id or string as a tuple: one item, one per plural form, or none."""
    if value is None:
        return ()
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def _catalog_languages() -> list[str]:
    """Every language with a catalog in locales/, the source language's included."""
    return [p.name for p in sorted(LOCALES_DIR.iterdir())
            if (p / "LC_MESSAGES" / f"{DOMAIN}.po").exists()]


def _translated_languages() -> list[str]:
    return [language for language in _catalog_languages() if language != SOURCE_LANGUAGE]


def test_the_template_holds_exactly_the_strings_in_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.pot"
    subprocess.run([sys.executable, *EXTRACT, "-o", str(fresh), "."], cwd=ROOT, check=True,
                   capture_output=True)
    assert _ids(_catalog(fresh)) == _ids(_catalog(TEMPLATE)), (
        "locales/messages.pot is stale: run the extract and update commands in docs/translating.md"
    )


@pytest.mark.parametrize("language", _translated_languages())
def test_every_string_is_translated_with_the_same_placeholders(language: str) -> None:
    catalog = _catalog(LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po", language)
    template_ids = _ids(_catalog(TEMPLATE))
    assert _ids(catalog) == template_ids, "run `pybabel update` (see docs/translating.md)"
    assert not catalog.obsolete, f"obsolete entries: {list(catalog.obsolete)[:3]}"
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings, ids = _forms(message.string), _forms(message.id)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if message.fuzzy or not string or set(PLACEHOLDER.findall(string)) != wanted:
                problems.append(ids[0])
    assert problems == []


def test_persian_messages_contain_no_ascii_digits() -> None:
    catalog = _catalog(LOCALES_DIR / "fa" / "LC_MESSAGES" / f"{DOMAIN}.po", "fa")
    for message in catalog:
        for string in _forms(message.string):
            if message.id and string:
                assert not re.search(r"[0-9]", PLACEHOLDER.sub("", string)), string


@pytest.mark.parametrize(
    ("count", "form"), [(1, 0), (2, 1), (5, 2), (22, 1), (25, 2), (12, 2), (101, 2)]
)
def test_polish_plurals_follow_cldr(catalogs: Catalogs, count: int, form: int) -> None:
    catalog = _catalog(LOCALES_DIR / "pl" / "LC_MESSAGES" / f"{DOMAIN}.po", "pl")
    forms = ("Paused. {count} answer is saved.", "Paused. {count} answers are saved.")
    message = catalog.get(forms)
    assert message is not None and isinstance(message.string, (tuple, list))
    expected = message.string[form].format(count=count)
    chosen = catalogs.get("pl").ngettext(*forms, count).format(count=count)
    assert chosen == expected
    assert len(set(message.string)) == 3  # three distinct Polish forms


def test_every_language_in_the_menu_has_a_catalog(catalogs: Catalogs) -> None:
    """The menu is what locales/ holds: the source language first, then by their own names."""
    assert sorted(catalogs.languages) == _catalog_languages()
    assert set(SHIPPED) <= set(catalogs.languages)
    source, *others = catalogs.languages
    assert source == SOURCE_LANGUAGE
    assert others == sorted(others, key=lambda code: catalogs.get(code).name.casefold())
    for t in catalogs:
        assert (t.name, t.is_rtl) == SHIPPED.get(t.language, (t.name, t.is_rtl))
        own_name = Locale.parse(t.language).get_display_name(t.language)
        assert own_name and t.name.casefold() == own_name.casefold()  # "Deutsch", not "de"
        assert t.is_rtl == (Locale.parse(t.language).text_direction == "rtl")


def test_a_new_language_needs_only_its_catalog(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, locales)
    new = Catalog(locale=THROWAWAY, domain=DOMAIN)
    new.add("Choose your language:", "[kl] Choose your language:")
    target = locales / THROWAWAY / "LC_MESSAGES"
    target.mkdir(parents=True)  # FileExistsError if a real catalog took THROWAWAY: pick another
    with (target / f"{DOMAIN}.po").open("wb") as po_file:
        write_po(po_file, new)

    catalogs = Catalogs.load(locales)
    assert "Kalaallisut" in [t.name for t in catalogs]
    conversation = Conversation(MemoryRepository(), catalogs, 1,
                                client_language=f"{THROWAWAY}-GL")
    menu = conversation.language_menu().replies[0]
    assert menu.text == "[kl] Choose your language:"
    assert action(Verb.LANGUAGE, None, THROWAWAY) in [b.action for row in menu.buttons
                                                       for b in row]
    # Untranslated strings fall back to English rather than failing.
    assert conversation.start().replies[-1].text.startswith(progress(catalogs.get("en"), 1))


def test_a_catalog_that_does_not_parse_stops_loading(tmp_path: Path) -> None:
    from flows.i18n import CatalogError

    broken = tmp_path / "en" / "LC_MESSAGES"
    broken.mkdir(parents=True)
    po_text = 'msgid "a"\nmsgstr "b"\nnot a po line\n'
    (broken / f"{DOMAIN}.po").write_text(po_text, encoding="utf-8")
    with pytest.raises(CatalogError, match="messages"):
        Catalogs.load(tmp_path)


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "November 22, 2026"), ("pl", "22 listopada 2026"), ("fa", "۱ آذر ۱۴۰۵")],
)
def test_dates_are_written_in_each_languages_calendar(
    catalogs: Catalogs, language: str, shown: str
) -> None:
    assert catalogs.get(language).date(date(2026, 11, 22)) == shown


@pytest.mark.parametrize(
    ("language", "shown"), [("en", "12,345"), ("pl", "12 345"), ("fa", "۱۲٬۳۴۵")]
)
def test_numbers_use_the_locales_grouping_and_digits(
    catalogs: Catalogs, language: str, shown: str
) -> None:
    assert catalogs.get(language).number(12345).replace("\u00a0", " ") == shown
