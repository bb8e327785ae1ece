"""Target URL parsing: table of accepted and refused forms."""
import pytest

from siaran.deploy.messages import DeployError
from siaran.deploy.target import Target, parse_target


@pytest.mark.parametrize("url, bucket, prefix", [
    ("s3://humas-site", "humas-site", ""),
    ("s3://humas-site/", "humas-site", ""),
    ("s3://humas-site/www", "humas-site", "www"),
    ("s3://humas-site/www/2024/", "humas-site", "www/2024"),
    ("  s3://my.bucket-1/a  ", "my.bucket-1", "a"),
])
def test_parse_target_accepts(url, bucket, prefix):
    assert parse_target(url) == Target(bucket, prefix)


@pytest.mark.parametrize("url", [
    "", "humas-site", "http://humas-site", "s3://", "s3://Humas", "s3://ab", "s3://humas-site/a//b",
    "s3://humas-site/../x", "gs://humas-site",
])
def test_parse_target_refuses_with_message(url):
    with pytest.raises(DeployError) as info:
        parse_target(url)
    assert str(info.value) == f"target deploy tidak sah: {url!r} (harus berbentuk s3://BUCKET[/PREFIX])"


def test_target_key_mapping_roundtrip():
    target = Target("b-site", "www")
    assert target.key("berita/index.html") == "www/berita/index.html"
    assert target.relative("www/berita/index.html") == "berita/index.html"
    assert target.list_prefix == "www/"
    assert Target("b-site").key("index.html") == "index.html"
    assert str(target) == "s3://b-site/www"
