"""The command line: a thin click group; each command calls into the library.

Help texts are translated when the commands below are defined, so the language must be known
before: a `--lang` on this command line is taken first (its option only records it again), and
click's own texts (Usage:, Options) go through formgen's catalog too.
"""

from __future__ import annotations

import functools
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from formgen import __version__, clicktext
from formgen.i18n import _, command_line_language, set_language

_LANG = command_line_language(sys.argv[1:])
if _LANG:
    set_language(_LANG)
clicktext.install()

# Placeholders of option values in the help (click's own would be TEXT and INTEGER).
TEXT, DAY, YEAR = _("TEXT"), _("YYYY-MM-DD"), _("YYYY")
# Placeholders of the arguments and the usage line, in the user's language (click makes them
# from the parameter's name, in English); the help texts name the arguments by them.
PATHS, PATH, BUNDLES = _("PATHS..."), _("PATH"), _("BUNDLES...")
FORM, FORM_OR_KIND, FOLDER = _("[FORM]"), _("FORM|KIND"), _("[FOLDER]")
YEAR_ARGUMENT, NUMBER, TARGET, CASE_ID = _("YEAR"), _("NUMBER"), _("TARGET"), _("CASE-ID")


class Command(click.Command):
    """A command whose usage line says [OPTIONS] in the user's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", _("[OPTIONS]"))
        super().__init__(*args, **kwargs)


class Group(click.Group):
    """A group whose usage line, and its commands' and subgroups', are in the user's language."""

    command_class = Command
    group_class = type  # subgroups are Groups too

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", _("[OPTIONS]"))
        kwargs.setdefault("subcommand_metavar", _("COMMAND [ARGS]..."))
        super().__init__(*args, **kwargs)

SAMPLE_NOTICE_DUE = "formgen.sample_notice"  # ctx.meta: the sample notice is still to be said


def pass_project(command: Callable[..., Any]) -> Callable[..., Any]:
    """Pass the project to a command; a run on the bundled example says so first (on stderr),
    once, when the command runs: never for --help or a usage error."""

    @functools.wraps(command)
    def with_project(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        if ctx.meta.pop(SAMPLE_NOTICE_DUE, False):
            from formgen.workspace import SAMPLE_NOTICE

            click.echo(_(SAMPLE_NOTICE), err=True)
        return command(ctx.find_object(object), *args, **kwargs)

    return with_project


NO_PROJECT = {"init", "verify"}  # commands that say nothing about the example institution


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]},
             help=_("formgen: validated YAML/CSV case data to DOCX and PDF forms."))
@click.version_option(__version__, prog_name="formgen")
@click.option("-w", "--workspace", type=click.Path(file_okay=False, path_type=Path),
              help=_("The institution's workspace (default: $FORMGEN_HOME, else the nearest folder upwards "
                     "with formgen.yaml)."))
@click.option("--db", metavar="URL", help=_("The register's SQLAlchemy URL, e.g. postgresql+psycopg://host/db "
                                            "(default: the workspace's formgen.yaml, else its rejestr.sqlite)."))
@click.option("--templates", type=click.Path(file_okay=False, path_type=Path),
              help=_("Templates folder without a workspace (default: the built-in forms)."))
@click.option("--data", type=click.Path(file_okay=False, path_type=Path),
              help=_("Data folder with institution.yaml and params/, used without a workspace or register."))
@click.option("--debug", is_flag=True, help=_("Show tracebacks of unexpected errors."))
@click.option("--lang", type=click.Choice(["pl", "en"]), help=_("Language of messages (default: Polish, English "
                                                               "when LANG names an English locale)."))
@click.pass_context
def cli(ctx: click.Context, workspace: Path | None, db: str | None, templates: Path | None, data: Path | None,
        debug: bool, lang: str | None) -> None:
    from formgen.commands import open_project

    if lang:
        set_language(lang)
    ctx.obj = None if ctx.invoked_subcommand == "init" else open_project(workspace, db, templates, data, quiet=True)
    ctx.meta[SAMPLE_NOTICE_DUE] = (ctx.obj is not None and ctx.obj.mark == "WZÓR"
                                   and ctx.invoked_subcommand not in NO_PROJECT)
    if debug:
        import os

        from formgen.errors import DEBUG_ENV

        os.environ[DEBUG_ENV] = "1"  # worker processes inherit it


@cli.command("list", help=_("List the forms: id, title and source annex."))
@pass_project
def list_forms(project: Any) -> None:
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
        names += [(kind, _("case kind")) for kind in catalog.kinds]
    return [CompletionItem(name, help=text) for name, text in names if name.startswith(incomplete)]


_FORM = click.option("--form", "form_id", metavar="ID", help=_("Form id for CSV files without a 'form' column."),
                     shell_complete=complete_forms)
_ENCODING = click.option("--encoding", metavar=_("ENCODING"), help=_("Encoding of CSV files (default: detected among UTF-8, UTF-16 "
                                              "with BOM, cp1250 and ISO-8859-2)."))


def run_options(function: Any) -> Any:
    """The options of a run that renders (batch, bundle): input, workers, executor, --force."""
    options = [
        _FORM, _ENCODING,
        click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None, metavar="N",
                     help=_("Worker processes [default: every usable core].")),
        click.option("--executor", metavar="tcp://HOST:PORT",
                     help=_("Run the cases on a Dask cluster (needs formgen[dask]); files are written here.")),
        click.option("--force", is_flag=True,
                     help=_("Build everything again, also what is up to date, and overwrite files edited by "
                            "hand.")),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def output_options(function: Any) -> Any:
    """-q, -v and --list: how much a command reports on stdout."""
    options = [
        click.option("-q", "--quiet", is_flag=True, help=_("Print only the problems.")),
        click.option("-v", "--verbose", is_flag=True,
                     help=_("Also print every file written and what was up to date.")),
        click.option("--list", "listing", is_flag=True, help=_("Print the files written, one a line.")),
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


@cli.command(help=_("Check case files (or folders of them) as render would, writing nothing; print every "
                    "problem as file:line: field: message."))
@click.argument("paths", nargs=-1, required=True, metavar=PATHS, type=click.Path(exists=True, path_type=Path))
@_FORM
@_ENCODING
@click.option("-q", "--quiet", is_flag=True, help=_("Print only the problems."))
@click.option("-v", "--verbose", is_flag=True, help=_("Print more."))
@pass_project
def validate(project: Any, paths: tuple[Path, ...], form_id: str | None, encoding: str | None, quiet: bool,
             verbose: bool) -> None:
    from formgen.commands import validate as run

    run(project, list(paths), form_id, encoding, _output(quiet, verbose))


_DRAFT = click.option("--draft", is_flag=True,
                      help=_("A draft: documents marked PROJEKT and not recorded in the register."))
_OUTPUT = click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
                       show_default=True, help=_("Output folder."))
_FORMAT = click.option("--format", "fmt", type=click.Choice(["docx", "pdf", "all"]), default="all",
                       show_default=True, help=_("The files to write: DOCX, PDF or both."))


@cli.command(help=_("Render the cases of one YAML/CSV file to OUTPUT/<form-id>/<case-id>.docx and .pdf."))
@click.argument("path", metavar=PATH, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_OUTPUT
@_FORMAT
@_FORM
@_ENCODING
@click.option("--force", is_flag=True, help=_("Render again even if up to date; overwrite files edited by hand."))
@_DRAFT
@output_options
@pass_project
def render(project: Any, path: Path, output: Path, fmt: str, form_id: str | None, encoding: str | None,
           force: bool, draft: bool, quiet: bool, verbose: bool, listing: bool) -> None:
    from formgen.commands import batch as run

    project = project.drafted() if draft else project
    run(project, [path], output, fmt, _given(form_id, encoding, 1, None, force), progress=False,
        output=_output(quiet, verbose, listing))


@cli.command(help=_("Render every case under PATHS; bad cases are reported and skipped, the rest are "
                    "produced. Cases whose inputs did not change since the last run into OUTPUT are skipped. In a "
                    "workspace, every document produced is recorded in its register."))
@click.argument("paths", nargs=-1, required=True, metavar=PATHS, type=click.Path(exists=True, path_type=Path))
@_OUTPUT
@_FORMAT
@run_options
@_DRAFT
@output_options
@pass_project
def batch(project: Any, paths: tuple[Path, ...], output: Path, fmt: str, form_id: str | None,
          encoding: str | None, jobs: int | None, executor: str | None, force: bool, draft: bool, quiet: bool,
          verbose: bool, listing: bool) -> None:
    from formgen.commands import batch as run

    project = project.drafted() if draft else project
    run(project, list(paths), output, fmt, _given(form_id, encoding, jobs, executor, force),
        output=_output(quiet, verbose, listing))


@cli.command(help=_("Archival PDF/A-3 per case (or per file): a cover, its documents with a bookmark each, the "
                    "case data (YAML) and DOCX files attached, and OUTPUT/<name>.manifest.json for `verify`.\n\n"
                    "Passwords are never taken from the command line: give a file or answer the prompt."))
@click.argument("paths", nargs=-1, required=True, metavar=PATHS, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/bundles"), show_default=True, help=_("Output folder."))
@click.option("--per-file", is_flag=True, help=_("One bundle per input file instead of per case."))
@run_options
@output_options
@click.option("--pdf-variant", type=click.Choice(["pdf/a-3a", "pdf/a-3b", "pdf/a-3u", "none"]),
              default="pdf/a-3b", show_default=True,
              help=_("PDF/A-3 variant (PDF/A-3 allows the embedded sources); 'none' for a plain PDF."))
@click.option("--encrypt", is_flag=True,
              help=_("Encrypt with AES-256 (a copy to send; needs --pdf-variant none, as PDF/A forbids it)."))
@click.option("--password-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help=_("File whose first line is the --encrypt password (else it is asked for)."))
@click.option("--sign", "sign", metavar="CERT.p12", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help=_("Sign each bundle (PAdES) with the key and certificate of a PKCS#12 file, as the last "
                     "step."))
@click.option("--cert-password-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help=_("File whose first line is the password of CERT.p12 (else it is asked for)."))
@click.option("--reason", metavar=TEXT, help=_("Reason written into the signature."))
@_DRAFT
@pass_project
def bundle(project: Any, paths: tuple[Path, ...], output: Path, per_file: bool, form_id: str | None,
           encoding: str | None, jobs: int | None, executor: str | None, force: bool, quiet: bool,
           verbose: bool, listing: bool, pdf_variant: str,
           encrypt: bool, password_file: Path | None, sign: Path | None, cert_password_file: Path | None,
           reason: str | None, draft: bool) -> None:
    from formgen.commands import Protect
    from formgen.commands import bundle as run

    project = project.drafted() if draft else project
    protect = Protect(encrypt, password_file, sign, cert_password_file, reason)
    run(project, list(paths), output, per_file, _given(form_id, encoding, jobs, executor, force), pdf_variant,
        protect, output=_output(quiet, verbose, listing))


@cli.command(help=_("Check bundles against their manifests: hash, PDF/A claim, fonts, bookmarks, attachments, "
                    "encryption and signatures."))
@click.argument("bundles", nargs=-1, required=True, metavar=BUNDLES,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--password-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help=_("File whose first line is the password of encrypted bundles (else it is asked for)."))
@click.option("--trust", multiple=True, metavar="CERT", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help=_("Certificate (PEM/DER) a signer must chain to; without it only integrity is checked."))
def verify(bundles: tuple[Path, ...], password_file: Path | None, trust: tuple[Path, ...]) -> None:
    from formgen.commands import verify as run

    run(list(bundles), password_file, list(trust))


@cli.command(help=_("Print the JSON Schema of a form's case data, for editors (VS Code's YAML extension): it "
                    "accepts every way of writing values that formgen accepts."))
@click.argument("form_id", metavar=FORM, required=False, shell_complete=complete_forms)
@click.option("--all", "folder", type=click.Path(file_okay=False, path_type=Path),
              help=_("Write the schema of every form into this folder (<form-id>.json)."))
@pass_project
def schema(project: Any, form_id: str | None, folder: Path | None) -> None:
    from formgen.commands import schema as run

    run(project, form_id, folder)


@cli.command(help=_("A case file to fill in, for a form or a case kind (one person entered once for all its "
                    "forms): every field with a comment in Polish; required fields empty until filled."))
@click.argument("name", metavar=FORM_OR_KIND, shell_complete=complete_forms)
@click.option("--csv", "as_csv", is_flag=True, help=_("The header row of the form's CSV (Polish column titles)."))
@click.option("-o", "--output", "target", type=click.Path(dir_okay=False, path_type=Path),
              help=_("Write the starter to this file instead of printing it."))
@click.option("--schemas", type=click.Path(file_okay=False, path_type=Path),
              help=_("Folder of the JSON Schemas the starter names for editors [default: ./schemas]."))
@pass_project
def new(project: Any, name: str, as_csv: bool, target: Path | None, schemas: Path | None) -> None:
    from formgen.commands import new as run

    run(project, name, as_csv, target, schemas)


@cli.command(help=_("Create an institution's workspace in FOLDER (default: here): profile, this year's fund "
                    "parameters, procedures, an empty register and a README."))
@click.argument("folder", required=False, metavar=FOLDER, type=click.Path(file_okay=False, path_type=Path), default=Path("."))
# The questions are Polish in either language: they ask for the Polish forms of the names.
@click.option("--nazwa", metavar=TEXT, prompt="Nazwa instytucji (mianownik)", help=_("The institution's name (nominative)."))
@click.option("--ulica", metavar=TEXT, prompt="Ulica i numer", help=_("Street and number, e.g. 'ul. Lipowa 5'."))
@click.option("--kod", metavar=TEXT, prompt="Kod pocztowy", help=_("Postal code, e.g. 00-950."))
@click.option("--miejscowosc", metavar=TEXT, prompt="Miejscowość", help=_("Town."))
@click.option("--dyrektor", metavar=TEXT, prompt="Dyrektor (imię i nazwisko)", help=_("The director's first name and surname."))
@click.option("--stanowisko", metavar=TEXT, default="Dyrektor", show_default=True, help=_("The director's title."))
@click.option("--nip", metavar=TEXT, help=_("The institution's NIP."))
@click.option("--regon", metavar=TEXT, help=_("The institution's REGON."))
@click.option("--zwany-dalej", metavar=TEXT, default="Pracodawcą", show_default=True,
              help=_("The term agreements define, after 'zwanym dalej'."))
@click.option("--som-akt", metavar=TEXT, default="", help=_("The order that introduced the child-protection standards."))
@click.option("--som-data", type=click.DateTime(["%Y-%m-%d"]), metavar=DAY, help=_("Its date (YYYY-MM-DD)."))
@click.option("--zfss-akt", metavar=TEXT, default="", help=_("The order that introduced the ZFŚS regulation."))
@click.option("--zfss-data", type=click.DateTime(["%Y-%m-%d"]), metavar=DAY, help=_("Its date (YYYY-MM-DD)."))
@click.option("--nazwa-dopelniacz", metavar=TEXT, help=_("The name in the genitive (else proposed or asked)."))
@click.option("--nazwa-miejscownik", metavar=TEXT, help=_("The name in the locative (else proposed or asked)."))
@click.option("--nazwa-narzednik", metavar=TEXT, help=_("The name in the instrumental (else proposed or asked)."))
@click.option("--zwany-dalej-biernik", metavar=TEXT, help=_("The defined term in the accusative ('Pracodawcę')."))
@click.option("--reprezentacja", metavar=TEXT, help=_("The director in the accusative ('Dyrektora Annę Nowak')."))
@click.option("--som-tytul-dopelniacz", metavar=TEXT, help=_("The standards' title in the genitive."))
@click.option("--zfss-tytul-dopelniacz", metavar=TEXT, help=_("The ZFŚS regulation's title in the genitive."))
@click.option("--rok", type=int, metavar=YEAR, help=_("The fund year to start with (default: this year)."))
@click.option("-y", "--yes", "assume_yes", is_flag=True, help=_("Accept the proposed forms without asking."))
def init(folder: Path, rok: int | None, assume_yes: bool, som_data: Any, zfss_data: Any, **fields: Any) -> None:
    from formgen.init import QUESTIONS, Answers
    from formgen.workspace_commands import init as run

    forms = {key: fields.pop(key) for key in QUESTIONS if fields.get(key)}
    for key in QUESTIONS:
        fields.pop(key, None)
    given = Answers(**fields, som_data=som_data.date() if som_data else None,
                    zfss_data=zfss_data.date() if zfss_data else None, forms=forms)
    run(folder, given, assume_yes, rok)


@cli.command(help=_("Write the workspace's fund parameters for YEAR from the latest earlier year's and list the "
                    "values to revisit."))
@click.argument("year", metavar=YEAR_ARGUMENT, type=click.IntRange(2000, 2199))
@pass_project
def year(project: Any, year: int) -> None:
    from formgen.workspace_commands import year as run

    run(project, year)


@cli.group(help=_("The register of the documents issued in this workspace."))
def register() -> None:
    pass


_FILTERS = [
    click.option("--year", "year", type=int, metavar=YEAR, help=_("Documents of this year.")),
    click.option("--form", "form_id", metavar="ID", help=_("Documents of this form.")),
    click.option("--person", metavar=_("PERSON"), help=_("Documents about this person: a PESEL, or part of the name.")),
    click.option("--all", "history", is_flag=True, help=_("Also the records that corrections superseded.")),
]


def _filters(function: Any) -> Any:
    for option in reversed(_FILTERS):
        function = option(function)
    return function


@register.command("list", help=_("One line per document: register no., date, form, case, number, amount, "
                                  "status."))
@_filters
@pass_project
def register_list(project: Any, year: int | None, form_id: str | None, person: str | None, history: bool) -> None:
    from formgen.workspace_commands import register_list as run

    run(project, year, form_id, person, history)


@register.command("show", help=_("Every field of document NUMBER of the register."))
@click.argument("number", metavar=NUMBER, type=int)
@pass_project
def register_show(project: Any, number: int) -> None:
    from formgen.workspace_commands import register_show as run

    run(project, number)


@register.command("export", help=_("Write the documents to TARGET (.csv or .xlsx) for the accountant; text "
                                    "that looks like a formula stays text."))
@click.argument("target", metavar=TARGET, type=click.Path(dir_okay=False, path_type=Path))
@_filters
@pass_project
def register_export(project: Any, target: Path, year: int | None, form_id: str | None, person: str | None,
                    history: bool) -> None:
    from formgen.workspace_commands import register_export as run

    run(project, target, year, form_id, person, history)


@register.command("repaid", help=_("Record that the loan of CASE-ID was repaid early (the waiting time of §20 "
                                    "counts from it)."))
@click.argument("case_id", metavar=CASE_ID)
@click.option("--date", "day", required=True, type=click.DateTime(["%Y-%m-%d"]), metavar=DAY,
              help=_("The day it was repaid."))
@pass_project
def register_repaid(project: Any, case_id: str, day: Any) -> None:
    from formgen.workspace_commands import register_repaid as run

    run(project, case_id, day.date())


@cli.command(help=_("Serve the web page (in Polish) over the current workspace; needs formgen[web]."))
@click.option("--host", default="127.0.0.1", show_default=True, metavar=_("ADDRESS"),
              help=_("Address to listen on; any other than the loopback needs a password (--set-password)."))
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, metavar="PORT",
              help=_("Port to listen on."))
@click.option("--set-password", "set_password", is_flag=True,
              help=_("Ask for the page's password and store its hash in the workspace, then exit."))
@click.option("--certfile", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help=_("TLS certificate (PEM) to serve over HTTPS; with --keyfile."))
@click.option("--keyfile", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help=_("TLS private key (PEM)."))
@pass_project
def serve(project: Any, host: str, port: int, set_password: bool, certfile: Path | None,
          keyfile: Path | None) -> None:
    try:
        from formgen.web import server
    except ImportError as exc:
        raise click.ClickException(_("the web page needs its extra: pip install 'formgen[web]' ({error})").format(
            error=exc)) from None
    if set_password:
        password = click.prompt(_("Password of the page"), hide_input=True,
                                confirmation_prompt=_("Repeat the password"), err=True)
        click.echo(_("The password's hash is stored in {path}").format(path=server.set_password(project, password)),
                   err=True)
        return
    server.serve(project, host, port, certfile, keyfile)


def main() -> None:
    """Run the CLI; unexpected errors print one line unless --debug is given. Ctrl+C and SIGTERM
    (`kill`, a service manager) stop a run between two cases (formgen.runner.on_signal)."""
    from formgen.runner import fewer_collections, on_signal

    debug = "--debug" in sys.argv[1:]
    fewer_collections()
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:
        if debug:
            traceback.print_exc()
        else:
            click.echo(_("error: {kind}: {error} (run with --debug for details)").format(
                kind=type(exc).__name__, error=exc), err=True)
        sys.exit(2)
