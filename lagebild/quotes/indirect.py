"""Reported speech: frames with cue verbs, attribution phrases, Konjunktiv continuations."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .cues import Cue, cue_positions, noun_cue, verb_cue
from .frames import Frame, build_frame, channel_spans, noun_source
from .lexicon import attribution_triggers, cue_words, konjunktiv_forms, word_list
from .quote import Quote
from .settings import Settings
from .speakers import animate, np_run, parse_subject, speaker_score, subject_by_position
from .units import (
    TERMINAL,
    RunTable,
    has_dep,
    has_pos,
    is_np_token,
    is_terminal,
    run_table,
    token_tags,
    token_texts,
    units,
    word_indices,
)

FIRST_PERSON = frozenset(
    [
        "ich",
        "mich",
        "mir",
        "mein",
        "meine",
        "meinen",
        "meinem",
        "meiner",
        "wir",
        "uns",
        "unser",
        "unsere",
        "unseren",
        "unserem",
        "unserer",
    ]
)
POSSESSIVES = frozenset(["meiner", "deiner", "seiner", "ihrer", "unserer", "eurer"])
RELATIVE = frozenset(
    [
        "der",
        "die",
        "das",
        "dem",
        "den",
        "dessen",
        "deren",
        "welche",
        "welcher",
        "welches",
        "welchen",
        "welchem",
        "denen",
    ]
)
ALWAYS_RELATIVE = frozenset(
    ["was", "wobei", "weshalb", "weswegen", "wodurch", "worauf", "womit", "wofür", "worüber", "denen"]
)
PREPOSITIONS = frozenset(
    [
        "mit",
        "bei",
        "von",
        "vor",
        "nach",
        "auf",
        "in",
        "an",
        "aus",
        "für",
        "gegen",
        "über",
        "unter",
        "durch",
        "zu",
    ]
)
FINITE_HINTS = frozenset(
    [
        "ist",
        "sind",
        "war",
        "waren",
        "wird",
        "werden",
        "hat",
        "haben",
        "hatte",
        "hatten",
        "kann",
        "können",
        "muss",
        "müssen",
        "soll",
        "sollen",
        "will",
        "wollen",
        "gibt",
        "gab",
    ]
)
KONJUNKTIV_II = frozenset(["wäre", "würde", "käme", "gäbe", "stünde", "läge", "bräuchte", "fände", "hülfe"])
NON_REPORTIVE = frozenset(
    ["dürften", "dürfte", "sollte", "sollten", "wollte", "wollten", "möchte", "möchten"]
)
OPENING = frozenset('„»«“"')
CLOSING = frozenset('“”«»"')
PASSIVE = frozenset(["wurde", "wurden", "worden", "werden", "wird"])
CLAUSE_CONJUNCTIONS = frozenset(["und", "aber", "doch", "sondern", "jedoch", "lediglich", "wobei"])
Range = tuple[int, int]


def char_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def is_subjunctive(token: Token) -> bool:
    """Konjunktiv: ``Mood=Sub`` from the model, else the subjunctive form lexicon."""
    table = run_table(token.doc)
    if table is not None:  # the same questions, read once per run
        return subjunctive_at(table, token.i)
    moods = token.morph.get("Mood")
    mood = "Sub" in moods if moods else None
    return _subjunctive(mood, token.pos_, token.lower_, token.doc.has_annotation("MORPH"))


def subjunctive_at(table: RunTable, i: int) -> bool:
    """:func:`is_subjunctive` of token ``i`` from the run's :class:`RunTable` (no ``Token``)."""
    return _subjunctive(table.mood[i], table.pos[i], table.lower[i], table.has_morph)


def _subjunctive(mood: bool | None, pos: str, lower: str, has_morph: bool) -> bool:
    """``mood``: Mood=Sub (True), another mood (False), none in the morphology (None)."""
    if mood is not None:
        return mood
    if has_morph and pos in ("VERB", "AUX"):
        return False
    return lower in konjunktiv_forms() and (not pos or pos in ("VERB", "AUX"))


def _content_end(doc: Doc, start: int, end: int) -> int:
    while end > start and (
        is_terminal(doc[end - 1]) or doc[end - 1].text in (",", ";", ":") or doc[end - 1].is_space
    ):
        end -= 1
    return end


def is_subordinator(token: Token) -> bool:
    """An adverbial subordinator (``als``, ``nachdem``); with a tagger not when tagged as a preposition or adverb."""
    if token.lower_ not in cue_words()["subordinators"]:
        return False
    return not token.tag_ or token.tag_ not in ("APPR", "ADV", "PROAV", "PAV")


def _valid_content(doc: Doc, rng: Range, mask: set[int], settings: Settings) -> bool:
    return _valid_ranges(doc, [rng], mask, settings)


def _valid_ranges(doc: Doc, ranges: list[Range], mask: set[int], settings: Settings) -> bool:
    tokens = [t for start, end in ranges for t in doc[start:end] if not (t.is_punct or t.is_space)]
    if len(tokens) < settings.min_content_tokens:
        return False
    if is_subordinator(tokens[0]) or _relative(tokens):
        return False
    if sum(t.i in mask for t in tokens) >= 0.8 * len(tokens):
        return False
    return not has_pos(doc) or any(t.pos_ in ("VERB", "AUX") for t in tokens)


def _relative(tokens: list[Token]) -> bool:
    """Content that is a relative clause (``…, der am Montag erschien``, ``…, mit denen …``)."""
    first = tokens[0]
    if first.lower_ in ALWAYS_RELATIVE or first.tag_ in ("PRELAT", "PWAV"):
        return True
    if first.tag_ == "PRELS":
        return not _verb_second(tokens)
    if len(tokens) > 2 and first.lower_ in PREPOSITIONS and tokens[1].lower_ in RELATIVE:
        return tokens[2].text[:1].islower() or tokens[1].lower_ == "denen"
    if first.tag_ or first.lower_ not in RELATIVE or len(tokens) < 2:
        return False
    second = tokens[1]
    if (
        len(tokens) > 2
        and _adjective_like(second)
        and (tokens[2].text[:1].isupper() or _adjective_like(tokens[2]))
    ):
        return False  # article + adjective (+ noun): "der erste Hilfsflug"
    return second.text[:1].islower() and not is_subjunctive(second) and second.lower_ not in FINITE_HINTS


def _verb_second(tokens: list[Token]) -> bool:
    """``die Behörde habe Fotos, …``: the finite verb follows a noun phrase and is not clause-final,
    so the clause is a main clause (a tagger's ``PRELS`` on an article), not a relative clause."""
    clause = []
    for token in tokens:
        if token.text in (",", ";", ":"):
            break
        clause.append(token)
    finite = [k for k, t in enumerate(clause) if t.tag_.endswith("FIN")]
    if not finite or finite[0] < 2 or finite[0] == len(clause) - 1:
        return False
    return clause[1].pos_ in ("NOUN", "PROPN") and not clause[finite[0] + 1].tag_.startswith("V")


def _adjective_like(token: Token) -> bool:
    return token.lower_.endswith(("e", "en", "er", "es", "em")) and not is_subjunctive(token)


def _kind(doc: Doc, ranges: list[Range], mask: set[int]) -> str:
    """Frame-marked speech without marks (stripped corpora): first person and indicative -> direct.

    A text that marks quotations (``mask`` not empty) marks its direct speech: everything else is
    indirect.
    """
    tokens = [t for start, end in ranges for t in doc[start:end]]
    if mask or any(is_subjunctive(t) for t in tokens):
        return "indirect"
    return "direct" if any(t.lower_ in FIRST_PERSON for t in tokens) else "indirect"


def _free_comma(doc: Doc, start: int, end: int, mask: set[int]) -> int | None:
    texts = token_texts(doc)
    for i in range(start, end):
        if texts[i] == "," and i not in mask:
            return i
        if texts[i] in TERMINAL:
            return None
    return None


def _quote(doc: Doc, ranges: list[Range], cue: Cue, frame: Range, confidence: float, mask: set[int]) -> Quote:
    info = build_frame(doc, cue, *frame)
    return Quote(
        _kind(doc, ranges, mask),
        [char_range(doc, s, e) for s, e in ranges],
        confidence,
        cue=cue,
        speaker=info.speaker,
        via=info.via,
        addressee=info.addressee,
    )


def frame_first(doc: Doc, cue: Cue, unit: Range, mask: set[int], settings: Settings) -> Quote | None:
    """``X sagte (am Montag), (dass) …`` — content after the comma that closes the frame."""
    start, end = unit
    last = max(t.i for t in cue.tokens)
    comma = _free_comma(doc, last + 1, end, mask)
    if comma is None or comma - cue.head.i > settings.frame_max_tokens:
        return None
    # ``Es wurde bekannt, dass …``: a passive cue verb still frames a ``dass``/``ob`` clause
    complement = comma + 1 < end and doc[comma + 1].lower_ in cue_words()["complementizers"]
    if _subordinate_frame(doc, cue, start, passive_ok=complement):
        return None
    stop = next((i for i in range(comma + 1, end) if doc[i].text == ":" and i not in mask), end)
    content = (comma + 1, _content_end(doc, comma + 1, stop))
    if not _valid_content(doc, content, mask, settings):
        return None
    # a cue in a relative clause (``In einem Bericht, der … veröffentlicht wurde, …``) frames
    # what follows only when that is reported in form, not for a quoted phrase in it
    quoted = not _relative_frame(doc, cue, start)
    if not _wie_frame(doc, start, cue) and not _reported_form(doc, content, mask, quoted=quoted):
        return None
    return _quote(doc, [content], cue, (start, comma), settings.conf_indirect, mask)


def _relative_frame(doc: Doc, cue: Cue, start: int) -> bool:
    """The cue's clause segment opens with a relative pronoun (``…, der … mitteilte, …``)."""
    first = _unit_start(doc, _segment_start(doc, cue, start), cue.head.i)
    return first < cue.head.i and doc[first].tag_ in ("PRELS", "PRELAT")


def _reported_form(doc: Doc, content: Range, mask: set[int], *, quoted: bool = True) -> bool:
    """Reported content after a frame: ``dass``/``ob``/w-clause, Konjunktiv, zu-infinitive or
    (``quoted``) a quotation in it.

    An indicative main clause after ``X meldete …,`` continues the narration (``…, dies war der
    dritte Unfall``), and a clause of consequence (``…, so dass …``) is never content, whatever it
    holds.  Without a tagger every other content passes.
    """
    tokens = [t for t in doc[content[0] : content[1]] if not (t.is_punct or t.is_space)]
    if not tokens:
        return False
    opening = " ".join(t.lower_ for t in tokens[:2])
    if any(opening == words or opening.startswith(words + " ") for words in word_list("consequence_openers")):
        return False
    if not has_pos(doc):
        return True
    first = tokens[0]
    if first.lower_ in cue_words()["complementizers"] or first.tag_ in ("PWAV", "PWS", "PWAT"):
        return True
    if quoted and any(t.i in mask for t in tokens):
        return True
    first_person = not mask  # speech without marks in a text without any (stripped corpora)
    return any(
        is_subjunctive(t) or _zu_infinitive(t) or (first_person and t.lower_ in FIRST_PERSON) for t in tokens
    )


def _zu_infinitive(token: Token) -> bool:
    """``zu verlassen``, ``einzuleiten``: the infinitive clause of a request or announcement."""
    if token.tag_ in ("PTKZU", "VVIZU"):
        return True
    lower = token.lower_
    return token.pos_ in ("VERB", "AUX") and lower.find("zu", 2) > 0 and lower.endswith("en")


def _wie_frame(doc: Doc, start: int, cue: Cue) -> bool:
    """``Wie die Polizei mitteilte, …``: the frame is a ``wie`` clause before the content."""
    first = _unit_start(doc, start, cue.head.i)
    while first < cue.head.i and doc[first].lower_ in ("denn", "und", "aber", "doch"):
        first += 1
    return first < cue.head.i and doc[first].lower_ in cue_words()["attribution"]["wie"]


def _segment_start(doc: Doc, cue: Cue, start: int) -> int:
    """Where the cue's clause segment begins: after the last comma before it (not before ``start``)."""
    segment_start = cue.head.i
    while segment_start > start and doc[segment_start - 1].text != ",":
        segment_start -= 1
    return segment_start


def _subordinate_frame(doc: Doc, cue: Cue, start: int, *, passive_ok: bool = False) -> bool:
    """The cue sits in an adverbial clause (``Wenn … verurteilt werden sollte, …``) or a passive."""
    segment_start = _segment_start(doc, cue, start)
    first = _unit_start(doc, segment_start, cue.head.i + 1)
    if first < cue.head.i and doc[first].lower_ in cue_words()["frame_subordinators"]:
        return True
    window = doc[max(segment_start, cue.head.i - 4) : cue.head.i + 1]
    return not passive_ok and any(t.lower_ in PASSIVE for t in window) and not _auxiliary_has(window)


def _auxiliary_has(tokens: Span) -> bool:
    return any(t.lower_ in ("hat", "hatte", "habe", "haben", "hatten", "hätte") for t in tokens)


def frame_last(doc: Doc, cue: Cue, unit: Range, mask: set[int], settings: Settings) -> Quote | None:
    """``…, sagte er (,…)`` / ``…, so X.`` / ``…, wie X berichtete.`` — content before the frame."""
    start, end = unit
    opener = _frame_opener(doc, cue, start)
    if opener is None or _colon_after(doc, cue, end) or _ends_with_relative(doc, start, opener):
        return None
    ranges = [(start, _content_end(doc, start, opener))]
    if _quote_owns_frame(doc, ranges[0], mask):
        return None
    comma = _free_comma(doc, max(t.i for t in cue.tokens) + 1, end, mask)
    frame_end = end
    if comma is not None and comma + 1 < end and not is_subordinator(doc[comma + 1]):
        tail = (comma + 1, _content_end(doc, comma + 1, end))
        if tail[1] - tail[0] >= 2 and _clausal_tail(doc, *tail):
            ranges.append(tail)
            frame_end = comma
    if not _valid_ranges(doc, ranges, mask, settings) or ranges[0][1] <= start:
        return None
    return _quote(doc, ranges, cue, (opener, frame_end), settings.conf_indirect, mask)


def _clausal_tail(doc: Doc, start: int, end: int) -> bool:
    """``…, sagte X, man müsse handeln``: what follows the frame's comma goes on with the
    content only as a clause of its own; a phrase without a verb (``…, sagte X, der Sprecher
    der Klinik``) or a relative clause (``…, der die Klinik leitet``) belongs to the speaker."""
    if not has_pos(doc):
        return True  # no tags to tell: as before
    if doc[start].tag_ in ("PRELS", "PRELAT"):
        return False
    # a verb by its tag where there is one (``so genannten`` is a participle used as adjective)
    return any(t.tag_.startswith("V") if t.tag_ else t.pos_ in ("VERB", "AUX") for t in doc[start:end])


def _quote_owns_frame(doc: Doc, content: Range, mask: set[int]) -> bool:
    """``Narration: „Quote“, sagte X`` — the frame belongs to the marked quotation before it."""
    start, end = content
    if end <= start or end - 1 not in mask:
        return False
    first = end - 1
    while first > start and first - 1 in mask:
        first -= 1
    before = [t for t in doc[start:first] if not t.is_space]
    return not before or before[-1].text in (":", ".", "!", "?")


def _colon_after(doc: Doc, cue: Cue, end: int) -> bool:
    return any(t.text == ":" for t in doc[cue.head.i + 1 : min(end, cue.head.i + 4)])


def _ends_with_relative(doc: Doc, start: int, opener: int) -> bool:
    """``Ulla X, die … hatte, kritisierte …``: the comma closes a relative clause of the subject."""
    for i in range(start, opener - 1):
        if doc[i].text == "," and _relative([t for t in doc[i + 1 : opener] if not t.is_space] or [doc[i]]):
            return True
    return False


def _frame_opener(doc: Doc, cue: Cue, start: int) -> int | None:
    """The comma that opens a trailing frame: right before the cue, or before ``wie``."""
    i = cue.head.i
    if i - 1 > start and doc[i - 1].text == ",":
        return i - 1
    wie = cue_words()["attribution"]["wie"]
    j = i - 1
    while j > start and doc[j].text != ",":
        j -= 1
    if j > start and j + 1 < i and doc[j + 1].lower_ in wie:
        return j
    return None


def _unit_start(doc: Doc, start: int, end: int) -> int:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start


def attribution(doc: Doc, unit: Range, mask: set[int], settings: Settings) -> Quote | None:
    """``laut X``, ``nach Angaben X``, ``X zufolge`` — a source without a speech verb."""
    start, end = unit
    table = run_table(doc)
    candidates = (
        range(start, end)
        if table is None
        else table.positions_in("attribution", start, end, attribution_triggers())
    )
    for i in candidates:
        if i in mask:
            continue
        found = attribution_at(doc, i, end)
        if found is None:
            continue
        cue, source, phrase = found
        clause = _clause_start(doc, start, phrase[0], mask)
        ranges = _around(doc, phrase, (clause, end))
        if cue.lemma in cue_words()["attribution"]["relative"]:
            ranges = ranges[-1:] if ranges and ranges[-1][0] >= phrase[1] else []
        # a clause cut at ``…, da`` may open with its subordinator
        checked = [(ranges[0][0] + 1, ranges[0][1]), *ranges[1:]] if ranges and clause > start else ranges
        if ranges and _valid_ranges(doc, checked, mask, settings):
            via = [s for s in channel_spans(doc, *phrase, skip=set()) if s.start >= phrase[0]]
            return Quote(
                _kind(doc, ranges, mask),
                [char_range(doc, s, e) for s, e in ranges],
                settings.conf_attribution,
                cue=cue,
                speaker=source,
                via=via,
            )
    return None


def _clause_start(doc: Doc, start: int, phrase: int, mask: set[int]) -> int:
    """``…, da nach Angaben X …``: the attributed clause starts at the subordinator or conjunction
    after the last comma before the phrase; the narration before it is not reported."""
    openers = frozenset(cue_words()["subordinators"]) | CLAUSE_CONJUNCTIONS
    for i in range(phrase - 1, start, -1):
        if doc[i].text == "," and i not in mask and i + 1 < phrase and doc[i + 1].lower_ in openers:
            return i + 1
    return start


def attribution_at(doc: Doc, i: int, end: int) -> tuple[Cue, Span | None, Range] | None:
    table = run_table(doc)
    lower = table.lower[i] if table is not None else doc[i].lower_
    if lower not in attribution_triggers():
        return None
    token = doc[i]
    words = cue_words()["attribution"]
    if lower in words["before"] and i + 1 < end and doc[i + 1].text in OPENING and i + 2 < end:
        close = next((j for j in range(i + 2, min(end, i + 10)) if doc[j].text in CLOSING), None)
        if close is not None:
            return _cue(token, "laut"), doc[i + 1 : close + 1], (i, close + 1)
    if lower in words["before"] and i + 1 < end and (is_np_token(doc[i + 1]) or "-" in doc[i + 1].text):
        source = np_run(doc, i + 1, start=i + 1, end=end, step=1) or doc[i + 1 : i + 2]
        if source is not None:
            return _cue(token, "laut"), source, (i, source.end)
    if lower in words["noun_prepositions"]:
        noun = _cue_noun_after(doc, i, end)
        if noun is not None:
            source = noun_source(doc, noun, end=end)
            stop = max(noun.i + 1, source.end if source is not None else 0)
            return (
                Cue(tokens=[token, noun], lemma=lower, type="report", kind="attribution"),
                source,
                (i, stop),
            )
    if lower in words["after"] and i > 0 and (lower == "zufolge" or noun_cue(doc[i - 1]) is not None):
        source = np_run(doc, i - 1, start=0, end=i, step=-1)
        if source is not None and not _possessive_opinion(doc, source, end):
            return _cue(token, lower), source, (source.start, i + 1)
    opens = i == 0 or doc[i - 1].is_space or is_terminal(doc[i - 1])
    if lower in words["relative"] and (opens or doc[i - 1].text == ","):
        # ``Danach ging er.`` is time: opening a sentence, only with reported Konjunktiv
        temporal = lower in words.get("relative_temporal", [])
        if opens and temporal and not any(reported_subjunctive(t) for t in doc[i + 1 : end]):
            return None
        # ``ein Bericht der Behörde, wonach …``: the phrase before the comma; else (``Demnach …``)
        # the word stands for speaker and cue, as in the guidelines of the Wikinews corpus
        source = _source_before(doc, i) if not opens else None
        return _cue(token, lower), source or doc[i : i + 1], (i, i + 1)
    return None


def own_source(doc: Doc, i: int, end: int) -> Span | None:
    """``Der Konzern habe nach eigenen Angaben …``, ``Nach eigenem Bekunden sei er …``: the
    subject of the clause around the attribution at ``i`` (none when the parse has no subject)."""
    if not has_dep(doc):
        return None
    sentence = doc[i].sent if doc.has_annotation("SENT_START") else doc[:end]
    finite = [t for t in sentence if t.tag_.endswith("FIN")]
    for verb in sorted(finite, key=lambda t: abs(t.i - i)):
        head = verb.head if verb.dep_.startswith(("aux", "cop")) else verb  # ``habe … gestrichen``
        subject = parse_subject(doc, head, start=sentence.start, end=sentence.end)
        if subject is not None and not (subject.start <= i < subject.end):
            return subject
    return None


def _possessive_opinion(doc: Doc, source: Span, end: int) -> bool:
    """``die ihrer Meinung nach falsch ist``: a possessive view in an indicative clause is an aside,
    not reported speech (``Seiner Meinung nach sei …`` with Konjunktiv still is, and so is
    Konjunktiv II: ``Seiner Meinung nach hätte die Aufsicht abraten müssen``)."""
    first = source[0]
    if not (first.tag_ == "PPOSAT" or (not first.tag_ and first.lower_ in POSSESSIVES)):
        return False
    return not any(is_subjunctive(t) for t in doc[source.end : end])


def _source_before(doc: Doc, i: int) -> Span | None:
    """``Ein Bericht der Agentur, wonach …``: the noun phrase before the comma."""
    j = i - 1
    while j >= 0 and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    if j < 0 or doc[i - 1].text != ",":
        return None
    run = np_run(doc, j, start=max(0, j - 12), end=j + 1, step=-1)
    if run is not None:
        return run
    # ``konnte erste Medienberichte nicht bestätigen, wonach …``: a report noun of the clause
    k = j
    while k >= max(0, j - 8) and not (doc[k].is_punct or is_terminal(doc[k])):
        if noun_cue(doc[k]) is not None:
            return np_run(doc, k, start=max(0, k - 6), end=k + 1, step=-1)
        k -= 1
    return None


def _cue(token: Token, lemma: str) -> Cue:
    return Cue(tokens=[token], lemma=lemma, type="report", kind="attribution")


def _cue_noun_after(doc: Doc, i: int, end: int) -> Token | None:
    for j in range(i + 1, min(end, i + 4)):
        if noun_cue(doc[j]) is not None:
            return doc[j]
        if not (doc[j].pos_ in ("DET", "ADJ", "PRON") or doc[j].text[:1].islower()):
            return None
    return None


def _around(doc: Doc, phrase: Range, unit: Range) -> list[Range]:
    start, end = _unit_start(doc, *unit), _content_end(doc, *unit)
    before = (start, _content_end(doc, start, phrase[0]))
    after = (_unit_start(doc, phrase[1], end), end)
    return [r for r in (before, after) if r[1] - r[0] > 0]


def unit_quote(doc: Doc, unit: Range, mask: set[int], settings: Settings) -> Quote | None:
    """The reported-speech quotation of one sentence unit, if it has a frame."""
    start, end = unit
    for i in cue_positions(doc, start, end):
        if i in mask:
            continue
        cue = verb_cue(doc, i, end=end)
        if cue is None:
            continue
        if _prefer_first(doc, cue, unit, mask):
            quote = frame_first(doc, cue, unit, mask, settings) or frame_last(doc, cue, unit, mask, settings)
        else:
            quote = frame_last(doc, cue, unit, mask, settings) or frame_first(doc, cue, unit, mask, settings)
        if quote is not None:
            return quote
    texts = token_texts(doc)
    for i in range(start, end - 2):
        if (
            texts[i] == ","
            and doc[i + 1].lower_ in cue_words()["attribution"]["so"]
            and i not in mask
            and doc[i + 2].lower_ not in cue_words()["complementizers"]
        ):
            cue = Cue(tokens=[doc[i + 1]], lemma="so", type="speech", kind="so")
            quote = frame_last(doc, cue, unit, mask, settings)
            if quote is not None:
                return quote
    return attribution(doc, unit, mask, settings) or dass_frame(doc, unit, mask, settings)


def dass_frame(doc: Doc, unit: Range, mask: set[int], settings: Settings) -> Quote | None:
    """``X zeigte sich zuversichtlich, dass …``: a main clause with a subject and a ``dass`` clause.

    Only with a parse; ``so dass``/``ohne dass`` and clauses without a nominal subject are skipped.
    """
    if not has_dep(doc):
        return None
    start, end = unit
    texts = token_texts(doc)
    comma = next(
        (
            i
            for i in range(start + 2, end - 2)
            if texts[i] == ","
            and i not in mask
            and doc[i + 1].lower_ in cue_words()["complementizers"][:2]
            and not _dass_blocked(doc, i)
        ),
        None,
    )
    if comma is None:
        return None
    roots = [t for t in doc[start:comma] if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX", "ADJ")]
    if not roots or _subordinate_start(doc, start, comma):
        return None
    cue = Cue(tokens=[roots[0]], lemma=roots[0].lemma_.lower(), type="speech")
    info = build_frame(doc, cue, start, comma)
    if info.speaker is None or info.speaker[0].lower_ in word_list("empty_subjects"):
        return None
    content = (comma + 1, _content_end(doc, comma + 1, end))
    if not _valid_ranges(doc, [content], mask, settings) and doc[comma + 1].lower_ not in ("dass", "daß"):
        return None
    return Quote(
        "indirect",
        [char_range(doc, *content)],
        settings.conf_attribution,
        cue=cue,
        speaker=info.speaker,
        via=info.via,
    )


def _dass_blocked(doc: Doc, comma: int) -> bool:
    """``so heftig, dass``, ``der Tatsache, dass``, ``dazu geführt, dass``: not reported content."""
    blockers = cue_words().get("dass_blockers", [])
    before = doc[comma - 1]
    if before.tag_ in ("PROAV", "PAV"):
        return True
    return any(t.lower_ in blockers or t.tag_ in ("PROAV", "PAV") for t in doc[max(0, comma - 4) : comma])


def _named_or_personal(doc: Doc, span: Span) -> bool:
    """A speaker candidate that names someone: an entity or a personal pronoun."""
    if any(t.lower_ in ("er", "sie", "ich", "wir") for t in span):
        return True
    return any(ent.start < span.end and span.start < ent.end for ent in doc.ents)


def _subordinate_start(doc: Doc, start: int, end: int) -> bool:
    first = _unit_start(doc, start, end)
    return first < end and (is_subordinator(doc[first]) or doc[first].lower_ in ("wie", "ob", "dass"))


def _prefer_first(doc: Doc, cue: Cue, unit: Range, mask: set[int]) -> bool:
    """``A, sagte X, B``: B is the content unless A is subjunctive and B starts with a verb."""
    start, end = unit
    opener = _frame_opener(doc, cue, start)
    comma = _free_comma(doc, max(t.i for t in cue.tokens) + 1, end, mask)
    if opener is None or comma is None or comma + 1 >= end:
        return opener is None
    tail = doc[comma + 1]
    if tail.pos_ in ("VERB", "AUX") or is_subjunctive(tail):
        return False
    head_subjunctive = any(is_subjunctive(t) for t in doc[start:opener])
    tail_subjunctive = any(is_subjunctive(t) for t in doc[comma + 1 : end])
    return tail_subjunctive or not head_subjunctive


def has_cue(doc: Doc, unit: Range, mask: set[int]) -> bool:
    return any(verb_cue(doc, i, end=unit[1]) is not None for i in range(*unit) if i not in mask)


def find_indirect(doc: Doc, mask: set[int], settings: Settings) -> list[Quote]:
    """Reported speech in every unit not entirely inside quotation marks."""
    quotes: list[Quote] = []
    bounds = [part for unit in units(doc) for part in split_at_quote_colon(doc, unit, mask)]
    for v, unit in enumerate(bounds):
        words = word_indices(doc, *unit)
        if words and not all(i in mask for i in words):
            quote = unit_quote(doc, unit, mask, settings)
            if quote is None and v > 0:
                quote = anaphoric_frame(doc, bounds[v - 1], unit, mask, quotes, settings)
            if quote is not None:
                quotes.append(quote)
            if has_pos(doc):
                quotes.extend(infinitive_frames(doc, unit, mask, quotes, settings))
                quotes.extend(subordinate_reports(doc, unit, mask, quotes, settings))
    return quotes


def subordinate_reports(
    doc: Doc, unit: Range, mask: set[int], taken: list[Quote], settings: Settings
) -> list[Quote]:
    """``Sie warnte vor einer Katastrophe, wenn die Hilfe nicht fortgesetzt werde``: a clause
    after a comma that opens with a reasons-or-conditions subordinator (data:
    ``reported_subordinators``) and whose verb is in Konjunktiv I reports the main clause
    subject's words, when the main clause itself is not reported.  The content runs from the
    subordinator to the comma after that verb (or the unit's end)."""
    start, end = unit
    subordinators = frozenset(cue_words().get("reported_subordinators") or ())
    spans = [(q.start, q.end) for q in taken]
    texts = token_texts(doc)
    found: list[Quote] = []
    for comma in range(start + 1, end - 2):
        if texts[comma] != "," or comma in mask or doc[comma + 1].lower_ not in subordinators:
            continue
        verb = next((i for i in range(comma + 2, end) if texts[i] == "," or _konjunktiv_one(doc[i])), None)
        if verb is None or texts[verb] == "," or verb in mask:
            continue
        stop = next((i for i in range(verb + 1, end) if texts[i] == "," and i not in mask), end)
        content = (comma + 1, _content_end(doc, comma + 1, stop))
        chars = char_range(doc, *content)
        if any(s < chars[1] and chars[0] < e for s, e in spans):
            continue
        frame_start = _unit_start(doc, start, comma)
        main = [t for t in doc[frame_start:comma] if t.i not in mask and t.tag_.endswith("FIN")]
        complementizers = cue_words()["complementizers"]
        if not main or any(
            reported_subjunctive(t) or t.lower_ in complementizers
            for t in doc[frame_start:comma]
            if t.i not in mask
        ):
            continue  # ``ist der Ansicht, dass … führe, da …``: the reason is part of that content
        before = char_range(doc, frame_start, comma)
        if any(s < before[1] and before[0] < e for s, e in spans):
            continue  # the clause before is reported already: the reason belongs to that report
        verb_token, head = main[0], main[0].head
        if (
            verb_token.pos_ == "AUX"
            and has_dep(doc)
            and head.pos_ == "VERB"
            and frame_start <= head.i < comma
        ):
            verb_token = head  # ``hatten … erhoben``: the participle is the cue
        cue = Cue(tokens=[verb_token], lemma=(verb_token.lemma_ or verb_token.text).lower(), type="speech")
        info = build_frame(doc, cue, frame_start, comma)
        speaker = info.speaker
        if speaker is None or speaker[0].lower_ in (
            *word_list("empty_subjects"),
            *word_list("generic_subjects"),
        ):
            continue
        if speaker_score(speaker) <= 0 and not animate(speaker):
            continue  # ``gilt die höchste Sicherheitsstufe, weil …``: no one speaks
        found.append(
            Quote("indirect", [chars], settings.conf_attribution, cue=cue, speaker=speaker, via=info.via)
        )
        spans.append(chars)
    return found


def _konjunktiv_one(token: Token) -> bool:
    """A singular Konjunktiv I form (``habe``, ``sei``, ``werde``, ``könne``) or ``seien``: the
    forms that mark reported speech without doubt (plural Konjunktiv I is the indicative's form,
    Konjunktiv II is hypothetical)."""
    if not reported_subjunctive(token):
        return False
    lower = token.lower_
    if lower in ("sei", "seien"):
        return True
    return lower.endswith("e") and not lower.endswith("te") and lower not in KONJUNKTIV_II


def infinitive_frames(
    doc: Doc, unit: Range, mask: set[int], taken: list[Quote], settings: Settings
) -> list[Quote]:
    """``Die Behörde forderte die Firma auf, das Werk zu schließen``, ``der Vorschlag, die Flagge zu
    wechseln``: an infinitive clause with ``zu`` after a comma, framed by a cue verb or a request
    noun in the clause before the comma.  The content runs from the comma to the infinitive."""
    start, end = unit
    spans = [(q.start, q.end) for q in taken]
    found: list[Quote] = []
    texts = token_texts(doc)
    for comma in range(start + 1, end - 2):
        if texts[comma] != "," or comma in mask:
            continue
        stop = _infinitive_end(doc, comma + 1, end)
        if stop is None:
            continue
        content = (comma + 1, stop)
        chars = char_range(doc, *content)
        if any(s < chars[1] and chars[0] < e for s, e in spans):
            continue
        if not _valid_content(doc, content, mask, settings):
            continue
        frame_start = comma - 1
        while (
            frame_start > start
            and doc[frame_start - 1].text not in (",", ";", ":")
            and not is_terminal(doc[frame_start - 1])
        ):
            frame_start -= 1
        cue = _request_cue(doc, frame_start, comma, mask)
        if cue is None:
            continue
        info = build_frame(doc, cue, frame_start, comma)  # a noun: ``die Warnung der Wärter``
        speaker = info.speaker
        if cue.kind == "noun" and (speaker is None or (cue.head in speaker and _oblique(speaker))):
            # ``erteilten sie den Befehl, …``: the noun is an object, the subject asked
            verb = next((t for t in doc[frame_start:comma] if t.tag_.endswith("FIN")), None)
            if verb is not None:
                info.speaker = subject_by_position(doc, verb, start=frame_start, end=comma, skip={cue.head.i})
        found.append(
            Quote("indirect", [chars], settings.conf_attribution, cue=cue, speaker=info.speaker, via=info.via)
        )
        spans.append(chars)
    return found


def _oblique(span: Span) -> bool:
    return span[0].lower_ in cue_words().get("oblique_openers", [])


def _infinitive_end(doc: Doc, start: int, end: int) -> int | None:
    """End of an infinitive clause with ``zu`` opening at ``start`` (no finite verb before it),
    with the infinitive clauses coordinated to it (``A zu tun und B zu lassen``)."""
    stop = _one_infinitive_end(doc, start, end)
    while stop is not None and stop + 1 < end and doc[stop].lower_ in word_list("coordinators"):
        further = _one_infinitive_end(doc, stop + 1, end)
        if further is None:
            break
        stop = further
    return stop


def _one_infinitive_end(doc: Doc, start: int, end: int) -> int | None:
    texts, tags = token_texts(doc), token_tags(doc)
    for i in range(start, end):
        text, tag = texts[i], tags[i]
        if text in (",", ";", ":") or text in OPENING or text in TERMINAL:
            return None
        if tag == "VVIZU":  # ``einzuleiten``
            return i + 1
        if tag == "PTKZU" and i + 1 < end and tags[i + 1].startswith("V"):
            return i + 2  # ``zu schließen``
        if tag.endswith("FIN"):
            return None
    return None


def _request_cue(doc: Doc, start: int, end: int, mask: set[int]) -> Cue | None:
    nouns = frozenset(cue_words().get("request_nouns") or [])
    for i in range(end - 1, start - 1, -1):
        if i in mask:
            continue
        cue = verb_cue(doc, i, end=end)
        if cue is not None and cue.type == "speech":
            return cue
        lower = doc[i].lower_.rsplit("-", 1)[-1]
        if doc[i].text[:1].isupper() and lower in nouns:
            return Cue(tokens=[doc[i]], lemma=lower, type="speech", kind="noun")
    return None


def split_at_quote_colon(doc: Doc, unit: Range, mask: set[int]) -> list[Range]:
    """``X warnte in einem Brief: „…“``: a colon before a quotation ends the reported clause.

    The quotation after the colon is direct speech with its own frame; the part before it is
    searched for reported speech on its own.
    """
    start, end = unit
    table = run_table(doc)
    for i in range(start, end - 1):
        colon = table.lower[i] == ":" if table is not None else doc[i].text == ":"
        if colon and i not in mask:
            j = i + 1
            while j < end and doc[j].is_space:
                j += 1
            if j < end and j in mask:
                return [(start, i + 1), *split_at_quote_colon(doc, (i + 1, end), mask)]
    return [unit]


def anaphoric_frame(
    doc: Doc, previous: Range, unit: Range, mask: set[int], found: list[Quote], settings: Settings
) -> Quote | None:
    """``X ist geschlossen. Das teilte die Polizei mit.``: the previous sentence is the content."""
    start, end = unit
    first = _unit_start(doc, start, end)
    if first + 1 >= end or doc[first].lower_ not in cue_words()["attribution"].get("anaphors", []):
        return None
    cue = verb_cue(doc, first + 1, end=end)
    if cue is None:
        return None
    p_start, p_end = _unit_start(doc, *previous), _content_end(doc, *previous)
    if p_end <= p_start or any(p_start <= i < p_end for i in mask):
        return None
    if found and found[-1].end > doc[p_start].idx:
        return None
    if not _valid_content(doc, (p_start, p_end), mask, settings):
        return None
    return _quote(doc, [(p_start, p_end)], cue, (start, end), settings.conf_indirect, mask)


def reported_subjunctive(token: Token) -> bool:
    """Konjunktiv that marks reported speech: not singular Konjunktiv II (``hätte``, ``wäre``)."""
    if not is_subjunctive(token):
        return False
    lower = token.lower_
    if lower in NON_REPORTIVE:
        return False
    if lower.endswith("n") or not any(c in lower for c in "äöü"):
        return True
    # singular Konjunktiv II (``hätte``, ``müsste``, ``wäre``) is hypothetical; Konjunktiv I with
    # an umlaut stem (``müsse``, ``könne``, ``gehöre``) reports speech
    return not (lower.endswith("te") or lower in KONJUNKTIV_II)


def subjunctive_unit(doc: Doc, unit: Range, mask: set[int], *, strict: bool = True) -> bool:
    """Has a Konjunktiv verb outside quotation marks; ``strict``: one that marks reported speech."""
    test = reported_subjunctive if strict else is_subjunctive
    table = run_table(doc)
    if table is not None:  # a Token only for the Konjunktiv forms
        return any(test(doc[i]) for i in range(*unit) if i not in mask and subjunctive_at(table, i))
    return any(test(doc[i]) for i in range(*unit) if i not in mask)


def main_clause_subjunctive(doc: Doc, unit: Range, mask: set[int]) -> bool:
    """The unit's main clause is in reported Konjunktiv (``Die Lage sei ernst, …``)."""
    tokens = [doc[i] for i in range(*unit) if i not in mask]
    if has_dep(doc):
        return any(
            reported_subjunctive(t)
            and (t.dep_ == "ROOT" or (t.head.dep_ == "ROOT" and t.dep_ in ("aux", "cop", "aux:pass")))
            for t in tokens
        )
    finite = [t for t in tokens if t.tag_.endswith("FIN") or is_subjunctive(t)]
    return bool(finite) and reported_subjunctive(finite[0])


def framed_content(doc: Doc, unit: Range, mask: set[int]) -> tuple[tuple[int, int], Frame] | None:
    """``X vertrat die Ansicht, Y sei …``: a cue and a comma before the first Konjunktiv.

    Returns the character range of the content after the comma and the frame before it.
    """
    start, end = unit
    first = next((i for i in range(start, end) if i not in mask and reported_subjunctive(doc[i])), None)
    if first is None:
        return None
    comma = next((i for i in range(first - 1, start, -1) if doc[i].text == "," and i not in mask), None)
    if comma is None:
        return None
    for i in range(start, comma):
        cue = verb_cue(doc, i, end=comma) if i not in mask else None
        cue = cue or (noun_cue(doc[i]) if i not in mask else None)
        if cue is not None:
            frame = build_frame(doc, cue, start, comma)
            if cue.kind == "noun" and frame.speaker is not None and frame.speaker.end > cue.head.i:
                # ``X vertrat die Ansicht, …``: no ``der Polizei`` after the noun, the subject speaks
                skip = {cue.head.i}
                frame.speaker = subject_by_position(doc, cue.head, start=start, end=comma, skip=skip)
            stop = _content_end(doc, comma + 1, end)
            if frame.speaker is None or stop <= comma + 1:
                return None
            return char_range(doc, comma + 1, stop), frame
    return None
