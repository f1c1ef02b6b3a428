package org.cxrbench.validate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.GreyImage;
import org.cxrbench.filter.BuiltinJudge;
import org.cxrbench.filter.Verdict;

/**
 * The builtin judge over the flawed sets, each (image, requested findings) judged once per run: a holdout image
 * that a set-level flaw keeps (memorisation, off-topic, mode collapse at low strength, shuffled labels whose
 * findings did not move) takes its earlier verdict. The judge is a function of the image and the request, so the
 * counts are those of judging every image.
 */
final class MemoJudge {
    private final BuiltinJudge judge;
    private final Map<String, Verdict> seen = new ConcurrentHashMap<>();

    MemoJudge(BuiltinJudge judge) {
        this.judge = judge;
    }

    /** The share flagged (low or not relevant) of one set; keys[i] is image i's {@link SetEncoding#key}. */
    ValidateJob.Flagged judge(Flaw f, int s, List<GreyImage> images, String[] keys, List<List<ChexpertLabel>> req) {
        Verdict[] v = new Verdict[images.size()];
        IntStream.range(0, v.length).parallel().forEach(i -> {
            String key = keys[i] + "|" + req.get(i);
            Verdict known = seen.get(key);
            v[i] = known != null ? known : judge.judge(images.get(i), req.get(i)).verdict();
            seen.putIfAbsent(key, v[i]);
        });
        int low = 0;
        int nr = 0;
        for (Verdict x : v) {
            if (x == Verdict.LOW) {
                low++;
            } else if (x == Verdict.NOT_RELEVANT) {
                nr++;
            }
        }
        return new ValidateJob.Flagged(f, s, low + nr, low, nr, v.length);
    }
}
