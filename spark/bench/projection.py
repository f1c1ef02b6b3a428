# Projection table of spark/README.md: SynthCheX-75K vs MIMIC-CXR-JPG train on E executors x C cores, store design
# (executors read rows by path from shared storage; the driver ships block descriptors and merges top-k lists).
# Every constant is an assumption stated in spark/README.md. Run:
#   python3 spark/bench/projection.py [CORE_SECONDS_PER_PAIR_DIM [START_SECONDS [READ_BYTES_PER_S_PER_CORE]]]
# CORE_SECONDS_PER_PAIR_DIM: the measured per-block rate, core-seconds per (query row x reference row x dimension)
# of a privacy search including its selection and exact refinement (SparkBench privacy: seconds x task slots /
# sum over the five searches of q x r x d). Default: the README's unloaded local 2-NN, 10k x 20k x 2048, 4.15 s on
# 2 cores. READ_BYTES_PER_S_PER_CORE: what one task reads from the store per second (StoreReadBench; default no
# limit), so an executor reads min(1 GB/s, cores x this).
import math
import sys

t_pd = float(sys.argv[1]) if len(sys.argv) > 1 else 4.15 * 2 / (1e4 * 2e4 * 2048)
start = float(sys.argv[2]) if len(sys.argv) > 2 else 15.0
d = 2048
Ns, Nt, Nh = 75649, 230000, 5159
# privacy's five searches as a run makes them (registry keys: synthetic -> train k = 2; Carlini's k = 50 only
# when every diagnostic is asked)
searches = [(Ns, Nt, 2), (Nt, Nt, 2), (Nt, Ns, 1), (Ns, Nh, 1), (Nh, Nt, 1)]
rows_per_block = (64 << 20) // (8 * d)      # -Dcxrbench.spark.blockMB 64, rows of doubles
tiled_over = 1 << 30                        # -Dcxrbench.spark.broadcastMB 1024: both sides bigger -> block pairs
read_bw = 1e9                               # bytes/s one executor reads from the store (assumed)
read_core = float(sys.argv[3]) if len(sys.argv) > 3 else math.inf   # bytes/s one task reads (measured)


def search_seconds(q, r, E, C):
    cores = E * C
    bw = min(read_bw, read_core * C)        # one executor's read rate
    small_bytes = min(q, r) * d * 4         # float32 in the store
    if 8 * min(q, r) * d > tiled_over:
        qb = -(-q // rows_per_block)
        rb = -(-r // rows_per_block)
        read = qb * rb * 2 * rows_per_block * d * 4 / (bw * E)   # each pair task reads both blocks
    else:
        read = small_bytes / min(read_bw, read_core)           # the whole side once per executor JVM, in parallel
    return read + q * r * d * t_pd / cores


def knn(E, C, only_main=False):
    return start + sum(search_seconds(q, r, E, C) for (q, r, k) in (searches[:1] if only_main else searches))


def fmt(s):
    return f"{s / 60:.1f} min" if s < 5400 else f"{s / 3600:.1f} h"


print(f"core-seconds per pair x dimension: {t_pd:.3g}; start-up {start:.0f} s; read per task {read_core:.3g} B/s")
print("| executors x cores | k-NN synthetic -> train | all 5 privacy searches |")
print("| --- | --- | --- |")
for E, C in [(1, 2), (1, 16), (4, 16), (16, 16), (64, 16)]:
    print(f"| {E} x {C} | {fmt(knn(E, C, True))} | {fmt(knn(E, C))} |")
