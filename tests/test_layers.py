"""The package's layers hold: import-linter checks the contracts declared in pyproject.toml (layers import only
downward, the doors and the engines never import each other, the pure layers use no spreadsheet library, no
import cycle anywhere) against the imports in the code."""

import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--config", str(REPOSITORY / "pyproject.toml")], cwd=REPOSITORY,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout
    assert result.stdout.count(" KEPT") == 4, result.stdout


def test_a_broken_layer_would_be_caught(tmp_path):
    """The contract is not vacuous: a model module importing the sheets layer breaks it."""
    package = tmp_path / "migrelease"
    (package / "model").mkdir(parents=True)
    (package / "sheets").mkdir()
    for folder in (package, package / "model", package / "sheets"):
        (folder / "__init__.py").write_text("")
    (package / "sheets" / "blocks.py").write_text("")
    (package / "model" / "regions.py").write_text("import migrelease.sheets.blocks\n")
    contract = tmp_path / "contract.toml"
    contract.write_text('[tool.importlinter]\nroot_package = "migrelease"\n\n'
                        '[[tool.importlinter.contracts]]\nname = "layers"\ntype = "layers"\n'
                        'layers = ["migrelease.sheets", "migrelease.model"]\n')
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--config", str(contract)], cwd=tmp_path, capture_output=True, text=True,
                            timeout=300, env={"PYTHONPATH": str(tmp_path), "PATH": ""})
    assert result.returncode == 1 and "BROKEN" in result.stdout, result.stdout + result.stderr
