"""No function of the project is longer than MAX_LINES lines (issue 13, "small pieces").

Complexity is ruff's C901 (see pyproject.toml); length is checked here, since ruff has no rule for it.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 50
SKIPPED_DIRS = {".venv", "var", "migrations", "node_modules", ".git", "staticfiles"}


def project_files():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if SKIPPED_DIRS.intersection(parts):
            continue
        yield path


def long_functions():
    for path in project_files():
        relative = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_LINES:
                    yield f"{relative}:{node.name}", length


def test_the_walk_sees_the_project():
    names = {path.relative_to(ROOT).as_posix() for path in project_files()}
    assert "manage.py" in names
    assert "tests/portal/test_code_shape.py" in names
    assert not any("/migrations/" in name for name in names)


def test_no_function_is_longer_than_fifty_lines():
    too_long = dict(long_functions())
    listed = ", ".join(f"{name} ({length})" for name, length in sorted(too_long.items()))
    assert not too_long, f"Functions over {MAX_LINES} lines: {listed}"
