"""Peak heap and peak RSS of DCR+NNDR on a scaled shape (default 10,000 synthetic x 60,000 training x 2048, float32
.npy inputs), for projecting the full release (75,649 x 230,000 x 2048).

  python3 bench/blas/memory.py [--jar target/cxrbench.jar] [--xmx 1g] [--train 60000] [--syn 10000]

Peak heap: the largest heap occupancy before a collection in the JVM's GC log (-Xlog:gc), and the -Xmx it ran under;
peak RSS: the process's maximum resident set (getrusage ru_maxrss; memory-mapped feature pages count while they are
resident). Each measurement runs in a fresh python process so that ru_maxrss is that command's own.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from run import features  # noqa: E402


def measure(cmd, env):
    code = ("import resource,subprocess,sys,time; t=time.time(); p=subprocess.run(sys.argv[1:]); "
            "print('rc', p.returncode, 'wall', round(time.time()-t,1), 'maxrss_mb', "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)")
    out = subprocess.run([sys.executable, "-c", code] + cmd, env=env, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1], out.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", default="target/cxrbench.jar")
    ap.add_argument("--xmx", default="1g")
    ap.add_argument("--train", type=int, default=60000)
    ap.add_argument("--syn", type=int, default=10000)
    ap.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "cxrbench-blas-bench"))
    a = ap.parse_args()
    os.makedirs(a.data, exist_ok=True)
    train = os.path.join(a.data, "train%d.npy" % a.train)
    syn = os.path.join(a.data, "syn%d.npy" % a.syn)
    features(train, a.train, 2048, 5, 0.0)
    features(syn, a.syn, 2048, 6, 0.01)
    gc = os.path.join(a.data, "gc.log")
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    cmd = ["java", "-Xmx" + a.xmx, "-Xlog:gc:file=" + gc, "-jar", a.jar, "privacy", "--train", train,
           "--synthetic", syn, "--metrics", "dcr_median,nndr_median", "--threads", "2", "-q", "--no-cache"]
    line, err = measure(cmd, env)
    peak = 0
    with open(gc) as f:
        for m in re.finditer(r"(\d+)M->\d+M\(\d+M\)", f.read()):
            peak = max(peak, int(m.group(1)))
    print("%s: %d synthetic x %d training x 2048, -Xmx%s: %s, peak heap before GC %d MB" % (
        os.path.basename(a.jar), a.syn, a.train, a.xmx, line, peak))
    if err.strip():
        print("stderr:", err.strip()[-600:])


if __name__ == "__main__":
    main()
