"""The environment `invoke publish` gives its build: no credential variable gets through."""
import pytest

from siaran.childbuild import credential_free


@pytest.mark.parametrize("name", [
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE",
    "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_ENDPOINT_URL",
    "aws_secret_access_key",
    "RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY", "RCLONE_CONFIG_PASS", "AZURE_STORAGE_CONNECTION_STRING",
    "GOOGLE_APPLICATION_CREDENTIALS", "CLOUDSDK_CONFIG", "MINIO_ROOT_PASSWORD", "B2_APPLICATION_KEY",
    "GITHUB_TOKEN", "GH_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_URL",
    "ACTIONS_RUNTIME_TOKEN", "CI_JOB_TOKEN", "CI_JOB_JWT_V2", "VAULT_ADDR", "SSH_AUTH_SOCK", "DOCKER_AUTH_CONFIG",
    "HUMAS_DB_PASSWORD", "MATOMO_API_KEY",
])
def test_credentials_are_removed(name):
    assert credential_free({name: "rahasia", "PATH": "/usr/bin"}) == {"PATH": "/usr/bin"}


@pytest.mark.parametrize("name", [
    "PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "SITEURL", "DEPLOY_TARGET", "PYTHONPATH", "VIRTUAL_ENV",
    "SOURCE_DATE_EPOCH", "SITE_AUTHOR", "KEYBOARD_LAYOUT", "CI", "GITHUB_SHA",
])
def test_what_a_build_may_read_stays(name):
    assert credential_free({name: "x"}) == {name: "x"}
