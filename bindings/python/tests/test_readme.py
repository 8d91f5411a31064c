"""The Python examples of the repository's README run as they are written."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def python_blocks():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_readme_python_examples_run():
    blocks = python_blocks()
    assert blocks, "the README's Python section has no example"
    cwd = os.getcwd()
    os.chdir(ROOT)  # the examples open files by paths from the repository root
    try:
        for block in blocks:
            exec(compile(block, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
