"""Click's own texts (help headings, usage errors, prompts) in the user's language.

Click marks its texts for gettext and looks them up with the standard library's
`gettext.gettext`, in the process-wide default domain. `install()` points click's modules at
formgen's catalog instead, so `formgen --help` says "Użycie:", "Opcje:" and "Polecenia:" and a
mistyped option is reported in Polish. Only the texts listed below are translated (the ones a
user of formgen can meet); any other click text stays in English, as click writes it.
"""

from __future__ import annotations

import sys

from formgen.i18n import N_, _, ngettext

# The msgids click uses (click 8.1-8.5), listed for the catalog; click itself passes them to _().
MESSAGES = (
    # Help pages.
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Positional arguments"),
    N_("Show this message and exit."), N_("Show the version and exit."), N_("%(prog)s, version %(version)s"),
    N_("default: {default}"), N_("required"), N_("env var: {var}"),
    # The kinds of path an option or argument takes: metavars (PLIK) and messages.
    N_("file"), N_("directory"), N_("path"),
    # Usage errors.
    N_("Error: {message}"), N_("Try '{command} {option}' for help."), N_("Missing command."),
    N_("Missing argument"), N_("Missing option"), N_("Missing parameter"), N_("Missing parameter: {param_name}"),
    N_("No such option {name!r}."), N_("No such command {name!r}."), N_("Option {name!r} does not take a value."),
    N_("Invalid value for {param_hint}: {message}"), N_("Invalid value: {message}"),
    N_("Choose from:\n\t{choices}"), N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."), N_("Could not open file {filename!r}: {message}"),
    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."), N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    # Prompts.
    N_("Repeat for confirmation"), N_("Error: The two entered values do not match."), N_("Error: invalid input"),
    N_("Aborted!"),
)


def _plural_messages() -> None:
    """Never called: the plural messages click passes to ngettext(), listed for the catalog."""
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1)
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1)
    ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1)
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1)
    ngettext("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}.", 1)


def install() -> None:
    """Click's modules look their texts up in formgen's catalog, in the language of the moment."""
    import click  # noqa: F401 - loads the modules below

    for name in ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types"):
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if "_" in vars(module):
            module._ = _  # type: ignore[attr-defined]
        if "ngettext" in vars(module):
            module.ngettext = ngettext  # type: ignore[attr-defined]
