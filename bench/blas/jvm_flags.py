"""Times whole cxrbench processes under different JVM options (CXRBENCH_JAVA_OPTS of the launcher), alternating the
variants rep by rep so that a shared machine's load hits them alike; prints wall and CPU (user + sys) medians.

  python3 bench/blas/jvm_flags.py [--reps 5] [--what fid|version] [--data DIR] -- VARIANT ...

A VARIANT is the JVM options as one string, e.g. "-Xmx4g" "-Xmx4g -XX:TieredStopAtLevel=1". --what fid runs
run.py's FID (10,000 x 2048 files made by run.py in --data); --what version runs `./cxrbench --version`.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd, env):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), p.stderr[-2000:]))
    return dt, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--what", default="fid")
    ap.add_argument("--threads", default="2")
    ap.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "cxrbench-blas-bench"))
    ap.add_argument("variants", nargs="+")
    a = ap.parse_args()
    launcher = os.path.join(HERE, "..", "..", "cxrbench")
    if a.what == "version":
        cli = ["--version"]
    else:
        real, syn = (os.path.join(a.data, f) for f in ("real.npy", "syn.npy"))
        cli = ["fidelity", "--real", real, "--synthetic", syn, "--metrics", "fid", "--threads", a.threads, "-q",
               "--no-cache", "--json", os.path.join(a.data, "flags-out.json")]
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    res = {v: [] for v in a.variants}
    for rep in range(a.reps):
        for v in a.variants:
            res[v].append(timed([launcher] + cli, dict(env, CXRBENCH_JAVA_OPTS=v)))
        print("rep %d: %s" % (rep + 1, " | ".join("%s %.2f s (cpu %.2f)" % (v, *res[v][-1]) for v in a.variants)),
              flush=True)
    base = a.variants[0]
    bw = statistics.median(t for t, _ in res[base])
    bc = statistics.median(c for _, c in res[base])
    for v in a.variants:
        w = statistics.median(t for t, _ in res[v])
        c = statistics.median(c for _, c in res[v])
        print("%-50s wall median %6.2f s (x%.2f)  cpu median %6.2f s (x%.2f)" % (v, w, w / bw, c, c / bc))


if __name__ == "__main__":
    main()
