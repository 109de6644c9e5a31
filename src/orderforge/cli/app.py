"""The top ``orderforge`` group and the one way every command runs.

A command's function returns its exit code (0 всё в порядке, 1 в плане
ошибки, 2 ошибка использования или окружения); :class:`Command` runs it
through :func:`orderforge.runner.run`, which turns a
:class:`~orderforge.diagnostics.UserError`, an OSError of the environment,
an interrupt or output that cannot be written into Russian diagnostics on
stderr and that exit code — never a traceback for a user mistake. Every
command gets the same help options and Russian metavars here, so a command
module holds only its options and a few lines of body.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from .. import clickru, signals
from ..console import output_lost
from ..runner import run

clickru.install()
signals.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
OPTIONS_METAVAR = "[ПАРАМЕТРЫ]"
SUBCOMMAND_METAVAR = "КОМАНДА [АРГУМЕНТЫ]..."


class Command(click.Command):
    """A command whose function returns its exit code; errors end as diagnostics (see :func:`run`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("context_settings", CONTEXT)
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        sys.exit(run(lambda: _exit_code(super(Command, self).invoke(ctx))))


def _exit_code(result: object) -> int:
    """A command returns its exit code; one that returns nothing, as a plain click command does, succeeded."""
    return 0 if result is None else int(result)  # type: ignore[call-overload]


class Group(click.Group):
    """A group of :class:`Command`; its subgroups are Groups too, with the same help options and metavars."""

    command_class = Command
    group_class = type

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("context_settings", CONTEXT)
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Help, version and usage errors that cannot be written end like any other output."""
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:  # click quiets EPIPE itself; a full disk under --help comes here
            sys.exit(output_lost(exc))


@click.group(cls=Group)
@click.version_option(package_name="orderforge", message="orderforge %(version)s")
def main() -> None:
    """orderforge — приказ с «Дорожной картой» из плана в YAML.

    План пишется в YAML в папке plans/, проверяется командой validate
    и собирается в документ Word командой build (в папку output/).

    \b
    Пример:
      orderforge validate plans/kaliningrad-committee-2026.yaml
      orderforge build
    """
