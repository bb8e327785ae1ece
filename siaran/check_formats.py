"""`invoke check --format`: one list of problems, written for whoever reads it.

- `text`: `path:line: field: message` lines, for an editor at a terminal;
- `github`: workflow commands, so GitHub shows each problem on the changed line
  of a pull request (error, warning, and notice for a scheduled release);
- `codequality`: GitLab's Code Quality report (a JSON array), shown in a merge request;
- `json`: every problem and the counts, for scripts.

Pure functions of (problems, files checked); sorted input gives the same bytes.
"""
from __future__ import annotations

import hashlib
import json
from typing import Callable

from siaran.problems import ERROR, INFO, WARNING, Problem, errors, notices, warnings

#: Code Quality severities (info, minor, major, critical, blocker) for ours.
CODEQUALITY_SEVERITY = {ERROR: "major", WARNING: "minor", INFO: "info"}
GITHUB_COMMAND = {ERROR: "error", WARNING: "warning", INFO: "notice"}


def text(problems: list[Problem], files: int) -> str:
    return "".join(f"{problem}\n" for problem in problems)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: list[Problem], files: int) -> str:
    """`::error file=…,line=…,title=…::message`, one per problem (GitHub's workflow commands)."""
    lines = []
    for p in problems:
        props = f"file={_escape_property(p.path)},line={p.line},title={_escape_property(p.field)}"
        lines.append(f"::{GITHUB_COMMAND[p.severity]} {props}::{_escape_data(p.message)}\n")
    return "".join(lines)


def fingerprint(problem: Problem) -> str:
    """Stable across runs and unique per problem, so GitLab can tell new from fixed."""
    key = "\0".join((problem.path, str(problem.line), problem.field, problem.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def codequality(problems: list[Problem], files: int) -> str:
    report = [{
        "type": "issue",
        "engine_name": "siaran",
        "check_name": f"siaran/{p.field}",
        "description": f"{p.field}: {p.message}",
        "categories": ["Style"],
        "severity": CODEQUALITY_SEVERITY[p.severity],
        "fingerprint": fingerprint(p),
        "location": {"path": p.path, "lines": {"begin": p.line}},
    } for p in problems]
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def as_json(problems: list[Problem], files: int) -> str:
    document = {
        "files": files,
        "counts": {"errors": len(errors(problems)), "warnings": len(warnings(problems)),
                   "scheduled": len(notices(problems))},
        "problems": [{"path": p.path, "line": p.line, "field": p.field, "message": p.message,
                      "severity": p.severity} for p in problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


FORMATS: dict[str, Callable[[list[Problem], int], str]] = {
    "text": text, "github": github, "codequality": codequality, "json": as_json,
}
"""Formats `invoke check --format` accepts; the first is the default."""
