"""Find names in a Doc: KB aliases (longest match), transliteration keys, fuzzy matches.

Matching runs on folded token n-grams (:func:`~lagebild.actors.normalize.fold`), so it does not
depend on how a tokenizer splits "Qassym-Schomart" or "„Bild“", and on the
:func:`~lagebild.actors.normalize.translit_key` of capitalised tokens for romanisation variants.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import simplemma
from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Span, Token

from .kb import AliasEntry, KnowledgeBase
from .mention import Mention, Settings
from .normalize import fold, translit_key

MAX_TYPO_LENGTH_CHANGE = 1
MIN_KEY_TOKEN = 4
MIN_KEY_LENGTH = 5  # a single word shorter than this never matches by transliteration key
DATELINE_MARKS = {"–", "—", "-", "/"}
QUOTE_CHARS = set("„“”\"»«‚‘’'")
SENT_END = set(".!?:;")


def is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def at_sentence_start(token: Token) -> bool:
    if token.i == 0 or token.is_sent_start:
        return True
    previous = token.doc[token.i - 1]
    return previous.text in SENT_END or previous.text in QUOTE_CHARS


@lru_cache(maxsize=50_000)
def is_common_word(text: str) -> bool:
    """A German dictionary word (so not a name candidate for fuzzy/key matching).

    simplemma loads its German dictionary once per process (about 2 s) on first use.
    """
    return bool(simplemma.is_known(text, lang="de")) or bool(simplemma.is_known(text.lower(), lang="de"))


def has_media_cue(span: Span, kb: KnowledgeBase) -> bool:
    """Ambiguous names ("Welt", "Spiegel") count only in quotes or next to a media cue word."""
    doc, lexicon = span.doc, kb.lexicon
    before = [doc[i].lower_ for i in range(max(0, span.start - 3), span.start)]
    after = [doc[i].lower_ for i in range(span.end, min(len(doc), span.end + 2))]
    if before and before[-1] in QUOTE_CHARS and after and after[0] in QUOTE_CHARS:
        return True
    return any(word in lexicon.media_cues for word in before) or any(
        word in lexicon.cue_after for word in after
    )


def accept_alias(entry: AliasEntry, span: Span, kb: KnowledgeBase) -> bool:
    text = span.text
    if entry.cased is not None and text not in entry.cased:
        return False
    if text[:1].islower() and not entry.lower_ok:
        return False
    if entry.ambiguous and not has_media_cue(span, kb):
        return False
    if entry.kind == "metonym":
        return not _is_place(span, kb)
    if entry.kind == "demonym":  # "Deutsche Bank": part of a name
        following = span.doc[span.end] if span.end < len(span.doc) else None
        return following is None or not (following.text[:1].isupper() and following.text[:1].isalpha())
    return True


def _is_place(span: Span, kb: KnowledgeBase) -> bool:
    """ "in Moskau" or the dateline "Moskau – " name the place, not the government."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in kb.lexicon.place_prepositions:
        return True
    return span.end < len(doc) and doc[span.end].text in DATELINE_MARKS


def alias_mentions(doc: Doc, kb: KnowledgeBase, settings: Settings) -> list[Mention]:
    """Longest-match KB alias mentions, left to right, never overlapping."""
    mentions: list[Mention] = []
    i = 0
    while i < len(doc):
        found = _longest_alias(doc, i, kb, settings)
        if found is None:
            i += 1
            continue
        mentions.append(found)
        i = found.end
    return mentions


def _longest_alias(doc: Doc, start: int, kb: KnowledgeBase, settings: Settings) -> Mention | None:
    if not doc[start].text[:1].isalnum():
        return None
    first = fold(doc[start].text).split(" ", 1)[0]
    if first not in kb.first_words:
        return None
    longest = min(kb.max_alias_tokens, len(doc) - start)
    for end in range(start + longest, start, -1):
        if not doc[end - 1].text[:1].isalnum():
            continue
        span = doc[start:end]
        entries = [entry for entry in kb.aliases(fold(span.text)) if accept_alias(entry, span, kb)]
        if entries:
            return _alias_mention(span, entries, settings)
    return None


def _alias_mention(span: Span, entries: list[AliasEntry], settings: Settings) -> Mention:
    ids = tuple(dict.fromkeys(entry.actor_id for entry in entries))
    how = entries[0].kind
    confidence = settings.confidences.get(how, 1.0)
    genitive = all(entry.genitive for entry in entries)
    actor_id = ids[0] if len(ids) == 1 else None
    cameo = f"{actor_id}GOV" if how == "metonym" and actor_id else None
    return Mention(
        span.start, span.end, actor_id, confidence, how, cameo=cameo, candidates=ids, genitive=genitive
    )


def adjective_countries(doc: Doc, kb: KnowledgeBase) -> dict[int, str]:
    """Token index -> ISO3 for country adjectives ("russische", "kasachischen")."""
    found = {}
    for token in doc:
        iso3 = kb.adjectives.get(token.lower_)
        if iso3 and (token.text[:1].islower() or at_sentence_start(token)):
            found[token.i] = iso3
    return found


def name_like(token: Token) -> bool:
    """Could start or continue a personal name: capitalised word, not punctuation, not the
    first half of an elliptic compound ("Friedens- und Sicherheitsrat")."""
    text = token.text
    return text[:1].isupper() and text[:1].isalpha() and not token.is_punct and not text.endswith("-")


def key_mentions(doc: Doc, kb: KnowledgeBase, settings: Settings, taken: set[int]) -> list[Mention]:
    """Romanisation variants: capitalised n-grams whose translit key is a KB key."""
    mentions = []
    i = 0
    while i < len(doc):
        found = None
        for n in range(min(3, len(doc) - i), 0, -1):
            tokens = doc[i : i + n]
            if any(t.i in taken or not name_like(t) for t in tokens):
                continue
            found = _key_mention(tokens, kb, settings)
            if found:
                break
        if found:
            mentions.append(found)
            i = found.end
        else:
            i += 1
    return mentions


def _key_mention(span: Span, kb: KnowledgeBase, settings: Settings) -> Mention | None:
    text = span.text
    if len(span) == 1 and (len(text) < MIN_KEY_TOKEN or is_common_word(text)):
        return None
    for variant in _genitive_variants(text):
        if len(span) == 1 and len(translit_key(variant)) < MIN_KEY_LENGTH:
            continue  # "Kahl"/"Calle", "Mayr"/"Maire": short keys collide
        ids = tuple(sorted(kb.by_key(variant)))
        if ids:
            confidence = settings.confidences["key"]
            return Mention(
                span.start, span.end, ids[0] if len(ids) == 1 else None, confidence, "key", candidates=ids
            )
    return None


def _genitive_variants(text: str) -> Iterator[str]:
    yield text
    if text.endswith("s") and len(text) > 4:
        yield text[:-1]


def fuzzy_candidates(doc: Doc, settings: Settings, taken: set[int]) -> Iterator[Token]:
    """Unknown capitalised words that may be misspelt surnames (not first names: a first name
    is followed by another capitalised word)."""
    for token in doc:
        if token.i in taken or not name_like(token) or len(token.text) < settings.fuzzy_min_length:
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.i not in taken and name_like(following):
            continue
        if not is_common_word(token.text):
            yield token


def fuzzy_match(text: str, kb: KnowledgeBase, settings: Settings) -> tuple[tuple[str, ...], float] | None:
    """Best fuzzy KB key for a (misspelt) name: (actor ids, score in [0, 1]) or None."""
    kb.ensure_compiled()
    best = None
    for variant in _genitive_variants(text):
        key = translit_key(variant)
        choices = kb.fuzzy_keys.get(key[:1], [])  # typos rarely hit the first letter
        hit = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=settings.fuzzy_min_score * 100)
        if hit and abs(len(hit[0]) - len(key)) > MAX_TYPO_LENGTH_CHANGE:
            hit = None  # a typo adds, drops or swaps a letter; "Lindinger" is not "Lindner"
        if hit and (best is None or hit[1] > best[1]):
            best = hit
    if best is None:
        return None
    ids = tuple(sorted(kb.key_index[best[0]]))
    return ids, best[1] / 100
