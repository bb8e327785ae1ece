"""The CI templates (.github/workflows/check.yml, publish.yml, .gitlab-ci.yml).

They validate against the published schemas (check-jsonschema's vendored copies: no
network); zizmor, offline, reports nothing at medium or higher; the security rules
are read off the files; and the parts that can run here do run: the check command
and the cache key step, each as the exact line the workflow holds.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHECK = ROOT / ".github" / "workflows" / "check.yml"
PUBLISH = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
BROKEN_WORKFLOW = """name: broken
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def step(workflow: dict, job: str, name: str) -> dict:
    return next(s for s in workflow["jobs"][job]["steps"] if s.get("name") == name)


def run(args: list, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, **kw)


# -- schemas and zizmor ----------------------------------------------------------------------

@pytest.mark.parametrize("schema, files", [
    ("vendor.github-workflows", [CHECK, PUBLISH]),
    ("vendor.gitlab-ci", [GITLAB]),
])
def test_templates_validate_against_their_published_schemas(schema, files):
    result = run([BIN / "check-jsonschema", "--builtin-schema", schema, *files])
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_can_fail(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    steps: nope\n", encoding="utf-8")
    result = run([BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", broken])
    assert result.returncode == 1


def zizmor(folder: Path) -> list[dict]:
    env = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")}
    result = run([BIN / "zizmor", "--offline", "--min-severity", "medium", "--format", "json", folder], env=env)
    assert result.stdout.strip(), result.stderr
    return json.loads(result.stdout)


def test_zizmor_finds_nothing_at_medium_or_higher():
    assert zizmor(ROOT / ".github" / "workflows") == []


def test_zizmor_does_find_what_it_should(tmp_path):
    """The same command on a workflow with the classic mistakes: the audit is not a no-op."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "broken.yml").write_text(BROKEN_WORKFLOW, encoding="utf-8")
    found = {finding["ident"] for finding in zizmor(tmp_path)}
    assert {"dangerous-triggers", "template-injection", "unpinned-uses"} <= found


# -- the rules, read off the files -----------------------------------------------------------

def test_actions_are_pinned_by_full_sha_with_their_version():
    for path in (CHECK, PUBLISH):
        uses = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
        assert uses
        for line in uses:
            assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def test_least_permissions_and_no_secrets_in_the_pull_request_job():
    check, publish = load(CHECK), load(PUBLISH)
    assert check["permissions"] == {} and publish["permissions"] == {}
    assert check["jobs"]["check"]["permissions"] == {"contents": "read"}
    assert publish["jobs"]["publish"]["permissions"] == {"contents": "read", "id-token": "write"}
    assert list(check["on"]) == ["pull_request"]
    assert "secrets." not in CHECK.read_text(encoding="utf-8")
    for workflow in (check, publish):
        checkout = workflow["jobs"][next(iter(workflow["jobs"]))]["steps"][0]
        assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["persist-credentials"] is False


def test_publish_triggers_concurrency_and_credentials_in_the_deploy_step_only():
    publish = load(PUBLISH)
    assert set(publish["on"]) == {"push", "schedule", "workflow_dispatch"}
    assert publish["on"]["push"] == {"branches": ["main"]}
    assert publish["on"]["schedule"] == [{"cron": "*/15 * * * *"}]
    assert publish["concurrency"] == {"group": "publish", "cancel-in-progress": False}
    steps = publish["jobs"]["publish"]["steps"]
    holding = [s["name"] for s in steps if re.search(r"secrets\.|steps\.aws\.outputs", json.dumps(s))]
    assert holding == ["Deploy the changed files"]
    oidc = step(publish, "publish", "Get short-lived AWS credentials (OIDC)")
    assert oidc["with"]["output-env-credentials"] is False and oidc["with"]["output-credentials"] is True
    names = [s["name"] for s in steps]
    assert names.index("Build the public site") < names.index("Get short-lived AWS credentials (OIDC)")
    assert not any("AWS_" in key for s in steps if s["name"] != "Deploy the changed files"
                   for key in s.get("env", {}))


def test_the_publish_cache_is_never_shared_with_pull_requests():
    check, publish = load(CHECK), load(PUBLISH)
    assert step(check, "check", "Compute the cache key")["run"].startswith("python -m siaran.cachekey check ")
    assert step(publish, "publish", "Compute the cache key")["run"].startswith("python -m siaran.cachekey publish ")
    for workflow, job in ((check, "check"), (publish, "publish")):
        cache = next(s for s in workflow["jobs"][job]["steps"] if s.get("uses", "").startswith("actions/cache@"))
        assert cache["with"] == {"path": ".cache", "key": "${{ steps.cache-key.outputs.key }}",
                                 "restore-keys": "${{ steps.cache-key.outputs.restore }}"}
    gitlab = load(GITLAB)
    assert gitlab["check"]["cache"]["key"] != gitlab["build"]["cache"]["key"]
    assert not gitlab["check"]["cache"]["key"].startswith(gitlab["build"]["cache"]["key"])
    assert gitlab["build"]["cache"].get("unprotect", False) is False


def test_gitlab_checks_merge_requests_and_publishes_main_and_schedules():
    gitlab = load(GITLAB)
    assert gitlab["check"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert gitlab["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert "invoke check --format codequality > gl-code-quality-report.json" in gitlab["check"]["script"]
    for job in ("build", "publish"):   # a schedule pipeline runs on the default branch too
        assert gitlab[job]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert gitlab["publish"]["resource_group"] == "publish" and gitlab["publish"]["needs"] == ["build"]
    assert gitlab["publish"]["environment"]["name"] == "production" and "environment" not in gitlab["build"]


# -- the parts that run here ------------------------------------------------------------------

@pytest.fixture
def project(tmp_path):
    """A project laid out as a repository checkout, with one scheduled release."""
    from schedule_support import scheduled_checkout
    return scheduled_checkout(tmp_path / "repo")

def shell(line: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """Run one workflow line the way a runner does: bash, this venv's tools first on PATH."""
    return run(["bash", "-eo", "pipefail", "-c", line], cwd=cwd,
               env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **env})


def test_the_workflows_check_commands_run_here(project):
    """Each line as the workflow has it, with --now added (tests never read the clock)."""
    at = 'invoke check --now "2026-12-01 12:00"'
    github_line = step(load(CHECK), "check", "Check the content")["run"]
    assert github_line.strip() == "invoke check --format github"
    result = shell(github_line.replace("invoke check", at), project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "::notice file=content/berita/2026/zona-lindung-penyu-zamrud.md,line=3,title=date::"
        "terjadwal Kamis, 10 Desember 2026 09.00 WIB",
        f"0 galat, 0 peringatan di {len(list((project / 'content').rglob('*.md')))} berkas"]
    gitlab_line = next(line for line in load(GITLAB)["check"]["script"] if "--format codequality" in line)
    result = shell(gitlab_line.replace("invoke check", at), project)
    assert result.returncode == 0, result.stderr
    report = json.loads((project / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [(i["severity"], i["location"]["path"], i["description"]) for i in report] == [
        ("info", "content/berita/2026/zona-lindung-penyu-zamrud.md", "date: terjadwal Kamis, 10 Desember 2026 09.00 WIB")]


def git(project: Path, *args: str) -> None:
    run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd=project).check_returncode()


def test_the_cache_key_step_runs_here(project, tmp_path):
    shutil.rmtree(project / "content" / "gambar")    # keep the index small; photos are keyed the same way
    git(project, "init", "-q")
    git(project, "add", "-A")
    keys = {}
    for name, path in (("check", CHECK), ("publish", PUBLISH)):
        line = step(load(path), name, "Compute the cache key")["run"]
        output = tmp_path / f"{name}.out"
        result = shell(line, project, GITHUB_OUTPUT=str(output))
        assert result.returncode == 0, result.stderr
        values = dict(entry.split("=", 1) for entry in output.read_text(encoding="utf-8").splitlines())
        assert set(values) == {"key", "restore"} and values["key"].startswith(values["restore"])
        assert re.fullmatch(rf"siaran-{name}-[a-z]+-py\d+\.\d+-[0-9a-f]{{24}}", values["key"])
        keys[name] = values
        output.unlink()
        assert shell(line, project, GITHUB_OUTPUT=str(output)).returncode == 0      # same tree, same key
        assert dict(e.split("=", 1) for e in output.read_text().splitlines()) == values
    # Neither scope's restore prefix can reach the other's entries.
    assert not keys["check"]["key"].startswith(keys["publish"]["restore"])
    assert not keys["publish"]["key"].startswith(keys["check"]["restore"])

    from siaran.cachekey import cache_key
    before = cache_key(project, "publish")
    assert before == keys["publish"]["key"]
    (project / "README.md").write_text("dokumentasi\n", encoding="utf-8")      # not read by the build
    git(project, "add", "-A")
    assert cache_key(project, "publish") == before
    release = project / "content" / "berita" / "2026" / "zona-lindung-penyu-zamrud.md"
    release.write_text(release.read_text(encoding="utf-8") + "\nRalat.\n", encoding="utf-8")
    git(project, "add", "-A")
    assert cache_key(project, "publish") != before


def test_the_readme_links_the_publishing_guide_and_keeps_its_quick_start():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "[docs/publishing.md](docs/publishing.md)" in readme and (ROOT / "docs" / "publishing.md").is_file()
    quick = readme.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in quick.splitlines()] == ["./dev serve", "./dev test"]
