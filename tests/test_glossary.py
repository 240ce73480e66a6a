"""The glossary (`locales/glossary.csv`): the terms every translation must render the same way.

A msgid that contains a glossary term (a whole word, any case, plural too) must have translations
that contain the glossary's rendering: Polish on a stem, so that every case and number passes
(„profil”, „profilu”); Persian on the term, so that suffixes joined by a ZWNJ pass
(«پروفایلتان»). A rendering the glossary forbids («نیم‌رخ», „zobowiązania”) fails anywhere.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from flows.i18n import DOMAIN, LOCALES_DIR

GLOSSARY = LOCALES_DIR / "glossary.csv"
#: The glossary's columns that are not a translation's rendering.
_NOT_LANGUAGES = ("en", "forbidden", "note")


def _glossary_languages() -> tuple[str, ...]:
    """The languages the glossary has a column for: a new language's column is checked with no
    change here (its catalog must exist)."""
    with GLOSSARY.open(encoding="utf-8", newline="") as file:
        header = next(csv.reader(file))
    return tuple(column for column in header if column not in _NOT_LANGUAGES)


LANGUAGES = _glossary_languages()
_PLACEHOLDER = re.compile(r"\{\w+\}")
_COMMAND = re.compile(r"/[a-z_]+")

#: Messages where a rendering cannot appear, with the reason: (language, msgid, English term).
#: Keep this short; a new entry needs a reason a reviewer would accept.
EXCEPTIONS: dict[tuple[str, str, str], str] = {}


@dataclass(frozen=True)
class Term:
    """One row of the glossary."""

    english: str
    renderings: dict[str, tuple[str, ...]]
    forbidden: dict[str, tuple[str, ...]]
    note: str

    @property
    def pattern(self) -> re.Pattern[str]:
        """The English term as a whole word or phrase, singular or plural, any case."""
        return re.compile(rf"\b{re.escape(self.english)}(?:s|es)?\b", re.IGNORECASE)

    def rendered(self, language: str, translation: str) -> bool:
        """True when the translation holds one of the term's renderings (or none is given)."""
        renderings = self.renderings[language]
        if not renderings:
            return True
        if language == "pl":  # a stem at the start of a word, any ending
            stems = "|".join(re.escape(stem) for stem in renderings)
            return re.search(rf"\b(?:{stems})", translation, re.IGNORECASE) is not None
        return any(rendering in translation for rendering in renderings)


def load_glossary() -> list[Term]:
    """Read the glossary: `|` separates alternatives; forbidden items are `language:text`."""
    terms = []
    with GLOSSARY.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            forbidden: dict[str, tuple[str, ...]] = {language: () for language in LANGUAGES}
            for item in filter(None, row["forbidden"].split("|")):
                language, text = item.split(":", 1)
                forbidden[language] += (text,)
            renderings = {language: tuple(filter(None, row[language].split("|")))
                          for language in LANGUAGES}
            terms.append(Term(row["en"], renderings, forbidden, row["note"]))
    return terms


def _catalog(language: str) -> Catalog:
    with (LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as file:
        return read_po(file, locale=language)


def _pairs(catalog: Catalog) -> Iterator[tuple[str, str]]:
    """(msgid, translation) for every translated form; plural forms against the plural msgid."""
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        strings = message.string if isinstance(message.string, (tuple, list)) else (
            message.string,)
        for index, string in enumerate(strings):
            if string:
                yield ids[min(index, len(ids) - 1)], string


def _searchable_msgid(msgid: str) -> str:
    """Placeholders dropped and every command written as "/command", so that "/review" is not
    the word "review" and "Send /start" matches the glossary's "send /command"."""
    return _COMMAND.sub("/command", _PLACEHOLDER.sub("", msgid))


def violations(language: str, catalog: Catalog, terms: list[Term]) -> list[str]:
    """Every place where `catalog` breaks the glossary, as readable lines."""
    found = []
    for msgid, translation in _pairs(catalog):
        text = _PLACEHOLDER.sub("", translation)
        for term in terms:
            for banned in term.forbidden[language]:
                if banned.casefold() in text.casefold():
                    found.append(f"{language}: forbidden {banned!r} in {translation!r}")
            if not term.pattern.search(_searchable_msgid(msgid)):
                continue
            if (language, msgid, term.english) in EXCEPTIONS:
                continue
            if not term.rendered(language, text):
                found.append(f"{language}: {term.english!r} is not rendered as "
                             f"{'|'.join(term.renderings[language])} in {translation!r} "
                             f"(msgid {msgid!r})")
    return found


TERMS = load_glossary()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_follows_the_glossary(language: str) -> None:
    assert violations(language, _catalog(language), TERMS) == []


def test_the_glossary_covers_the_required_terms_and_each_is_still_used() -> None:
    assert {"pl", "fa"} <= set(LANGUAGES)  # read from the header: a typo there checks nothing
    english = {term.english for term in TERMS}
    assert {"profile", "persona", "answer", "question", "tip", "review", "experienced",
            "beginner", "send /command"} <= english
    template = [_searchable_msgid(msgid) for msgid, _ in _pairs(_catalog("pl"))]
    for term in TERMS:
        assert any(term.pattern.search(msgid) for msgid in template), term.english
        assert term.note and all(term.renderings[language] for language in LANGUAGES)


def test_the_exceptions_name_real_messages() -> None:
    for language, msgid, english in EXCEPTIONS:
        assert _catalog(language).get(msgid) is not None, msgid
        assert english in {term.english for term in TERMS}


@pytest.mark.parametrize(
    ("language", "good", "bad"),
    [("fa", "پروفایل", "نیم‌رخ"), ("pl", "przywiązanie", "zobowiązania")],
)
def test_the_check_fails_if_a_rejected_rendering_comes_back(
    language: str, good: str, bad: str
) -> None:
    catalog = _catalog(language)
    changed = 0
    for message in catalog:
        if message.id and isinstance(message.string, str) and good in message.string:
            message.string = message.string.replace(good, bad)
            changed += 1
    assert changed
    found = violations(language, catalog, TERMS)
    assert any(line.startswith(f"{language}: forbidden") for line in found)
    assert any("is not rendered as" in line for line in found)
