"""Build the full lagebild pipeline and analyse documents with it.

:class:`Analyzer` is *the* per-document function: the CLI, ingest, the HTTP API and the
Spark/Ray runners all call :meth:`Analyzer.analyze` / :meth:`Analyzer.analyze_many`, so every
entry point produces the same ``lagebild.analysis/1`` record.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import E, InputError
from .extensions import register_extensions, remember_text
from .language import is_supported
from .reader import ReadFailure
from .record import build_record
from .settings import PIPELINE

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .document import Document

log = logging.getLogger(__name__)

# documents per nlp.pipe batch inside a chunk: the parser's activations grow with the batch
# (32 news articles: about +280 MB peak RSS, 8: about +90 MB) while speed does not improve;
# a batch also closes at PARSE_CHARS characters, so that a few very long documents do not
# share one (a document longer than that is parsed alone)
PARSE_BATCH = 8
PARSE_CHARS = 24_000

# lagebild's own components, in pipeline order: (factory name, module that registers it).
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("lagebild_actors_v1", "lagebild.actors.component"),
    ("lagebild_places_v1", "lagebild.places"),
    ("lagebild_time_v1", "lagebild.time"),
    ("lagebild_quotes_v1", "lagebild.quotes"),
    ("lagebild_events_v1", "lagebild.events"),
)


def available_components() -> list[str]:
    """Factory names of the components whose modules are installed (importing registers them)."""
    names = []
    for factory, module in COMPONENTS:
        if importlib.util.find_spec(module) is None:
            continue
        importlib.import_module(module)
        names.append(factory)
    return names


def _register(factory: str) -> None:
    """Import the module that registers one of lagebild's factories (others pass through)."""
    module = dict(COMPONENTS).get(factory)
    if module is not None:
        importlib.import_module(module)


def build(model: str | None = None, *, components: Iterable[str] | None = None) -> Language:
    """Load the German pipeline (shipped or ``model``) and add lagebild's components to it."""
    from .nlp import load

    register_extensions()
    nlp = load(model)
    wanted = list(components) if components is not None else available_components()
    for factory in wanted:
        _register(factory)
        if factory not in nlp.pipe_names:
            nlp.add_pipe(factory, name=factory)
    return nlp


def parse_groups(todo: list[tuple[int, Document]]) -> Iterator[list[tuple[int, Document]]]:
    """``todo`` in input order, cut into parse batches of at most ``PARSE_BATCH`` documents and
    ``PARSE_CHARS`` characters (a longer document forms a batch of its own)."""
    group: list[tuple[int, Document]] = []
    chars = 0
    for item in todo:
        size = len(item[1].text)
        if group and (len(group) >= PARSE_BATCH or chars + size > PARSE_CHARS):
            yield group
            group, chars = [], 0
        group.append(item)
        chars += size
    if group:
        yield group


class Analyzer:
    """Analyse :class:`Document` objects into ``lagebild.analysis/1`` records."""

    memory_zone = True  # free the new vocabulary entries of every zone_documents documents (_roll_zone)
    zone_documents: int = PIPELINE["zone_documents"]

    def __init__(
        self,
        model: str | None = None,
        *,
        nlp: Language | None = None,
        include_text: bool = True,
        check_language: bool = True,
        exclusive: bool = False,
    ) -> None:
        self.nlp = nlp if nlp is not None else build(model)
        register_extensions()
        self.include_text = include_text
        # nothing else uses ``nlp`` (a worker, the CLI): the memory zone may stay open between
        # calls, else it closes when each call's documents are done (see _roll_zone)
        self.exclusive = exclusive
        self._warm = False
        self._zone: ExitStack | None = None  # the open memory zone (see _roll_zone)
        self._zone_count = 0  # documents analysed in it
        self._settled = False  # frequent chunks kept and gc.freeze() done (exclusive, _settle)
        # one batch at a time per Analyzer (the HTTP API calls it from several threads): a
        # memory zone frees the strings of every document parsed while it is open
        self._lock = threading.RLock()
        self.check_language = check_language
        meta = self.nlp.meta
        self.pipeline_info: dict[str, Any] = {
            "version": __version__,
            "model": f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}",
            "components": list(self.nlp.pipe_names),
        }

    def check(self, document: Document) -> None:
        """Raise :class:`InputError` for documents this analyser must not analyse."""
        if self.check_language and not is_supported(document.language):
            raise InputError(
                E.E112.format(language=document.language, path=document.source or document.id),
                code="E112",
            )
        if len(document.text) > PIPELINE["max_chars"]:
            raise InputError(
                E.E109.format(path=document.source, size=len(document.text), limit=PIPELINE["max_chars"]),
                code="E109",
            )

    def analyze(self, document: Document) -> dict[str, Any]:
        """One document → one record.  Raises :class:`InputError` for unsupported input."""
        return next(self.analyze_many([document]))

    def analyze_many(
        self, documents: Iterable[Document], *, batch_size: int | None = None
    ) -> Iterator[dict[str, Any]]:
        """Records for ``documents`` in order.  Raises on the first unsupported document; use
        :meth:`analyze_stream` for batches that must go on past bad input."""
        for result in self.analyze_stream(documents, batch_size=batch_size):
            if isinstance(result, ReadFailure):
                raise result.error
            yield result

    def analyze_stream(
        self, items: Iterable[Document | ReadFailure], *, batch_size: int | None = None
    ) -> Iterator[dict[str, Any] | ReadFailure]:
        """Records (or failures) for reader output, in input order, parsed in batches.

        A document that cannot be analysed becomes a :class:`ReadFailure` with its reason; the
        batch goes on.  Memory stays bounded by the batch size.
        """
        size = batch_size or PIPELINE["batch_size"]
        chunk: list[Document | ReadFailure] = []
        try:
            for item in items:
                chunk.append(item)
                if len(chunk) >= size:
                    yield from self._analyze_chunk(chunk)
                    chunk = []
            if chunk:
                yield from self._analyze_chunk(chunk)
        finally:
            if not self.exclusive:
                self.close_zone()  # a Doc the caller makes with ``nlp`` later is its own

    def _analyze_chunk(self, chunk: list[Document | ReadFailure]) -> Iterator[dict[str, Any] | ReadFailure]:
        results: list[dict[str, Any] | ReadFailure | None] = []
        todo: list[tuple[int, Document]] = []
        for item in chunk:
            if isinstance(item, ReadFailure):
                results.append(item)
                continue
            try:
                self.check(item)
            except InputError as err:
                results.append(ReadFailure(item.source or item.id, err))
                continue
            todo.append((len(results), item))
            results.append(None)
        for index, outcome in self._run(todo):
            results[index] = outcome
        for result in results:
            assert result is not None
            yield result

    def _run(self, todo: list[tuple[int, Document]]) -> Iterator[tuple[int, dict[str, Any] | ReadFailure]]:
        """Parse a batch; if anything in it fails, redo it one by one to isolate the culprit."""
        try:
            with self._lock:
                self._roll_zone(len(todo))
                done = []
                for group in parse_groups(todo):
                    pairs = ((self._make_doc(document), (index, document)) for index, document in group)
                    for doc, (index, document) in self.nlp.pipe(pairs, as_tuples=True, batch_size=len(group)):
                        done.append((index, self._record(doc, document)))
        except Exception:
            if len(todo) == 1:
                index, document = todo[0]
                log.exception("analysis failed for %s", document.source or document.id)
                error = InputError(E.E204.format(path=document.source or document.id), code="E204")
                yield index, ReadFailure(document.source or document.id, error)
                return
            for single in todo:
                yield from self._run([single])
            return
        yield from done

    def _roll_zone(self, documents: int) -> None:
        """Keep spaCy's memory zone open over ``zone_documents`` documents, then close it and
        open the next (called under the lock, before each batch of ``documents``).

        The strings and lexemes that a zone's documents add to the vocabulary are freed when it
        closes (without zones the vocabulary grows with every new word of a corpus).  Records
        are plain data and no Doc outlives its batch, so a zone may span batches: it is opened
        or closed only here, between batches, and when a call of :meth:`analyze_stream` ends
        (unless the Analyzer is ``exclusive``).  The first batch runs outside any zone, so
        that whatever components build lazily on first use stays valid."""
        if not self.memory_zone or not hasattr(self.nlp, "memory_zone"):
            self.close_zone()
            return
        if not self._warm:
            self._warm = True
            return
        if self._zone is not None and self._zone_count >= self.zone_documents:
            self.close_zone()
        if self._zone is None:
            if self.exclusive and not self._settled:
                self._settle()
            stack = ExitStack()
            stack.enter_context(self.nlp.memory_zone())
            self._zone, self._zone_count = stack, 0
        self._zone_count += documents

    def _settle(self) -> None:
        """Before the first zone of an exclusive Analyzer, after its warm batch: the chunks that
        recur in German news are tokenized outside any zone, so that the tokenizer keeps their
        splits and the vocabulary their lexemes (``lagebild/nlp/frequent.py``); then everything
        loaded so far (model, lexicons, gazetteers: about 250,000 objects that live as long as
        the process) is moved out of the cyclic garbage collector's way (``gc.freeze``)."""
        from .nlp.frequent import keep_frequent_chunks

        kept = keep_frequent_chunks(self.nlp, PIPELINE["frequent_chunks"])
        log.debug("tokenizer knows %d frequent chunks", kept)
        gc.freeze()
        self._settled = True

    def close_zone(self) -> None:
        """Close the open memory zone (if any): its documents' vocabulary entries are freed."""
        with self._lock:
            zone, self._zone = self._zone, None
            if zone is not None:
                zone.close()

    def _make_doc(self, document: Document) -> Doc:
        doc = self.nlp.make_doc(document.text)
        doc._.doc_date = document.date
        remember_text(doc, document.text)
        return doc

    def _record(self, doc: Doc, document: Document) -> dict[str, Any]:
        return build_record(doc, document, pipeline=self.pipeline_info, include_text=self.include_text)
