package org.cxrbench.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.cxrbench.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A master that cannot run the job is one line naming the URL and what to check, not minutes of retries. */
class MasterCheckTest {
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void aSparkUrlNobodyListensOnIsOneLineNamingIt() throws Exception {
        String url = "spark://127.0.0.1:" + LoopbackCluster.freePort();
        assertThatThrownBy(() -> new SparkEngine(url, QUIET)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(url).hasMessageContaining("no Spark master answers there")
                .hasMessageContaining("check the URL").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> new SparkEngine("spark://127.0.0.1", QUIET)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("has no port");
    }

    @Test
    void anUnknownMasterSchemeIsOneLine() {
        assertThatThrownBy(() -> new SparkEngine("sparc://host:7077", QUIET)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("sparc://host:7077").hasMessageContaining("check the URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aMasterWhoseWebUiSaysNoLiveWorkerFailsBeforeSparkStarts(@TempDir Path home) throws Exception {
        LoopbackCluster masterOnly = SparkTests.startOrSkip("a loopback Spark master",
                () -> new LoopbackCluster(home, 0, 1, "512m"));
        System.setProperty("cxrbench.spark.masterWebUiPort", String.valueOf(masterOnly.webUiPort));
        try {
            awaitWebUi(masterOnly.webUiPort);
            assertThatThrownBy(() -> new SparkEngine(masterOnly.url, QUIET)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(masterOnly.url).hasMessageContaining("has no live worker")
                    .hasMessageContaining("spark-worker")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        } finally {
            System.clearProperty("cxrbench.spark.masterWebUiPort");
            masterOnly.close();
        }
    }

    @Test
    void aWebUiThatDoesNotAnswerLeavesTheDecisionToTheExecutorWait() throws Exception {
        assertThat(MasterCheck.aliveWorkers("127.0.0.1", LoopbackCluster.freePort())).isNull();
    }

    /** The master's web UI starts a moment after its RPC port: wait (up to a minute) until it answers. */
    static void awaitWebUi(int port) throws InterruptedException {
        long until = System.currentTimeMillis() + 60_000;
        while (MasterCheck.aliveWorkers("127.0.0.1", port) == null && System.currentTimeMillis() < until) {
            Thread.sleep(200);
        }
    }

    @Test
    void aMasterWithoutWorkersWhoseWebUiIsNotKnownIsAskedOverItsRpcBeforeSparkStarts(@TempDir Path home)
            throws Exception {
        LoopbackCluster masterOnly = SparkTests.startOrSkip("a loopback Spark master",
                () -> new LoopbackCluster(home, 0, 1, "512m"));
        System.setProperty("cxrbench.spark.masterWebUiPort", String.valueOf(LoopbackCluster.freePort()));
        try {
            assertThatThrownBy(() -> new SparkEngine(masterOnly.url, QUIET)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(masterOnly.url).hasMessageContaining("has no live worker")
                    .hasMessageContaining("asked over its RPC")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(MasterState.ask("127.0.0.1", LoopbackCluster.freePort(), 500, 0, 1024)).as("nobody there")
                    .isNull();
        } finally {
            System.clearProperty("cxrbench.spark.masterWebUiPort");
            masterOnly.close();
        }
    }

    @Test
    void aMasterWithoutWorkersFailsAfterTheWaitNamingWhatToCheck(@TempDir Path home) throws Exception {
        LoopbackCluster masterOnly = SparkTests.startOrSkip("a loopback Spark master",
                () -> new LoopbackCluster(home, 0, 1, "512m"));
        System.setProperty("cxrbench.spark.executorWaitSeconds", "4");
        System.setProperty("cxrbench.spark.askMaster", "false"); // neither web UI nor RPC answer: the wait decides
        try {
            assertThatThrownBy(() -> new SparkEngine(masterOnly.url, QUIET)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(masterOnly.url).hasMessageContaining("started no executor")
                    .hasMessageContaining("workers are registered")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        } finally {
            System.clearProperty("cxrbench.spark.executorWaitSeconds");
            System.clearProperty("cxrbench.spark.askMaster");
            masterOnly.close();
        }
    }
}
