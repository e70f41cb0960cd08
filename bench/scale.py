"""Scale run: spaCy vs extract (1 and 2 workers) vs build (NetworkX, Neo4j), and peak RSS.

    python bench/scale.py --json                 # 200k words, ~10-12 min on 2 idle cores
    python bench/scale.py --words 50000 --json   # quicker
    python bench/scale.py --json --rss-batch-size 16   # + peak RSS with a smaller batch

Corpus (see :mod:`bench.corpus`): the distinct real sentences of ../shared (WCEP summaries,
re3d documents, the gold dev texts and the PLOVER dev records; ~1.5k sentences, ~33k words),
regex-split, deduplicated and recomposed by seeded shuffles into distinct documents of 10-30
sentences until ``--words`` whitespace words are reached. Because the distinct sentences hold
fewer words than a scale run needs, each sentence recurs in about words/33k documents (always
in a different document, next to different sentences). That does not flatter the figures:
graphbuilder caches nothing per sentence or per text, every document is parsed and extracted
afresh (``distinct_sentence_words`` in the output says how much distinct text there is).

Measured in one run, on the same documents, with the same model object and batch size, after
a short warm-up (the first batches of a process pay for lazy initialisation):

* ``spacy_wps``: bare ``nlp.pipe`` over the (dateline-masked) texts, 1 process;
* ``extract_wps_1`` / ``extract_wps_2``: ``Pipeline.process_stream`` with n_process 1 / 2,
  consuming every result (mentions, relations, entities, links);
* ``build_networkx_wps``: ``process_stream`` + ``NetworkXStore.load`` in batches of 200 on
  the background writer thread (as ``graphbuilder build`` does) + the final atomic save, into
  a fresh store in a temp dir;
* ``build_neo4j_wps``: the same (batches of 500) into Neo4j (``Neo4jStore.from_env()``: NEO4J_URI,
  NEO4J_PASSWORD, ...; schema ensured before the clock starts). ``null`` when Neo4j is not
  reachable (the reason goes to stderr). The benchmark's documents (ids ``scale-bench-...``)
  and the actors and structural links it created are deleted afterwards (``--keep-neo4j``
  keeps them); aliases it added to actors that already existed stay.
* ``rss_1x_mb`` / ``rss_4x_mb``: peak RSS of ``python -m graphbuilder.cli extract --format
  results FILE.jsonl > /dev/null`` (1 worker) on the corpus and on a corpus of 4x as many
  distinct documents (composed the same way, other seed), each in a fresh subprocess,
  measured by a wrapper process with ``getrusage(RUSAGE_CHILDREN).ru_maxrss``.

Words are spaCy tokens (``len(doc)``) for every rate, so the rates are comparable. Wall-clock
rates suffer from anything else running on the machine, so the output also has CPU-time rates
(``*_cpu_wps``: words per CPU second of this process) and the load averages at the start, after
the builds and at the end; compare wall rates only between runs on an idle machine. The last
line printed is one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus as bench_corpus  # noqa: E402
from graphbuilder.batching import chunked  # noqa: E402

BUILD_BATCH = 200            # documents per store.load call, as in `graphbuilder build`
NEO4J_BUILD_BATCH = 500      # ... with --backend neo4j
NEO4J_PREFIX = "scale-bench"


def log(msg: str) -> None:
    print(f"[scale] {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------- measurements

class Timer:
    """Wall and CPU time (this process; plus reaped children, i.e. spaCy's workers)."""

    def __enter__(self) -> "Timer":
        self._w, self._c, self._k = time.perf_counter(), time.process_time(), _children_cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._w
        self.cpu = time.process_time() - self._c
        self.children_cpu = _children_cpu() - self._k


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_spacy(pipe, docs, batch_size: int) -> tuple[Timer, int]:
    from graphbuilder.nlp import mask_dateline
    words = 0
    with Timer() as t:
        for parsed in pipe.nlp.pipe((mask_dateline(d.text, d.body_start) for d in docs),
                                    batch_size=batch_size, n_process=1):
            words += len(parsed)
    return t, words


def run_extract(pipe, docs, batch_size: int, n_process: int) -> tuple[Timer, int, int]:
    """Consume every result; returns (timer, words, entities + relations + links)."""
    words = items = 0
    with Timer() as t:
        for result in pipe.process_stream(docs, batch_size=batch_size, n_process=n_process):
            words += result.words
            items += len(result.relations) + len(result.links) + len(result.entities)
    return t, words, items


def run_build(pipe, docs, batch_size: int, store, save=None,
              load_batch: int = BUILD_BATCH) -> tuple[Timer, int, dict, dict]:
    """What `graphbuilder build` does: process_stream, results handed in batches of
    ``load_batch`` to ``store.load`` on the background writer thread
    (:class:`graphbuilder.writer.BatchWriter`; synchronous loads when that module is missing),
    then the final save.

    Returns (timer, words, info, written) where written holds the actor, structural-link and
    relation ids of the results (to check and clean up a shared Neo4j afterwards).
    """
    words = 0
    loaded = {"documents": 0, "relations": 0}
    written: dict[str, set[str]] = {"actors": set(), "links": set(), "relations": set()}

    def on_stats(stats) -> None:
        loaded["documents"] += stats.documents
        loaded["relations"] += stats.relations

    try:
        from graphbuilder.writer import BatchWriter
    except ImportError:
        BatchWriter = None

    def stream():
        nonlocal words
        for r in pipe.process_stream(docs, batch_size=batch_size, n_process=1):
            words += r.words
            written["actors"].update(e.id for e in r.entities)
            written["actors"].update(x.id for rel in r.relations for x in (rel.source, rel.target))
            written["actors"].update(x.id for lk in r.links for x in (lk.source, lk.target))
            written["links"].update(lk.id for lk in r.links)
            written["relations"].update(rel.id for rel in r.relations)
            yield r

    with Timer() as t:
        if BatchWriter is not None:
            writer = BatchWriter(store, on_stats, batch_size=load_batch)
            for r in stream():
                writer.add(r)
            writer.close()
        else:
            for batch in chunked(stream(), load_batch):
                on_stats(store.load(batch))
        if save is not None:
            save()
    info = {"documents_loaded": loaded["documents"], "relations_loaded": loaded["relations"],
            "actors": len(written["actors"]), "links": len(written["links"]),
            "load_batch": load_batch, "background_writer": BatchWriter is not None,
            "seconds": round(t.wall, 2), "cpu_seconds": round(t.cpu, 2)}
    return t, words, info, written


def measure_networkx(pipe, docs, batch_size: int, tmp: Path) -> tuple[float | None, dict]:
    from graphbuilder.store.networkx import NetworkXStore
    path = tmp / "store.json"
    store = NetworkXStore(path)
    t, words, info, _ = run_build(pipe, docs, batch_size, store, save=store.close)
    info["nodes"], info["edges"] = store.counts()
    info["store_mb"] = round(path.stat().st_size / 1e6, 2)
    info["cpu_wps"] = round(words / t.cpu, 1)
    return words / t.wall, info


def _neo4j_ids(store) -> tuple[set[str], set[str]]:
    """(actor ids, structural link ids) in the database now."""
    actors = {r["id"] for r in store.run_query("MATCH (a:Actor) RETURN a.id AS id")}
    links = {r["id"] for r in store.run_query(
        "MATCH ()-[r]->() WHERE r.doc IS NULL AND r.id IS NOT NULL RETURN r.id AS id")}
    return actors, links


def _neo4j_cleanup(store, written: dict[str, set[str]], pre: tuple[set[str], set[str]]) -> None:
    """Delete what the benchmark wrote and nothing else: its documents' relationships and
    Document nodes, then the structural links and actors of its results that did not exist
    before the run (ids written by the benchmark minus ids present before)."""
    prefix = NEO4J_PREFIX + "-"
    while True:
        n = store.run_query("MATCH ()-[r]->() WHERE r.doc STARTS WITH $p WITH r LIMIT 20000 "
                            "DELETE r RETURN count(*) AS n", {"p": prefix}, write=True)[0]["n"]
        if not n:
            break
    store.run_query("MATCH (d:Document) WHERE d.id STARTS WITH $p DELETE d", {"p": prefix},
                    write=True)
    store.run_query("MATCH ()-[r]->() WHERE r.doc IS NULL AND r.id IN $ids DELETE r",
                    {"ids": sorted(written["links"] - pre[1])}, write=True)
    store.run_query("UNWIND $ids AS id MATCH (a:Actor {id: id}) DETACH DELETE a",
                    {"ids": sorted(written["actors"] - pre[0])}, write=True)


def measure_neo4j(pipe, docs, batch_size: int, keep: bool) -> tuple[float | None, dict]:
    """Build into Neo4j; (None, {"error": ...}) when it is unreachable or the load fails."""
    try:
        from graphbuilder.store.neo4j import Neo4jStore, Neo4jUnavailable
    except ImportError as exc:
        log(f"Neo4j build not measured (null): cannot import the Neo4j store ({exc})")
        return None, {"error": f"import: {exc}"}
    try:
        store = Neo4jStore.from_env()
    except Neo4jUnavailable as exc:
        log(f"Neo4j build not measured (null): Neo4j is not reachable: {exc}")
        return None, {"error": str(exc)}
    pre: tuple[set[str], set[str]] | None = None
    written: dict[str, set[str]] = {"actors": set(), "links": set(), "relations": set()}
    try:
        store.ensure_schema()
        pre = _neo4j_ids(store)
        before = store.counts()
        if before[0]:
            log(f"Neo4j already holds {before[0]} actors / {before[1]} relationships (not ours: "
                "kept); only the benchmark's own data is removed afterwards")
        t, words, info, written = run_build(pipe, docs, batch_size, store,
                                            load_batch=NEO4J_BUILD_BATCH)
        info["bench_relationships_in_db"] = store.run_query(
            "MATCH ()-[r]->() WHERE r.doc STARTS WITH $p RETURN count(r) AS n",
            {"p": NEO4J_PREFIX + "-"})[0]["n"]
        info["cpu_seconds_client"] = info.pop("cpu_seconds")
        info["expected_bench_relationships"] = len(written["relations"])
        if info["bench_relationships_in_db"] != len(written["relations"]):
            info["interference"] = True
            log(f"WARNING: Neo4j holds {info['bench_relationships_in_db']} of the benchmark's "
                f"{len(written['relations'])} event relationships: another process wrote to or "
                "wiped the database during the run, so the Neo4j figure is not reliable")
        return words / t.wall, info
    except Exception as exc:  # noqa: BLE001 - any failure: report null, keep the other figures
        msg = " ".join(f"{exc.__class__.__name__}: {exc}".split())[:400]
        log(f"Neo4j build not measured (null): the load failed: {msg}")
        return None, {"error": msg}
    finally:
        try:
            if pre is not None and not keep:
                _neo4j_cleanup(store, written, pre)
        except Exception as exc:  # noqa: BLE001
            log(f"Neo4j cleanup failed: {exc.__class__.__name__}: {exc}")
        store.close()


def measure_rss(path: Path, batch_size: int, timeout: float) -> dict:
    """Peak RSS of `graphbuilder extract --format results PATH` in a fresh process tree."""
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--rss-child",
                           str(path), "--batch-size", str(batch_size)],
                          capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"rss child failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def rss_child(path: str, batch_size: int) -> int:
    """Run the CLI as this wrapper's only child and print its peak RSS and times."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"]
                                     if env.get("PYTHONPATH") else "")
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "graphbuilder.cli", "extract", "--format",
                           "results", "--workers", "1", "--batch-size", str(batch_size), path],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    sec = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"rc": proc.returncode, "max_rss_mb": round(ru.ru_maxrss / 1024, 1),  # KiB
                      "seconds": round(sec, 1), "cpu_seconds": round(ru.ru_utime + ru.ru_stime, 1),
                      "stderr": proc.stderr[-500:]}))
    return proc.returncode


# ------------------------------------------------------------------------------------ main

STAGES = ("spacy", "extract1", "extract2", "networkx", "neo4j", "rss")


def _ratio(out: dict, a: str, b: str) -> float | None:
    return round(out[a] / out[b], 3) if out.get(a) and out.get(b) else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=200_000, help="corpus size in words")
    ap.add_argument("--seed", type=int, default=20150901)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--model", default=None)
    ap.add_argument("--stages", default=",".join(STAGES),
                    help="comma-separated stages to run (default: all of %(default)s); "
                         "the figures of the others are null")
    ap.add_argument("--no-neo4j", action="store_true", help="skip the Neo4j build (null)")
    ap.add_argument("--keep-neo4j", action="store_true",
                    help="leave the benchmark's documents in Neo4j")
    ap.add_argument("--no-rss", action="store_true", help="skip the peak-RSS subprocesses")
    ap.add_argument("--rss-batch-size", type=int, action="append", default=[], metavar="N",
                    help="also measure the 1x peak RSS with `extract --batch-size N` "
                         "(repeatable)")
    ap.add_argument("--json", action="store_true", help="print only the JSON line on stdout")
    ap.add_argument("--rss-child", metavar="FILE", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.rss_child:
        return rss_child(args.rss_child, args.batch_size)
    stages = {x.strip() for x in args.stages.split(",") if x.strip()}
    if stages - set(STAGES):
        ap.error(f"unknown stage(s) {sorted(stages - set(STAGES))}; choose from {STAGES}")
    if args.no_neo4j:
        stages.discard("neo4j")
    if args.no_rss:
        stages.discard("rss")

    t_start = time.perf_counter()
    sents = bench_corpus.distinct_sentences(bench_corpus.load_sources())
    stats = bench_corpus.sentence_stats(sents)
    raw1 = bench_corpus.compose(sents, args.words, args.seed, prefix=NEO4J_PREFIX)
    docs = list(bench_corpus.to_documents(raw1))
    log(f"corpus: {len(docs)} documents, {sum(len(d.text.split()) for d in docs)} words from "
        f"{stats['distinct_sentences']} distinct sentences ({stats['distinct_sentence_words']} "
        "words)")

    out: dict = {"documents": len(docs), "whitespace_words": sum(len(d.text.split()) for d in docs),
                 **stats, "batch_size": args.batch_size, "cores": os.cpu_count(),
                 "stages": [x for x in STAGES if x in stages],
                 "loadavg_start": [round(x, 2) for x in os.getloadavg()],
                 "words": None, "spacy_wps": None, "extract_wps_1": None, "extract_wps_2": None,
                 "build_networkx_wps": None, "build_neo4j_wps": None,
                 "rss_1x_mb": None, "rss_4x_mb": None}

    pipe = None
    if stages - {"rss"}:
        from graphbuilder.pipeline import Pipeline
        pipe = Pipeline(model=args.model)
        warm = list(bench_corpus.to_documents(
            bench_corpus.compose(sents, 3000, args.seed + 7, prefix="warmup")))
        run_spacy(pipe, warm, args.batch_size)
        run_extract(pipe, warm, args.batch_size, 1)

    if "spacy" in stages:
        t, words = run_spacy(pipe, docs, args.batch_size)
        out["words"] = words
        out["spacy_wps"] = round(words / t.wall, 1)
        out["spacy_cpu_wps"] = round(words / t.cpu, 1)
        log(f"spacy: {words} tokens in {t.wall:.1f}s = {words / t.wall:,.0f} words/s "
            f"(cpu {t.cpu:.1f}s)")

    items = None
    if "extract1" in stages:
        t, w, items = run_extract(pipe, docs, args.batch_size, 1)
        assert out["words"] in (None, w), (w, out["words"])
        out["words"] = w
        out["extract_wps_1"] = round(w / t.wall, 1)
        out["extract_cpu_wps_1"] = round(w / t.cpu, 1)
        out["extracted_items"] = items
        log(f"extract 1 worker: {t.wall:.1f}s = {w / t.wall:,.0f} words/s (cpu {t.cpu:.1f}s)")

    if "extract2" in stages:
        t, w, n2 = run_extract(pipe, docs, args.batch_size, 2)
        assert out["words"] in (None, w) and items in (None, n2), (w, out["words"], n2, items)
        out["words"] = w
        out["extract_wps_2"] = round(w / t.wall, 1)
        out["extract_2_cpu_seconds"] = {"main": round(t.cpu, 1),
                                        "workers": round(t.children_cpu, 1)}
        log(f"extract 2 workers: {t.wall:.1f}s = {w / t.wall:,.0f} words/s (cpu main "
            f"{t.cpu:.1f}s, workers {t.children_cpu:.1f}s)")

    with tempfile.TemporaryDirectory(prefix="gb-scale-") as tmpdir:
        tmp = Path(tmpdir)
        if "networkx" in stages:
            wps, info = measure_networkx(pipe, docs, args.batch_size, tmp)
            out["build_networkx_wps"] = round(wps, 1)
            out["build_networkx"] = info
            log(f"build networkx: {info['seconds']}s = {wps:,.0f} words/s ({info})")

        if "neo4j" in stages:
            wps, info = measure_neo4j(pipe, docs, args.batch_size, args.keep_neo4j)
            out["build_neo4j_wps"] = None if wps is None else round(wps, 1)
            out["build_neo4j"] = info
            if wps is not None:
                log(f"build neo4j: {info['seconds']}s = {wps:,.0f} words/s ({info})")
        else:
            log("Neo4j build not measured (null): stage not selected")
        out["loadavg_after_builds"] = [round(x, 2) for x in os.getloadavg()]

        if "rss" in stages:
            f1, f4 = tmp / "corpus_1x.jsonl", tmp / "corpus_4x.jsonl"
            bench_corpus.write_jsonl(raw1, f1)
            raw4 = bench_corpus.compose(sents, 4 * args.words, args.seed + 1,
                                        prefix=NEO4J_PREFIX + "-4x")
            bench_corpus.write_jsonl(raw4, f4)
            out["rss_4x_documents"] = len(raw4)
            del raw4
            timeout = max(900.0, args.words / 100)
            runs = {}
            for label, path, bs, factor in ([("1x", f1, args.batch_size, 1),
                                              ("4x", f4, args.batch_size, 4)]
                                             + [(f"1x_bs{b}", f1, b, 1)
                                                for b in args.rss_batch_size]):
                r = measure_rss(path, bs, factor * timeout)
                log(f"extract RSS {label} (--batch-size {bs}): {r}")
                if r["rc"] != 0:
                    log(f"extract subprocess exited {r['rc']}: {r['stderr']}")
                runs[label] = r
            out["rss_1x_mb"], out["rss_4x_mb"] = runs["1x"]["max_rss_mb"], runs["4x"]["max_rss_mb"]
            out["rss_ratio_4x_1x"] = _ratio(out, "rss_4x_mb", "rss_1x_mb")
            for b in args.rss_batch_size:
                out[f"rss_1x_bs{b}_mb"] = runs[f"1x_bs{b}"]["max_rss_mb"]
            out["extract_cli"] = {k: {"seconds": r["seconds"], "cpu_seconds": r["cpu_seconds"]}
                                  for k, r in runs.items()}

    out["extract_1_vs_spacy"] = _ratio(out, "extract_wps_1", "spacy_wps")
    out["extract_2_vs_1"] = _ratio(out, "extract_wps_2", "extract_wps_1")
    out["build_networkx_vs_extract_1"] = _ratio(out, "build_networkx_wps", "extract_wps_1")
    out["build_neo4j_vs_extract_1"] = _ratio(out, "build_neo4j_wps", "extract_wps_1")
    out["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    out["total_seconds"] = round(time.perf_counter() - t_start, 1)
    if not args.json:
        for k, v in out.items():
            print(f"{k:>28}: {v}")
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
