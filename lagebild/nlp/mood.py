"""``lagebild_mood_v1``: a rule/lexicon layer that makes ``Mood=Sub`` reliable.

Indirect speech in German news is marked by the Konjunktiv (``er sagte, er habe …``).  The
statistical morphologizer is trained on little data, so this component corrects
``token.morph`` on finite verbs:

* forms listed in ``lagebild/lang/de/konjunktiv.tsv`` with kind ``I``/``II`` get ``Mood=Sub``
  (forms marked person ``3`` only with a subject that is not 1st/2nd person: ``ich habe`` is
  indicative, ``er habe`` is not; without a parsed subject, a 1st/2nd-person pronoun within
  three tokens before or two after makes it indicative);
* forms listed with kind ``Ind`` get ``Mood=Ind``;
* regular Konjunktiv I of other verbs (stem + ``e``: ``er gehe``, ``sie verändere``) is
  recognised from the lemma when the subject is 3rd person singular.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from lagebild.errors import DataError, E
from lagebild.paths import LANG_DE_DIR

DEFAULT_LEXICON = LANG_DE_DIR / "konjunktiv.tsv"
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl", "csubj", "sb")
NON_THIRD = frozenset({"ich", "du", "wir", "ihr", "mir", "mich"})
VERB_POS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class FormEntry:
    form: str
    lemma: str
    kind: str  # I, II or Ind
    person: str  # "3" or "any"


@lru_cache(maxsize=8)
def read_lexicon(path: Path = DEFAULT_LEXICON) -> dict[str, FormEntry]:
    """Read the form lexicon (lower-cased form → entry)."""
    try:
        with path.open(encoding="utf-8") as handle:
            lines = [line for line in handle if line.strip() and not line.startswith("#")]
    except OSError as err:
        raise DataError(E.E301.format(path=path, error=err), code="E301") from err
    entries: dict[str, FormEntry] = {}
    for record in csv.DictReader(lines, delimiter="\t"):
        kind, person = record.get("kind"), record.get("person")
        if kind not in {"I", "II", "Ind"} or person not in {"3", "any"}:
            raise DataError(E.E301.format(path=path, error=f"bad row {record}"), code="E301")
        entries[record["form"].lower()] = FormEntry(record["form"], record["lemma"], kind, person)
    return entries


def is_finite_verb(token: Token) -> bool:
    """A finite verb by tag (STTS ``V?FIN``) or by POS + features."""
    if token.tag_:
        return token.tag_.startswith("V") and token.tag_.endswith("FIN")
    return (
        token.pos_ in VERB_POS
        and "Inf" not in token.morph.get("VerbForm")
        and "Part" not in token.morph.get("VerbForm")
    )


def subject_of(token: Token) -> Token | None:
    """The subject of a verb; for a conjoined verb without one, the first conjunct's subject."""
    for child in token.children:
        if child.dep_.lower() in SUBJECT_DEPS:
            return child
    if token.dep_ == "conj" and token.head is not token:
        for child in token.head.children:
            if child.dep_.lower() in SUBJECT_DEPS:
                return child
    # copula / auxiliary: the subject hangs on the content verb or predicate
    if token.dep_ in {"aux", "aux:pass", "cop"} and token.head is not token:
        for child in token.head.children:
            if child.dep_.lower() in SUBJECT_DEPS:
                return child
    return None


def _first_person_near(token: Token, *, before: int = 3, after: int = 2) -> bool:
    doc = token.doc
    window = doc[max(token.i - before, 0) : min(token.i + after + 1, len(doc))]
    return any(t.lower_ in NON_THIRD for t in window if t.i != token.i)


def is_third_singular(subject: Token | None) -> bool:
    if subject is None:
        return False
    if subject.lower_ in NON_THIRD:
        return False
    numbers = subject.morph.get("Number")
    return "Plur" not in numbers or subject.lower_ in {"sie", "es", "er", "man"}


def regular_konjunktiv_i(token: Token) -> bool:
    """``stem + e`` with a lemma ``…stem + en`` (``gehe``/``zurückgehen``), not a past ``-te``."""
    form, lemma = token.lower_, token.lemma_.lower()
    if not form.endswith("e") or len(form) < 3 or not lemma.endswith("en"):
        return False
    return lemma.endswith(form + "n") and not form.endswith(("te", "ete"))


def set_mood(token: Token, mood: str) -> None:
    feats = token.morph.to_dict()
    if feats.get("Mood") == mood:
        return
    feats["Mood"] = mood
    feats["VerbForm"] = "Fin"
    token.set_morph("|".join(f"{k}={v}" for k, v in sorted(feats.items())))


def decide(token: Token, lexicon: dict[str, FormEntry], *, use_regular: bool) -> str | None:
    """The mood for one finite verb, or None to keep the statistical prediction."""
    entry = lexicon.get(token.lower_)
    if entry is not None:
        if entry.kind == "Ind":
            return "Ind"
        if entry.person == "any":
            return "Sub"
        subject = subject_of(token)
        if subject is not None:
            return "Ind" if subject.lower_ in NON_THIRD else "Sub"
        # no subject found (parse error or elision): 1st person nearby → indicative
        return "Ind" if _first_person_near(token) else "Sub"
    if use_regular and regular_konjunktiv_i(token) and is_third_singular(subject_of(token)):
        return "Sub"
    return None


class MoodFixer:
    """Pipeline component: fixes ``Mood`` in ``token.morph`` of finite verbs."""

    def __init__(self, nlp: Language, name: str, *, lexicon_path: str | None, use_regular: bool) -> None:
        self.name = name
        self.lexicon = read_lexicon(Path(lexicon_path) if lexicon_path else DEFAULT_LEXICON)
        self.use_regular = use_regular

    def __call__(self, doc: Doc) -> Doc:
        for token in self._candidates(doc):
            mood = decide(token, self.lexicon, use_regular=self.use_regular)
            if mood:
                set_mood(token, mood)
        return doc

    def _candidates(self, doc: Doc) -> Iterable[Token]:
        for token in doc:
            if token.lower_ in self.lexicon:
                if token.pos_ in VERB_POS or token.tag_.startswith("V"):
                    yield token
            elif is_finite_verb(token):
                yield token


@Language.factory(
    "lagebild_mood_v1",
    assigns=["token.morph"],
    requires=["token.pos", "token.dep"],
    default_config={"lexicon_path": None, "use_regular": True},
)
def make_mood_fixer(nlp: Language, name: str, lexicon_path: str | None, use_regular: bool) -> MoodFixer:
    """Create the component; ``lexicon_path`` None = the shipped ``konjunktiv.tsv``."""
    return MoodFixer(nlp, name, lexicon_path=lexicon_path, use_regular=use_regular)
