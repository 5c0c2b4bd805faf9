"""Frames of quotations: the region around a quote, its cue, speaker, channel and addressee."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .cues import Cue, noun_cue, verb_cue
from .lexicon import channels, cue_words, words_phrase
from .speakers import (
    SUBJECT_DEPS,
    animate,
    chunk_near,
    inverted_subject,
    np_run,
    parse_subject,
    plausible,
    relative_antecedent,
    speaker_score,
    subject_by_position,
    subtree_span,
)
from .units import has_dep, is_break, is_name, is_np_token, is_terminal, run_table

OPENING_MARKS = frozenset('„»«“"‚›‹‘')
CLOSING = frozenset('“”«»"‘’‹›')
CHANNEL_LINKS = frozenset(["mit", "von", "vom", "dem", "der", "den", "des"])


@dataclass
class Frame:
    """What a frame says about a quote: cue, speaker mention, channels, addressee."""

    cue: Cue | None = None
    speaker: Span | None = None
    via: list[Span] = field(default_factory=list)
    addressee: Span | None = None


def region_before(doc: Doc, i: int, mask: set[int]) -> tuple[int, int]:
    """Tokens before token ``i`` back to the previous sentence end, line break or quotation."""
    j = i - 1
    while j >= 0 and not (is_terminal(doc[j]) or is_break(doc[j]) or j in mask):
        j -= 1
    if j + 1 == i and j >= 0 and is_break(doc[j]):
        k = j - 1
        while k >= 0 and doc[k].is_space:
            k -= 1
        if k >= 0 and doc[k].text == ":":
            return region_before(doc, k, mask)[0], k + 1
    return j + 1, i


def region_after(doc: Doc, i: int, mask: set[int]) -> tuple[int, int]:
    """Tokens from token ``i`` up to the sentence end, line break or next quotation."""
    j = i
    while j < len(doc) and not (is_terminal(doc[j]) or is_break(doc[j]) or j in mask):
        j += 1
    return i, j


def first_verb_cue(
    doc: Doc, start: int, end: int, *, reverse: bool = False, skip: set[int] | None = None
) -> Cue | None:
    positions = range(end - 1, start - 1, -1) if reverse else range(start, end)
    for i in positions:
        if skip and i in skip:
            continue
        cue = verb_cue(doc, i, end=end)
        if cue is not None:
            return cue
    return None


def so_cue(doc: Doc, start: int, end: int) -> Cue | None:
    """``…, so der Sprecher.`` — ``so`` right after the comma that follows the quote."""
    words = cue_words()["attribution"]["so"]
    for i in range(start, min(end, start + 2)):
        if (
            doc[i].lower_ in words
            and i + 1 < end
            and is_np_token(doc[i + 1])
            and doc[i + 1].lower_ not in ("dass", "daß")
        ):
            return Cue(tokens=[doc[i]], lemma="so", type="speech", kind="so")
    return None


def speaker_for(doc: Doc, cue: Cue, start: int, end: int) -> Span | None:
    """The speaker mention of a cue inside the frame ``[start, end)``."""
    head = cue.head
    if cue.kind == "so":
        return np_run(doc, head.i + 1, start=head.i + 1, end=end, step=1)
    if cue.kind == "noun":
        return noun_source(doc, head, end=end)
    skip = {t.i for t in cue.tokens}
    start = next((i + 1 for i in range(head.i - 1, start - 1, -1) if doc[i].text == ";"), start)
    start = _wie_clause(doc, head, start)
    agent = _passive_agent(doc, head, start, end)
    if agent is not None:
        return agent
    relative = _relative_subject(doc, head, start, end)
    if relative is not None:
        return relative
    if agentless_passive(doc, head, start, end):
        return None  # ``Dem Minister wird vorgeworfen, …``: the subject or object is the addressee
    if "impersonal" in cue.flags:
        source = impersonal_source(doc, head, start, end)
        if source is not None:
            return source
    found = parse_subject(doc, head, start=start, end=end)
    if found is None or speaker_score(found) == 0:
        # ``Die Ministerin äußerte Vorbehalte und wagte …``: a bare noun from the parse gives way
        # to a name in the subject position
        positional = subject_by_position(doc, head, start=start, end=end, skip=skip)
        if found is None or (positional is not None and speaker_score(positional) > 0):
            found = positional
    if found is not None and speaker_score(found) == 0 and not animate(found):
        # ``Vorbehalte äußerte die Ministerin``: a fronted object is no speaker; a phrase that can
        # speak right after the finite verb is
        after = inverted_subject(doc, head, start=start, end=end, skip=skip)
        if after is not None and after[0].lower_ != "man" and animate(after) and after.start > found.end:
            found = after
    return found if found is not None else chunk_near(doc, head, start=start, end=end, skip=skip)


def _relative_subject(doc: Doc, head: Token, start: int, end: int) -> Span | None:
    """``einen Zeugen, der erklärte, …``: a relative pronoun subject speaks for the noun phrase
    before its clause."""
    for child in head.children:
        if child.dep_ in SUBJECT_DEPS and child.tag_ == "PRELS" and start <= child.i < end:
            return relative_antecedent(doc, child)
    return None


def impersonal_source(doc: Doc, head: Token, start: int, end: int) -> Span | None:
    """``In dem Bericht heißt es``, ``aus Paris verlautete``: the source is a prepositional phrase.

    Only when the clause has no nominal subject of its own; the phrase nearest to the cue wins.
    """
    subject = parse_subject(doc, head, start=start, end=end)
    if subject is not None and subject[0].lower_ != "es":
        return None
    prepositions = cue_words().get("source_prepositions", [])
    found: list[Span] = []
    for i in range(start, end - 1):
        if doc[i].lower_ in prepositions and i + 1 != head.i:
            run = np_run(doc, i + 1, start=i + 1, end=end, step=1)
            inside = run is not None and run.start <= head.i < run.end
            if run is not None and plausible(run) and not inside and not _other_conjunct(doc, run, head):
                found.append(run)
    return min(found, key=lambda run: abs(run.start - head.i)) if found else None


PASSIVE_AUX = frozenset(["wird", "wurde", "wurden", "werden", "worden", "würde", "würden", "werde"])


def _passive_agent(doc: Doc, head: Token, start: int, end: int) -> Span | None:
    """``wurde von X als … bezeichnet``: in a passive frame the ``von`` phrase is the speaker.

    ``werden von X … bezeichnet`` counts too when the tagger read the participle as a finite verb
    (the same form) but the parse gives it a passive auxiliary; the parse's agent comes first.
    """
    dep = has_dep(doc)
    passive = head.tag_.startswith("VVPP") or (dep and any(c.dep_ == "aux:pass" for c in head.children))
    if not passive or not any(t.lower_ in PASSIVE_AUX for t in doc[start:end]):
        return None
    for child in head.children if dep else ():
        case = next((c for c in child.children if c.dep_ == "case"), None)
        if (
            child.dep_ == "obl:agent"
            and case is not None
            and case.lower_ in ("von", "vom")
            and start <= case.i
        ):
            run = np_run(doc, case.i + 1, start=case.i + 1, end=end, step=1)
            if run is not None and plausible(run) and not (run.start <= head.i < run.end):
                return run
    for i in range(start, end - 1):
        if doc[i].lower_ in ("von", "vom") and i + 1 != head.i:
            run = np_run(doc, i + 1, start=i + 1, end=end, step=1)
            if run is not None and plausible(run) and not (run.start <= head.i < run.end):
                if _other_conjunct(doc, run, head):
                    continue
                return run
    return None


def _other_conjunct(doc: Doc, run: Span, head: Token) -> bool:
    """``der von der Sonne ausgeht und als „…“ bezeichnet wird``: a conjunction and another verb
    stand between the phrase and the cue, so the phrase belongs to that other verb."""
    between = list(doc[run.end : head.i] if run.end <= head.i else doc[head.i + 1 : run.start])
    verbs = [k for k, t in enumerate(between) if t.tag_ in ("VVFIN", "VVPP", "VVINF")]
    conjunctions = [k for k, t in enumerate(between) if t.tag_ == "KON"]
    if run.end <= head.i:  # phrase … its verb … und … cue
        return bool(verbs and conjunctions) and max(conjunctions) > min(verbs)
    return bool(verbs and conjunctions) and min(conjunctions) < max(verbs)  # cue … und … verb … phrase


def agentless_passive(doc: Doc, head: Token, start: int, end: int) -> bool:
    """A passive cue without ``von`` agent (``wurde aufgefordert``, ``wurde bekannt``) names no
    speaker; ``X wird mit den Worten zitiert`` does: its subject is the one quoted."""
    if head.tag_ not in ("VVPP", "ADJD") or head.lemma_.lower() in cue_words().get(
        "quoted_subject_verbs", []
    ):
        return False
    if has_dep(doc):  # the cue's own auxiliary, not one of another clause in the frame
        return any(c.dep_ in ("aux", "aux:pass", "cop") and c.lower_ in PASSIVE_AUX for c in head.children)
    return any(t.lower_ in PASSIVE_AUX for t in doc[start:end] if t.i != head.i)


def _wie_clause(doc: Doc, head: Token, start: int) -> int:
    """``…, wie X mitteilte``: the speaker is inside the ``wie`` clause that holds the cue."""
    words = cue_words()["attribution"]["wie"]
    for i in range(head.i - 1, start - 1, -1):
        if doc[i].text in (";", ":") or is_terminal(doc[i]) or doc[i].tag_.endswith("FIN"):
            return start
        if doc[i].lower_ in words and (
            i == start or doc[i - 1].text in (",", "(", "–") or doc[i - 1].is_space
        ):
            return i
    return start


def noun_source(doc: Doc, noun: Token, *, end: int) -> Span | None:
    """The source of a cue noun: ``Angaben der Polizei``, ``Angaben von X``, ``seinen Angaben``."""
    i = noun.i + 1
    linked = i < end and doc[i].lower_ in ("von", "vom", "aus")
    if linked:
        i += 1
    if i < end and is_np_token(doc[i]) and (linked or _genitive_start(doc[i])):
        run = np_run(doc, i, start=i, end=end, step=1)
        while run is not None and len(run) > 1 and run[-1].tag_ in ("ADJD", "ADV"):
            run = run[:-1]  # ``nach Angaben von X möglich``: a predicate, not part of the name
        if plausible(run):
            return run
    start = noun.i
    while (start > 0 and doc[start - 1].pos_ in ("DET", "ADJ", "PRON")) or (
        start > 0 and doc[start - 1].lower_ in ("seinen", "ihren", "dessen", "deren", "eigenen")
    ):
        start -= 1
    return doc[start : noun.i + 1]


def _genitive_start(token: Token) -> bool:
    """A genitive attribute opens here (``Angaben der Polizei``, ``Angaben Kiews``).

    Anything else after the cue noun is the clause's own subject or object (``nach
    Medienberichten wurden weitere Teilnehmer festgenommen``): the cue noun is then the source.
    """
    cases = str(token.morph.to_dict().get("Case", ""))
    if cases:
        return "Gen" in cases.split(",")
    if token.lower_ in ("des", "der", "eines", "einer"):
        return True
    if token.pos_:
        return token.pos_ == "PROPN"
    return token.text[:1].isupper() and token.lower_ not in ("den", "dem", "die", "das", "ein", "eine")


def channel_spans(doc: Doc, start: int, end: int, *, skip: set[int]) -> list[Span]:
    """Mentions of channels (agencies, papers, broadcasters, interviews) in ``[start, end)``."""
    words = channels()
    spans: list[Span] = []
    i = start
    while i < end:
        token = doc[i]
        lower = token.lower_.rsplit("-", 1)[-1]
        if i not in skip and (
            (lower in words["channel_nouns"] and token.text[:1].isupper())
            or (token.lower_ in words["media_names"] and token.text[:1].isupper())
        ):
            span = _extend_channel(doc, i, end)
            spans.append(span)
            i = span.end
        else:
            i += 1
    return spans


def _extend_channel(doc: Doc, i: int, end: int) -> Span:
    j = i + 1
    # the frame ends where a quotation starts, so the quoted name may lie just beyond ``end``
    while j <= min(end, len(doc) - 1) and (doc[j].lower_ in CHANNEL_LINKS or doc[j].text in OPENING_MARKS):
        if doc[j].text in OPENING_MARKS:  # ``Interview mit „Medium“``: the whole quoted name
            close = next((k for k in range(j + 1, min(len(doc), j + 8)) if doc[k].text in CLOSING), None)
            if close is not None:
                return doc[i : close + 1]
        j += 1
    j = i + 1
    media = channels()["media_names"]
    while j < end and (
        doc[j].text in OPENING_MARKS
        or doc[j].lower_ in ("mit", "von")
        or (is_name(doc[j]) and doc[j].text[:1].isupper())
        or doc[j].lower_ in media  # lower-case names: "Nachrichtenagentur dpa"
        or doc[j].text in '“«»"'
    ):
        j += 1
    while j > i + 1 and (doc[j - 1].lower_ in ("mit", "von") or doc[j - 1].text in OPENING_MARKS):
        j -= 1
    return doc[i:j]


def addressee_for(doc: Doc, cue: Cue, start: int, end: int) -> Span | None:
    """``gegenüber X`` or the dative object (``sagte er der Zeitung``) of the cue."""
    for i in range(start, end - 1):
        if doc[i].lower_ == "gegenüber":
            return np_run(doc, i + 1, start=i + 1, end=end, step=1)
    if has_dep(doc):
        for child in cue.head.children:
            if child.dep_ in ("da", "iobj", "obl:arg") and start <= child.i < end and child.pos_ != "ADP":
                return subtree_span(doc, child, start=start, end=end)
    return None


def berufung_source(doc: Doc, start: int, end: int) -> Span | None:
    """``unter Berufung auf X``: X is the source; the frame's subject becomes the channel."""
    table = run_table(doc)
    lower = table.lower if table is not None else [t.lower_ for t in doc]
    for phrase in cue_words()["attribution"]["berufung"]:
        n = len(phrase)
        for i in range(start, end - n):
            if lower[i] == phrase[0] and lower[i : i + n] == phrase:
                return np_run(doc, i + n, start=i + n, end=end, step=1)
    return None


def build_frame(doc: Doc, cue: Cue, start: int, end: int) -> Frame:
    """Speaker, channels and addressee of ``cue`` within the frame ``[start, end)``."""
    speaker = speaker_for(doc, cue, start, end)
    quoted = _quoted_object(doc, cue, start, end)
    relayed_by: list[Span] = []
    if quoted is not None:  # ``zitierte die Agentur den Sprecher``: the agency relays the words
        if speaker is not None and speaker[0].lower_ != "man" and not _overlap(speaker, quoted):
            relayed_by = [speaker]
        speaker = quoted
    if speaker is None and cue.kind == "verb" and any(t.lower_ in PASSIVE_AUX for t in doc[start:end]):
        # ``In einem Bericht der Zeitung wurde vermutet, dass …``: the passive names its source
        speaker = impersonal_source(doc, cue.head, start, end)
    via = channel_spans(doc, start, end, skip=set())
    source = berufung_source(doc, start, end)
    if source is not None:
        via = ([speaker] if speaker is not None else []) + via
        speaker = source
    via = relayed_by + [span for span in via if not any(_overlap(span, r) for r in relayed_by)]
    addressee = addressee_for(doc, cue, start, end)
    if speaker is not None and not via:
        via = [
            span
            for span in channel_spans(doc, speaker.start, speaker.end, skip=set())
            if span.start == speaker.start and noun_like_channel(span)
        ]
    return Frame(cue=cue, speaker=speaker, via=via, addressee=addressee)


def _quoted_object(doc: Doc, cue: Cue, start: int, end: int) -> Span | None:
    """The accusative object of an active ``zitieren``: the one whose words are quoted."""
    head = cue.head
    if cue.kind != "verb" or not has_dep(doc) or cue.lemma not in cue_words().get("quoted_object_verbs", []):
        return None
    if any(c.dep_ in ("aux:pass", "nsubj:pass") for c in head.children):
        return None  # ``X wird zitiert``: the passive subject is the speaker already
    for child in head.children:
        if child.dep_ == "obj" and start <= child.i < end and child.pos_ in ("NOUN", "PROPN"):
            span = subtree_span(doc, child, start=start, end=end)
            if span is not None:
                span = _before_words_phrase(span)
            if span is not None and plausible(span) and animate(span):
                return span
    return None


def _before_words_phrase(span: Span) -> Span | None:
    """``den Minister mit den Worten`` -> ``den Minister``: the parse often hangs the words
    phrase (data: ``words_phrase``) on the quoted person."""
    prepositions, nouns = words_phrase()
    for token in span:
        if token.lower_ in prepositions and any(
            t.lower_ in nouns for t in span.doc[token.i + 1 : token.i + 5]
        ):
            return span.doc[span.start : token.i] if token.i > span.start else None
    return span


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def noun_like_channel(span: Span) -> bool:
    return span[0].lower_ in channels()["media_names"] or len(span) > 1


def find_noun_cue(doc: Doc, start: int, end: int, *, skip: set[int]) -> Cue | None:
    for i in range(start, end):
        if i not in skip:
            cue = noun_cue(doc[i])
            if cue is not None:
                return cue
    return None
