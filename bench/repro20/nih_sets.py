"""Two synthetic stand-ins from a split manifest: 'copycat' (180 rows of the train split: copies of real training
images) and 'other-patients' (180 rows of the holdout split: patients the real set does not have). Seeded."""
import csv
import random
import sys

splits, out = sys.argv[1], sys.argv[2]
with open(splits, newline="") as f:
    rows = list(csv.DictReader(f))
split_col = "split"
fields = list(rows[0].keys())
rnd = random.Random(20)
for name, split in (("copycat", "train"), ("other-patients", "holdout")):
    pick = [r for r in rows if r[split_col] == split]
    rnd.shuffle(pick)
    with open(f"{out}/{name}.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        for r in sorted(pick[:180], key=lambda r: r[fields[0]]):
            w.writerow(r)
