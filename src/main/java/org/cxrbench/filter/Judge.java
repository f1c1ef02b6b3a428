package org.cxrbench.filter;

import java.io.PrintStream;
import java.util.List;
import org.cxrbench.data.Manifest;

/** A source of verdicts. Implementations say what changes their verdicts in {@link #fingerprint()}. */
public interface Judge {
    /** builtin, vlm, labels-file or onnx. */
    String name();

    /** Everything that changes the verdicts (model, prompt, thresholds, ...): with the image hash, the cache key. */
    String fingerprint();

    /**
     * Whether verdicts depend on the image and its description only (then they are cached by image hash, a hash of
     * the requested labels and prompt, and the fingerprint).
     */
    default boolean cacheable() {
        return true;
    }

    /** Receives each judgement as soon as it is made; called from worker threads. */
    interface Sink {
        void accept(int index, Judgement judgement);
    }

    /**
     * Judges the images of the manifest at the given indices (in any order, on up to {@code threads} workers),
     * handing each judgement to the sink. Bad input (an unreadable image, an unparseable answer) is a
     * {@link org.cxrbench.common.BadInputException} naming the image.
     */
    void judge(Manifest manifest, List<Integer> indices, int threads, Sink sink, PrintStream log);

    /** What summary.json records about this judge: name, fingerprint and its settings (thresholds, endpoint, model ...). */
    default JudgeInfo info() {
        return new JudgeInfo.Basic(name(), fingerprint());
    }
}
