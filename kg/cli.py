"""The ``kg`` command line: a thin layer over plain functions; errors become messages and exit codes.

Exit codes (README.md lists them): 0 ok; 1 some input failed, or the data does not conform
(``validate``); 2 usage or input error; 3 internal error (a bug); 130 interrupted.

Each command imports what it runs when it runs, so that ``kg extract`` or ``kg --help`` does not load
the validation engine, pySHACL and pyLODE (together about a second at every start). Commands of other
packages join through the entry-point group ``kg.commands`` (pyproject.toml): ``kg serve`` is
service/cli.py, so that kg never imports service, which is built on kg.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib.metadata import entry_points
from pathlib import Path

from kg.errors import KGError
from kg.settings import DEBUG
from kg.stores import STORE_FORMS

COMMANDS = "kg.commands"  # entry-point group: a callable that adds its subparser to the ``kg`` parser


def _cmd_extract(args: argparse.Namespace) -> int:
    # per command (see the module docstring)
    from kg.extract import extract_file
    from kg.extract.records import to_json_view

    result = extract_file(Path(args.file))
    view = to_json_view(result)
    if args.json:
        json.dump(view, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        d = view["document"]
        print(
            f"{args.file}: {d['number'] or '(no number)'} {d['date'] or ''} {d['unit'] or ''} [{d['level']}]"
        )
        for key in ("implements", "citations", "targets", "tasks", "responsibilities", "reporting"):
            print(f"  {key}: {len(view[key])}")
        for w in result.warnings:
            print(f"  warning: {w}")
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from kg.pipeline.build import build  # per command (see the module docstring)

    report = build(Path(args.data), args.store, if_needed=args.if_needed)
    print(report)
    if report.skipped:
        return 0
    if report.failed:
        print(
            f"kg build: {len(report.failed)} plan file(s) could not be read; the others were built. "
            "Fix or remove those files and run the build again.",
            file=sys.stderr,
        )
    return 0 if report.plans or not report.failed else 1


def _cmd_ingest(args: argparse.Namespace) -> int:
    from kg.pipeline.ingest import ingest, stderr_progress  # per command (see the module docstring)

    results = ingest([Path(f) for f in args.paths], args.store, progress=stderr_progress)
    for r in results:
        print(r.line())
    kept = sorted({str(Path(r.kept).parent.parent) for r in results if r.kept})
    if kept:
        print(f"kept in the corpus {', '.join(kept)}: every `kg build` reads them")
    failed = [r for r in results if r.status == "failed"]
    counts = {s: sum(r.status == s for r in results) for s in ("added", "replaced", "unchanged", "failed")}
    print(", ".join(f"{n} {s}" for s, n in counts.items()))
    if not results:
        print("kg ingest: no .txt, .docx or .pdf file found in the given paths", file=sys.stderr)
        return 2
    return 1 if failed else 0


def _cmd_remove(args: argparse.Namespace) -> int:
    from kg.pipeline.remove import remove  # per command (see the module docstring)

    removed = remove(args.what, args.store)
    for line in removed.lines():
        print(line)
    return 1 if any(r.status == "failed" for r in removed.restored) else 0


def _cmd_list(args: argparse.Namespace) -> int:
    from kg.pipeline.listing import listing  # per command (see the module docstring)

    entries, folder = listing(args.store, Path(args.data))
    print(f"corpus: {args.data}/plans and {folder} → store {args.store}")
    for entry in entries:
        print(entry.line())
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.state] = counts.get(entry.state, 0) + 1
    print(", ".join(f"{n} {state}" for state, n in sorted(counts.items())) or "the corpus is empty")
    return 0


def _cmd_dump(args: argparse.Namespace) -> int:
    from kg.pipeline.archive import dump  # per command (see the module docstring)

    written = dump(args.store, Path(args.file))
    print(f"wrote {args.file}: every graph of {args.store} as N-Quads ({written} bytes before compression)")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from kg.pipeline.archive import restore  # per command (see the module docstring)

    quads = restore(Path(args.file), args.store, Path(args.data))
    print(f"restored {args.store} from {args.file}: {quads} quads. `make serve` keeps it as it is; "
          "`kg build` would rebuild it from the corpus instead")
    return 0


def _cmd_units_import(args: argparse.Namespace) -> int:
    from kg.pipeline.unit_import import import_units  # per command (see the module docstring)
    from kg.pipeline.units import read_units

    paths = [Path(p) for p in args.files]
    if args.check:
        for line in read_units(paths).summary():
            print(line)
        print("checked only (--check): nothing written")
        return 0
    imported, report = import_units(paths, args.store, Path(args.data))
    print(report)
    for line in imported.summary():
        print(line)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    # per command (see the module docstring)
    from kg.validation import render, run_validation, write_audit_graph

    report = run_validation(args.store)
    print(render(report, args.format))
    if not args.no_write:
        write_audit_graph(args.store, report)
    if report.errors:
        for e in report.errors:
            print(f"kg validate: could not check: {e}", file=sys.stderr)
        return 2
    return 0 if report.conforms else 1


def _cmd_docs(args: argparse.Namespace) -> int:
    from kg.rdf.docs import build_docs  # per command (see the module docstring)

    out = build_docs(Path(args.out))
    print(f"ontology documentation written to {out}")
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from kg.evaluate import main as eval_main  # per command (see the module docstring)

    forms = [form.strip() for form in args.forms.split(",") if form.strip()] if args.forms else None
    return eval_main(Path(args.plans), Path(args.expected), forms)


def _store_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--store", default="var/store", help=f"{what}: {STORE_FORMS}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kg", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="Extract the facts of one plan (.txt, .docx, .pdf)")
    p.add_argument("file", help="Path of the plan document")
    p.add_argument("--json", action="store_true", help="Print the stable JSON view (see README)")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("build", help="Build the graph from data/ and the corpus into a store")
    p.add_argument("--data", default="data", help="Folder holding plans/ and reference/ (default: data)")
    _store_option(p, "Store to build into")
    p.add_argument("--if-needed", action="store_true",
                   help="Build only when the store is not up to date with its corpus, code and reference "
                   "data")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("ingest", help="Add or replace plans in a built store and keep them in its corpus")
    p.add_argument("paths", nargs="+",
                   help="Plan files (.txt, .md, .html, .docx, .pdf) or folders holding them")
    _store_option(p, "Store made by `kg build`")
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("remove", help="Take one plan out of the store and the corpus")
    p.add_argument("what", help="The plan's IRI (or its path under the base), its file's name, or its file")
    _store_option(p, "Store made by `kg build`")
    p.set_defaults(func=_cmd_remove)

    p = sub.add_parser("list", help="Show the corpus of a store: each file and whether the store has it")
    p.add_argument("--data", default="data", help="Data folder, for a store with no record (default: data)")
    _store_option(p, "Store made by `kg build`")
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser("dump", help="Write every graph of a store to one N-Quads file (.gz: gzipped)")
    p.add_argument("file", help="The file to write, e.g. vnge.nq.gz")
    _store_option(p, "Store to dump")
    p.set_defaults(func=_cmd_dump)

    p = sub.add_parser("restore", help="Make a store hold exactly the graphs of a dump")
    p.add_argument("file", help="A file written by `kg dump` or downloaded from /dump")
    p.add_argument("--data", default="data", help="Data folder (its reference/ is recorded; default: data)")
    _store_option(p, "Store to restore into (replaced)")
    p.set_defaults(func=_cmd_restore)

    p = sub.add_parser("units", help="Official lists of administrative units (GSO codes, 2025 changes)")
    units = p.add_subparsers(dest="units_command", required=True)
    p = units.add_parser("import", help="Replace graph/units of a store with the official unit lists")
    p.add_argument("files", nargs="+", help="The lists: CSV files or folders holding them (README.md, "
                   "'Administrative units': pre-2025/, post-2025/, mapping-2025/)")
    _store_option(p, "Store made by `kg build` (rebuilt with the lists)")
    p.add_argument("--data", default="data", help="Folder holding plans/ and reference/ (default: data)")
    p.add_argument("--check", action="store_true", help="Read and check the lists; write nothing")
    p.set_defaults(func=_cmd_units_import)

    p = sub.add_parser("validate", help="Run the SHACL shapes and hierarchy audits (exit 1 on any Violation)")
    _store_option(p, "Store made by `kg build`")
    p.add_argument("--format", choices=("text", "turtle", "json"), default="text", help="Report format")
    p.add_argument("--no-write", action="store_true", help="Only report; do not replace the audit graph")
    p.set_defaults(func=_cmd_validate)

    for command in sorted(entry_points(group=COMMANDS), key=lambda e: e.name):  # kg serve (service/cli.py)
        command.load()(sub)

    p = sub.add_parser("docs", help="Write the ontology's HTML documentation")
    p.add_argument("--out", default="ontology/docs", help="Output folder (default: ontology/docs)")
    p.set_defaults(func=_cmd_docs)

    p = sub.add_parser("eval", help="Score extraction against tests/expected/ (precision, recall, F1)")
    p.add_argument("--plans", default="data/plans", help="Folder of plan files (default: data/plans)")
    p.add_argument(
        "--expected", default="tests/expected", help="Folder of expected facts (default: tests/expected)"
    )
    p.add_argument(
        "--forms", metavar="FORM,…",
        help="Score each plan (a Markdown conversion) written in these forms instead: md, gfm, plain, "
             "unaccented, html, docx, pdf (e.g. --forms md,html,pdf)")
    p.set_defaults(func=_cmd_eval)

    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KGError as e:
        print(f"kg {args.command}: error: {e}", file=sys.stderr)
        return e.exit_code
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # a bug: say so plainly; KG_DEBUG=1 shows the traceback
        if DEBUG.value():
            raise
        print(
            f"kg {args.command}: internal error ({type(e).__name__}: {e}). This is a bug in kg, not in "
            "your input; please report it with the command you ran (set KG_DEBUG=1 for details).",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
