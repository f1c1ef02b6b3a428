package org.cxrbench.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Json;
import org.cxrbench.data.Csv;
import org.cxrbench.data.Fixtures;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.ManifestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vlm judge in production, against a local OpenAI-compatible server (127.0.0.1 only) that misbehaves on demand:
 * each image's description names how the server answers it. Covers the on_error policy, a negated second verdict,
 * Retry-After, the shared rate limit, cancellation on timeout, the API key, the verdict cache key and --no-cache.
 */
class VlmJudgeProductionTest {
    static final String SECRET = "sk-test-5ecret-0123456789";
    @TempDir Path dir;
    HttpServer server;
    String endpoint;
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
    final List<Long> starts = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/v1/models", ex -> VlmJudgeTest.reply(ex, 200, "{\"data\": [{\"id\": \"test-vlm\"}]}"));
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
        endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @AfterEach
    void stop() {
        server.stop(0);
        VlmJudge.environment = System::getenv;
    }

    void complete(HttpExchange ex) throws IOException {
        starts.add(System.nanoTime());
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        JsonNode req = Json.MAPPER.readTree(ex.getRequestBody());
        String text = req.at("/messages/0/content/0/text").asText();
        String kase = text.substring(text.indexOf("Description: ") + 13).trim();
        int n = calls.computeIfAbsent(kase, k -> new AtomicInteger()).incrementAndGet();
        arrivals.computeIfAbsent(kase, k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
        switch (kase.replaceAll("-\\d+$", "")) {
            case "high" -> VlmJudgeTest.reply(ex, 200, VlmJudgeTest.chat("High Quality"));
            case "fine" -> VlmJudgeTest.reply(ex, 200, VlmJudgeTest.chat("Looks fine to me"));
            case "negates" -> VlmJudgeTest.reply(ex, 200, VlmJudgeTest.chat("High Quality, though it is not Low Quality"));
            case "throttled" -> {
                ex.getResponseHeaders().add("Retry-After", "0");
                VlmJudgeTest.reply(ex, 429, "{\"error\": \"rate limited\"}");
            }
            case "retryafter" -> {
                if (n == 1) {
                    ex.getResponseHeaders().add("Retry-After", "1");
                    VlmJudgeTest.reply(ex, 429, "{\"error\": \"slow down\"}");
                } else {
                    VlmJudgeTest.reply(ex, 200, VlmJudgeTest.chat("Medium Quality"));
                }
            }
            default -> VlmJudgeTest.reply(ex, 200, VlmJudgeTest.chat("?"));
        }
    }

    Path manifest(String... prompts) {
        List<ManifestRecord> recs = new ArrayList<>();
        for (int i = 0; i < prompts.length; i++) {
            Path p = Fixtures.grey8(dir.resolve("img").resolve(String.format("i%04d.png", i)), 16, 16, i);
            recs.add(ManifestRecord.builder("i" + i, p.toString()).prompt(prompts[i]).build());
        }
        Path f = dir.resolve("img").resolve("manifest.csv");
        new Manifest(recs, dir.resolve("img")).write(f);
        return f;
    }

    FilterJob.JudgeSettings settings(String url, VlmOptions o) {
        return new FilterJob.JudgeSettings(null, url, "test-vlm", 4, 5, 2, null, null, 0.02, o);
    }

    FilterJob.Result filter(Path manifest, String out, FilterJob.JudgeSettings s, String remove, Path cache, PrintStream log) {
        return FilterJob.run(new FilterJob.Request(manifest, dir.resolve(out), "vlm", null, FilterJob.parseRemove(remove), null,
                s, cache, "test", 2), log);
    }

    @Test
    void anImageTheModelCannotJudgeIsRecordedUnjudgedAndTheRunFinishes() throws Exception {
        Path m = manifest("high-0", "fine", "throttled", "negates");
        FilterJob.JudgeSettings s = settings(endpoint, VlmOptions.defaults());
        Path cache = dir.resolve("verdicts");
        FilterJob.Result r = filter(m, "out", s, null, cache, System.err);
        assertThat(r.total()).isEqualTo(4);
        assertThat(r.counts()).containsEntry("unjudged", 2).containsEntry("high", 2);
        assertThat(r.kept()).isEqualTo(4); // the default policy (low, not-relevant) keeps unjudged images
        List<Csv.Row> rows = Csv.read(dir.resolve("out/judgements.csv"));
        assertThat(rows.subList(1, rows.size())).extracting(x -> x.get(1)).containsExactly("high", "unjudged", "unjudged", "high");
        assertThat(rows.get(2).get(3)).contains("Looks fine to me").contains("names no verdict");
        assertThat(rows.get(3).get(3)).contains("failed after 3 attempts").contains("HTTP 429");
        JsonNode summary = Json.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
        assertThat(summary.path("metrics").path("unjudged").path("value").asInt()).isEqualTo(2);
        assertThat(summary.path("judge").path("on_error").asText()).isEqualTo("unjudged");
        // unjudged is never cached and never up to date: the next run asks those two again (and only those)
        int fineCalls = calls.get("fine").get();
        int highCalls = calls.get("high-0").get();
        FilterJob.Result again = filter(m, "out", s, "low,not-relevant,unjudged", cache, System.err);
        assertThat(calls.get("fine").get()).isEqualTo(fineCalls + 1);
        assertThat(calls.get("high-0").get()).isEqualTo(highCalls);
        assertThat(again.kept()).isEqualTo(2); // removed when the policy says so
        // on_error: fail stops the run with a message naming the image
        FilterJob.JudgeSettings fail = settings(endpoint, new VlmOptions(VlmOptions.OnError.FAIL, null, 0, null));
        assertThatThrownBy(() -> filter(m, "out2", fail, null, null, System.err)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("image 'i1'").hasMessageContaining("Looks fine to me").hasMessageContaining("--on-error");
    }

    @Test
    void retryAfterIsHonouredAndBackoffHasJitter() throws Exception {
        Path m = manifest("retryafter");
        FilterJob.Result r = filter(m, "out", settings(endpoint, VlmOptions.defaults()), null, null, System.err);
        assertThat(r.counts()).containsEntry("medium", 1);
        List<Long> t = arrivals.get("retryafter");
        assertThat(t).hasSize(2);
        // Retry-After: 1 -> the retry comes at least one second later (the base backoff here is 500 ms)
        assertThat((t.get(1) - t.get(0)) / 1e6).isGreaterThanOrEqualTo(990);
        // backoff: half the doubled delay plus a uniform share of the other half
        assertThat(RequestThrottle.backoff(1, 500, 0.0)).isEqualTo(250);
        assertThat(RequestThrottle.backoff(1, 500, 0.999)).isBetween(490L, 500L);
        assertThat(RequestThrottle.backoff(3, 500, 0.0)).isEqualTo(1000);
        assertThat(RequestThrottle.backoff(30, 500, 0.0)).isEqualTo(15_000);
    }

    @Test
    void maxRpsIsOneRateSharedByAllWorkers() throws Exception {
        String[] p = new String[6];
        for (int i = 0; i < p.length; i++) {
            p[i] = "high-" + i;
        }
        Path m = manifest(p);
        FilterJob.Result r = filter(m, "out", settings(endpoint, new VlmOptions(null, null, 5, null)), null, null, System.err);
        assertThat(r.counts()).containsEntry("high", 6);
        List<Long> s = new ArrayList<>(starts);
        s.sort(null);
        // 6 requests at 5 per second over 4 workers: permits 200 ms apart, the last one 1 s after the first; arrivals
        // at the server may bunch by the scheduling delay of a loaded machine, so the bound keeps 200 ms of slack
        // (without the shared limit all 4 workers' first requests arrive within a few ms)
        assertThat((s.get(5) - s.get(0)) / 1e6).isGreaterThanOrEqualTo(800);
    }

    @Test
    void theApiKeyComesFromTheNamedVariableAndIsWrittenNowhere() throws Exception {
        VlmJudge.environment = name -> name.equals("LAB_VLM_KEY") ? SECRET : null;
        Path m = manifest("high-0", "high-1", "fine");
        Path cache = dir.resolve("verdicts");
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        filter(m, "out", settings(endpoint, new VlmOptions(null, "LAB_VLM_KEY", 0, null)), null, cache, log);
        assertThat(authorizations).isNotEmpty().allMatch(a -> a.equals("Bearer " + SECRET));
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET);
        List<Path> written;
        try (Stream<Path> w = Files.walk(dir)) {
            written = w.filter(Files::isRegularFile).toList();
        }
        assertThat(written).anyMatch(f -> f.startsWith(cache)).anyMatch(f -> f.endsWith("summary.json"));
        for (Path f : written) {
            assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(SECRET);
        }
        assertThat(Files.readString(dir.resolve("out/summary.json"))).contains("LAB_VLM_KEY");
        // an unset variable is bad input before any request
        int before = authorizations.size();
        assertThatThrownBy(() -> filter(m, "out3", settings(endpoint, new VlmOptions(null, "NO_SUCH_KEY", 0, null)), null,
                null, System.err)).isInstanceOf(BadInputException.class).hasMessageContaining("NO_SUCH_KEY")
                .hasMessageContaining("not set");
        assertThat(authorizations).hasSize(before);
    }

    @Test
    void verdictCacheIsKeyedByModelAndFingerprintNotTheUrlAndNoCacheAsksAgain() throws Exception {
        Path m = manifest("high-0", "high-1", "high-2");
        Path cache = dir.resolve("verdicts");
        filter(m, "a", settings(endpoint, VlmOptions.defaults()), null, cache, System.err);
        assertThat(starts).hasSize(3);
        // the same server and model written another way: every verdict from the cache
        String localhost = endpoint.replace("127.0.0.1", "localhost");
        filter(m, "b", settings(localhost, VlmOptions.defaults()), null, cache, System.err);
        assertThat(starts).hasSize(3);
        // another model behind the same name (the user says so with a fingerprint): asked again
        filter(m, "c", settings(endpoint, new VlmOptions(null, null, 0, "ckpt-2026-12")), null, cache, System.err);
        assertThat(starts).hasSize(6);
        // --no-cache into an existing output folder asks again
        filter(m, "c", settings(endpoint, new VlmOptions(null, null, 0, "ckpt-2026-12")), null, null, System.err);
        assertThat(starts).hasSize(9);
    }

    /**
     * A server that sends the response headers at once and then stalls in the body: HttpRequest.timeout covers only
     * the wait for the headers, so a blocking send (the code before the fix) waited for the body until the server
     * gave up (5 s here) and the request stayed in flight; the judge's own deadline over the whole exchange cancels
     * it at the timeout (its connection closed), so the server never holds more than the concurrency, and each
     * image is unjudged for want of an answer in time.
     */
    @Test
    void aResponseStalledAfterItsHeadersIsCancelledAtTheTimeout() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket ss = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                while (!ss.isClosed()) {
                    try {
                        Socket s = ss.accept();
                        new Thread(() -> stallBody(s, inFlight, maxInFlight, requests)).start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            VlmJudge j = new VlmJudge("http://127.0.0.1:" + ss.getLocalPort() + "/v1", "test-vlm", 2, 0.4, 1, 100);
            Manifest m = Manifest.read(manifest("a", "b", "c", "d")).withImageHashes();
            Judgement[] out = new Judgement[4];
            j.judge(m, List.of(0, 1, 2, 3), 2, (i, x) -> out[i] = x, System.err);
            assertThat(out).allMatch(x -> x.verdict() == Verdict.UNJUDGED && x.reason().contains("no answer within"));
            assertThat(requests.get()).isEqualTo(8);
            assertThat(maxInFlight.get()).isLessThanOrEqualTo(2);
        }
    }

    /** Answers a request with its headers and one byte of a 1,000-byte body, then waits for the client to close. */
    static void stallBody(Socket s, AtomicInteger inFlight, AtomicInteger maxInFlight, AtomicInteger requests) {
        try (s; InputStream in = s.getInputStream()) {
            byte[] b = new byte[1 << 16];
            int n = in.read(b);
            if (n < 0) {
                return;
            }
            if (new String(b, 0, n, StandardCharsets.ISO_8859_1).startsWith("GET")) {
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            requests.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n"
                    + "\r\n{").getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            s.setSoTimeout(5_000);
            try {
                while (in.read(b) >= 0) {
                    // drain; -1 when the client closes
                }
            } catch (IOException e) {
                // reset by the client, or the server's 5 s are up
            }
        } catch (IOException e) {
            return;
        }
        inFlight.decrementAndGet();
    }
}
