package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Progress of long steps (covariances, KID subsets, the jackknife, k-NN) goes to stderr only, never to stdout,
 * and {@code -q} silences it. Every line is printed here: the line interval is set to 0 ms for these runs.
 */
class ProgressStreamsTest {
    @TempDir Path dir;

    /** A progress line: "what: done/total unit ..." */
    static final String PROGRESS = ".*: \\d+/\\d+ .*";

    @BeforeEach
    void everyLine() {
        System.setProperty("cxrbench.progress.millis", "0");
    }

    @AfterEach
    void defaultInterval() {
        System.clearProperty("cxrbench.progress.millis");
    }

    record Streams(int code, String out, String err) {
        List<String> progress(String s) {
            return Arrays.stream(s.split("\n")).filter(l -> l.matches(PROGRESS)).toList();
        }
    }

    static Streams run(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            int code = cl.execute(args);
            return new Streams(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    @Test
    void fidelityProgressIsOnStderrOnlyAndQuietSilencesIt() {
        Path real = CliTest.features(dir.resolve("r.npy"), 120, 6, 0, 1);
        Path syn = CliTest.features(dir.resolve("s.npy"), 100, 6, 0.5, 2);
        String[] args = {"fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--metrics",
                "fid,kid,precision,fid_inf", "--kid-subsets", "4", "--kid-subset-size", "50", "--bootstrap", "3", "--threads",
                "2", "--cache", dir.resolve("cache").toString(), "--json", dir.resolve("f.json").toString()};
        Streams loud = run(args);
        assertThat(loud.code()).as(loud.err()).isZero();
        assertThat(loud.progress(loud.err())).anyMatch(l -> l.startsWith("fid covariance of 120 x 6: 120/120 rows"))
                .anyMatch(l -> l.startsWith("kid 4 subsets of 50: "))
                .anyMatch(l -> l.startsWith("jackknife (leave-group-out values): "))
                .anyMatch(l -> l.startsWith("fid-inf: ")).anyMatch(l -> l.startsWith("fid-inf interval: "))
                .anyMatch(l -> l.startsWith("k-NN ") || l.startsWith("distances "));
        assertThat(loud.progress(loud.out())).isEmpty();

        String[] quietArgs = Arrays.copyOf(args, args.length + 1);
        quietArgs[args.length] = "-q";
        quietArgs[Arrays.asList(args).indexOf("--cache") + 1] = dir.resolve("cache2").toString(); // compute again
        Streams quiet = run(quietArgs);
        assertThat(quiet.code()).isZero();
        assertThat(quiet.progress(quiet.err())).isEmpty();
        assertThat(quiet.progress(quiet.out())).isEmpty();
    }

    @Test
    void privacyProgressIsOnStderrOnlyAndQuietSilencesIt() {
        Path train = CliTest.features(dir.resolve("t.npy"), 150, 6, 0, 3);
        Path syn = CliTest.features(dir.resolve("s.npy"), 80, 6, 0.2, 4);
        String[] args = {"privacy", "--train", train.toString(), "--synthetic", syn.toString(), "--json",
                dir.resolve("p.json").toString()};
        Streams loud = run(args);
        assertThat(loud.code()).as(loud.err()).isZero();
        assertThat(loud.progress(loud.err())).anyMatch(l -> l.startsWith("k-NN 80 x 150 (k="));
        assertThat(loud.progress(loud.out())).isEmpty();
        String[] quietArgs = Arrays.copyOf(args, args.length + 1);
        quietArgs[args.length] = "-q";
        Streams quiet = run(quietArgs);
        assertThat(quiet.code()).isZero();
        assertThat(quiet.progress(quiet.err() + quiet.out())).isEmpty();
    }
}
