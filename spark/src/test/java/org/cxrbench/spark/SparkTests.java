package org.cxrbench.spark;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.Assumptions;

/**
 * Starting Spark in a test: where this machine cannot start it at all (no loopback networking, a sandbox that
 * forbids forking JVMs), the tests skip with the reason instead of failing; once started, every check is real.
 */
final class SparkTests {
    private SparkTests() {}

    static <T> T startOrSkip(String what, Callable<T> start) {
        try {
            return start.call();
        } catch (Exception | LinkageError e) {
            Assumptions.abort(what + " could not start here, so these tests are skipped: " + e);
            throw new AssertionError("unreachable");
        }
    }
}
