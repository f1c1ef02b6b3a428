"""Times cxrbench's linear probe against scikit-learn's lbfgs on the same files, alternating, medians.

  python3 bench/probe/run.py [--reps 3] [--labels 5] [--threads 2]

Data and scikit-learn's fit: sklearn_ref.py (run with Debian's /usr/bin/python3 and python3-sklearn). cxrbench's
fit: org.cxrbench.utility.ProbeBench from the test classes (mvn -o -q test-compile first), which fits one seed
twice in one JVM (run 1 includes the JIT's warm-up), then once more in a process of its own that fits once (the
whole-process time comparable with scikit-learn's, which also fits once). Both sides: OPENBLAS_CORETYPE unset, OPENBLAS_NUM_THREADS and
--threads as given. Reported per side: the fit's seconds in process (the ratio the issue's target is about: 1.1x)
and the whole process's wall seconds (JVM start / Python imports and file reading included), with the load average.
"""
import argparse
import glob
import os
import re
import statistics
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def timed(cmd, env):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit("failed: %s\n%s" % (" ".join(cmd), p.stderr[-2000:]))
    return time.perf_counter() - t0, p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--labels", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "cxrbench-probe-bench"))
    a = ap.parse_args()
    data = "%s-%d" % (a.data, a.labels)
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env["OMP_NUM_THREADS"] = env["OPENBLAS_NUM_THREADS"] = str(a.threads)
    sk = ["/usr/bin/python3", os.path.join(HERE, "sklearn_ref.py"), data, str(a.labels)]
    timed(sk, env)  # writes the data once
    cp = ":".join([os.path.join(ROOT, "target", "test-classes"), os.path.join(ROOT, "target", "classes")]
                  + sorted(glob.glob(os.path.join(ROOT, "target", "lib", "*.jar"))))
    jv = ["java", "-Xmx4g", "-cp", cp, "org.cxrbench.utility.ProbeBench", data, str(a.threads)]
    r = {"sklearn fit": [], "sklearn wall": [], "cxrbench fit 1": [], "cxrbench fit 2": [], "cxrbench wall": []}
    # "cxrbench wall" is a process that fits once, as scikit-learn's does
    print("load average before: %s" % " ".join(open("/proc/loadavg").read().split()[:3]), flush=True)
    for rep in range(a.reps):
        w, out = timed(sk, env)
        r["sklearn wall"].append(w)
        r["sklearn fit"].append(float(re.search(r"fit ([0-9.]+)", out).group(1)))
        its = out.strip()
        _, out = timed(jv + ["2"], env)
        w, _ = timed(jv + ["1"], env)
        r["cxrbench wall"].append(w)
        fits = [float(x) for x in re.findall(r": ([0-9.]+) s for one seed", out)]
        r["cxrbench fit 1"].append(fits[0])
        r["cxrbench fit 2"].append(fits[1])
        print("rep %d: sklearn fit %.2f s (wall %.2f), cxrbench fit %.2f / %.2f s (wall %.2f); load %s" % (
            rep + 1, r["sklearn fit"][-1], r["sklearn wall"][-1], fits[0], fits[1], r["cxrbench wall"][-1],
            " ".join(open("/proc/loadavg").read().split()[:3])), flush=True)
    print("sklearn: %s" % its)
    print("cxrbench: %s" % out.strip().splitlines()[-1])
    base = statistics.median(r["sklearn fit"])
    for k, v in r.items():
        print("%-15s median %6.2f s (%s) ratio to sklearn fit %.2f" % (
            k, statistics.median(v), " ".join("%.2f" % x for x in v), statistics.median(v) / base))
    print("load average after: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))


if __name__ == "__main__":
    main()
