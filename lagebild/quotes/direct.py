"""Direct quotations: text between quotation marks, with its frame (or none: scare, title)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..extensions import doc_text
from .cues import Cue, verb_cue
from .frames import (
    Frame,
    agentless_passive,
    build_frame,
    channel_spans,
    find_noun_cue,
    first_verb_cue,
    region_after,
    region_before,
    so_cue,
)
from .indirect import attribution_at
from .lexicon import channels, cue_nouns, cue_words, fragment_verbs, word_list, words_phrase
from .marks import Marked, find_marked
from .quote import Quote
from .settings import Settings
from .speakers import animate, is_pronoun, parse_subject, relative_antecedent
from .units import (
    DETERMINERS,
    TERMINAL,
    has_dep,
    has_pos,
    is_break,
    is_finite,
    is_name,
    is_np_token,
    trim,
)

CHANNEL_PREPOSITIONS = frozenset(["mit", "von", "bei", "in"])
ARTICLE_PREPOSITIONS = frozenset(
    ["zum", "zur", "im", "beim", "vom", "am", "ins", "ans", "dem", "den", "des", "der", "die", "das"]
)


@dataclass
class Located:
    """A marked quotation with its token range ``[start, end)`` (marks included)."""

    marked: Marked
    start: int
    end: int


def locate(doc: Doc) -> list[Located]:
    """Top-level marked quotations mapped to tokens."""
    found = []
    for marked in find_marked(doc_text(doc)):
        if marked.depth:
            continue
        span = doc.char_span(marked.start, marked.end, alignment_mode="expand")
        if span is not None and len(span):
            found.append(Located(marked, span.start, span.end))
    return found


def quoted_tokens(located: list[Located]) -> set[int]:
    return {i for loc in located for i in range(loc.start, loc.end)}


def find_direct(doc: Doc, located: list[Located], settings: Settings) -> list[Quote]:
    mask = quoted_tokens(located)
    quotes: list[Quote] = []
    slogans: set[int] = set()
    k = 0
    while k < len(located):
        loc = located[k]
        nxt = located[k + 1] if k + 1 < len(located) else None
        quote, merged = _direct_quote(doc, loc, nxt, mask, settings)
        if quote.kind == "direct" and _after_slogan_noun(doc, loc):
            slogans.add(id(quote))
        if k > 0 and not merged and _coordinated(doc, located[k - 1], loc) and quotes:
            previous = quotes[-1]
            if id(previous) in slogans and quote.kind in ("title", "scare"):
                # ``Parolen wie „A“ oder „B“``: the second slogan is chanted as well
                quote = Quote("direct", list(loc.marked.parts), previous.confidence, cue=previous.cue)
                quote.speaker = previous.speaker
                slogans.add(id(quote))
            elif (
                previous.kind in ("title", "scare")
                and quote.kind == "direct"
                and not _ends_terminal(doc, loc)
            ):
                quote = Quote(previous.kind, list(loc.marked.parts), settings.conf_scare)
        quotes.append(quote)
        k += 2 if merged else 1
    return quotes


def _coordinated(doc: Doc, first: Located, second: Located) -> bool:
    """``in „A“ oder „B“``, ``„A“, „B“ und „C“``: quotations joined as items of one list."""
    between = [t for t in doc[first.end : second.start] if not t.is_space]
    return len(between) == 1 and (between[0].text == "," or between[0].lower_ in word_list("coordinators"))


def _inner_words(doc: Doc, loc: Located) -> list:
    return [t for t in doc[loc.start + 1 : loc.end - 1] if not (t.is_punct or t.is_space)]


def _ends_terminal(doc: Doc, loc: Located) -> bool:
    inner = doc_text(doc)[loc.marked.start + 1 : loc.marked.end - 1].rstrip()
    if not (inner[-1:] in TERMINAL or inner.endswith("...")):
        return False
    last = [t for t in doc[loc.start + 1 : loc.end - 1] if not t.is_space][-1:]
    # ``„… e.V.“``, ``„… Inc.“``: the tokenizer kept the period on an abbreviation
    return not (last and len(last[0]) > 1 and last[0].text.endswith(".") and last[0].text[0].isalpha())


def _noun_in(lower: str, nouns: frozenset[str]) -> bool:
    """``lower`` or its last compound part (``fachmagazin`` -> ``magazin``) is one of ``nouns``.

    Inflection endings are tried too (``modelle`` -> ``modell``, ``magazins`` -> ``magazin``).
    """
    stems = {lower} | {lower.removesuffix(end) for end in word_list("plural_endings") if lower.endswith(end)}
    return any(stem[k:] in nouns for stem in stems for k in range(0, max(1, len(stem) - 3)))


def _naming(doc: Doc, loc: Located) -> bool:
    """``genannt „X“``, ``auch „X“ genannt``, ``bekannt als „X“``, ``nennt sich „X“``: a name.

    ``„…“, hieß es`` is a speech frame: a naming word followed by ``es`` does not count.
    """
    words = channels()["naming_words"]
    before = [t for t in doc[max(0, loc.start - 3) : loc.start] if not t.is_space]
    for k in range(len(before) - 1, -1, -1):
        token = before[k]
        if token.lower_ in words:
            return True
        if token.lower_ == "sich" and any(t.lower_ in channels()["reflexive_naming"] for t in before[:k]):
            return True
        if token.lower_ not in ("als", "auch", "so", "kurz", "selbst", ",", "("):
            break
    after = [t for t in doc[loc.end : loc.end + 3] if not t.is_space and t.text != ","]
    if after and after[0].lower_ in words and not (len(after) > 1 and after[1].lower_ == "es"):
        return True
    if (
        after
        and after[0].lower_ in channels()["reflexive_naming"]
        and any(t.lower_ == "sich" for t in before)
    ):
        return True  # ``die sich selbst „X“ nennt``
    # ``„X“, wie sich die Gruppe selbst nennt``
    clause = [t for t in doc[loc.end : loc.end + 9] if not t.is_space]
    if len(clause) > 2 and clause[0].text == "," and clause[1].lower_ == "wie" and clause[2].lower_ == "sich":
        ends = next((k for k, t in enumerate(clause) if k > 2 and (t.is_punct or is_finite(t))), None)
        return ends is not None and clause[ends].lower_ in channels()["reflexive_naming"]
    return False


def _is_short(doc: Doc, loc: Located, settings: Settings) -> bool:
    words = _inner_words(doc, loc)
    return len(words) <= settings.scare_max_tokens and not _ends_terminal(doc, loc)


def _sentence_like(doc: Doc, loc: Located) -> bool:
    """Unframed quotations count as speech when they read like a sentence (not a name or title)."""
    if _ends_terminal(doc, loc):
        return True
    words = _inner_words(doc, loc)
    if has_pos(doc):
        return any(is_finite(t) for t in words)
    return sum(t.text[:1].islower() for t in words) >= len(words) / 2


def _title_context(doc: Doc, loc: Located) -> bool:
    """A noun naming a work or medium before the quotation (``der Zeitung „…“``, ``des Magazins „…“``)."""
    return _titled_by_noun(doc, loc) or _weak_title(doc, loc)


def _titled_by_noun(doc: Doc, loc: Located) -> bool:
    """A known medium in marks, or a title noun right before the quotation (``der Zeitung „…“``)."""
    words = channels()
    inner = _inner_words(doc, loc)
    if inner and all(t.lower_ in words["media_names"] for t in inner):
        return True  # ``„Bloomberg“``: a known medium
    if inner and inner[0].text[:1].islower():
        return False  # ``nannte den Plan „gut“``: a title starts with a capital (or a digit)
    nouns = words["title_nouns"] | words["channel_nouns"]
    previous = [t for t in doc[max(0, loc.start - 3) : loc.start] if not t.is_space]
    adjacent = None  # the word right after the noun
    for token in reversed(previous):
        if token.text[:1].isupper() and _noun_in(token.lower_.rsplit("-", 1)[-1], nouns):
            # ``der Zeitung „X“``, but not ``nannte den Bericht eine „X“`` (a new phrase opens)
            return adjacent is None or adjacent.lower_ not in DETERMINERS
        if token.lower_ not in DETERMINERS | ARTICLE_PREPOSITIONS | CHANNEL_PREPOSITIONS:
            break  # ``Interview mit „X“``, ``Bericht von „X“``
        adjacent = token
    return False


def _compound(doc: Doc, loc: Located) -> bool:
    """``„Reuters“-Reporterin``: the quotation is the first part of a hyphenated compound."""
    return loc.end < len(doc) and doc_text(doc)[loc.marked.end : loc.marked.end + 1] == "-"


def _np_slot(doc: Doc, loc: Located) -> bool:
    """``die Yacht „X“``, ``die französische „X“``: a phrase (no sentence) after a noun with its
    article or after an attributive adjective fills a slot of that noun phrase — a name, unless a
    fragment verb takes it as someone's words (``sprach von einer großen „Tragödie“``)."""
    if not has_pos(doc) or _sentence_like(doc, loc):
        return False
    j = _previous_index(doc, loc.start)
    if j < 1:
        return False
    return doc[j].tag_ == "ADJA" or (
        doc[j].tag_ == "NN" and doc[j - 1].tag_ in ("ART", "ADJA", "PPOSAT", "APPRART")
    )


def _after_adjective(doc: Doc, loc: Located) -> bool:
    j = _previous_index(doc, loc.start)
    return j >= 0 and doc[j].tag_ == "ADJA"


def _cue_before(doc: Doc, loc: Located, mask: set[int], settings: Settings) -> Frame | None:
    """A cue verb shortly before the quoted phrase in the same clause, whose object it is."""
    start, end = region_before(doc, loc.start, mask)
    cue = first_verb_cue(doc, start, end, reverse=True)
    if cue is None or loc.start - cue.head.i > settings.fragment_window:
        return None
    if any(is_finite(t) for t in doc[cue.head.i + 1 : loc.start]) or any(
        t.text in (",", ";", ":") for t in doc[cue.head.i + 1 : loc.start]
    ):
        return None
    frame = build_frame(doc, cue, start, end)
    return frame if frame.speaker is not None else None


def _weak_title(doc: Doc, loc: Located) -> bool:
    """Capitalised words right after an article (``die „Freie Wähler“``): a name, unless a
    fragment verb takes them as someone's words (``sprach von einer „Gefahr für Leib und Leben“``)."""
    previous = [t for t in doc[max(0, loc.start - 3) : loc.start] if not t.is_space]
    if not previous or not (
        previous[-1].lower_ in DETERMINERS or previous[-1].lower_ in ARTICLE_PREPOSITIONS
    ):
        return False
    return _name_like(doc, loc) or _headed_by_title_noun(doc, loc)


def _headed_by_title_noun(doc: Doc, loc: Located) -> bool:
    """``des „Gesetzes über den Verfassungsschutz“``: a phrase (no sentence) that begins with a
    noun naming laws, works or bodies is that thing's name."""
    inner = _inner_words(doc, loc)
    if len(inner) < 2 or not inner[0].text[:1].isupper() or _sentence_like(doc, loc):
        return False
    return _noun_in(inner[0].lower_.rsplit("-", 1)[-1], channels()["sentence_title_nouns"])


def _after_name(doc: Doc, loc: Located) -> bool:
    """``der Organisation „…“``, ``Ok Go „…“``: a quotation right after a noun names something."""
    j = _previous_index(doc, loc.start)
    if j <= 0 or doc[j].is_punct or not doc[j].text[:1].isupper():
        return False
    return not (doc[j - 1].is_punct or doc[j - 1].is_space)


def _previous_index(doc: Doc, i: int) -> int:
    """Index of the last non-space token before ``i`` (-1 when there is none)."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return j


def _before_word(doc: Doc, i: int) -> str:
    j = _previous_index(doc, i)
    return doc[j].lower_ if j >= 0 else ""


def _name_like(doc: Doc, loc: Located) -> bool:
    words = _inner_words(doc, loc)
    first_in_unit = loc.start == 0 or doc[loc.start - 1].is_space or doc[loc.start - 1].text in TERMINAL
    capitalized = sum(t.text[:1].isupper() or t.is_digit for t in words)
    return (
        len(words) >= 2
        and not first_in_unit
        and capitalized >= 0.6 * len(words)
        and words[0].text[:1].isupper()
    )


def _direct_quote(
    doc: Doc, loc: Located, nxt: Located | None, mask: set[int], settings: Settings
) -> tuple[Quote, bool]:
    parts = list(loc.marked.parts)
    words = channels()
    before = _before_word(doc, loc.start)
    short = _is_short(doc, loc, settings)
    terminal = _ends_terminal(doc, loc)
    if _after_slogan_noun(doc, loc):
        return _slogan(doc, loc, mask, settings), False
    if _code_like(doc, loc) or _sentence_title(doc, loc, mask):
        return Quote("title", parts, settings.conf_scare), False
    spoken = _words_frame(doc, loc, mask)
    if spoken is not None:  # ``mit den Worten „…“``: speech, however short
        return _framed(parts, spoken, settings, short), False
    if (short or not terminal) and (_titled_by_noun(doc, loc) or _naming(doc, loc) or _compound(doc, loc)):
        return Quote("title", parts, settings.conf_scare), False
    if (short or not terminal) and (_weak_title(doc, loc) or _np_slot(doc, loc)):
        fragment = _fragment_frame(doc, loc, mask)
        if fragment is None and _after_adjective(doc, loc):
            fragment = _cue_before(doc, loc, mask, settings)  # ``konstatierte eine wachsende „…“``
        if fragment is None:
            return Quote("title", parts, settings.conf_scare), False
        return _framed(parts, fragment, settings, short), False
    frame, merged = _frame(doc, loc, nxt, mask, settings)
    if frame is not None and not terminal and _names_subject(frame):
        return Quote("title", parts, settings.conf_scare), False
    if short and frame is not None and not _tight(doc, loc, frame, settings):
        frame, merged = None, False
    if merged and nxt is not None:
        parts += list(nxt.marked.parts)
    fragment_like = short or not _sentence_like(doc, loc)
    if fragment_like and frame is None and before not in words["scare_markers"] - {"als"}:
        frame = _fragment_frame(doc, loc, mask)
    if frame is None and short and _first_person(doc, loc) and not _title_context(doc, loc):
        # ``„Ich habe fertig“``: a speaker talking of themselves, not the author's scare quotes
        return Quote("direct", parts, settings.conf_unframed, inherit_speaker=True), False
    if frame is None and short:
        kind = "title" if _name_like(doc, loc) and before not in words["scare_markers"] else "scare"
        return Quote(kind, parts, settings.conf_scare), False
    if frame is None and not _ends_terminal(doc, loc) and (_title_context(doc, loc) or _after_name(doc, loc)):
        return Quote("title", parts, settings.conf_scare), False
    if frame is None and not _sentence_like(doc, loc):
        return Quote("title" if _name_like(doc, loc) else "scare", parts, settings.conf_scare), False
    if frame is None:
        return Quote("direct", parts, settings.conf_unframed, inherit_speaker=True), False
    return _framed(parts, frame, settings, short), merged


def _code_like(doc: Doc, loc: Located) -> bool:
    """``„Ba1“``, ``„8Ball“``: one quoted word of letters and digits is a code or name."""
    words = _inner_words(doc, loc)
    if len(words) != 1:
        return False
    text = words[0].text
    return any(c.isdigit() for c in text) and any(c.isalpha() for c in text)


def _sentence_title(doc: Doc, loc: Located, mask: set[int]) -> bool:
    """``unter dem Motto „Nie wieder!“``, ``der Partei „Die Linke.“``: a noun that names works,
    mottos or parties right before the quotation makes even a whole sentence a title — unless a
    speech verb precedes it in the clause."""
    j = _previous_index(doc, loc.start)
    if j < 0 or not doc[j].text[:1].isupper():
        return False
    if not _noun_in(doc[j].lower_.rsplit("-", 1)[-1], channels()["sentence_title_nouns"]):
        return False
    start, end = region_before(doc, loc.start, mask)
    return first_verb_cue(doc, start, end, reverse=True) is None


def _after_slogan_noun(doc: Doc, loc: Located) -> bool:
    """``Parolen wie „…“``, ``mit der Aufschrift „…“``, ``Die Parole lautete: „…“``."""
    nouns = frozenset(cue_words().get("slogan_nouns") or [])
    j = loc.start - 1
    steps = 0
    while j >= 0 and steps < 5:
        token = doc[j]
        if token.is_space:
            j -= 1
            continue
        word = token.lower_.rsplit("-", 1)[-1]
        # the word or its last compound part (``Wahlkampfparole``), looked up by suffix
        if word in nouns or any(word[k:] in nouns for k in range(1, len(word) - 5)):
            return True
        if token.lower_ not in DETERMINERS and token.lower_ not in word_list("slogan_links"):
            return False
        j -= 1
        steps += 1
    return False


def _slogan(doc: Doc, loc: Located, mask: set[int], settings: Settings) -> Quote:
    """A chanted or written slogan: direct, said by the subject of its clause (if it can speak)."""
    parts = list(loc.marked.parts)
    start, end = region_before(doc, loc.start, mask)
    cue = first_verb_cue(doc, start, end, reverse=True)
    speaker = build_frame(doc, cue, start, end).speaker if cue is not None else None
    if speaker is None and has_dep(doc):
        verbs = [t for t in doc[start:end] if t.pos_ in ("VERB", "AUX") and t.tag_.endswith("FIN")]
        for verb in reversed(verbs):  # ``zogen durch die Stadt und skandierten „…“``
            speaker = parse_subject(doc, verb, start=start, end=end)
            if speaker is not None:
                break
    if speaker is not None and (not animate(speaker) or _overlaps(speaker, loc)):
        speaker = None
    return Quote("direct", parts, settings.conf_colon, cue=cue, speaker=speaker)


def _first_person(doc: Doc, loc: Located) -> bool:
    """The quoted words speak of the speaker or the one addressed (``ich``, ``wir``, ``du``)."""
    pronouns = word_list("first_person_pronouns")
    return any(token.lower_ in pronouns for token in _inner_words(doc, loc))


def _names_subject(frame: Frame) -> bool:
    """``Damals hieß das Lokal „Zur Hütte“``: a naming verb with a subject names it (but ``hieß es``)."""
    if frame.cue is None or frame.cue.head.lower_ not in channels()["naming_words"]:
        return False
    head = frame.cue.head
    around = head.doc[max(0, head.i - 1) : head.i + 2]
    return frame.speaker is not None and not any(t.lower_ == "es" for t in around)


def _framed(parts: list[tuple[int, int]], frame: Frame, settings: Settings, short: bool) -> Quote:
    confidence = settings.conf_direct if frame.cue is not None else settings.conf_colon
    return Quote(
        "direct",
        parts,
        confidence * (0.8 if short else 1.0),
        cue=frame.cue,
        speaker=frame.speaker,
        via=frame.via,
        addressee=frame.addressee,
    )


def _frame(
    doc: Doc, loc: Located, nxt: Located | None, mask: set[int], settings: Settings
) -> tuple[Frame | None, bool]:
    if _is_short(doc, loc, settings):
        b_start, b_end = region_before(doc, loc.start, mask)
    else:
        b_start, b_end = _region_before(doc, loc.start, mask, settings)
    a_start, a_end = region_after(doc, loc.end, mask)
    if _ends_terminal(doc, loc) and a_start < len(doc) and doc[a_start].text[:1].isupper():
        a_start = a_end = loc.end
    cue = so_cue(doc, a_start + 1, a_end) if a_start < a_end and doc[a_start].text == "," else None
    cue = cue or _early_cue(doc, a_start, a_end, settings)
    if cue is not None:
        merged = _is_split(doc, loc, nxt, a_end)
        return build_frame(doc, cue, a_start, a_end), merged
    cue = first_verb_cue(doc, b_start, b_end, reverse=True) or find_noun_cue(doc, b_start, b_end, skip=set())
    if cue is not None and (cue.kind != "noun" or cue.lemma == "zitat"):
        return build_frame(doc, cue, b_start, b_end), False
    attributed = _attribution_before(doc, b_start, b_end, mask)
    if attributed is not None:
        return attributed, False
    colon = _colon_speaker(doc, b_start, b_end, settings)
    if colon is None and not _is_short(doc, loc, settings):
        colon = _colon_clause_subject(doc, b_start, b_end)
    if colon is not None:
        return Frame(speaker=colon), False
    cue = first_verb_cue(doc, a_start, a_end)
    if cue is not None:
        return build_frame(doc, cue, a_start, a_end), False
    return _anaphoric_frame(doc, loc, mask), False


_MODIFIER_POS = frozenset({"DET", "PRON", "ADJ", "NUM"})
_VERB_POS = frozenset({"VERB", "AUX"})


def _words_frame(doc: Doc, loc: Located, mask: set[int]) -> Frame | None:
    """``mit den Worten „…“ eröffnete sie``, ``„…“, mit diesen Worten meldete er sich``: a words
    phrase (data: ``words_phrase``) right before the quotation or right after its comma makes
    the verb it belongs to the frame, and that verb's subject the speaker (a cue verb keeps its
    own frame: ``zitierte den Minister mit den Worten „…“``)."""
    phrase = _words_phrase_before(doc, loc.start) or _words_phrase_after(doc, loc.end)
    if phrase is None:
        return None
    verb = _phrase_verb(doc, phrase, loc, mask)
    if verb is None:
        return None
    if verb.i < loc.start:
        start, end = region_before(doc, loc.start, mask)
    else:
        start, end = region_after(doc, loc.end, mask)
    lemma = f"{phrase[0].lower_} {phrase[-1].lower_}"
    cue = verb_cue(doc, verb.i, end=end) or Cue(tokens=phrase, lemma=lemma, type="speech", governor=verb)
    frame = build_frame(doc, cue, start, end)
    speaker = frame.speaker
    if speaker is not None and speaker.start < phrase[0].i < speaker.end:
        frame.speaker = doc[speaker.start : phrase[0].i]  # ``den Minister mit den Worten``
    return frame


def _words_phrase(doc: Doc, noun: int, lowest: int) -> list[Token] | None:
    """The tokens of a words phrase whose noun is token ``noun`` (its preposition at or after
    ``lowest``, at most three modifiers in between), else None."""
    prepositions, nouns = words_phrase()
    if noun < 0 or noun >= len(doc) or doc[noun].lower_ not in nouns:
        return None
    for i in range(noun - 1, max(lowest, noun - 4) - 1, -1):
        if doc[i].lower_ in prepositions:
            return list(doc[i : noun + 1])
        if doc[i].pos_ not in _MODIFIER_POS:
            return None
    return None


def _words_phrase_before(doc: Doc, start: int) -> list[Token] | None:
    return _words_phrase(doc, start - 1, max(0, start - 5))


def _words_phrase_after(doc: Doc, end: int) -> list[Token] | None:
    if end >= len(doc) or doc[end].text != ",":
        return None
    for noun in range(end + 2, min(len(doc), end + 6)):
        phrase = _words_phrase(doc, noun, end + 1)
        if phrase is not None and phrase[0].i == end + 1:
            return phrase
    return None


def _phrase_verb(doc: Doc, phrase: list[Token], loc: Located, mask: set[int]) -> Token | None:
    """The verb a words phrase belongs to: its noun's head in the parse (outside the quotation),
    else the first verb after the phrase and the quotation in the sentence, else the last one
    before them."""
    quoted = range(loc.start, loc.end)
    head = phrase[-1].head
    if has_dep(doc) and head.pos_ in _VERB_POS and head.i not in quoted and head.i not in mask:
        return head
    after_start, after_end = region_after(doc, max(loc.end, phrase[-1].i + 1), mask)
    for token in doc[after_start:after_end]:
        if token.pos_ in _VERB_POS:
            return token
    before_start, before_end = region_before(doc, min(loc.start, phrase[0].i), mask)
    return next((t for t in reversed(doc[before_start:before_end]) if t.pos_ in _VERB_POS), None)


def _attribution_before(doc: Doc, start: int, end: int, mask: set[int]) -> Frame | None:
    """``… nach Angaben des Leiters „…“``: an attribution phrase right before the quotation
    (not between two parts of one quotation: ``„…“ laut X „…“``)."""
    for i in range(start, end):
        found = attribution_at(doc, i, end)
        if found is not None and found[2][1] == end and found[1] is not None and i - 1 not in mask:
            cue, source, phrase = found
            via = [s for s in channel_spans(doc, *phrase, skip=set()) if s.start >= phrase[0]]
            return Frame(cue=cue, speaker=source, via=via)
    return None


def _anaphoric_frame(doc: Doc, loc: Located, mask: set[int]) -> Frame | None:
    """``„…“. Das sagte die Ministerin am Montag.``: the next sentence frames the quotation."""
    j = loc.end
    while j < len(doc) and (doc[j].is_space or doc[j].text in TERMINAL):
        j += 1
    if j == loc.end and not _ends_terminal(doc, loc):
        return None
    if j >= len(doc) or doc[j].lower_ not in cue_words()["attribution"].get("anaphors", []):
        return None
    start, end = region_after(doc, j, mask)
    cue = first_verb_cue(doc, j + 1, end)
    if cue is None:
        return None
    frame = build_frame(doc, cue, start, end)
    return frame if frame.speaker is not None and frame.speaker.start > j else None


def _region_before(doc: Doc, i: int, mask: set[int], settings: Settings) -> tuple[int, int]:
    """The frame region before a quotation, reaching over short quoted names in it.

    ``sagte X in einem Interview mit „Medium“ über Y: „…“``: the name in marks does not end the
    frame; a full quotation (or a sentence end) does.
    """
    start, end = region_before(doc, i, mask)
    while start > 0 and start - 1 in mask:
        first = start - 1
        while first > 0 and first - 1 in mask:
            first -= 1
        inner = [t for t in doc[first + 1 : start - 1] if not (t.is_punct or t.is_space)]
        if len(inner) > settings.scare_max_tokens or any(t.text in TERMINAL for t in doc[first:start]):
            break
        start = region_before(doc, first, mask)[0]
    return start, end


def _tight(doc: Doc, loc: Located, frame: Frame, settings: Settings) -> bool:
    """A short quotation is speech only when the frame is right next to it (a words phrase
    always is: :func:`_words_frame`)."""
    if frame.cue is None or frame.cue.governor is not None:
        return True
    cue_i = frame.cue.head.i
    j = loc.end
    while j < cue_i and (doc[j].is_space or doc[j].text in TERMINAL):
        j += 1
    if j > loc.end and doc[j].lower_ in cue_words()["attribution"].get("anaphors", []):
        return True  # ``„…“. Das sagte X.``
    if loc.end <= cue_i <= loc.end + settings.cue_window and not _name_like(doc, loc):
        return doc[loc.end].text == ","
    before = [t for t in doc[max(0, loc.start - 2) : loc.start] if not t.is_space]
    if any(t.text == ":" for t in before):
        return True
    return 0 < loc.start - cue_i <= settings.fragment_window and _closes_clause(doc, loc.end)


def _closes_clause(doc: Doc, i: int) -> bool:
    """The quotation ends its clause (``… als „große Tragödie“.``)."""
    return i >= len(doc) or doc[i].is_punct or doc[i].is_space


def _early_cue(doc: Doc, start: int, end: int, settings: Settings) -> Cue | None:
    """A cue verb within the first tokens after the quote (``„…“, sagte er``)."""
    return first_verb_cue(doc, start, min(end, start + settings.cue_window))


def _is_split(doc: Doc, loc: Located, nxt: Located | None, a_end: int) -> bool:
    """``„…“, sagte er, „…“`` — the frame ends in a comma right before the next quotation."""
    if nxt is None or nxt.start != a_end or _ends_terminal(doc, loc):
        return False
    return a_end > 0 and doc[a_end - 1].text in (",", ":")


def _colon_speaker(doc: Doc, start: int, end: int, settings: Settings) -> Span | None:
    """``Name: „…“`` — a short noun phrase followed by a colon."""
    if end - start < 2 or doc[end - 1].text != ":":
        return None
    span = trim(doc, start, end - 1)
    if span is None or len(span) > settings.colon_max_tokens:
        return None
    return span if all(is_np_token(t) or t.is_punct for t in span) else None


def _colon_clause_subject(doc: Doc, start: int, end: int) -> Span | None:
    """``Der Ermittler lehnte das ab: „…“`` — the subject of the clause that the colon closes."""
    if end - start < 3 or doc[end - 1].text != ":" or not has_dep(doc):
        return None
    verbs = [t for t in doc[start : end - 1] if t.tag_.endswith("FIN") and t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return None
    roots = [t for t in verbs if t.dep_ == "ROOT"] or verbs[:1]
    subject = parse_subject(doc, roots[0], start=start, end=end - 1)
    if subject is None or (is_pronoun(subject) and subject[0].lower_ == "es"):
        return None
    if subject[0].tag_ == "PPOSAT" and not any(t.pos_ == "PROPN" for t in subject):
        return None  # ``Seine Zuversicht gründet sich auf …: „…“``: the owner speaks, said before
    if _bare_content_noun(subject):
        return None  # ``…, kam die Antwort: „…“``: the answer is not the speaker
    return subject


def _bare_content_noun(span: Span) -> bool:
    """``die Antwort``, ``Die Erklärung``: a phrase that is only a noun for what was said (with
    determiners and adjectives), naming nobody who said it."""
    nominal = [t for t in span if t.pos_ in ("NOUN", "PROPN")]
    if len(nominal) != 1 or nominal[0].pos_ != "NOUN":
        return False
    lower = nominal[0].lower_
    return lower in word_list("content_nouns") or cue_nouns().get(lower) == "speech"


def _clause_around(doc: Doc, loc: Located, mask: set[int]) -> tuple[int, int]:
    """The clause holding a quotation: up to commas, colons, sentence ends and other quotations.

    A short quoted phrase does not end the clause (``hält X „unter Umständen“ für „gefährlich“``).
    """
    start = loc.start
    while start > 0 and not _clause_edge(doc, start - 1, mask, loc):
        start -= 1
    end = loc.end
    while end < len(doc) and not _clause_edge(doc, end, mask, loc):
        end += 1
    return start, end


def _clause_edge(doc: Doc, i: int, mask: set[int], loc: Located) -> bool:
    token = doc[i]
    if token.text in (",", ";", ":", "(", ")", "–") or token.text in TERMINAL or is_break(token):
        return True
    if token.i in mask and not loc.start <= token.i < loc.end:
        return not _in_short_quote(doc, i, mask)
    return False


def _in_short_quote(doc: Doc, i: int, mask: set[int]) -> bool:
    """Token ``i`` lies in a quoted phrase of at most four words without a sentence end."""
    first, last = i, i
    while first - 1 in mask and first - i > -12:
        first -= 1
    while last + 1 in mask and last - i < 12:
        last += 1
    inner = [t for t in doc[first + 1 : last] if not (t.is_punct or t.is_space)]
    return len(inner) <= 4 and not any(t.text in TERMINAL for t in doc[first : last + 1])


def _fragment_frame(doc: Doc, loc: Located, mask: set[int]) -> Frame | None:
    """``bezeichnete X als „…“``, ``sprach von einer „…“``: a quoted phrase someone used.

    In a passive clause without an agent (``die als „nebelartig“ beschrieben wurden``) the frame
    has no speaker; a present-tense passive without a source is a naming convention
    (``der als „Sonnenwind“ bezeichnet wird``), not someone's words.
    """
    verbs = fragment_verbs()
    inner = _inner_words(doc, loc)
    if inner and all(is_name(t) for t in inner):
        return None  # ``nennt „Twitter“ als Beispiel``: a quoted name, not someone's words
    start, end = _clause_around(doc, loc, mask)
    for i in range(start, end):
        if loc.start <= i < loc.end or i in mask or (doc[i].pos_ and doc[i].pos_ not in ("VERB", "AUX")):
            continue
        cue = verb_cue(doc, i, end=end)
        if cue is None and doc[i].lemma_.lower() in verbs and doc[i].pos_ == "VERB":
            cue = Cue(tokens=[doc[i]], lemma=doc[i].lemma_.lower(), type="speech")
        if cue is not None and cue.lemma in verbs:
            linked = verbs[cue.lemma]
            near = [*doc[min(i, loc.start) : max(i, loc.start)], *doc[loc.end : loc.end + 2]]
            if linked and not any(t.lower_ in linked for t in near if t.i not in mask):
                continue  # ``hält X für „…“``, ``hält X „…“ für „…“``
            if i > 0 and doc[i - 1].lower_ == "zu":
                continue
            if i >= loc.end and _coordinated_after(doc, loc.end, i, mask):
                continue  # ``bedeutet etwa „…“ und bezeichnet eine Philosophie``: another clause
            frame = build_frame(doc, cue, start, end)
            if (
                (frame.speaker is None or _overlaps(frame.speaker, loc))
                and _nominative_relative(doc[start])
                and not agentless_passive(doc, cue.head, start, end)
            ):
                # ``X, der die Wahl als „Fest“ bezeichnete``: the relative pronoun is the subject
                frame.speaker = doc[start : start + 1]
            inside = frame.speaker is not None and _overlaps(frame.speaker, loc)
            if (frame.speaker is None or inside) and start > 0 and doc[start - 1].text == ",":
                # ``X, Dezernent der Stadt, sprach von einer „…“``: the subject is before the clause
                frame = build_frame(doc, cue, region_before(doc, start, mask)[0], end)
            speaker = frame.speaker
            if speaker is not None and speaker.start < loc.end and loc.start < speaker.end:
                return None
            if speaker is not None and speaker[0].tag_ in ("PRELS", "PRELAT", "PWS"):
                frame.speaker = speaker = relative_antecedent(doc, speaker[0])
            if speaker is None:
                clause = {t.lower_ for t in doc[start:end]}
                passive = clause & set(word_list("frame_passive_auxiliaries"))
                if not passive or not (clause & set(word_list("frame_past_passive")) or frame.via):
                    return None
            return frame
    return None


def _coordinated_after(doc: Doc, start: int, end: int, mask: set[int]) -> bool:
    """A coordinating conjunction in ``[start, end)`` opens a new clause (not another quotation)."""
    return any(
        doc[k].tag_ == "KON" and k + 1 < len(doc) and k + 1 not in mask
        for k in range(start, end)
        if k not in mask
    )


def _nominative_relative(token: Token) -> bool:
    return token.tag_ == "PRELS" and token.morph.get("Case", []) in ([], ["Nom"])


def _overlaps(span: Span, loc: Located) -> bool:
    return span.start < loc.end and loc.start < span.end
