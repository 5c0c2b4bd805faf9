"""Documentation is tested: the CLI reference must match every command's --help."""

from lagebild.clidoc import render
from lagebild.paths import repo_root


def test_cli_reference_is_current():
    current = (repo_root() / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == render(), "docs/cli.md is stale: run `make docs`"


def test_every_command_is_in_the_reference():
    text = render()
    for command in ("analyze", "schema", "eval parse", "eval quotes", "run"):
        assert f"## `lagebild {command}`" in text
