"""Potsdam Commentary Corpus TIGER trees → UD-style dependency DocBins (heuristic).

Own head rules and label map, written for this project (not a port of an existing converter):
* lexical heads follow UD: content words head phrases (a PP is headed by its noun, the
  preposition becomes ``case``); a finite auxiliary/modal with an ``OC`` verb phrase becomes
  ``aux`` (``aux:pass`` for *werden* + participle) of the content verb; *sein* with a ``PD``
  predicate becomes ``cop``; coordinations are headed by the first conjunct, coordinators attach
  to the following conjunct;
* edge labels map by TIGER label + the child's category/POS (``SB``→nsubj/csubj, ``OA``→obj,
  ``DA``→obl:arg, ``MO``→advmod/obl/nmod/advcl, ``NK``→det/amod/nummod/nmod …);
* punctuation (unattached in TIGER) attaches to the constituent it opens, else the one it
  closes, sentence-final punctuation to the root.
Sentences whose conversion is not a single-rooted tree are skipped.  Only heads, labels, STTS
tags and sentence starts are set (no lemma/morph: PCC has none).  This is a converted, not a
hand-made UD treebank: document it as such.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

SEIN = {
    "ist",
    "sind",
    "war",
    "waren",
    "sei",
    "seien",
    "wäre",
    "wären",
    "sein",
    "gewesen",
    "bin",
    "bist",
    "seid",
}
WERDEN = {
    "werde",
    "wird",
    "werden",
    "wurde",
    "wurden",
    "worden",
    "würde",
    "würden",
    "geworden",
    "werdet",
    "wirst",
}
NOMINAL = {"NN", "NE", "PPER", "PIS", "PDS", "PWS", "PRELS", "PRF", "CARD", "FM", "TRUNC", "PPOSS"}
CLAUSAL = {"S", "CS", "VP", "CVP", "VZ"}
DET_TAGS = {"ART", "PDAT", "PIAT", "PIDAT", "PWAT", "PRELAT", "PDS", "PIS"}
ADV_TAGS = {"ADV", "PAV", "PROAV", "PWAV", "ADJD", "PTKNEG", "PTKA"}


@dataclass
class Node:
    id: str
    cat: str = ""  # "" for terminals
    pos: str = ""
    word: str = ""
    index: int = -1  # token index for terminals
    edges: list[tuple[str, str]] = field(default_factory=list)  # (label, child id)


class Sentence:
    def __init__(self, s: ET.Element) -> None:
        graph = s.find("graph")
        assert graph is not None
        self.root_id = graph.get("root", "")
        self.nodes: dict[str, Node] = {}
        self.tokens: list[Node] = []
        for i, t in enumerate(graph.iter("t")):
            node = Node(t.get("id", ""), pos=t.get("pos", ""), word=t.get("word", ""), index=i)
            self.nodes[node.id] = node
            self.tokens.append(node)
        for nt in graph.iter("nt"):
            node = Node(nt.get("id", ""), cat=nt.get("cat", ""))
            node.edges = [(e.get("label", ""), e.get("idref", "")) for e in nt.findall("edge")]
            self.nodes[node.id] = node
        self.heads: list[int | None] = [None] * len(self.tokens)
        self.deps: list[str] = [""] * len(self.tokens)
        self._head_cache: dict[str, int] = {}

    # ---- lexical heads -------------------------------------------------------------------
    def first_index(self, node_id: str) -> int:
        node = self.nodes[node_id]
        if not node.cat:
            return node.index
        return min(self.first_index(c) for _, c in node.edges)

    def children(self, node: Node, label: str) -> list[str]:
        return sorted((c for lab, c in node.edges if lab == label), key=self.first_index)

    def head_child(self, node: Node) -> str | None:
        """The child whose lexical head is the node's head (UD-style)."""
        cat = node.cat
        cj = self.children(node, "CJ")
        if cj:
            return cj[0]
        if cat in {"PN", "MPN", "NM"}:
            parts = self.children(node, "PNC") or self.children(node, "NMC") or self.children(node, "NK")
            if parts:
                return parts[0]
        hd = self.children(node, "HD")
        if hd:
            verb = self.nodes[hd[0]]
            oc = self.children(node, "OC")
            pd = self.children(node, "PD")
            if verb.pos[:2] in {"VA", "VM"} and oc and self._is_verbal(oc[0]):
                return oc[0]
            if verb.pos[:2] == "VA" and verb.word.lower() in SEIN and pd:
                return pd[0]
            return hd[0]
        nks = self.children(node, "NK")
        if nks:
            nominal = [c for c in nks if self._is_nominal(c)]
            return (nominal or nks)[-1]
        for label in ("PH", "ADC", "AVC", "UC", "CC", "MO"):
            found = self.children(node, label)
            if found:
                return found[0]
        ordered = sorted((c for _, c in node.edges), key=self.first_index)
        return ordered[0] if ordered else None

    def _is_verbal(self, node_id: str) -> bool:
        node = self.nodes[node_id]
        if not node.cat:
            return node.pos.startswith("V")
        return node.cat in {"VP", "CVP", "VZ", "CVZ"}

    def _is_nominal(self, node_id: str) -> bool:
        node = self.nodes[node_id]
        if not node.cat:
            return node.pos in NOMINAL or node.pos == "ADJA"
        return node.cat in {"NP", "CNP", "PN", "MPN", "NM", "CH", "MTA"}

    def lex_head(self, node_id: str) -> int:
        if node_id in self._head_cache:
            return self._head_cache[node_id]
        node = self.nodes[node_id]
        if not node.cat:
            result = node.index
        else:
            child = self.head_child(node)
            result = self.lex_head(child) if child else -1
        self._head_cache[node_id] = result
        return result

    # ---- labels --------------------------------------------------------------------------
    def label(self, parent: Node, lab: str, child_id: str, passive: bool) -> str:
        child = self.nodes[child_id]
        pos = child.pos
        clause = child.cat in CLAUSAL
        if lab == "SB":
            if clause:
                return "csubj"
            return "nsubj:pass" if passive else "nsubj"
        if lab in {"OA", "OA2", "OG"}:
            return "ccomp" if clause else "obj"
        if lab == "DA":
            return "obl:arg"
        if lab == "OC":
            if child.cat == "VZ" or self._has_zu(child):
                return "xcomp"
            return "ccomp"
        if lab == "OP":
            return "obl:arg"
        if lab in {"MO", "MNR", "CC", "AMS"}:
            in_np = parent.cat in {"NP", "CNP", "PP", "PN"} and lab != "CC"
            if pos in ADV_TAGS or child.cat in {"AVP", "AP", "CAVP", "CAP"}:
                return "advmod"
            if child.cat in {"S", "CS"} or (clause and lab == "MO"):
                return "acl" if in_np else "advcl"
            if pos == "ADJA":
                return "amod"
            return "nmod" if in_np or lab == "MNR" else "obl"
        if lab == "NK":
            if pos == "PPOSAT":
                return "det:poss"
            if pos in DET_TAGS:
                return "det"
            if pos == "ADJA" or child.cat in {"AP", "CAP"}:
                return "amod"
            if pos == "CARD":
                return "nummod"
            if pos in {"ADV", "PTKNEG", "PTKA", "ADJD"}:
                return "advmod"
            if pos in {"NN", "NE"} and parent.cat in {"NP", "PP"}:
                return "compound" if self._precedes_head(parent, child) else "nmod"
            return "nmod"
        simple = {
            "AC": "case",
            "CM": "case",
            "CP": "mark",
            "CD": "cc",
            "JU": "cc",
            "CJ": "conj",
            "AG": "nmod",
            "PG": "nmod",
            "APP": "appos",
            "RC": "acl:relcl",
            "SVP": "compound:prt",
            "NG": "advmod",
            "PH": "expl",
            "EP": "expl",
            "PNC": "flat",
            "NMC": "flat",
            "PD": "xcomp",
            "RE": "ccomp",
            "RS": "parataxis",
            "PAR": "parataxis",
            "DH": "parataxis",
            "DM": "discourse",
            "VO": "vocative",
            "UC": "flat",
            "AVC": "advmod",
            "ADC": "advmod",
            "SBP": "obl:agent",
            "CVC": "obl",
            "HD": "dep",
        }
        if lab == "PM":
            return "mark" if pos == "PTKZU" else "advmod"
        return simple.get(lab, "dep")

    def _precedes_head(self, parent: Node, child: Node) -> bool:
        return child.index < self.lex_head(parent.id)

    def _has_zu(self, node: Node) -> bool:
        return any(self.nodes[c].pos == "PTKZU" or self.nodes[c].cat == "VZ" for _, c in node.edges)

    # ---- conversion ----------------------------------------------------------------------
    def convert(self) -> bool:
        if self.root_id not in self.nodes:
            return False
        root = self.lex_head(self.root_id)
        if root < 0:
            return False
        self.heads[root] = root
        self.deps[root] = "ROOT"
        self._attach(self.nodes[self.root_id])
        self._attach_punct(root)
        return all(h is not None for h in self.heads) and self._is_tree(root)

    def _attach(self, node: Node) -> None:
        if not node.cat:
            return
        head = self.lex_head(node.id)
        passive = self._passive(node)
        cj = self.children(node, "CJ")
        for lab, child_id in node.edges:
            child_head = self.lex_head(child_id)
            if child_head >= 0 and child_head != head and self.heads[child_head] is None:
                target = head
                dep = self.label(node, lab, child_id, passive)
                if lab == "HD":  # auxiliary, modal or copula displaced by the content head
                    verb = self.nodes[child_id]
                    if (
                        self.children(node, "PD")
                        and verb.word.lower() in SEIN
                        and not self.children(node, "OC")
                    ):
                        dep = "cop"
                    elif verb.pos.startswith("V"):
                        dep = "aux:pass" if passive else "aux"
                if lab == "CD":  # coordinator → the following conjunct
                    later = [c for c in cj if self.first_index(c) > child_head]
                    if later:
                        target = self.lex_head(later[0])
                if child_head != target:
                    self.heads[child_head] = target
                    self.deps[child_head] = dep
            self._attach(self.nodes[child_id])

    def _passive(self, node: Node) -> bool:
        hd = self.children(node, "HD")
        oc = self.children(node, "OC")
        if not hd or not oc:
            return False
        verb = self.nodes[hd[0]]
        content = self.lex_head(oc[0])
        return (
            verb.word.lower() in WERDEN
            and 0 <= content < len(self.tokens)
            and self.tokens[content].pos == "VVPP"
        )

    def _span(self, i: int, cache: dict[int, tuple[int, int]]) -> tuple[int, int]:
        if i in cache:
            return cache[i]
        lo = hi = i
        for j, h in enumerate(self.heads):
            if h == i and j != i:
                a, b = self._span(j, cache)
                lo, hi = min(lo, a), max(hi, b)
        cache[i] = (lo, hi)
        return lo, hi

    def _attach_punct(self, root: int) -> None:
        n = len(self.tokens)
        cache: dict[int, tuple[int, int]] = {}
        for i, tok in enumerate(self.tokens):
            if self.heads[i] is not None:
                continue
            target = self._punct_target(i, root, n, cache)
            self.heads[i] = target
            self.deps[i] = "punct" if tok.pos.startswith("$") else "dep"

    def _punct_target(self, i: int, root: int, n: int, cache: dict[int, tuple[int, int]]) -> int:
        word = self.tokens[i].word
        after = next(
            (
                j
                for j in range(i + 1, n)
                if self.heads[j] is not None and not self.tokens[j].pos.startswith("$")
            ),
            None,
        )
        before = next(
            (
                j
                for j in range(i - 1, -1, -1)
                if self.heads[j] is not None and not self.tokens[j].pos.startswith("$")
            ),
            None,
        )
        closing = word in {")", "“", "«", "’", "]"} or after is None
        if not closing and after is not None:
            top = self._highest(after, lambda a: self._span(a, cache)[0] == after)
            return top
        if before is not None:
            return self._highest(before, lambda a: self._span(a, cache)[1] == before)
        return root

    def _highest(self, start: int, ok) -> int:
        best = start
        cur = start
        for _ in range(len(self.tokens)):
            head = self.heads[cur]
            if head is None or head == cur or not ok(head):
                break
            cur = head
            best = cur
        return best

    def _is_tree(self, root: int) -> bool:
        for i in range(len(self.tokens)):
            seen, cur = set(), i
            while cur != root:
                if cur in seen or self.heads[cur] is None:
                    return False
                seen.add(cur)
                cur = self.heads[cur]  # type: ignore[assignment]
        return sum(1 for i, h in enumerate(self.heads) if h == i) == 1


def read_file(path: Path) -> list[Sentence]:
    tree = ET.parse(path)
    sents = []
    for s in tree.getroot().iter("s"):
        sent = Sentence(s)
        if sent.tokens and sent.convert():
            sents.append(sent)
    return sents


def _doc(vocab: Vocab, sents: list[Sentence]) -> Doc:
    words, tags, heads, deps = [], [], [], []
    for sent in sents:
        offset = len(words)
        for i, tok in enumerate(sent.tokens):
            words.append(tok.word)
            tags.append(tok.pos.replace("PROAV", "PAV"))
            heads.append(offset + (sent.heads[i] if sent.heads[i] is not None else i))
            deps.append(sent.deps[i])
    return Doc(vocab, words=words, tags=tags, heads=heads, deps=deps)


def convert(data: Path, out: Path, vocab: Vocab, *, chunk: int = 10) -> dict[str, int]:
    docs, total, kept = [], 0, 0
    for path in sorted((data / "pcc-2.2" / "syntax").glob("*.xml")):
        root = ET.parse(path).getroot()
        total += sum(1 for _ in root.iter("s"))
        sents = read_file(path)
        kept += len(sents)
        for i in range(0, len(sents), chunk):
            docs.append(_doc(vocab, sents[i : i + chunk]))
    DocBin(docs=docs, store_user_data=False).to_disk(out / "train" / "pcc_tiger.spacy")
    return {"pcc_sentences": total, "pcc_converted": kept}
