"""Times cxrbench's FID and DCR+NNDR against numpy as whole processes on the same float32 .npy files.

  python3 bench/blas/run.py [--reps 3] [--jar target/cxrbench.jar] [--base OLD.jar] [--direct] [--only fid,dcr]

Shapes (issue 22): FID of 10,000 x 2048 vs 10,000 x 2048; DCR+NNDR of 10,000 synthetic vs 20,000 training rows
x 2048. Both sides run with OPENBLAS_CORETYPE unset (the CPU's own kernels, as on a user's machine) and 2 threads.
The runs alternate (numpy, cxrbench, [base]) so that load on a shared machine hits all sides alike; medians are
reported, with every time: wall seconds (the target) and CPU seconds (user + sys of the process, less sensitive to
other processes' load; with 2 threads, wall >= cpu / 2). The values of both sides are printed for comparison.
cxrbench runs through its launcher (./cxrbench, as a user runs it: with the class-data-sharing archive it records
once per build; CXRBENCH_JAVA_OPTS carries --heap); --direct runs `java HEAP -jar JAR` instead, as --base always does.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def features(path, n, d, seed, shift):
    if os.path.exists(path):
        return
    r = np.random.default_rng(seed)
    scale = (2 / np.sqrt(1 + np.arange(d) / 64.0)).astype(np.float32)
    x = (r.random((n, d), dtype=np.float32) + r.random((n, d), dtype=np.float32)
         + r.random((n, d), dtype=np.float32) - 1.5) * scale + np.float32(shift)
    np.save(path, x.astype(np.float32))


CPU = {}


def timed(cmd, env):
    """Wall seconds of a whole process; its CPU seconds (user + sys) go to CPU[last]."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["last"] = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if p.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), p.stderr[-2000:]))
    return dt, p.stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--jar", default="target/cxrbench.jar", help="the jar run with --direct")
    ap.add_argument("--base", default=None, help="an older cxrbench.jar to time in the same run")
    ap.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "cxrbench-blas-bench"))
    ap.add_argument("--heap", default="-Xmx4g")
    ap.add_argument("--only", default="fid,dcr")
    ap.add_argument("--direct", action="store_true", help="run cxrbench as java -jar JAR, not through ./cxrbench")
    a = ap.parse_args()
    os.makedirs(a.data, exist_ok=True)
    d = 2048
    real, syn, train = (os.path.join(a.data, f) for f in ("real.npy", "syn.npy", "train.npy"))
    features(real, 10000, d, 1, 0.0)
    features(syn, 10000, d, 2, 0.01)
    features(train, 20000, d, 3, 0.0)
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env["OMP_NUM_THREADS"] = env["OPENBLAS_NUM_THREADS"] = "2"
    js = os.path.join(a.data, "out.json")
    jars = [("cxrbench", a.jar)] + ([("base", a.base)] if a.base else [])
    tasks = {
        "fid": ([sys.executable, os.path.join(HERE, "numpy_ref.py"), "fid", real, syn],
                ["fidelity", "--real", real, "--synthetic", syn, "--metrics", "fid"]),
        "dcr": ([sys.executable, os.path.join(HERE, "numpy_ref.py"), "dcr", train, syn],
                ["privacy", "--train", train, "--synthetic", syn, "--metrics", "dcr_median,nndr_median"]),
    }
    times = {}
    cpu = {}
    values = {}
    for rep in range(a.reps):
        for name in a.only.split(","):
            ref, cli = tasks[name]
            dt, out = timed(ref, env)
            times.setdefault((name, "numpy"), []).append(dt)
            cpu.setdefault((name, "numpy"), []).append(CPU["last"])
            values[(name, "numpy")] = out
            for label, jar in jars:
                if label == "cxrbench" and not a.direct:
                    cmd = [os.path.join(HERE, "..", "..", "cxrbench")]
                    run_env = dict(env, CXRBENCH_JAVA_OPTS=a.heap)
                else:
                    cmd = ["java", a.heap, "-jar", jar]
                    run_env = env
                cmd = cmd + cli + ["--threads", "2", "-q", "--no-cache", "--json", js]
                dt, out = timed(cmd, run_env)
                times.setdefault((name, label), []).append(dt)
                cpu.setdefault((name, label), []).append(CPU["last"])
                with open(js) as f:
                    res = json.load(f)
                values[(name, label)] = json.dumps(res.get("results", res), sort_keys=True)[:300]
            print("rep %d %s: %s" % (rep + 1, name, ", ".join(
                "%s %.2f s" % (k[1], v[-1]) for k, v in times.items() if k[0] == name)), flush=True)
    print()
    for name in a.only.split(","):
        np_med = statistics.median(times[(name, "numpy")])
        for label in ["numpy"] + [j[0] for j in jars]:
            t = times[(name, label)]
            c = cpu[(name, label)]
            print("%-4s %-9s wall median %6.2f s (%s) ratio %.2f | cpu median %6.2f s (%s) ratio %.2f" % (
                name, label, statistics.median(t), " ".join("%.2f" % x for x in t), statistics.median(t) / np_med,
                statistics.median(c), " ".join("%.2f" % x for x in c),
                statistics.median(c) / statistics.median(cpu[(name, "numpy")])))
        for label in ["numpy"] + [j[0] for j in jars]:
            print("     %-9s %s" % (label, values[(name, label)]))


if __name__ == "__main__":
    main()
