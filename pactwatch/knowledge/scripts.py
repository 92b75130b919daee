"""Words and keys of the gazetteer in every script: Han text cut into characters, Arabic letters folded.

Chinese is written without spaces, so a run of Han characters is no word: the gazetteer's
``TokenStream`` cuts it into one token per character, and a Han phrase of the tables ('摩洛哥',
'国际移民组织') becomes a key of characters. The one longest-match pass over the tokens is then a
forward maximum match over the Han text: '几内亚比绍' wins over '几内亚', '联合国难民署' over '联合国',
and the stop phrases of ``entity_stoplist.tsv`` ('发展中', '拉美', '非法') take the characters of
common words that would otherwise be read across a word boundary ('发展中国家' holds no China,
'拉美国家' no United States).

Arabic keys are folded beyond ``fold`` (which already drops the short vowels and the hamza on
alif): alif maqsura is read as ya ('مالى' = 'مالي'), Persian yeh and kaf as their Arabic letters,
and the tatweel stretch is dropped. ``pactwatch.knowledge.arabic`` then splits the prefixes written
joined to a word ('وغانا' = 'و' + 'غانا').
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.normalize import fold

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# A word: a run of letters and digits outside Han, or one Han character.
_SPLIT_HAN = re.compile(rf"([^\W{HAN}]+|[{HAN}])")
_SPLIT = re.compile(r"(\w+)")  # the same split, faster, for a text without Han
_WORDS = re.compile(rf"[^\W{HAN}]+|[{HAN}]")
_HAN_CHAR = re.compile(rf"[{HAN}]")
_ARABIC_CHAR = re.compile(r"[\u0600-\u06ff]")
_ARABIC_FOLD = str.maketrans({"\u0649": "\u064a", "\u06cc": "\u064a", "\u06a9": "\u0643", "\u0640": None})


def split_words(text: str) -> list[str]:
    """``text`` as separator, word, separator, word, ..., separator (``re.split`` with a group)."""
    return (_SPLIT_HAN if has_han(text) else _SPLIT).split(text)


def word_key(word: str) -> str:
    """The lookup key of one word: ``fold`` (lower case, no accents, no short vowels), and Arabic
    letters that are written two ways folded to one ('مالى' -> 'مالي', tatweel dropped)."""
    key = fold(word)
    return key if key.isascii() else key.translate(_ARABIC_FOLD)


cached_word_key = lru_cache(maxsize=1 << 16)(word_key)


def phrase_keys(phrase: str) -> tuple[str, ...]:
    """The key of a phrase as the gazetteer reads it: the keys of its words, a Han character being one
    word ('摩洛哥' -> ('摩', '洛', '哥')). For Latin phrases it equals ``matching.phrase_key``."""
    return tuple(map(cached_word_key, _WORDS.findall(phrase)))


# UTF-8 lead bytes of the Arabic block (U+0600-06FF) and of U+3000-9FFF (Han and CJK punctuation):
# looking for a few bytes (memchr) is ten times faster than a regular expression over a Latin text.
_ARABIC_LEADS = tuple(bytes([b]) for b in range(0xD8, 0xDC))
_HAN_LEADS = tuple(bytes([b]) for b in range(0xE3, 0xEA))


def has_han(text: str) -> bool:
    """``text`` holds a Han character (of the main blocks)."""
    data = text.encode("utf-8", "surrogatepass")
    return any(lead in data for lead in _HAN_LEADS) and _HAN_CHAR.search(text) is not None


def has_arabic(text: str) -> bool:
    """``text`` holds an Arabic letter."""
    data = text.encode("utf-8", "surrogatepass")
    return any(lead in data for lead in _ARABIC_LEADS) and _ARABIC_CHAR.search(text) is not None


def is_arabic_word(key: str) -> bool:
    """The word (or key) is written in Arabic script."""
    return "\u0600" <= key[:1] <= "\u06ff"
