"""Two versions of the engine on the same articles, interleaved: stage times and whether the outputs match.

    git archive REV | tar -x -C /tmp/old          # any checkout of the older code (its tagger/ is used)
    python -m bench.compare --old /tmp/old --new . --rounds 2

Each version runs in its own process (``tagger`` imported from that directory, the model given by
``--model``, default the new checkout's ``models/default``); the driver hands both the same chunk of
articles in turn, alternating which goes first, so both see the same machine load. Printed per stage:
milliseconds per article (``TagResult.timings_ms``, wall clock) and the thread's CPU time, old and new,
and their ratio; then whether every article's result (``TagResult.to_dict()``, timings left out) is
the same in both. A machine shared with other jobs moves both sides alike: compare the ratio, not the
milliseconds, across runs.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("cleaning", "documents", "entities", "positions", "topics", "total")

_WORKER = r"""
import hashlib, json, sys, time
root, bench_root, shared, n, seed, model = sys.argv[1:7]
sys.path.insert(0, root)
sys.path.insert(1, bench_root)
import tagger
assert tagger.__file__.startswith(root), tagger.__file__
from bench.articles import load_sample
from tagger import Tagger
STAGES = %r
arts = load_sample(shared, n=int(n), seed=int(seed))
t = Tagger.load(model)
for a in arts[:10]:
    t.tag(a)
print("ready", flush=True)
for line in sys.stdin:
    a, b = map(int, line.split())
    sums = dict.fromkeys(STAGES, 0.0)
    sums["cpu"] = 0.0
    digests = []
    for art in arts[a:b]:
        c0 = time.thread_time()
        r = t.tag(art)
        sums["cpu"] += (time.thread_time() - c0) * 1000
        for k in STAGES:
            sums[k] += r.timings_ms.get(k, 0.0)
        out = json.dumps(r.to_dict(), ensure_ascii=False, sort_keys=True)
        digests.append(hashlib.sha256(out.encode()).hexdigest()[:16])
    print(json.dumps({"ms": sums, "digests": digests}), flush=True)
""" % (STAGES,)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.compare", description=__doc__.split("\n\n")[0])
    p.add_argument("--old", required=True, help="directory holding the older tagger/ package")
    p.add_argument("--new", default=str(ROOT), help="directory holding the newer tagger/ package (default: this checkout)")
    p.add_argument("--model", default=str(ROOT / "models" / "default"), help="bundle both versions load")
    p.add_argument("--shared", default=str(ROOT.parent / "shared"))
    p.add_argument("--n", type=int, default=500, help="articles (the benchmark's sample)")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--rounds", type=int, default=1, help="passes over the articles")
    p.add_argument("--chunk", type=int, default=25, help="articles per turn")
    args = p.parse_args(argv)
    from .articles import SEED
    seed = SEED if args.seed is None else args.seed
    procs = {}
    for name, root in (("old", args.old), ("new", args.new)):
        root = str(Path(root).resolve())
        cmd = [sys.executable, "-c", _WORKER, root, str(ROOT), args.shared, str(args.n), str(seed), args.model]
        procs[name] = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    for name, proc in procs.items():
        if proc.stdout.readline().strip() != "ready":
            raise SystemExit(f"the {name} worker did not start")
    totals = {name: dict.fromkeys((*STAGES, "cpu"), 0.0) for name in procs}
    differ: set[int] = set()
    turn = 0
    t0 = time.perf_counter()
    for _ in range(args.rounds):
        for a in range(0, args.n, args.chunk):
            digests = {}
            for name in (("old", "new") if turn % 2 == 0 else ("new", "old")):
                proc = procs[name]
                proc.stdin.write(f"{a} {a + args.chunk}\n")
                proc.stdin.flush()
                rec = json.loads(proc.stdout.readline())
                digests[name] = rec["digests"]
                for k, v in rec["ms"].items():
                    totals[name][k] += v
            differ.update(a + i for i, (x, y) in enumerate(zip(digests["old"], digests["new"])) if x != y)
            turn += 1
    for proc in procs.values():
        proc.stdin.close()
        proc.wait()
    n = args.n * args.rounds
    print(f"{args.n} articles x {args.rounds} round(s), interleaved in chunks of {args.chunk}; "
          f"{time.perf_counter() - t0:.0f} s")
    print(f"{'stage':12s} {'old ms/art':>10s} {'new ms/art':>10s} {'new/old':>8s}")
    for k in (*STAGES, "cpu"):
        o, w = totals["old"][k] / n, totals["new"][k] / n
        label = "total, CPU" if k == "cpu" else k
        print(f"{label:12s} {o:10.3f} {w:10.3f} {(w / o if o else 0):8.3f}")
    print("outputs identical on every article" if not differ else f"outputs differ on {len(differ)} articles")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
