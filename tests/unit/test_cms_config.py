"""The CMS form made from the schemas (plugins/cms): required where the schema requires,
choices as the settings give them, every field labelled, a new schema field in the form."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from cms.config import admin_files, cms_config, config_yml, content_types, csp, index_html, page_data
from cms.form import GROUP_RULES, ContentType
from cms.messages import LABELS
from cms.options import CmsOptions
from ppid.schema import CATEGORIES as REGISTER_CATEGORIES, REGISTER_FIELDS
from siaran import dates
from siaran.build import load_settings
from siaran.messages import MSG
from siaran.schema import PAGE_FIELDS, RELEASE_FIELDS, Choice, Field, Text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def settings() -> dict:
    return load_settings(ROOT / "pelicanconf.py")


@pytest.fixture(scope="module")
def config(settings) -> dict:
    return cms_config(settings, CmsOptions.from_settings(settings))


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def flat_fields(collection: dict) -> dict[str, dict]:
    """Form fields by name, the ones inside collapsed groups included."""
    found = {}
    for item in collection["fields"]:
        if item["widget"] == "object":
            found.update({inner["name"]: inner for inner in item["fields"]})
        else:
            found[item["name"]] = item
    return found


SCHEMAS = {"berita": RELEASE_FIELDS, "halaman": PAGE_FIELDS, "informasi-publik": REGISTER_FIELDS}


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_every_schema_field_is_in_the_form_required_exactly_when_the_schema_requires_it(config, name):
    fields = flat_fields(collection(config, name))
    schema = SCHEMAS[name]
    assert set(fields) == set(schema) | {"body"}
    assert {n for n, f in fields.items() if f["required"]} == {n for n, s in schema.items() if s.required}
    assert fields["body"]["widget"] == "markdown" and fields["body"]["required"] is False


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_every_shipped_field_has_an_indonesian_label_and_hint(config, name):
    for field_name, item in flat_fields(collection(config, name)).items():
        own = LABELS.get(name, {}).get(field_name) or LABELS["*"].get(field_name)
        assert own, f"{name}.{field_name} has no label in plugins/cms/messages.py"
        assert (item["label"], item["hint"]) == own


def options(field: dict) -> list[str]:
    return [option["value"] for option in field["options"]]


def test_choices_are_the_settings_and_the_schemas(settings, config):
    release = flat_fields(collection(config, "berita"))
    assert release["category"]["widget"] == "select"
    assert options(release["category"]) == list(settings["CATEGORIES"])
    assert release["unit"]["widget"] == "select"
    assert options(release["unit"]) == list(settings["UNITS"])
    assert options(release["status"]) == ["draft", "published"] and release["status"]["default"] == "published"
    register = flat_fields(collection(config, "informasi-publik"))
    assert options(register["category"]) == list(REGISTER_CATEGORIES)
    assert [o["label"] for o in register["category"]["options"]] == [
        "Berkala", "Serta-merta", "Tersedia setiap saat", "Dikecualikan"]
    page = flat_fields(collection(config, "halaman"))
    assert options(page["status"]) == ["draft", "published", "hidden"]


def test_the_register_collection_comes_with_the_ppid_plugin(settings):
    without = {**settings, "PLUGINS": [p for p in settings["PLUGINS"] if p != "ppid"]}
    assert [c["name"] for c in cms_config(without, CmsOptions())["collections"]] == ["berita", "halaman"]


def test_choices_follow_other_settings(settings):
    changed = {**settings, "CATEGORIES": ["Kabar", "Rilis"], "UNITS": []}
    release = flat_fields(collection(cms_config(changed, CmsOptions()), "berita"))
    assert options(release["category"]) == ["Kabar", "Rilis"]
    assert release["unit"]["widget"] == "string", "no UNITS: the checks take any text, so does the form"


def test_release_fields_take_the_forms_the_checks_accept(config):
    release = flat_fields(collection(config, "berita"))
    assert release["id"]["widget"] == "hidden"
    assert release["date"]["widget"] == "datetime"
    assert release["date"]["format"] == "YYYY-MM-DD HH:mm" and dates.INPUT_FORMAT == "%Y-%m-%d %H:%M"
    assert release["date"]["default"] == "{{now}}" and "WIB" in release["date"]["hint"]
    assert "default" not in release["modified"]
    assert release["tags"]["widget"] == "list" and release["authors"]["widget"] == "list"
    assert release["title"]["pattern"] == ["^[\\s\\S]{0,200}$", "paling banyak 200 karakter"]
    assert re.fullmatch(release["title"]["pattern"][0], "x" * 200) and not re.fullmatch(
        release["title"]["pattern"][0], "x" * 201)
    assert release["summary"]["widget"] == "text"
    assert release["slug"]["pattern"][0] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert release["image"] == {**release["image"], "widget": "image", "choose_url": False, "required": False}
    assert release["image_alt"]["widget"] == "siaran-string"
    assert release["image_alt"]["required_with"] == "image" and release["image_alt"]["required"] is False
    assert release["image_caption"]["widget"] == release["image_credit"]["widget"] == "string"


def test_photos_upload_to_content_gambar_and_files_follow_the_project_layout(config):
    release = collection(config, "berita")
    assert (release["folder"], release["path"], release["extension"]) == ("content/berita", "{{year}}/{{slug}}", "md")
    assert (release["media_folder"], release["public_folder"]) == ("/content/gambar/berita", "gambar/berita")
    register = collection(config, "informasi-publik")
    assert (register["folder"], register["path"]) == ("content/informasi-publik", "{{category}}/{{slug}}")
    assert (register["media_folder"], register["public_folder"]) == ("/content/dokumen/informasi-publik",
                                                                     "dokumen/informasi-publik")
    attachments = flat_fields(register)["attachments"]
    assert attachments["widget"] == "list" and attachments["field"]["widget"] == "file"
    year = flat_fields(register)["year"]
    assert (year["widget"], year["value_type"], year["min"], year["max"]) == ("number", "int", 1945, 2100)
    assert collection(config, "halaman")["path"] == "{{slug}}"


def test_social_overrides_sit_in_a_collapsed_optional_group(config):
    release = collection(config, "berita")
    groups = {item["name"]: item for item in release["fields"] if item["widget"] == "object"}
    social = groups["berbagi"]
    assert social["collapsed"] is True and social["required"] is False
    names = [item["name"] for item in social["fields"]]
    assert names == [n for n in RELEASE_FIELDS if n.startswith("social_")]
    assert all(item["required"] is False for item in social["fields"])
    top = [item["name"] for item in release["fields"]]
    assert not any(name.startswith("social_") for name in top)
    assert top.index("body") < top.index("berbagi")


def test_a_field_added_to_the_schema_appears_in_the_form_and_the_file_format(settings):
    class Kode(Field):
        """A field type the form has never heard of."""
    schema = {**RELEASE_FIELDS,
              "sumber": Text(required=True, max_length=80, doc="Where the news came from."),
              "kode": Kode(doc="Internal code."),
              "social_tiktok": Text(doc="Own text for TikTok.")}
    types = [ContentType("berita", "berita", "{{year}}/{{slug}}", schema, media_folder="gambar/berita")]
    config = cms_config(settings, CmsOptions(), types)
    fields = flat_fields(collection(config, "berita"))
    assert fields["sumber"] == {"name": "sumber", "label": "sumber", "hint": "Where the news came from.",
                                "required": True, "widget": "string",
                                "pattern": ["^[\\s\\S]{0,80}$", "paling banyak 80 karakter"]}
    assert fields["kode"] == {"name": "kode", "label": "kode", "hint": "Internal code.", "required": False,
                              "widget": "string"}
    berbagi = next(item for item in collection(config, "berita")["fields"] if item["name"] == "berbagi")
    assert "social_tiktok" in [item["name"] for item in berbagi["fields"]]
    data = page_data(settings, types, {"writer": "Penulis", "topics": "Topik"})
    spec = data["formats"]["siaran-berita"]
    assert spec["order"][-3:] == ["sumber", "kode", "social_tiktok"]
    assert "social_tiktok" in spec["groups"]["berbagi"]


def test_a_field_added_to_siaran_schema_itself_is_in_the_next_config_yml(settings, monkeypatch):
    """The real path, nothing passed in: the release schema gains a field, config.yml has it."""
    before = config_yml(cms_config(settings, CmsOptions.from_settings(settings)))
    monkeypatch.setitem(RELEASE_FIELDS, "sumber", Text(required=True, doc="Where the news came from."))
    after = yaml.safe_load(config_yml(cms_config(settings, CmsOptions.from_settings(settings))))
    assert flat_fields(collection(after, "berita"))["sumber"] == {
        "name": "sumber", "label": "sumber", "hint": "Where the news came from.", "required": True,
        "widget": "string"}
    assert b"sumber" not in before


def test_a_new_choice_field_offers_exactly_what_its_check_accepts(settings):
    schema = {"title": Text(required=True), "warna": Choice(("merah", "biru"), required=True, default="biru")}
    types = [ContentType("halaman", "halaman", "{{slug}}", schema)]
    fields = flat_fields(collection(cms_config(settings, CmsOptions(), types), "halaman"))
    assert options(fields["warna"]) == ["merah", "biru"] and fields["warna"]["default"] == "biru"


def test_the_file_format_knows_lists_groups_ids_and_the_alt_rule(settings):
    data = page_data(settings, content_types(settings), {"writer": "Penulis", "topics": "Topik"})
    release = data["formats"]["siaran-berita"]
    assert release["order"] == list(RELEASE_FIELDS)
    assert release["lists"] == ["tags", "authors", "redirect_from"]
    assert release["ids"] == ["id"]
    assert release["requiredWith"] == {"image_alt": {"field": "image", "message": MSG["alt_required"]}}
    assert release["groups"]["lanjutan"] == ["slug", "redirect_from"]
    register = data["formats"]["siaran-informasi-publik"]
    assert register["numbers"] == ["year"] and "attachments" in register["lists"]
    assert data["preview"]["css"] == "../theme/css/siaran.css"
    assert [rule for rule, _ in GROUP_RULES] == ["berbagi", "lanjutan"]


def test_editorial_workflow_by_default_and_the_backend_from_publishconf():
    published = load_settings(ROOT / "publishconf.py")
    config = cms_config(published, CmsOptions.from_settings(published))
    assert config["backend"] == {"name": "github", "repo": "brpkn/portal-humas", "branch": "main"}
    assert config["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in config
    assert config["site_url"] == "https://humas.brpkn.example"


@pytest.mark.parametrize("backend, workflow", [("github", True), ("gitlab", True), ("forgejo", True),
                                               ("gitea", False)])
def test_the_workflow_is_on_where_the_backend_has_one(settings, backend, workflow):
    config = cms_config(settings, CmsOptions(backend=backend, repo="brpkn/portal"))
    assert ("publish_mode" in config) is workflow
    assert CmsOptions(backend=backend, editorial_workflow=False).workflow is False


def test_login_options_are_public_values_only():
    gitlab = CmsOptions(backend="gitlab", repo="brpkn/portal", auth={"auth_type": "pkce", "app_id": "abc"})
    assert gitlab.problems() == []
    assert cms_config({"PATH": "content"}, gitlab)["backend"] == {
        "name": "gitlab", "repo": "brpkn/portal", "branch": "main", "app_id": "abc", "auth_type": "pkce"}
    wrong = CmsOptions(backend="svn", auth={"client_secret": "s3cret", "colour": "biru"})
    assert wrong.problems() == [
        "CMS_BACKEND 'svn' tidak dikenal; pilihan: github, gitlab, gitea, forgejo",
        "CMS_AUTH['client_secret'] tampak seperti rahasia; Siaran tidak menyimpan kredensial. Rahasia OAuth "
        "tinggal di server OAuth, bukan di repositori (docs/cms.md).",
        "CMS_AUTH['colour'] tidak dikenal; pilihan: api_root, base_url, auth_endpoint, auth_type, app_id, "
        "auth_scope, site_domain",
    ]


def test_the_admin_page_policy_names_the_hosts_the_cms_talks_to():
    github = csp(CmsOptions())
    assert "connect-src 'self' blob: https://api.github.com https://api.netlify.com;" in github
    gitea = csp(CmsOptions(backend="gitea", auth={"api_root": "https://git.brpkn.example/api/v1",
                                                  "base_url": "https://git.brpkn.example"}))
    assert "connect-src 'self' blob: https://git.brpkn.example;" in gitea
    local = csp(CmsOptions(local_backend="http://127.0.0.1:8081"))
    assert "http://127.0.0.1:8081" in local
    assert "script-src 'self' 'unsafe-eval';" in github
    assert "object-src 'none'" in github and "form-action 'none'" in github


def test_local_backend_goes_to_decap_server(settings):
    assert cms_config(settings, CmsOptions(local_backend=True))["local_backend"] is True
    assert cms_config(settings, CmsOptions(local_backend="http://127.0.0.1:9123"))["local_backend"] == {
        "url": "http://127.0.0.1:9123/api/v1"}


def test_config_yml_is_the_config_and_the_same_bytes_every_time(settings, config):
    written = config_yml(config)
    assert written == config_yml(cms_config(settings, CmsOptions.from_settings(settings)))
    assert yaml.safe_load(written) == config
    assert written.startswith(b"# Made by the build (plugins/cms)")


def test_index_html_carries_data_as_json_and_loads_only_local_scripts(settings):
    data = page_data(settings, content_types(settings), {"writer": "Penulis", "topics": "Topik </script>"})
    html = index_html(settings, CmsOptions(), data)
    soup = BeautifulSoup(html, "lxml")
    assert soup.html["lang"] == "id"
    assert soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"] == csp(CmsOptions())
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert [s["src"] for s in soup.find_all("script", src=True)] == ["decap-cms.js", "siaran-cms.js"]
    island = soup.find("script", id="siaran-cms")
    assert json.loads(island.string) == json.loads(json.dumps(data))
    assert b"Topik </script>" not in html, "a closing tag in the data cannot end the JSON block"


def test_admin_files_copy_only_the_bundle_the_browser_loads(settings, tmp_path):
    from cms.config import bundle_files
    assert bundle_files(tmp_path) == {}
    for name in ("decap-cms.js", "12.decap-cms.js", "12.decap-cms.js.map", "cms.js", "12.cms.js", "ab12.wasm",
                 "decap-cms.js.LICENSE.txt", "cms.css"):
        (tmp_path / name).write_text(name)
    bundle = bundle_files(tmp_path)
    assert list(bundle) == ["admin/12.decap-cms.js", "admin/decap-cms.js", "admin/decap-cms.js.LICENSE.txt"]
    files = admin_files(settings, CmsOptions(), bundle, {"writer": "Penulis", "topics": "Topik"})
    assert sorted(files) == ["admin/12.decap-cms.js", "admin/config.yml",
                             "admin/decap-cms.js", "admin/decap-cms.js.LICENSE.txt", "admin/index.html",
                             "admin/siaran-cms.js"]
    assert files["admin/12.decap-cms.js"] == b"12.decap-cms.js"


def test_deploy_gives_the_admin_files_their_types_and_a_short_cache():
    from siaran.deploy.config import DeployConfig, SHORT_CACHE
    from siaran.deploy.headers import headers_for
    config = headers_for("admin/config.yml", DeployConfig())
    assert (config.content_type, config.cache_control) == ("text/yaml; charset=utf-8", SHORT_CACHE)
    assert headers_for("admin/siaran-cms.js", DeployConfig()).cache_control == SHORT_CACHE


def test_the_cdn_gives_admin_the_cms_policy_in_header_form():
    import subprocess
    import sys

    import botocore.session
    from botocore.validate import ParamValidator

    from cms.config import cloudfront_policy_for
    from siaran.csp import REFERRER_POLICY
    from siaran.deploy.cdn import policy_json
    published = load_settings(ROOT / "publishconf.py")
    policy = cloudfront_policy_for(published)
    security = policy["SecurityHeadersConfig"]
    assert policy["Name"] == "siaran-cms-headers"
    assert security["ContentSecurityPolicy"]["ContentSecurityPolicy"] == (
        csp(CmsOptions.from_settings(published)) + "; frame-ancestors 'none'")
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == REFERRER_POLICY
    model = botocore.session.get_session().get_service_model("cloudfront")
    shape = model.operation_model("CreateResponseHeadersPolicy").input_shape
    report = ParamValidator().validate({"ResponseHeadersPolicyConfig": policy}, shape)
    assert not report.has_errors(), report.generate_report()
    result = subprocess.run([sys.executable, "-m", "siaran.deploy", "cdn-headers", "--cms"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, policy_json(policy))
