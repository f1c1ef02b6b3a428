# Projection table of spark/README.md: SynthCheX-75K vs MIMIC-CXR-JPG train on E executors x C cores.
# Every constant is an assumption stated in spark/README.md; run: python3 spark/bench/projection.py
import math
t_pd = 4.15 * 2 / (1e4 * 2e4 * 2048)   # core-s per pair x dim: README's unloaded local 2-NN, 10k x 20k x 2048, 2 cores
d = 2048
Ns, Nt, Nh = 75649, 230000, 8150
searches = [(Ns, Nt, 50), (Nt, Nt, 2), (Nt, Ns, 1), (Ns, Nh, 1), (Nh, Nt, 1)]
t_ref = 1.0e-9
rows_per_block = (64 << 20) // (8 * d)
start = 15.0
def knn(E, C, only_main=False):
    cores = E * C
    tot = start
    for (q, r, k) in (searches[:1] if only_main else searches):
        small = min(q, r) * d * 8
        bcast = small / 1e9 * (math.ceil(math.log2(E)) + 1) if E > 1 else small / 4e9
        blocks = max(cores, -(-max(q, r) // rows_per_block))
        refine = (q * blocks * (k + 8) * d * t_ref) if q <= r else q * (k + 8) * d * t_ref
        tot += bcast + (q * r * d * t_pd + refine) / cores
    return tot
imgs = Ns + Nt
vit_core = (19 / 2) * 1.14e10 / 3.0e11
def enc_cpu(E, C): return start + imgs / (vit_core * E * C)
def enc_gpu(E, C): return start + imgs / (E * min(400, C / 0.04))
print("| executors x cores | k-NN syn->train only | all 5 privacy searches | encode 305,649 images, ViT on CPU | encode, 1 GPU per executor |")
print("| --- | --- | --- | --- | --- |")
for E, C in [(1, 2), (1, 16), (4, 16), (16, 16), (64, 16)]:
    f = lambda s: f"{s/60:.1f} min" if s < 5400 else f"{s/3600:.1f} h"
    print(f"| {E} x {C} | {f(knn(E,C,True))} | {f(knn(E,C))} | {f(enc_cpu(E,C))} | {f(enc_gpu(E,C))} |")
