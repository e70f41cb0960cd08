"""The Python API: graphbuilder.extract / graphbuilder.build, lazy imports, runnable docstrings."""
from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path

import pytest

import graphbuilder
from graphbuilder import api, goldstein
from graphbuilder.model import Document

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "articles" / "000_54bd720436a614dc.txt"


def test_import_is_cheap_and_lists_the_api():
    code = ("import sys, graphbuilder; print(sorted(m for m in ('spacy', 'networkx', 'pandas') "
            "if m in sys.modules), [n for n in ('extract', 'build') if n in dir(graphbuilder)])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    assert out.stdout.strip() == "[] ['extract', 'build']"


def test_docstring_examples_run(pipeline, monkeypatch):
    monkeypatch.chdir(ROOT)   # the build example reads fixtures/ relative to the checkout
    for module in (api, goldstein):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.attempted > 0 and result.failed == 0, module.__name__


def test_extract_prints_the_relation_readably(pipeline, capsys):
    import graphbuilder.extract  # noqa: F401 - the rules submodule must not hide the function
    print(graphbuilder.extract("The U.S. blacklisted 14 Chinese companies."))
    assert capsys.readouterr().out == ("United States -[SANCTIONS]-> Chinese companies "
                                       "(CAMEO 163 SANCTION, quad 4, Goldstein -8.0; text)\n")


def test_extract_takes_documents_and_reports_bad_text(pipeline):
    doc = Document(id="mine", text="Iran condemned Israel.", date="2024-04-02")
    rels = graphbuilder.extract([doc])
    assert [(r.doc, r.source.id, r.target.id, r.date) for r in rels] == \
        [("mine", "IRN", "ISR", "2024-04-02")]
    assert json.loads(json.dumps(rels.to_dicts()))[0]["goldstein"] == rels[0].goldstein
    assert str(graphbuilder.extract("Nothing happened today.")) == "(no relations)"
    with pytest.raises(ValueError, match="empty document"):
        graphbuilder.extract("   ")
    with pytest.raises(TypeError):
        graphbuilder.extract([42])


def test_build_to_a_file_matches_the_cli_store(pipeline, tmp_path):
    from click.testing import CliRunner
    from graphbuilder.cli import main
    path = tmp_path / "api.json"
    store = graphbuilder.build([SEED], store=path)
    assert path.exists() and store.graph.has_node("USA")
    cli = tmp_path / "cli.json"
    assert CliRunner().invoke(main, ["build", "--store", str(cli), str(SEED)]).exit_code == 0
    assert path.read_text() == cli.read_text()
    again = graphbuilder.build(SEED, store=path)   # idempotent: nothing new
    assert again.counts() == store.counts()


def test_build_in_memory_warns_about_bad_inputs_and_keeps_the_rest(pipeline, tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.warns(UserWarning, match="nope.txt: no such file"):
        store = graphbuilder.build([missing, SEED])
    assert store.path is None and store.counts()[1] > 0
    store.close()                                   # nothing to write, nothing written
    assert list(tmp_path.iterdir()) == []
    df = store.to_dataframe()
    assert len(df) == sum(1 for *_, d in store.graph.edges(data=True) if d.get("cameo"))
    assert {"goldstein", "cameo_root", "source_country", "sentence"} <= set(df.columns)


@pytest.mark.neo4j
def test_build_into_neo4j_gives_the_same_events_table(pipeline, neo4j_clean, neo4j_settings,
                                                      monkeypatch):
    for key in ("uri", "user", "password", "database"):
        monkeypatch.setenv(f"NEO4J_{key.upper()}", neo4j_settings[key])
    server = graphbuilder.build(SEED, store="neo4j")
    try:
        remote = server.to_dataframe()
        stored = neo4j_clean.execute_query(
            "MATCH ()-[r]->() WHERE r.cameo IS NOT NULL RETURN count(r) AS n, "
            "count(r.goldstein) AS scored", database_=neo4j_settings["database"]).records[0]
    finally:
        server.close()
    local = graphbuilder.build(SEED).to_dataframe()
    assert stored["n"] == stored["scored"] == len(local) > 0     # goldstein on every relation
    assert remote.to_dict("records") == local.to_dict("records")
