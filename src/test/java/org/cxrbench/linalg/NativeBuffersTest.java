package org.cxrbench.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cxrbench.common.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JVM's shared pools of native k-NN buffers ({@link NativeBuffers#lendShared}), what a Spark task's searches
 * (outside any run) take their buffers from: one pool per thread while it is lent, kept for the next task, never
 * shared by two threads at once, bounded, freed by {@link NativeBuffers#closeShared}; results unchanged.
 */
class NativeBuffersTest {
    private final Features q = new Features(300, 8, KnnBlocksTest.data(300, 8, 7));
    private final Features r = new Features(900, 8, KnnBlocksTest.data(900, 8, 8));

    @AfterEach
    void freeSharedPools() {
        NativeBuffers.closeShared();
    }

    @Test
    void aLentPoolKeepsTheSearchsBuffersForTheNextTaskAndIsFreedByCloseShared() {
        NativeBuffers.closeShared();
        Knn.Result alone = Knn.searchFast(q, r, 3); // outside a run, nothing lent: buffers of its own, freed
        assertThat(NativeBuffers.sharedIdle()).containsExactly(0, 0);
        NativeBuffers[] lent = new NativeBuffers[2];
        Knn.Result first = NativeBuffers.lendShared(() -> {
            lent[0] = NativeBuffers.ofRun();
            assertThat(NativeBuffers.ofRun()).as("the same pool for every search of the task").isSameAs(lent[0]);
            return Knn.searchFast(q, r, 3);
        });
        long[] idle = NativeBuffers.sharedIdle();
        assertThat(idle[0]).as("idle pools").isEqualTo(1);
        assertThat(idle[1]).as("its buffers kept").isGreaterThanOrEqualTo(4L * 300 * 8);
        Knn.Result second = NativeBuffers.lendShared(() -> {
            lent[1] = NativeBuffers.ofRun();
            return Knn.searchFast(q, r, 3);
        });
        assertThat(lent[1]).as("the next task gets the idle pool").isSameAs(lent[0]);
        assertThat(NativeBuffers.sharedIdle()).as("reused, not grown").containsExactly(idle);
        assertThat(first.distances()).containsExactly(alone.distances());
        assertThat(first.indices()).containsExactly(alone.indices());
        assertThat(second.distances()).containsExactly(alone.distances());
        assertThat(NativeBuffers.ofRun()).as("nothing lent after the task").isNotSameAs(lent[0]);
        NativeBuffers.closeShared();
        assertThat(NativeBuffers.sharedIdle()).containsExactly(0, 0);
        assertThat(lent[0].idleBytes()).as("its buffers freed").isZero();
    }

    @Test
    void withinARunTheRunsPoolIsUsedAndNothingIsLent() {
        try (Workers w = Workers.of(1, Progress.QUIET)) {
            w.get(() -> {
                NativeBuffers runs = NativeBuffers.ofRun();
                return NativeBuffers.lendShared(() -> {
                    assertThat(NativeBuffers.ofRun()).isSameAs(runs);
                    return Knn.searchFast(q, r, 2);
                });
            });
        }
        assertThat(NativeBuffers.sharedIdle()).containsExactly(0, 0);
    }

    @Test
    void threadsSearchingAtOnceHoldPoolsOfTheirOwnAndAtMostTheBoundIsKept() throws Exception {
        int threads = NativeBuffers.SHARED_POOLS + 2;
        CountDownLatch allIn = new CountDownLatch(threads);
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        try {
            java.util.List<Future<NativeBuffers>> got = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                got.add(ex.submit(() -> NativeBuffers.lendShared(() -> {
                    NativeBuffers mine = NativeBuffers.ofRun();
                    Knn.searchFast(q, r, 2);
                    allIn.countDown();
                    try {
                        assertThat(allIn.await(30, TimeUnit.SECONDS)).isTrue(); // every thread holds its pool now
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return mine;
                })));
            }
            java.util.Set<NativeBuffers> pools = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Future<NativeBuffers> f : got) {
                pools.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(pools).as("one pool per thread at once").hasSize(threads);
            assertThat(NativeBuffers.sharedIdle()[0]).as("idle pools kept").isEqualTo(NativeBuffers.SHARED_POOLS);
            long freed = pools.stream().filter(p -> p.idleBytes() == 0).count();
            assertThat(freed).as("the pools beyond the bound were freed when given back").isEqualTo(2);
        } finally {
            ex.shutdownNow();
        }
    }
}
