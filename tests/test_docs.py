import re

import pytest
from typer.main import get_command

from controlbrief.cli import app
from support import ROOT

COMMANDS = sorted(get_command(app).commands)
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", COMMANDS)
def test_docs_every_command_is_in_the_readme(name):
    assert re.search(rf"controlbrief {name}\b", README), f"README does not document `controlbrief {name}`"


@pytest.mark.parametrize("name", COMMANDS)
def test_docs_every_command_has_help_with_an_example(name):
    command = get_command(app).commands[name]
    assert command.help and "Example:" in command.help


def test_docs_readme_has_install_and_test_commands():
    assert "bash scripts/setup.sh" in README and ".venv/bin/python -m pytest" in README
    ci = (ROOT / ".ci" / "run").read_text()
    assert "bash scripts/setup.sh" in ci and ".venv/bin/python -m pytest" in ci
