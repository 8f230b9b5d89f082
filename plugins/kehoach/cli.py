"""The `kehoach` command line: `commands` translated into click.

Each command of `commands` becomes a click command (of `clickvi`'s classes, which say click's own words
in Vietnamese) whose `Outcome` is printed; `PlanError` becomes its Vietnamese findings and exit 1, a
usage error exit 2.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Any

import click

from . import commands, usage
from .clickvi import Choice, Command, DateTime, Group, IntRange, Option, PathType

PATHS = {"paths": {"exists": True}, "plans": {"exists": True, "file_okay": False}, "folder": {"file_okay": False},
         "file": {"exists": True, "dir_okay": False}}  # what a path parameter of each kind must be


def click_type(param: commands.Param) -> click.ParamType | None:
    """The click type of a parameter's kind; None for text and flags."""
    if param.kind in PATHS:
        return PathType(path_type=Path, **PATHS[param.kind])
    if param.kind in ("choice", "number"):
        return Choice(param.choices) if param.kind == "choice" else IntRange(param.low, param.high)
    return DateTime(["%Y-%m-%d"]) if param.kind == "date" else None


def click_param(param: commands.Param) -> click.Parameter:
    if not param.flags:
        return click.Argument([param.name], type=click_type(param), metavar=param.metavar,
                              nargs=-1 if param.kind == "paths" else 1)
    given = {} if param.default is None else {"default": param.default}  # click takes default=None as one given
    return Option([*param.flags, param.name], type=click_type(param), is_flag=param.kind == "flag",
                  required=param.required, metavar=param.metavar, help=param.described, **given)


def click_command(command: commands.Command) -> Command:
    def run(**values: Any) -> None:
        outcome = command.run(**values)
        click.echo(outcome.out, nl=False)
        click.echo(outcome.err, nl=False, err=True)
        sys.exit(outcome.code)
    return Command(command.path[-1], callback=run, params=[click_param(param) for param in command.params],
                   help=inspect.getdoc(command.run), options_metavar=usage.OPTIONS)


def add_commands(main: click.Group) -> None:
    """Every group and command of `commands` under `main`."""
    groups: dict[tuple[str, ...], click.Group] = {(): main}
    metavars = {"options_metavar": usage.OPTIONS, "subcommand_metavar": usage.COMMAND}
    for path, text in commands.GROUPS.items():  # parents first
        groups[path] = groups[path[:-1]].group(path[-1], help=text, **metavars)(lambda: None)
    for command in commands.COMMANDS:
        groups[command.path[:-1]].add_command(click_command(command))


@click.group("kehoach", cls=Group, help=commands.HELP, options_metavar=usage.OPTIONS, subcommand_metavar=usage.COMMAND)
@click.version_option(package_name="kehoach", help=usage.VERSION, message=usage.VERSION_LINE)
def main() -> None:
    pass


add_commands(main)

if __name__ == "__main__":
    main()
