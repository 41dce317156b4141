"""The ``assistant`` command: serve | chat | ask | eval | review | catalog ..."""

from __future__ import annotations

import importlib

import click

# Each subcommand lives with the feature it drives; loaded lazily so that
# `assistant catalog stats` does not import the web server.
_COMMANDS: dict[str, str] = {
    "catalog": "assistant.catalog.commands:catalog",
    "serve": "assistant.server.commands:serve",
    "chat": "assistant.client.commands:chat",
    "ask": "assistant.engine.commands:ask",
    "eval": "assistant.evaluate:eval_command",
    "review": "assistant.server.store.review:review",
}


class LazyGroup(click.Group):
    """A click group that imports each subcommand's module only when it is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """All subcommand names."""
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import and return one subcommand."""
        target = _COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup)
@click.version_option(package_name="assistant")
def main() -> None:
    """The model-comparison assistant."""
