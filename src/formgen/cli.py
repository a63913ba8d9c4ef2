"""The command line: a thin click group; each command calls into the library."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import Any

import click

from formgen import __version__

pass_project = click.make_pass_decorator(object)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="formgen")
@click.option("--templates", type=click.Path(file_okay=False, path_type=Path),
              help="Templates folder (default: ./templates).")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path),
              help="Data folder with institution.yaml and params/ (default: ./data).")
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
@click.option("--lang", type=click.Choice(["pl", "en"]), help="Language of messages (default: Polish, English "
                                                             "when LANG names an English locale).")
@click.pass_context
def cli(ctx: click.Context, templates: Path | None, data: Path | None, debug: bool, lang: str | None) -> None:
    """formgen: validated YAML/CSV case data to DOCX and PDF forms."""
    from formgen.project import Project

    if lang:
        from formgen.i18n import set_language

        set_language(lang)
    ctx.obj = Project(templates, data)
    if debug:
        import os

        from formgen.errors import DEBUG_ENV

        os.environ[DEBUG_ENV] = "1"  # worker processes inherit it


@cli.command("list")
@pass_project
def list_forms(project: Any) -> None:
    """List the forms: id, title and source annex."""
    from formgen.commands import list_forms as run

    run(project)


def complete_forms(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion of form ids (and, for `new`, case kinds)."""
    from click.shell_completion import CompletionItem

    from formgen.project import Project

    root = ctx.find_root().params
    try:
        catalog = Project(root.get("templates"), root.get("data")).catalog
    except Exception:  # noqa: BLE001 - completion never fails loudly
        return []
    names = [(f.id, f.decl.short) for f in catalog.forms.values()]
    if param.name == "name":
        names += [(kind, "rodzaj sprawy") for kind in catalog.kinds]
    return [CompletionItem(name, help=text) for name, text in names if name.startswith(incomplete)]


_FORM = click.option("--form", "form_id", help="Form id for CSV files without a 'form' column.",
                     shell_complete=complete_forms)
_ENCODING = click.option("--encoding", help="Encoding of CSV files (default: detected among UTF-8, UTF-16 "
                                            "with BOM, cp1250 and ISO-8859-2).")


def run_options(function: Any) -> Any:
    """The options of a run that renders (batch, bundle): input, workers, executor, --force."""
    options = [
        _FORM, _ENCODING,
        click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
                     help="Worker processes [default: every usable core]."),
        click.option("--executor", metavar="tcp://HOST:PORT",
                     help="Run the cases on a Dask cluster (needs formgen[dask]); files are written here."),
        click.option("--force", is_flag=True,
                     help="Build everything again, also what is up to date, and overwrite files edited by hand."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def output_options(function: Any) -> Any:
    """-q, -v and --list: how much a command reports on stdout."""
    options = [
        click.option("-q", "--quiet", is_flag=True, help="Print only the problems."),
        click.option("-v", "--verbose", is_flag=True, help="Also print every file written and what was up to date."),
        click.option("--list", "listing", is_flag=True, help="Print the files written, one a line."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _output(quiet: bool, verbose: bool, listing: bool = False) -> Any:
    from formgen.commands import Output

    return Output(quiet, verbose, listing)


def _given(form_id: str | None, encoding: str | None, jobs: int | None, executor: str | None,
           force: bool) -> Any:
    from formgen.commands import RunOptions

    return RunOptions(jobs or 0, executor, force, form_id, encoding)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_FORM
@_ENCODING
@click.option("-q", "--quiet", is_flag=True, help="Print only the problems.")
@click.option("-v", "--verbose", is_flag=True, help="Print more.")
@pass_project
def validate(project: Any, paths: tuple[Path, ...], form_id: str | None, encoding: str | None, quiet: bool,
             verbose: bool) -> None:
    """Check case files (or folders of them) as render would, writing nothing; print every
    problem as file:line: field: message."""
    from formgen.commands import validate as run

    run(project, list(paths), form_id, encoding, _output(quiet, verbose))


_OUTPUT = click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
                       show_default=True, help="Output folder.")
_FORMAT = click.option("--format", "fmt", type=click.Choice(["docx", "pdf", "all"]), default="all",
                       show_default=True)


@cli.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_OUTPUT
@_FORMAT
@_FORM
@_ENCODING
@click.option("--force", is_flag=True, help="Render again even if up to date; overwrite files edited by hand.")
@output_options
@pass_project
def render(project: Any, path: Path, output: Path, fmt: str, form_id: str | None, encoding: str | None,
           force: bool, quiet: bool, verbose: bool, listing: bool) -> None:
    """Render the cases of one YAML/CSV file to OUTPUT/<form-id>/<case-id>.docx and .pdf."""
    from formgen.commands import batch as run

    run(project, [path], output, fmt, _given(form_id, encoding, 1, None, force), progress=False,
        output=_output(quiet, verbose, listing))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_OUTPUT
@_FORMAT
@run_options
@output_options
@pass_project
def batch(project: Any, paths: tuple[Path, ...], output: Path, fmt: str, form_id: str | None,
          encoding: str | None, jobs: int | None, executor: str | None, force: bool, quiet: bool,
          verbose: bool, listing: bool) -> None:
    """Render every case under PATHS; bad cases are reported and skipped, the rest are produced.
    Cases whose inputs did not change since the last run into OUTPUT are skipped."""
    from formgen.commands import batch as run

    run(project, list(paths), output, fmt, _given(form_id, encoding, jobs, executor, force),
        output=_output(quiet, verbose, listing))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/bundles"), show_default=True, help="Output folder.")
@click.option("--per-file", is_flag=True, help="One bundle per input file instead of per case.")
@run_options
@output_options
@click.option("--pdf-variant", type=click.Choice(["pdf/a-3a", "pdf/a-3b", "pdf/a-3u", "none"]),
              default="pdf/a-3b", show_default=True,
              help="PDF/A-3 variant (PDF/A-3 allows the embedded sources); 'none' for a plain PDF.")
@click.option("--encrypt", is_flag=True,
              help="Encrypt with AES-256 (a copy to send; needs --pdf-variant none, as PDF/A forbids it).")
@click.option("--password-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File whose first line is the --encrypt password (else it is asked for).")
@click.option("--sign", "sign", metavar="CERT.p12", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Sign each bundle (PAdES) with the key and certificate of a PKCS#12 file, as the last step.")
@click.option("--cert-password-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File whose first line is the password of CERT.p12 (else it is asked for).")
@click.option("--reason", help="Reason written into the signature.")
@pass_project
def bundle(project: Any, paths: tuple[Path, ...], output: Path, per_file: bool, form_id: str | None,
           encoding: str | None, jobs: int | None, executor: str | None, force: bool, quiet: bool,
           verbose: bool, listing: bool, pdf_variant: str,
           encrypt: bool, password_file: Path | None, sign: Path | None, cert_password_file: Path | None,
           reason: str | None) -> None:
    """Archival PDF/A-3 per case (or per file): a cover, its documents with a bookmark each, the
    case data (YAML) and DOCX files attached, and OUTPUT/<name>.manifest.json for `verify`.

    Passwords are never taken from the command line: give a file or answer the prompt."""
    from formgen.commands import Protect
    from formgen.commands import bundle as run

    protect = Protect(encrypt, password_file, sign, cert_password_file, reason)
    run(project, list(paths), output, per_file, _given(form_id, encoding, jobs, executor, force), pdf_variant,
        protect, output=_output(quiet, verbose, listing))


@cli.command()
@click.argument("bundles", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--password-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File whose first line is the password of encrypted bundles (else it is asked for).")
@click.option("--trust", multiple=True, metavar="CERT", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Certificate (PEM/DER) a signer must chain to; without it only integrity is checked.")
def verify(bundles: tuple[Path, ...], password_file: Path | None, trust: tuple[Path, ...]) -> None:
    """Check bundles against their manifests: hash, PDF/A claim, fonts, bookmarks, attachments,
    encryption and signatures."""
    from formgen.commands import verify as run

    run(list(bundles), password_file, list(trust))


@cli.command()
@click.argument("form_id", metavar="FORM", required=False, shell_complete=complete_forms)
@click.option("--all", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="Write the schema of every form into this folder (<form-id>.json).")
@pass_project
def schema(project: Any, form_id: str | None, folder: Path | None) -> None:
    """Print the JSON Schema of a form's case data, for editors (VS Code's YAML extension):
    it accepts every way of writing values that formgen accepts."""
    from formgen.commands import schema as run

    run(project, form_id, folder)


@cli.command()
@click.argument("name", metavar="FORM|KIND", shell_complete=complete_forms)
@click.option("--csv", "as_csv", is_flag=True, help="The header row of the form's CSV (Polish column titles).")
@click.option("-o", "--output", "target", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the starter to this file instead of printing it.")
@click.option("--schemas", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of the JSON Schemas the starter names for editors [default: ./schemas].")
@pass_project
def new(project: Any, name: str, as_csv: bool, target: Path | None, schemas: Path | None) -> None:
    """A case file to fill in, for a form or a case kind (one person entered once for all its
    forms): every field with a comment in Polish; required fields empty until filled."""
    from formgen.commands import new as run

    run(project, name, as_csv, target, schemas)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any other than the loopback needs a password (--set-password).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--set-password", "set_password", is_flag=True,
              help="Ask for the page's password and store its hash in the workspace, then exit.")
@click.option("--certfile", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TLS certificate (PEM) to serve over HTTPS; with --keyfile.")
@click.option("--keyfile", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="TLS private key (PEM).")
@pass_project
def serve(project: Any, host: str, port: int, set_password: bool, certfile: Path | None,
          keyfile: Path | None) -> None:
    """Serve the web page (in Polish) over the current workspace; needs formgen[web]."""
    try:
        from formgen.web import server
    except ImportError as exc:
        raise click.ClickException(f"the web page needs its extra: pip install 'formgen[web]' ({exc})") from None
    if set_password:
        password = click.prompt("Hasło strony", hide_input=True, confirmation_prompt="Powtórz hasło", err=True)
        click.echo(f"Zapisano skrót hasła w {server.set_password(project, password)}", err=True)
        return
    server.serve(project, host, port, certfile, keyfile)


def main() -> None:
    """Run the CLI; unexpected errors print one line unless --debug is given."""
    debug = "--debug" in sys.argv[1:]
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:
        if debug:
            traceback.print_exc()
        else:
            click.echo(f"error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        sys.exit(2)
