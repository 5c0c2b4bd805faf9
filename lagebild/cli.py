"""The ``lagebild`` command line.  The only place in lagebild that prints."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import LagebildError

log = logging.getLogger("lagebild")


def _echo_json(data: Any, *, indent: int | None = 2) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=indent))


def _fail(error: LagebildError) -> None:
    click.echo(f"error {error}", err=True)
    sys.exit(1)


CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}


class _Group(click.Group):
    """Turns LagebildError into a plain message and a non-zero exit, everywhere; gives every
    subcommand the same context settings (``-h``), however it is invoked."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.context_settings = {**CONTEXT_SETTINGS, **cmd.context_settings}
        super().add_command(cmd, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LagebildError as error:
            _fail(error)


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="lagebild")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-v info, -vv debug).")
def main(verbose: int) -> None:
    """lagebild: who did what to whom, when and where — and according to whom."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    from .spacy_import import import_spacy

    import_spacy()


# ------------------------------------------------------------------------------------------------
# analyze
# ------------------------------------------------------------------------------------------------


def _parse_date_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from .document import DocDate

    try:
        return DocDate.parse(value)
    except ValueError as err:
        raise click.BadParameter("expected YYYY, YYYY-MM or YYYY-MM-DD") from err


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (lagebild.analysis/1).")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="Stream one JSON object per document.")
@click.option("--date", callback=_parse_date_option, help="Article date for inputs that carry none.")
@click.option("--model", help="A spaCy German pipeline (name or path) instead of the shipped one.")
@click.option("--any-language", is_flag=True, help="Analyse documents even if they are not German.")
@click.option("--no-text", is_flag=True, help="Leave the document text out of JSON records.")
def analyze(
    sources: tuple[str, ...],
    as_json: bool,
    as_jsonl: bool,
    date: Any,
    model: str | None,
    any_language: bool,
    no_text: bool,
) -> None:
    """Analyse articles: files, folders, JSONL, HTML, .gz, or - for stdin.

    Unreadable inputs are reported on stderr and skipped; the exit code is 1 if any input was
    skipped, 0 otherwise.
    """
    from . import allocator
    from .pipeline import Analyzer
    from .reader import ReadFailure, iter_documents

    allocator.prepare()  # this process may analyse a whole folder: keep its heap from creeping
    analyzer = Analyzer(model, include_text=not no_text, check_language=not any_language, exclusive=True)
    failures = 0
    records: list[dict[str, Any]] = []
    for result in analyzer.analyze_stream(iter_documents(sources, date=date)):
        if isinstance(result, ReadFailure):
            failures += 1
            where = f"{result.path}:{result.line}" if result.line else result.path
            click.echo(f"skipped {where}: {result.reason}", err=True)
            continue
        if as_jsonl:
            click.echo(json.dumps(result, ensure_ascii=False))
        elif as_json:
            records.append(result)
        else:
            from .report import print_report

            print_report(result)
    if as_json:
        _echo_json(records[0] if len(records) == 1 else records)
    if failures:
        click.echo(f"{failures} input(s) skipped", err=True)
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the lagebild.analysis/1 record."""
    from .record import schema as load_schema

    _echo_json(load_schema())


@main.command()
@click.option("--db", default="lagebild.db", show_default=True, type=click.Path(dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Bind address (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--allow-ingest", is_flag=True, help="Enable POST /api/ingest; needs the token in $LAGEBILD_TOKEN."
)
@click.option(
    "--cors-origin", multiple=True, help="Allow this origin cross-site GET access (off by default)."
)
def serve(db: str, host: str, port: int, allow_ingest: bool, cors_origin: tuple[str, ...]) -> None:
    """Serve the HTTP API and the dashboard for a corpus store."""
    import os

    import uvicorn

    from .api import create_app

    app = create_app(
        db, allow_ingest=allow_ingest, token=os.environ.get("LAGEBILD_TOKEN"), cors_origins=list(cors_origin)
    )
    click.echo(f"lagebild dashboard on http://{host}:{port}/  (API docs: /api/docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


@main.command(name="run")
@click.option("--engine", type=click.Choice(["spark"]), default="spark", show_default=True)
@click.option("--input", "inputs", multiple=True, required=True, help="File, folder or glob (repeatable).")
@click.option("--output", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--master", default="local[*]", show_default=True, help="Spark master URL.")
@click.option("--partitions", type=int, help="Number of input partitions (default: 4 × parallelism).")
@click.option("--model", help="A spaCy German pipeline instead of the shipped one.")
def run_command(
    engine: str, inputs: tuple[str, ...], output: Path, master: str, partitions: int | None, model: str | None
) -> None:
    """Analyse a large input on a cluster engine; Parquet out, partitioned by month."""
    from .scale.spark import run_spark

    summary = run_spark(inputs, output, master=master, model=model, partitions=partitions)
    _echo_json(summary)


# ------------------------------------------------------------------------------------------------
# eval
# ------------------------------------------------------------------------------------------------


@main.group(name="eval", cls=_Group)
def eval_group() -> None:
    """Measure accuracy on annotated data (dev sets; the same commands run hidden test sets)."""


def _print_scores(scores: dict[str, Any], as_json: bool) -> None:
    if as_json:
        _echo_json(scores)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_header=True)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in _flatten(scores):
        table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    Console().print(table)


def _flatten(data: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _eval_command(name: str, help_text: str, run: Callable[..., dict[str, Any]]) -> None:
    @eval_group.command(name=name, help=help_text)
    @click.option("--data", "data_path", required=True, type=click.Path(exists=True, path_type=Path))
    @click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
    @click.option("--model", help="Evaluate this spaCy pipeline instead of the shipped one.")
    @click.option("--limit", type=int, help="Only the first N documents/sentences/rows.")
    def command(data_path: Path, as_json: bool, model: str | None, limit: int | None) -> None:
        _print_scores(run(data_path, model=model, limit=limit), as_json)


def _run_parse(path: Path, *, model: str | None, limit: int | None) -> dict[str, Any]:
    from .evaluation.parse import evaluate_parse
    from .pipeline import build

    return evaluate_parse(build(model, components=[]), path, limit=limit)


def _run_ner(path: Path, *, model: str | None, limit: int | None) -> dict[str, Any]:
    from .evaluation.ner import evaluate_ner
    from .pipeline import build

    scores: dict[str, Any] = evaluate_ner(build(model, components=[]), path)
    return scores


def _run_with_pipeline(module: str, function: str) -> Callable[..., dict[str, Any]]:
    def run(path: Path, *, model: str | None, limit: int | None) -> dict[str, Any]:
        import importlib

        from .pipeline import build

        evaluate = getattr(importlib.import_module(f"lagebild.evaluation.{module}"), function)
        return evaluate(path, nlp=build(model), limit=limit)

    return run


_eval_command("parse", "Tokens, POS, morphology, lemmas, dependencies and sentences (CoNLL-U).", _run_parse)
_eval_command("ner", "Named entities (GermEval 2014 TSV, outer level).", _run_ner)
_eval_command(
    "actors",
    "Actor linking (TSV: mention, context, date, expected name).",
    _run_with_pipeline("actors", "evaluate_actors"),
)
_eval_command(
    "quotes",
    "Quotations and speakers (Wikinews quotation-attribution JSON folder).",
    _run_with_pipeline("quotes", "evaluate_quotes"),
)
_eval_command(
    "time", "Temporal expressions (TimeML folder or file).", _run_with_pipeline("time", "evaluate_time")
)
_eval_command(
    "places",
    "Place mentions (TSV: sentence, mention, name, ISO3, lat, lon).",
    _run_with_pipeline("places", "evaluate_places"),
)
_eval_command(
    "events",
    "Events: type, actors, status (lagebild events gold file).",
    _run_with_pipeline("events", "evaluate_events"),
)


if __name__ == "__main__":  # pragma: no cover
    main()

# corpus commands (ingest, quotes, events, actors, search, stats, errors, dyad, network, quoted,
# export) live in their own module, which registers them on ``main``; imported last because it
# imports ``main`` from here.
from . import cli_corpus  # noqa: E402,F401
