"""Role phrases: "der russische Präsident", "Kreml-Sprecher", "der Sprecher des Kremls",
"ein russisches Gericht", "die litauische Expertin".

A phrase is a role noun, sector noun or descriptor (``roles.yaml``), possibly a compound whose
prefix names the body ("US-Präsident"), with country adjectives and modifiers to its left and
an optional genitive complement to its right ("des Europäischen Rates").
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from ..nlp.wordlist import lemmatize
from ..settings import MEMO_SIZE
from .kb import KnowledgeBase, Lexicon, RoleNoun
from .matcher import at_sentence_start, is_common_word
from .mention import Mention

MIN_SUFFIX = 4
MAX_LEFT = 4
ADJ_ENDINGS = ("e", "en", "er", "es", "em")
PAST_PREFIXES = ("ex", "alt", "früher", "ehemalig")


@dataclass
class RolePhrase:
    """A role, sector or descriptor phrase found at ``noun`` (token index)."""

    start: int
    end: int
    noun: int
    kind: str  # role | sector | descriptor
    of: str | None = None
    country: str | None = None
    sector: str | None = None
    roles: tuple[str, ...] = ()
    label: str | None = None
    past: bool = False
    indefinite: bool = False  # "ein Sprecher": one of several, not the office holder


# per KB (and its lexicon): word -> split_compound result (emptied when full), and the
# lexicon's nouns of all three kinds by word
_SPLITS: weakref.WeakKeyDictionary[
    KnowledgeBase, tuple[Lexicon, dict[str, Any], dict[str, tuple[str, object]]]
] = weakref.WeakKeyDictionary()
SPLIT_CACHE_SIZE = MEMO_SIZE


def split_compound(word: str, kb: KnowledgeBase) -> tuple[str, object, str] | None:
    """Longest known noun at the end of ``word``: (kind, entry, prefix) or None."""
    held = _SPLITS.get(kb)
    if held is None or held[0] is not kb.lexicon:
        held = _SPLITS[kb] = (kb.lexicon, {}, _nouns(kb.lexicon))
    elif len(held[1]) >= SPLIT_CACHE_SIZE:
        held = _SPLITS[kb] = (kb.lexicon, {}, held[2])
    cache = held[1]
    if word not in cache:
        cache[word] = _split_compound(word, held[2])
    result: tuple[str, object, str] | None = cache[word]
    return result


def _nouns(lexicon: Lexicon) -> dict[str, tuple[str, object]]:
    """Every role noun, sector noun and descriptor -> (kind, entry); a word in several tables
    is the role noun before the sector noun before the descriptor."""
    nouns: dict[str, tuple[str, object]] = {}
    for kind, table in (
        ("descriptor", lexicon.descriptors),
        ("sector", lexicon.sector_nouns),
        ("role", lexicon.role_nouns),
    ):
        nouns.update((word, (kind, entry)) for word, entry in table.items())
    return nouns


def _split_compound(word: str, nouns: dict[str, tuple[str, object]]) -> tuple[str, object, str] | None:
    for k in range(len(word)):
        suffix = word[k:]
        if k and len(suffix) < MIN_SUFFIX:
            return None
        found = nouns.get(suffix)
        if found is not None:
            return found[0], found[1], word[:k]
    return None


def resolve_prefix(prefix: str, kb: KnowledgeBase) -> str | None:
    prefix = prefix.strip("-")
    if not prefix:
        return None
    found = kb.prefix(prefix)
    if found is None and prefix.endswith("s") and len(prefix) > 3:
        found = kb.prefix(prefix[:-1])
    if found is None:
        found = kb.adjectives.get(prefix)
    return found


def find_phrase(
    doc: Doc,
    i: int,
    kb: KnowledgeBase,
    adjectives: dict[int, str],
    names: dict[int, Mention],
    texts: list[str] | None = None,
) -> RolePhrase | None:
    """The role phrase whose noun is token ``i`` (``texts``: the Doc's token texts, when the
    caller has them: most tokens are no role noun, and this answers that without a ``Token``)."""
    texts = texts if texts is not None else [t.text for t in doc]
    text = texts[i]
    if not text[:1].isupper():
        return None
    first = i
    lower = text.lower()
    two_words = f"{lower} {texts[i + 1].lower()}" if i + 1 < len(texts) else ""
    if two_words in kb.lexicon.role_nouns:  # English "Prime Minister"
        split: tuple[str, object, str] | None = ("role", kb.lexicon.role_nouns[two_words], "")
        i += 1
    else:
        split = split_compound(lower, kb)
    if split is None:
        return None
    kind, entry, prefix = split
    prefix = text[: len(prefix)]  # original case: "AU-" is an organisation, "Aus" is not
    phrase = RolePhrase(start=first, end=i + 1, noun=i, kind=kind)
    bare_prefix = prefix.strip("-").lower()
    phrase.past = bare_prefix in PAST_PREFIXES
    prefix_of = None if phrase.past else resolve_prefix(prefix, kb)
    unknown_prefix = bool(bare_prefix) and prefix_of is None and not phrase.past
    if unknown_prefix and kind == "sector":
        return None
    if kind == "role":
        assert isinstance(entry, RoleNoun)
        # "Vizekanzler", "Polizeichef": an unknown prefix makes it another office
        phrase.roles = () if unknown_prefix else entry.roles
        phrase.label = entry.noun
    elif kind == "sector":
        phrase.sector = str(entry)
    else:
        phrase.label = str(entry)
    left_of = _extend_left(doc, phrase, kb, adjectives, names)
    genitive_of = _extend_right(doc, phrase, kb, adjectives, names) or left_of
    default_of = entry.of if isinstance(entry, RoleNoun) else None
    if phrase.sector is None:
        genitive_of = genitive_of or phrase.country
    phrase.of = _choose_of(kb, prefix_of, genitive_of, default_of)
    if phrase.of and phrase.country is None:
        actor = kb.get(phrase.of)
        phrase.country = actor.country if actor else None
    return phrase


def _choose_of(
    kb: KnowledgeBase, prefix_of: str | None, genitive_of: str | None, default_of: str | None
) -> str | None:
    chosen = prefix_of or genitive_of
    if chosen and default_of:
        default = kb.get(default_of)
        if default is not None and default.parent == chosen:
            return default_of
    return chosen or default_of


def _extend_left(
    doc: Doc, phrase: RolePhrase, kb: KnowledgeBase, adjectives: dict[int, str], names: dict[int, Mention]
) -> str | None:
    """Adjectives and modifiers before the noun; returns a genitive body before it ("Russlands")."""
    lexicon = kb.lexicon
    ends = {m.end: m for m in names.values()}
    j = phrase.start - 1
    while j >= 0 and phrase.noun - j <= MAX_LEFT:
        token = doc[j]
        word = token.lower_
        body = ends.get(j + 1)
        if body is not None and body.genitive and body.actor_id and _is_body(kb, body.actor_id):
            phrase.start = body.start
            return body.actor_id
        if j in adjectives:
            phrase.country = phrase.country or adjectives[j]
        elif word in lexicon.past_modifiers:
            phrase.past = True
        elif word in lexicon.future_modifiers:
            phrase.indefinite = True
        elif word in lexicon.role_modifiers or _plain_adjective(token, kb):
            pass
        else:
            break
        phrase.start = j
        j -= 1
    before = _skip_articles(doc, j, lexicon.articles)
    if j >= 0 and doc[j].lower_ in lexicon.indefinite_articles:
        phrase.indefinite = True
    elif before >= 0 and doc[before].lower_ in lexicon.office_markers:
        phrase.indefinite = True  # "als Kanzler", "zum Präsidenten": the office, not its holder
    elif j >= 0 and j == phrase.start - 1 and _foreign_owner(doc[j]):
        phrase.indefinite = True  # "Mazda Österreich-Chef": the head of something else
    return None


def _skip_articles(doc: Doc, j: int, articles: set[str]) -> int:
    while j >= 0 and doc[j].lower_ in articles:
        j -= 1
    return j


def _foreign_owner(token: Token) -> bool:
    """A capitalised name right before the role noun owns the role ("Mazda Österreich-Chef")."""
    text = token.text
    return text[:1].isupper() and text.isalpha() and not at_sentence_start(token) and not is_common_word(text)


def _plain_adjective(token: Token, kb: KnowledgeBase) -> bool:
    """An attributive adjective ("nationalistische"): POS when tagged, else a lemma heuristic."""
    word = token.text
    if not (word.isalpha() and word.islower() and word.endswith(ADJ_ENDINGS) and len(word) > 3):
        return False
    if word in kb.lexicon.determiners:
        return False
    if token.doc.has_annotation("POS"):
        return token.pos_ == "ADJ"
    lemma = lemmatize(word)  # simplemma, as matcher.is_common_word
    return lemma != word and not lemma.endswith(("en", "ern", "eln"))


def _extend_right(
    doc: Doc, phrase: RolePhrase, kb: KnowledgeBase, adjectives: dict[int, str], names: dict[int, Mention]
) -> str | None:
    """Genitive complement: "des Kremls", "der Ukraine", "des russischen Außenministeriums"."""
    j = phrase.end
    linked = j < len(doc) and doc[j].lower_ in kb.lexicon.genitive_links
    k = j + 1 if linked else j
    country = None
    while linked and k < len(doc) and k in adjectives:
        country = adjectives[k]
        k += 1
    while linked and k < len(doc) and _plain_adjective(doc[k], kb):
        k += 1
    if k >= len(doc):
        return None
    body = names.get(k)
    if body is not None and body.actor_id and _is_body(kb, body.actor_id):
        if not linked and not body.genitive:
            return None
        phrase.end = body.end
        return body.actor_id
    if linked and doc[k].text[:1].isupper():
        split = split_compound(doc[k].lower_, kb)
        if split and split[0] == "sector" and (country or split[2]):
            phrase.sector = str(split[1])
            phrase.country = country or resolve_prefix(split[2], kb)
            phrase.end = k + 1
            return phrase.country
        if split and split[0] == "role" and (country or resolve_prefix(split[2], kb)):
            # "der Sprecher des russischen Präsidenten": the office of that country
            phrase.country = country or resolve_prefix(split[2], kb)
            phrase.end = k + 1
            return phrase.country
    return None


def _is_body(kb: KnowledgeBase, actor_id: str) -> bool:
    actor = kb.get(actor_id)
    return actor is not None and actor.type != "person"


def role_keys(phrase: RolePhrase, kb: KnowledgeBase) -> list[str]:
    """The concrete role keys a role phrase denotes ("head" of RUS -> president)."""
    sector = kb.lexicon.sectors.get(phrase.sector) if phrase.sector else None
    keys = []
    for role in phrase.roles:
        if role == "head":
            role = (
                (sector.head_role if sector else None)
                or (kb.head_role(phrase.of) if phrase.of else None)
                or ""
            )
        elif role == "spokesperson" and sector and sector.spokesperson_role:
            role = sector.spokesperson_role
        if role:
            keys.append(role)
    return list(dict.fromkeys(keys))


def role_holders(phrase: RolePhrase, kb: KnowledgeBase, start: dt.date, end: dt.date) -> list[str]:
    """Persons holding the phrase's role on the article date (or before it, for "ehemalige")."""
    if phrase.of is None or phrase.indefinite:
        return []
    if not kb.lexicon.unique_roles.issuperset(role_keys(phrase, kb)):
        return []  # "der russische Botschafter": one of many
    holders: list[str] = []
    for role in role_keys(phrase, kb):
        for body in [phrase.of, *_bodies_with_head(kb, phrase.of, role)]:
            if phrase.past:
                found = kb.previous_holders(role, body, start)[:1]
            else:
                found = kb.role_holders(role, body, start, end)
            if found:
                holders.extend(found)
                break
    return list(dict.fromkeys(holders))


def _bodies_with_head(kb: KnowledgeBase, country: str, role: str) -> list[str]:
    """A country's bodies headed by ``role`` (RUS, central_bank_governor -> org:cbr)."""
    return [body for body in kb.bodies_by_country.get(country, []) if kb.head_role(body) == role]


def is_name_start(token: Token) -> bool:
    return token.text[:1].isupper() and token.text[:1].isalpha() and not at_sentence_start(token)
