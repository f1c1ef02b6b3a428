package org.cxrbench.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The vlm judge against a small OpenAI-compatible server started on 127.0.0.1: each image's description names how the
 * server answers it (well-formed, free text, malformed JSON once, slow once, HTTP 500 twice, ambiguous, 404).
 */
class VlmJudgeTest {
    @TempDir Path dir;
    HttpServer server;
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<JsonNode> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile int latencyMillis = 0;
    String endpoint;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/v1/models", ex -> reply(ex, 200, "{\"data\": [{\"id\": \"test-vlm\"}]}"));
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
        endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    static String chat(String content) {
        return "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + Json.toString(content) + "},\"finish_reason\":\"stop\"}]}";
    }

    void complete(HttpExchange ex) throws IOException {
        JsonNode req = Json.MAPPER.readTree(ex.getRequestBody());
        bodies.add(req);
        String text = req.at("/messages/0/content/0/text").asText();
        String kase = text.substring(text.indexOf("Description: ") + 13).trim();
        int n = calls.computeIfAbsent(kase, k -> new AtomicInteger()).incrementAndGet();
        try {
            Thread.sleep(latencyMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        switch (kase.replaceAll("-\\d+$", "")) {
            case "high" -> reply(ex, 200, chat("High Quality"));
            case "freetext" -> reply(ex, 200, chat("**low quality**\nThe image is blurred."));
            case "parts" -> reply(ex, 200, "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"Not relevant to the description\"}]}}]}");
            case "malformed" -> reply(ex, 200, n == 1 ? "{\"choices\": [{\"message\": " : chat("Medium Quality."));
            case "slow" -> {
                if (n == 1) {
                    try {
                        Thread.sleep(1500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                reply(ex, 200, chat("high"));
            }
            case "flaky" -> reply(ex, n <= 2 ? 500 : 200, n <= 2 ? "{\"error\": \"overloaded\"}" : chat("The image is of High Quality."));
            case "down" -> reply(ex, 503, "{\"error\": \"down\"}");
            case "ambiguous" -> reply(ex, 200, chat("High or Medium Quality"));
            case "nomodel" -> reply(ex, 404, "{\"error\": \"model not found\"}");
            default -> reply(ex, 200, chat("?"));
        }
    }

    Manifest images(String... prompts) {
        List<ManifestRecord> recs = new ArrayList<>();
        for (int i = 0; i < prompts.length; i++) {
            Path p = Fixtures.grey8(dir.resolve("img").resolve(String.format("i%04d.png", i)), 16, 16, i);
            recs.add(ManifestRecord.builder("i" + i, p.toString()).prompt(prompts[i]).build());
        }
        Manifest m = new Manifest(recs, dir.resolve("img"));
        m.write(dir.resolve("img").resolve("manifest.csv"));
        return Manifest.read(dir.resolve("img").resolve("manifest.csv")).withImageHashes();
    }

    VlmJudge judge(double timeout, int retries) {
        return new VlmJudge(endpoint, "test-vlm", 8, timeout, retries, 20);
    }

    Judgement[] run(VlmJudge j, Manifest m) {
        Judgement[] out = new Judgement[m.size()];
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            all.add(i);
        }
        j.judge(m, all, 2, (i, x) -> out[i] = x, System.err);
        return out;
    }

    @Test
    void readsAnswersRetriesFailuresAndSendsTheMetaPromptAndImage() throws Exception {
        Manifest m = images("high", "freetext", "parts", "malformed", "slow", "flaky");
        VlmJudge j = judge(0.5, 3);
        Judgement[] js = run(j, m);
        assertThat(js).extracting(x -> x.verdict().key())
                .containsExactly("high", "low", "not-relevant", "medium", "high", "high");
        assertThat(calls.get("malformed").get()).isEqualTo(2);
        assertThat(calls.get("slow").get()).isEqualTo(2);
        assertThat(calls.get("flaky").get()).isEqualTo(3);
        assertThat(j.requests()).isEqualTo(10); // 1 + 1 + 1 + 2 + 2 + 3
        JsonNode b = bodies.get(0);
        assertThat(b.get("temperature").asDouble()).isEqualTo(0.0);
        assertThat(b.get("model").asText()).isEqualTo("test-vlm");
        String text = b.at("/messages/0/content/0/text").asText();
        assertThat(text).startsWith("You are an expert radiologist and medical annotator. Your task is to assess the quality "
                + "of an image given its description and classify the image as either 'High Quality', 'Medium Quality', or "
                + "'Low Quality'. Keep your responses limited to only these three options. If the image is not relevant to "
                + "the description, respond with 'Not Relevant'.\n\nDescription: ");
        String url = b.at("/messages/0/content/1/image_url/url").asText();
        assertThat(url).startsWith("data:image/png;base64,");
        String desc = text.substring(text.indexOf("Description: ") + 13);
        int idx = List.of("high", "freetext", "parts", "malformed", "slow", "flaky").indexOf(desc);
        assertThat(Base64.getDecoder().decode(url.substring(22))).isEqualTo(Files.readAllBytes(m.imagePath(idx)));
    }

    VlmJudge failing(double timeout, int retries) {
        return new VlmJudge(endpoint, "test-vlm", 8, timeout, retries, 20, new VlmOptions(VlmOptions.OnError.FAIL, null, 0, null));
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> run(failing(2, 1), images("ambiguous"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("image 'i0'").hasMessageContaining("ambiguous");
        assertThatThrownBy(() -> run(failing(2, 2), images("down"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("failed after 3 attempts").hasMessageContaining("HTTP 503");
        assertThatThrownBy(() -> run(judge(2, 2), images("nomodel"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("HTTP 404").hasMessageContaining("check --model");
        server.stop(0);
        assertThatThrownBy(() -> run(judge(2, 0), images("high"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot reach the server").hasMessageContaining("--endpoint")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aKilledRunResumesFromTheCacheWithoutAskingAgain() throws Exception {
        String[] prompts = new String[40];
        for (int i = 0; i < prompts.length; i++) {
            prompts[i] = i == 30 ? "ambiguous" : "high-" + i;
        }
        images(prompts);
        Path manifest = dir.resolve("img").resolve("manifest.csv");
        Path cache = dir.resolve("verdicts");
        FilterJob.JudgeSettings s = FilterJob.JudgeSettings.defaults().withVlm(endpoint, "test-vlm")
                .withVlmOptions(new VlmOptions(VlmOptions.OnError.FAIL, null, 0, null));
        // the run dies on image 30's answer: what was asked before is in the cache, nothing is written to out
        assertThatThrownBy(() -> FilterJob.run(new FilterJob.Request(manifest, dir.resolve("out"), "vlm", null, null, null, s,
                cache, "test", 1), System.err)).isInstanceOf(BadInputException.class).hasMessageContaining("i30");
        assertThat(dir.resolve("out")).doesNotExist();
        int asked = bodies.size();
        assertThat(asked).isBetween(1, 40);
        // fix the input (drop the image the model cannot judge) and run again: only the images never answered are asked
        Manifest all = Manifest.read(manifest);
        List<ManifestRecord> keep = new ArrayList<>(all.records());
        keep.remove(30);
        new Manifest(keep, all.baseDir()).write(manifest);
        bodies.clear();
        FilterJob.Result r = FilterJob.run(new FilterJob.Request(manifest, dir.resolve("out"), "vlm", null, null, null, s,
                cache, "test", 1), System.err);
        assertThat(r.kept()).isEqualTo(39);
        long answeredBefore = calls.entrySet().stream().filter(e -> e.getKey().startsWith("high-")).count() - bodies.size();
        assertThat(bodies.size() + answeredBefore).isEqualTo(39);
        List<Csv.Row> rows = Csv.read(dir.resolve("out").resolve("judgements.csv"));
        assertThat(rows.get(1).get(4)).isEqualTo("vlm");
        assertThat(rows.get(1).get(5)).contains("model=test-vlm");
    }

    @Test
    void throughputWithConcurrencyEight() {
        latencyMillis = 50;
        String[] prompts = new String[160];
        java.util.Arrays.fill(prompts, "high");
        for (int i = 0; i < prompts.length; i++) {
            prompts[i] = "high-" + i;
        }
        Manifest m = images(prompts);
        long t0 = System.nanoTime();
        Judgement[] js = run(judge(10, 1), m);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.err.printf("vlm judge: %d images against a 50 ms server, concurrency 8: %.1f images/s%n", js.length, js.length / secs);
        assertThat(js).allMatch(j -> j.verdict() == Verdict.HIGH);
        // the server keeps 8 requests in flight: more than 1 / 50 ms = 20 images/s, which one at a time would give
        assertThat(js.length / secs).isGreaterThan(40);
    }
}
