"""Click that speaks Vietnamese: its usage line, help notes, type refusals and usage errors, from `usage`.

`cli.py` builds the `kehoach` command of these classes. Nothing here knows a command: the classes only
replace the English click writes itself (help headings, "[default: …]", "Invalid value for …", "No such
option", "Got unexpected extra argument") with `usage`'s words, and turn a usage error into exit 2 and a
`PlanError` into its findings and exit 1, never a traceback. Click itself is not patched.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from . import usage
from .core.errors import PlanError


class Formatter(click.HelpFormatter):
    """Click's help with a Vietnamese usage line and section headings."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, usage.USAGE if prefix is None else prefix)

    def section(self, name: str):  # type: ignore[no-untyped-def]
        return super().section(usage.HEADINGS.get(name, name))


class Context(click.Context):
    formatter_class = Formatter


class Command(click.Command):
    """A command whose usage line, --help and extra-argument error speak Vietnamese."""

    context_class = Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = usage.HELP
        return option

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.allow_extra_args, refuse = True, not ctx.allow_extra_args  # left-over values are told below
        rest = super().parse_args(ctx, args)
        if refuse and rest and not ctx.resilient_parsing:
            raise click.UsageError(usage.extra(rest), ctx)
        return rest


class Option(click.Option):
    """An option without click's English help notes: `commands.Param.described` has them in Vietnamese."""

    def get_help_extra(self, ctx: click.Context) -> Any:
        return {}


class Said(click.ParamType):
    """A click type whose refusal says why in Vietnamese (`usage.refused`)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(usage.refused(value, self.to_info_dict()), param, ctx)


class Choice(Said, click.Choice): ...
class DateTime(Said, click.DateTime): ...
class IntRange(Said, click.IntRange): ...
class PathType(Said, click.Path): ...


def said(exc: click.UsageError) -> str:
    """A usage error of click in Vietnamese, from its fields; ours (extra values) already are."""
    if isinstance(exc, click.NoSuchOption):
        return usage.unknown("tùy chọn", exc.option_name, exc.possibilities)
    if isinstance(exc, click.exceptions.NoSuchCommand):
        return usage.unknown("lệnh", exc.command_name, exc.possibilities)
    if isinstance(exc, click.BadOptionUsage):  # click's sentence is the one place its two cases differ
        return usage.needs_value(exc.option_name, flag="does not take" in exc.message)
    if not isinstance(exc, click.BadParameter) or exc.param is None:
        return exc.message
    option = isinstance(exc.param, click.Option)
    name = max(exc.param.opts, key=len) if option else exc.param.human_readable_name.strip("[].")
    if isinstance(exc, click.MissingParameter):
        return usage.missing("tùy chọn" if option else "tham số", name)
    return usage.bad_value(name, exc.message)


class Group(Command, click.Group):
    """Exit 2 with a Vietnamese line on usage errors, never a traceback; its commands speak Vietnamese."""

    command_class = Command
    group_class = type  # a group's groups are of its class

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        try:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
            sys.exit(2)
        except click.UsageError as exc:
            click.echo(usage.usage_error(said(exc), exc.ctx.command_path if exc.ctx else "kehoach"), err=True)
            sys.exit(2)
        except click.exceptions.Abort:
            sys.exit(130)
        except PlanError as exc:
            click.echo(str(exc), err=True)
            sys.exit(1)
        except click.ClickException as exc:  # raised by none of ours; shown without click's English "Error:"
            click.echo(exc.format_message(), err=True)
            sys.exit(exc.exit_code)
