"""Deploy a built site (`output/`) to S3-compatible object storage.

The pipeline, read top to bottom in `pipeline.deploy()`:

    accept the build -> walk local -> read remote (manifest checked) -> plan -> check deletes
    -> claim new objects -> apply uploads (ordered groups) -> apply deletes -> write manifest -> report

`plan` is pure (see `plan.py`) and deletes only what the previous manifest says Siaran uploaded;
everything that talks to the network lives in `store.py` and `apply.py`.  User-facing text is
Indonesian and lives in `messages.py`.
"""
from .config import DeployConfig
from .messages import DeployError
from .pipeline import deploy
from .report import DeploySummary

__all__ = ["DeployConfig", "DeployError", "DeploySummary", "deploy"]
