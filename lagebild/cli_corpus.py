"""Corpus commands of the ``lagebild`` CLI: ingest, query, aggregate, export.

Importing this module registers the commands on :data:`lagebild.cli.main`.  Every command is
a thin layer over :class:`lagebild.corpus.Corpus` / :mod:`lagebild.store`; the CLI prints, the
library does not.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any

import click

from .cli import _echo_json, _parse_date_option, main
from .settings import STORE

DB_OPTION = click.option(
    "--db",
    default=STORE["default_db"],
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The corpus database (SQLite).",
)


def _output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")(command)
    command = click.option("--json", "as_json", is_flag=True, help="Print JSON.")(command)
    return command


def _limit_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--limit",
        type=int,
        default=STORE["default_limit"],
        show_default=True,
        help="At most N rows (0 = all).",
    )(command)


def _dup_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--include-duplicates", is_flag=True, help="Count near-duplicate copies of articles too."
    )(command)


# columns that may wrap over several lines in a table (the others stay on one line)
_WIDE_COLUMNS = frozenset({"text", "snippet", "message", "title", "name", "aliases", "path", "trigger"})


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:.0f}"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False) if value else ""
    return str(value)


def _emit(
    rows: list[dict[str, Any]],
    columns: Iterable[str],
    *,
    as_json: bool,
    as_csv: bool,
    title: str | None = None,
) -> None:
    """Rows as a rich table (chosen columns), JSON (all fields) or CSV (all fields)."""
    if as_json:
        _echo_json(rows)
        return
    if as_csv:
        fields = list(rows[0]) if rows else list(columns)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) if isinstance(v, (list, dict)) else v for k, v in row.items()})
        click.echo(buffer.getvalue(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_header=True, header_style="bold")
    columns = list(columns)
    for column in columns:
        table.add_column(column, overflow="fold", ratio=3 if column in _WIDE_COLUMNS else 1)
    for row in rows:
        table.add_row(*(_escape(_cell(row.get(column))) for column in columns))
    # a terminal gets its own width; a pipe or file gets wide lines instead of rich's default 80
    Console(width=None if sys.stdout.isatty() else STORE["table_width"]).print(table)
    if not rows:
        click.echo("no results", err=True)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _corpus(db: str) -> Any:
    from .corpus import Corpus

    return Corpus(db, must_exist=True)


# ------------------------------------------------------------------------------------------------
# ingest
# ------------------------------------------------------------------------------------------------


def _progress_bar(total: int | None) -> tuple[Any, Callable[[Any], None]]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s"),
        TextColumn("errors {task.fields[errors]}"),
        TextColumn("dup {task.fields[dups]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    task = progress.add_task("ingest", total=total, rate="-", errors=0, dups=0)

    def update(stats: Any) -> None:
        rate = stats.analysed / stats.elapsed if stats.elapsed > 0 else 0.0
        progress.update(
            task, completed=stats.done, rate=f"{rate:.1f}", errors=stats.errors, dups=stats.duplicates
        )

    return progress, update


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option(
    "--workers",
    type=int,
    default=1,
    show_default=True,
    help="Worker processes (each loads the model); with 2 or more a document that crashes or hangs "
    "its worker is recorded (E913) and the run goes on.",
)
@click.option(
    "--reprocess",
    is_flag=True,
    help="Re-analyse documents stored by another pipeline version, and documents that killed a worker "
    "in an earlier run (E913).",
)
@click.option("--model", help="spaCy pipeline name/path instead of the shipped one ('blank' = no NLP).")
@click.option(
    "--analyzer", "analyzer_factory", help="module:callable that returns an Analyzer (custom pipelines)."
)
@click.option("--date", callback=_parse_date_option, help="Article date for inputs that carry none.")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the run's counts as JSON.")
def ingest(
    paths: tuple[str, ...],
    db: str,
    workers: int,
    reprocess: bool,
    model: str | None,
    analyzer_factory: str | None,
    date: Any,
    no_progress: bool,
    as_json: bool,
) -> None:
    """Analyse articles (files, folders, JSONL, HTML, .gz) into the corpus database.

    Documents already stored are skipped; a killed run is resumed by running it again.
    Unreadable inputs are recorded (see `lagebild errors`).
    """
    from .store import open_store
    from .store.ingest import estimate_total
    from .store.ingest import ingest as run_ingest

    show = not no_progress and sys.stderr.isatty()
    with open_store(db) as store:
        total = estimate_total(paths)
        bar, update = _progress_bar(total) if show else (None, None)
        if bar is not None:
            bar.start()
        try:
            stats = run_ingest(
                paths,
                store,
                workers=workers,
                reprocess=reprocess,
                model=model,
                analyzer_factory=analyzer_factory,
                date=date,
                progress=update,
                count_total=False,
            )
        finally:
            if bar is not None:
                bar.stop()
        store.optimize()
    counts = stats.as_dict()
    if as_json:
        _echo_json(counts)
    else:
        click.echo(
            f"stored {counts['stored']} ({counts['replaced']} replaced, {counts['duplicates']} near-duplicates), "
            f"skipped {counts['skipped']} already stored, {counts['errors']} errors, "
            f"{counts['docs_per_s']} docs/s, {counts['words_per_s']} words/s",
            err=True,
        )
        if counts["stale"]:
            click.echo(
                f"{counts['stale']} stored documents are from another pipeline version: use --reprocess",
                err=True,
            )
        if counts.get("quarantined"):
            click.echo(
                f"{counts['quarantined']} documents skipped: they killed a worker in an earlier run "
                "(E913, see `lagebild errors`); use --reprocess to try them again",
                err=True,
            )


# ------------------------------------------------------------------------------------------------
# queries
# ------------------------------------------------------------------------------------------------


@main.command()
@DB_OPTION
@_output_options
@click.option("--by-code", is_flag=True, help="Count the inputs per error code instead of listing them.")
def errors(db: str, as_json: bool, as_csv: bool, by_code: bool) -> None:
    """Inputs that could not be read or analysed, with the reason."""
    if by_code:
        rows = _corpus(db).error_summary(as_frame=False)
        for row in rows:
            row["reason"] = _reason(row["code"])
        _emit(rows, ["code", "inputs", "seen", "reason"], as_json=as_json, as_csv=as_csv)
        return
    rows = _corpus(db).errors(as_frame=False)
    _emit(rows, ["path", "line", "code", "message", "count", "last_seen"], as_json=as_json, as_csv=as_csv)


def _reason(code: str) -> str:
    """The message template of an error code, its placeholders shown as ``…``."""
    import re

    from .errors import E

    template = getattr(E, code, None)
    return re.sub(r"\{[^}]*\}", "…", template) if isinstance(template, str) else code


@main.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(db: str, as_json: bool) -> None:
    """Documents, duplicates, quotes, events, actors, errors and store size."""
    counts = _corpus(db).stats()
    if as_json:
        _echo_json(counts)
        return
    _emit(
        [{"metric": k, "value": v} for k, v in counts.items()],
        ["metric", "value"],
        as_json=False,
        as_csv=False,
    )


@main.command()
@DB_OPTION
@click.option("--speaker", help="Actor id, canonical name or any spelling/alias (or a country code).")
@click.option("--about", help="The quote or its article mentions this actor or country (or these words).")
@click.option("--kind", help="direct, indirect, partial, mixed, scare, title.")
@click.option("--text", help="Words in the quotation (full-text search).")
@click.option("--from", "date_from", help="From date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", help="To date (inclusive).")
@_dup_option
@_limit_option
@_output_options
def quotes(
    db: str,
    speaker: str | None,
    about: str | None,
    kind: str | None,
    text: str | None,
    date_from: str | None,
    date_to: str | None,
    include_duplicates: bool,
    limit: int,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Quotations: who said what, when, through which channel."""
    rows = _corpus(db).quotes(
        speaker=speaker,
        about=about,
        kind=kind,
        text=text,
        date_from=date_from,
        date_to=date_to,
        include_duplicates=include_duplicates,
        limit=limit or None,
        as_frame=False,
    )
    _emit(rows, ["date_start", "speaker", "kind", "text", "via", "doc_id"], as_json=as_json, as_csv=as_csv)


@main.command()
@DB_OPTION
@click.option("--source", help="Source actor: id, name, alias, or a country (matches its actors too).")
@click.option("--target", help="Target actor: id, name, alias, or a country.")
@click.option("--type", "event_type", help="PLOVER event type (SANCTION, ACCUSE, ...).")
@click.option("--status", help="asserted, alleged, denied, intended, negated, hypothetical.")
@click.option("--from", "date_from", help="From date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", help="To date (inclusive).")
@_dup_option
@_limit_option
@_output_options
def events(
    db: str,
    source: str | None,
    target: str | None,
    event_type: str | None,
    status: str | None,
    date_from: str | None,
    date_to: str | None,
    include_duplicates: bool,
    limit: int,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Events: who did what to whom, with claim status."""
    rows = _corpus(db).events(
        source=source,
        target=target,
        type=event_type,
        status=status,
        date_from=date_from,
        date_to=date_to,
        include_duplicates=include_duplicates,
        limit=limit or None,
        as_frame=False,
    )
    columns = ["date_start", "type", "source", "target", "status", "trigger", "doc_id"]
    _emit(rows, columns, as_json=as_json, as_csv=as_csv)


@main.command()
@DB_OPTION
@click.option("--search", help="A name in any spelling (Tokajew, Tokayev, Токаев).")
@_limit_option
@_output_options
def actors(db: str, search: str | None, limit: int, as_json: bool, as_csv: bool) -> None:
    """The actor registry: best matches of --search, or the most mentioned actors."""
    rows = _corpus(db).actors(search=search, limit=limit or None, as_frame=False)
    columns = ["id", "name", "type", "country", "documents", "mentions"] + (["score"] if search else [])
    _emit(rows, columns, as_json=as_json, as_csv=as_csv)


@main.command()
@click.argument("query")
@DB_OPTION
@_dup_option
@_limit_option
@_output_options
def search(query: str, db: str, include_duplicates: bool, limit: int, as_json: bool, as_csv: bool) -> None:
    """Full-text search over the articles (bm25-ranked, with snippets).

    Words are ANDed; "a phrase" in quotes, word* for a prefix, OR between words.
    """
    rows = _corpus(db).search(
        query, limit=limit or None, include_duplicates=include_duplicates, as_frame=False
    )
    _emit(rows, ["doc_id", "date_start", "title", "snippet"], as_json=as_json, as_csv=as_csv)


# ------------------------------------------------------------------------------------------------
# aggregates
# ------------------------------------------------------------------------------------------------


@main.command()
@click.argument("actor_a")
@click.argument("actor_b")
@DB_OPTION
@click.option(
    "--by", type=click.Choice(["day", "week", "month", "quarter", "year"]), default="month", show_default=True
)
@click.option("--from", "date_from", help="From date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", help="To date (inclusive).")
@click.option("--type", "types", multiple=True, help="Only these PLOVER types (repeatable).")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    help="Count events with these statuses (repeatable; default: asserted, alleged).",
)
@click.option(
    "--per-type", is_flag=True, help="One row per period, direction and type (default: per period)."
)
@click.option(
    "--plot", "plot_path", type=click.Path(dir_okay=False), help="Write a chart (.png, .svg, .pdf)."
)
@_dup_option
@_output_options
def dyad(
    actor_a: str,
    actor_b: str,
    db: str,
    by: str,
    date_from: str | None,
    date_to: str | None,
    types: tuple[str, ...],
    statuses: tuple[str, ...],
    per_type: bool,
    plot_path: str | None,
    include_duplicates: bool,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Events between two actors over time, with a cooperation–conflict score.

    ACTOR_A and ACTOR_B are ids, names or countries (a country includes its actors).
    """
    from .analysis.dyad import DEFAULT_STATUSES, dyad_periods

    corpus = _corpus(db)
    rows = corpus.dyad(
        actor_a,
        actor_b,
        by=by,
        date_from=date_from,
        date_to=date_to,
        types=types,
        statuses=statuses or DEFAULT_STATUSES,
        include_duplicates=include_duplicates,
        as_frame=False,
    )
    periods = dyad_periods(rows)
    if plot_path:
        from .analysis.plot import plot_dyad

        plot_dyad(periods, plot_path, title=f"{actor_a} ↔ {actor_b}")
        click.echo(f"chart written to {plot_path}", err=True)
    if per_type:
        columns = ["period", "direction", "type", "events", "documents", "score_mean"]
        _emit(rows, columns, as_json=as_json, as_csv=as_csv, title=f"{actor_a} ↔ {actor_b}")
    else:
        columns = ["period", "events", "a->b", "b->a", "cooperation", "conflict", "score_mean"]
        _emit(periods, columns, as_json=as_json, as_csv=as_csv, title=f"{actor_a} (a) ↔ {actor_b} (b)")


@main.command()
@DB_OPTION
@click.option("--from", "date_from", help="From date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", help="To date (inclusive).")
@click.option("--type", "types", multiple=True, help="Only events of these PLOVER types (drops quote edges).")
@click.option("--no-quotes", is_flag=True, help="Only events, not who talks about whom.")
@click.option("--graphml", type=click.Path(dir_okay=False), help="Write the graph as GraphML.")
@click.option("--gexf", type=click.Path(dir_okay=False), help="Write the graph as GEXF (Gephi).")
@click.option(
    "--edges", "show_edges", is_flag=True, help="List the heaviest edges instead of the top actors."
)
@_dup_option
@_limit_option
@_output_options
def network(
    db: str,
    date_from: str | None,
    date_to: str | None,
    types: tuple[str, ...],
    no_quotes: bool,
    graphml: str | None,
    gexf: str | None,
    show_edges: bool,
    include_duplicates: bool,
    limit: int,
    as_json: bool,
    as_csv: bool,
) -> None:
    """The actor network: top actors (PageRank, weighted degree) and communities (Louvain)."""
    import networkx as nx

    from .analysis.network import edge_rows, rank_actors

    graph = _corpus(db).network(
        date_from=date_from,
        date_to=date_to,
        types=types,
        include_quotes=not no_quotes,
        include_duplicates=include_duplicates,
    )
    if graphml:
        nx.write_graphml(graph, graphml)
    if gexf:
        nx.write_gexf(graph, gexf)
    click.echo(f"{graph.number_of_nodes()} actors, {graph.number_of_edges()} edges", err=True)
    if show_edges:
        rows = edge_rows(graph)[: limit or None]
        _emit(
            rows, ["source", "target", "weight", "events", "quotes", "score"], as_json=as_json, as_csv=as_csv
        )
        return
    rows = rank_actors(graph, limit=limit or None)
    _emit(
        rows,
        ["id", "name", "pagerank", "in_weight", "out_weight", "community"],
        as_json=as_json,
        as_csv=as_csv,
    )


@main.command()
@DB_OPTION
@click.option(
    "--by",
    type=click.Choice(["speaker", "channel", "about", "cue", "kind"]),
    default="speaker",
    show_default=True,
    help="Count quotations per speaker, channel (via), actor talked about, verb, kind.",
)
@click.option("--speaker", help="Only quotations of this actor (id, name, alias or country).")
@click.option("--about", help="Only quotations about this actor or country.")
@click.option("--from", "date_from", help="From date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", help="To date (inclusive).")
@_dup_option
@_limit_option
@_output_options
def quoted(
    db: str,
    by: str,
    speaker: str | None,
    about: str | None,
    date_from: str | None,
    date_to: str | None,
    include_duplicates: bool,
    limit: int,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Who is quoted most, through which channels, about whom (e.g. --by channel --speaker Peskov)."""
    rows = _corpus(db).quoted(
        by=by,
        speaker=speaker,
        about=about,
        date_from=date_from,
        date_to=date_to,
        include_duplicates=include_duplicates,
        limit=limit or None,
        as_frame=False,
    )
    _emit(
        rows,
        ["key", "name", "quotes", "documents", "speakers"],
        as_json=as_json,
        as_csv=as_csv,
        title=f"by {by}",
    )


# ------------------------------------------------------------------------------------------------
# export
# ------------------------------------------------------------------------------------------------


@main.command()
@DB_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet", "graphml", "gexf", "gdelt"]),
    required=True,
)
@click.option("--output", "-o", required=True, type=click.Path(), help="File (folder for parquet).")
@click.option(
    "--table",
    type=click.Choice(["events", "quotes", "documents", "mentions", "actors"]),
    default="events",
    show_default=True,
    help="Table for --format csv.",
)
@click.option("--include-duplicates", is_flag=True, help="gdelt: also rows of near-duplicate copies.")
@click.option("--force", is_flag=True, help="Replace an existing output.")
def export(db: str, fmt: str, output: str, table: str, include_duplicates: bool, force: bool) -> None:
    """Export the corpus: jsonl records, csv, parquet (by month), graphml/gexf, GDELT-like TSV."""
    options: dict[str, Any] = {}
    if fmt == "csv":
        options["table"] = table
    if fmt in ("gdelt", "graphml", "gexf"):
        options["include_duplicates"] = include_duplicates
    result = _corpus(db).export(fmt, output, force=force, **options)
    click.echo(f"wrote {result['rows']} rows to {result['path']}", err=True)


if __name__ == "__main__":  # pragma: no cover - `python -m lagebild.cli_corpus …`
    main()


@main.command()
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@DB_OPTION
def load(path: str, db: str) -> None:
    """Load analysed records from Parquet into the store: the output folder of
    `lagebild run --engine spark` or of `lagebild export --format parquet` (its records/)."""
    from .corpus import Corpus
    from .export import iter_parquet_records

    corpus = Corpus(db)
    stored = 0
    batch: list[dict[str, Any]] = []
    for record in iter_parquet_records(path):
        batch.append(record)
        if len(batch) >= 256:
            stored += corpus.add_records(batch)
            batch = []
    if batch:
        stored += corpus.add_records(batch)
    corpus.close()
    click.echo(f"loaded {stored} records into {db}", err=True)
