package org.cxrbench.pipeline;

import java.util.function.Supplier;

/** A value computed on first use and then shared (thread-safe): the real side's statistics a run's stages share. */
public final class Memo {
    private Memo() {}

    public static <T> Supplier<T> of(Supplier<T> s) {
        return new Supplier<>() {
            private T v;
            private boolean done;

            @Override public synchronized T get() {
                if (!done) {
                    v = s.get();
                    done = true;
                }
                return v;
            }
        };
    }
}
