"""Find names in a Doc: KB aliases (longest match), transliteration keys, fuzzy matches.

Matching runs on folded token n-grams (:func:`~lagebild.actors.normalize.fold`), so it does not
depend on how a tokenizer splits "Qassym-Schomart" or "„Bild“", and on the
:func:`~lagebild.actors.normalize.translit_key` of capitalised tokens for romanisation variants.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Span, Token

from ..nlp.arrays import columns
from ..nlp.wordlist import is_known
from ..settings import MEMO_SIZE
from .kb import AliasEntry, KnowledgeBase
from .mention import Mention, Settings
from .normalize import fold, prefold, prefold_exact, translit_key

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


@lru_cache(maxsize=MEMO_SIZE)
def is_common_word(text: str) -> bool:
    """A German dictionary word (so not a name candidate for fuzzy/key matching): known to
    simplemma's German dictionary, as is or lower-cased.

    Answered from :mod:`~lagebild.nlp.wordlist` (the dictionary's key set as hashes, cached
    on disk: milliseconds and about 9 MB per process instead of seconds and about 100 MB).
    """
    return is_known(text) or is_known(text.lower())


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


# ORTH id -> (text, name-like, starts alphanumeric, prefold), for :class:`TokenTable`
_WORD_ROWS: dict[int, tuple[str, bool, bool, str]] = {}


class TokenTable:
    """Token features of one Doc, read once: creating spaCy ``Token``/``Span`` objects in the
    per-position loops below was the largest cost of the component."""

    __slots__ = ("alnum", "exact", "name_like", "prefolded", "texts", "ws")

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        orth, spacy_, punct = columns(doc, ("ORTH", "SPACY", "IS_PUNCT"))
        # one answer per word type (a news text repeats most of its words), kept across Docs
        # (an ORTH id is the hash of its text: the same word has the same id in every Doc)
        if len(_WORD_ROWS) >= MEMO_SIZE:
            _WORD_ROWS.clear()
        known: dict[int, tuple[str, bool, bool, str]] = {}
        for key in set(orth):
            row = _WORD_ROWS.get(key)
            if row is None:
                text = strings[key]
                row = _WORD_ROWS[key] = (text, _name_like_text(text), text[:1].isalnum(), prefold(text))
            known[key] = row
        rows = [known[key] for key in orth]
        self.texts: list[str] = [row[0] for row in rows]
        self.ws: list[str] = [" " if space else "" for space in spacy_]
        self.name_like: list[bool] = [row[1] and not p for row, p in zip(rows, punct, strict=True)]
        self.alnum: list[bool] = [row[2] for row in rows]
        self.prefolded: list[str] = [row[3] for row in rows]
        self.exact = all(prefold_exact(known[key][0]) for key in known)

    def text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without building the Span."""
        if end <= start:
            return ""
        parts = [self.texts[k] + self.ws[k] for k in range(start, end - 1)]
        parts.append(self.texts[end - 1])
        return "".join(parts)


def alias_mentions(
    doc: Doc, kb: KnowledgeBase, settings: Settings, table: TokenTable | None = None
) -> list[Mention]:
    """Longest-match KB alias mentions, left to right, never overlapping."""
    table = table or TokenTable(doc)
    kb.ensure_compiled()
    mentions: list[Mention] = []
    alnum, first_words = table.alnum, kb.first_words
    # the first word of every alias, read once per word type (most tokens start no alias)
    starts: dict[str, bool] = {}
    i = 0
    while i < len(doc):
        if not alnum[i]:
            i += 1
            continue
        if table.exact:
            prefolded = table.prefolded[i]
            starts_alias = starts.get(prefolded)
            if starts_alias is None:
                words = prefolded.split(None, 1)
                starts_alias = starts[prefolded] = (words[0] if words else "") in first_words
            if not starts_alias:
                i += 1
                continue
        found = _longest_alias(doc, i, kb, settings, table)
        if found is None:
            i += 1
            continue
        mentions.append(found)
        i = found.end
    return mentions


def _longest_alias(
    doc: Doc, start: int, kb: KnowledgeBase, settings: Settings, table: TokenTable
) -> Mention | None:
    if not table.alnum[start]:
        return None
    if table.exact:
        words = table.prefolded[start].split(None, 1)
        first = words[0] if words else ""
    else:
        first = fold(table.texts[start]).split(" ", 1)[0]
    if first not in kb.first_words:
        return None
    index = kb.alias_index
    # fold(doc[start:end].text) for growing ``end``: each is a prefix of the next, built from
    # the per-token prefolds; the longest alias that is accepted wins
    hits: list[tuple[int, str]] = []
    raw = ""
    for k in range(start, start + min(kb.max_alias_tokens, len(doc) - start)):
        raw += table.prefolded[k]
        if table.alnum[k]:
            key = " ".join(raw.split()) if table.exact else fold(table.text(start, k + 1))
            if key in index:
                hits.append((k + 1, key))
            elif table.exact and not kb.may_start_alias(key):
                break  # every longer key begins with this one (token-wise folds compose)
        raw += table.ws[k]
    for end, key in reversed(hits):
        span = doc[start:end]
        entries = [entry for entry in index[key] if accept_alias(entry, span, kb)]
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


def adjective_countries(doc: Doc, kb: KnowledgeBase, table: TokenTable | None = None) -> dict[int, str]:
    """Token index -> ISO3 for country adjectives ("russische", "kasachischen")."""
    texts = table.texts if table is not None else [token.text for token in doc]
    found = {}
    for i, text in enumerate(texts):
        iso3 = kb.adjectives.get(text.lower())
        if iso3 and (text[:1].islower() or at_sentence_start(doc[i])):
            found[i] = iso3
    return found


def name_like(token: Token) -> bool:
    """Could start or continue a personal name: capitalised word, not punctuation, not the
    first half of an elliptic compound ("Friedens- und Sicherheitsrat")."""
    return _name_like_text(token.text) and not token.is_punct


def _name_like_text(text: str) -> bool:
    return text[:1].isupper() and text[:1].isalpha() and not text.endswith("-")


def key_mentions(
    doc: Doc, kb: KnowledgeBase, settings: Settings, taken: set[int], table: TokenTable | None = None
) -> list[Mention]:
    """Romanisation variants: capitalised n-grams whose translit key is a KB key."""
    table = table or TokenTable(doc)
    usable = [ok and i not in taken for i, ok in enumerate(table.name_like)]
    size = len(usable)
    mentions = []
    end = 0  # where the last mention ended: no mention starts inside it
    for i in [k for k, ok in enumerate(usable) if ok]:
        if i < end:
            continue
        found = None
        longest = min(3, size - i)
        if longest > 1 and (not usable[i + 1] or (table.ws[i] and not kb.may_head_key(table.texts[i]))):
            longest = 1  # no name follows, or no key of several words begins with this word's key
        for n in range(longest, 0, -1):
            if not all(usable[i : i + n]):
                continue
            text = table.texts[i] if n == 1 else table.text(i, i + n)
            found = _key_mention(i, i + n, text, kb, settings)
            if found:
                break
        if found:
            mentions.append(found)
            end = found.end
    return mentions


def _key_mention(start: int, end: int, text: str, kb: KnowledgeBase, settings: Settings) -> Mention | None:
    single = end - start == 1
    if single and (len(text) < MIN_KEY_TOKEN or is_common_word(text)):
        return None
    for variant in _genitive_variants(text):
        if single and len(translit_key(variant)) < MIN_KEY_LENGTH:
            continue  # "Kahl"/"Calle", "Mayr"/"Maire": short keys collide
        ids = tuple(sorted(kb.by_key(variant)))
        if ids:
            confidence = settings.confidences["key"]
            return Mention(start, end, ids[0] if len(ids) == 1 else None, confidence, "key", candidates=ids)
    return None


def _genitive_variants(text: str) -> Iterator[str]:
    yield text
    if text.endswith("s") and len(text) > 4:
        yield text[:-1]


def fuzzy_candidates(
    doc: Doc, settings: Settings, taken: set[int], table: TokenTable | None = None
) -> Iterator[Token]:
    """Unknown capitalised words that may be misspelt surnames (not first names: a first name
    is followed by another capitalised word)."""
    table = table or TokenTable(doc)
    name, texts = table.name_like, table.texts
    for i, text in enumerate(texts):
        if i in taken or not name[i] or len(text) < settings.fuzzy_min_length:
            continue
        if i + 1 < len(texts) and i + 1 not in taken and name[i + 1]:
            continue
        if not is_common_word(text):
            yield doc[i]


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
