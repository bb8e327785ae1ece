"""`python -m siaran.deploy deploy --target s3://...`: the deploy tasks without the project's
tasks.py (used by the benchmark, so our timing includes interpreter start-up like the others)."""
from invoke import Collection, Program

from . import tasks

Program(namespace=Collection.from_module(tasks), name="siaran-deploy", version="0.1").run()
