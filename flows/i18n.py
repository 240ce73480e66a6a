"""Message catalogs: loaded once at start-up, one `Translator` per language.

Catalogs are the `.po` files under `locales/<lang>/LC_MESSAGES/`. They are compiled in memory when
loaded (Babel's own reader and `.mo` writer), so a translator's edit can never be shadowed by a
stale `.mo` file, and a `.po` that does not parse stops start-up instead of failing mid-chat.
Right-to-left and native digits are read from CLDR locale data, never from a list of languages.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from io import BytesIO
from pathlib import Path

import jdatetime
from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_decimal, format_percent

__all__ = [
    "DOMAIN",
    "LOCALES_DIR",
    "N_",
    "SOURCE_LANGUAGE",
    "CatalogError",
    "Catalogs",
    "Translator",
    "compile_po",
]

#: Where the catalogs live, relative to the project root.
#: The catalogs: `locales/` in a clone, or `flows/locales/` where `pip install .` puts them.
LOCALES_DIR = next(
    (folder for folder in (Path(__file__).resolve().parent.parent / "locales",
                           Path(__file__).resolve().parent / "locales")
     if (folder / "messages.pot").is_file()),
    Path(__file__).resolve().parent.parent / "locales",
)
#: The gettext domain: `locales/<lang>/LC_MESSAGES/messages.po`.
DOMAIN = "messages"
#: The language the msgids are written in; every other language falls back to it.
SOURCE_LANGUAGE = "en"

#: Digits of the CLDR numbering systems our languages use by default. Babel formats grouping and
#: decimal symbols of a numbering system but always emits ASCII digits, so the digits are swapped
#: here.
_DIGITS = {
    "latn": "0123456789",
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
}

#: Languages whose readers date things in the Solar Hijri calendar (CLDR's "persian"). Babel
#: formats only Gregorian dates, so these go through jdatetime; every other language gets Babel's
#: long Gregorian date in its own locale ("22 listopada 2026").
_SOLAR_HIJRI_LANGUAGES = frozenset({"fa"})

# Unicode "first strong isolate" and "pop directional isolate": wrapping user text in them keeps
# a Latin word or a number typed by the user from reordering a right-to-left sentence around it.
_FSI = "\u2068"
_PDI = "\u2069"
# "Right-to-left mark": an invisible strong character that sets a line's direction.
_RLM = "\u200f"
#: Embeddings, overrides and isolates (LRE…RLO, LRI…PDI). Inside quoted user text they are
#: dropped: a typed PDI would close our isolate early and let the rest of the answer reorder the
#: sentence around it, and an unclosed override would reverse it. Marks (LRM, RLM) stay.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a string for extraction without translating it (translated where it is shown)."""
    return message


class CatalogError(RuntimeError):
    """A catalog is missing or cannot be compiled; raised at start-up, never mid-conversation."""


def compile_po(po_path: Path, language: str) -> gettext.GNUTranslations:
    """Parse a `.po` file and compile it in memory into a gettext translations object."""
    try:
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=language, abort_invalid=True)
    except (OSError, PoFileError, ValueError) as error:
        raise CatalogError(f"cannot read catalog {po_path}: {error}") from error
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@dataclass(frozen=True)
class Translator:
    """Everything language-specific a message needs: words, plurals, digits and direction."""

    language: str
    translations: gettext.NullTranslations
    locale: Locale
    #: Msgids a door words its own way, e.g. the console's "type the number" for "tap": the
    #: flows stay free of doors, and each msgid is still translated by the catalogs.
    substitutes: Mapping[str, str] = field(default_factory=dict)

    def gettext(self, message: str) -> str:
        """Translate one message (falls back to the English msgid)."""
        return self.translations.gettext(self.substitutes.get(message, message))

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """Translate a message whose form depends on `count` (CLDR plural rules of the catalog)."""
        return self.translations.ngettext(singular, plural, count)

    @property
    def is_rtl(self) -> bool:
        """True for right-to-left scripts such as Persian."""
        return self.locale.text_direction == "rtl"

    @property
    def name(self) -> str:
        """The language's name in itself ("Polski", "فارسی"), for the language menu."""
        display = self.locale.get_display_name(self.language) or self.language
        return display[:1].upper() + display[1:]

    def number(self, value: int) -> str:
        """Format an integer with the locale's grouping and native digits (۱۲ in Persian)."""
        # The locale's default numbering system brings its own separators (Persian "٬").
        text = format_decimal(value, locale=self.locale, numbering_system="default")
        return self.digits(text)

    def percent(self, share: float, *, exact: bool = False) -> str:
        """Format a share such as 0.42 as a whole percentage ("42%", "۴۲٪"); `exact` keeps
        its decimals (an owner's 1.5% conversion rate is not 2%)."""
        text = format_percent(share, locale=self.locale, numbering_system="default",
                              decimal_quantization=not exact)
        # Babel keeps the pattern's ASCII "%"; CLDR gives Persian its own sign, "٪".
        system = self.locale.default_numbering_system or "latn"
        sign = self.locale.number_symbols.get(system, {}).get("percentSign", "%")
        return self.digits(text.replace("%", sign))

    def enumerate(self, items: list[str]) -> str:
        """Items one after another with the language's separator (Persian "،"), no "and"."""
        middle: str = self.locale.list_patterns["standard"]["middle"]
        separator = middle.replace("{0}", "").replace("{1}", "")
        return separator.join(items)

    def parts(self, items: list[str]) -> str:
        """The parts of one line, e.g. "Version 2 · 3 December 2026 · 2 answers changed"."""
        # TRANSLATORS: separates the parts of one line. Persian: a dash, since a middle dot
        # after a Persian digit reads as a zero.
        return self.gettext(" · ").join(items)

    def digits(self, text: str) -> str:
        """Replace ASCII digits in `text` with the locale's native digits."""
        native = _DIGITS.get(self.locale.default_numbering_system or "latn", _DIGITS["latn"])
        if native == _DIGITS["latn"]:
            return text
        return text.translate(str.maketrans(_DIGITS["latn"], native))

    def date(self, day: date) -> str:
        """A calendar day as a reader of the language writes it (Persian: ۱ آذر ۱۴۰۵)."""
        if self.language in _SOLAR_HIJRI_LANGUAGES:
            solar = jdatetime.date.fromgregorian(date=day, locale="fa_IR")
            month = solar.j_months_fa[solar.month - 1]
            # The year is written without a thousands separator, as on any Persian calendar.
            return self.digits(f"{solar.day} {month} {solar.year}")
        return self.digits(format_date(day, format="long", locale=self.locale))

    def isolate(self, user_text: str) -> str:
        """Wrap user-typed text so that its direction cannot scramble the sentence around it.

        The bidi controls it contains are left out of the quote (the stored text keeps them).
        """
        return f"{_FSI}{user_text.translate(_BIDI_CONTROLS)}{_PDI}"

    def line(self, text: str) -> str:
        """Keep a line in the language's direction even when it starts with "/start" or Latin."""
        return f"{_RLM}{text}" if self.is_rtl else text


class Catalogs:
    """All loaded languages, keyed by code, with normalisation of Telegram's `language_code`."""

    def __init__(self, translators: dict[str, Translator]) -> None:
        if SOURCE_LANGUAGE not in translators:
            raise CatalogError(f"the source language {SOURCE_LANGUAGE!r} has no catalog")
        self._translators = translators

    @classmethod
    def load(cls, locales_dir: Path = LOCALES_DIR) -> Catalogs:
        """Compile every `<lang>/LC_MESSAGES/messages.po` under `locales_dir`."""
        translators: dict[str, Translator] = {}
        for po_path in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            language = po_path.parent.parent.name
            translations = compile_po(po_path, language)
            translators[language] = Translator(language, translations, Locale.parse(language))
        if not translators:
            raise CatalogError(f"no catalogs found under {locales_dir}")
        return cls(translators)

    @property
    def languages(self) -> list[str]:
        """Language codes in menu order: the source language first, then by their own names."""
        others = sorted(
            (code for code in self._translators if code != SOURCE_LANGUAGE),
            key=lambda code: self._translators[code].name.casefold(),
        )
        return [SOURCE_LANGUAGE, *others]

    def with_substitutes(self, substitutes: Mapping[str, str]) -> Catalogs:
        """The same catalogs, translating each msgid in `substitutes` as its replacement."""
        return Catalogs({code: replace(translator, substitutes=substitutes)
                         for code, translator in self._translators.items()})

    def __iter__(self) -> Iterator[Translator]:
        return (self._translators[code] for code in self.languages)

    def __contains__(self, language: object) -> bool:
        return language in self._translators

    def get(self, language: str | None) -> Translator:
        """The translator for a stored or Telegram language code, or the source language."""
        return self._translators[self.match(language)]

    def match(self, language_code: str | None) -> str:
        """Map a code such as "pl-PL", "fa_IR" or "PL" to a loaded language, else English."""
        if not language_code:
            return SOURCE_LANGUAGE
        normalized = language_code.replace("_", "-").lower()
        if normalized in self._translators:
            return normalized
        base = normalized.split("-", 1)[0]
        return base if base in self._translators else SOURCE_LANGUAGE

