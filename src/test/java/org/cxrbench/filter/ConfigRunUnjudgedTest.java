package org.cxrbench.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cxrbench.common.Json;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.pipeline.config.ConfigReader;
import org.cxrbench.run.ConfigRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config run asks the VLM again, on the next run, for the images it could not judge (as {@code ./cxrbench filter}
 * does), although the filter stage itself is stored: the verdict cache answers the judged images without a request,
 * so the rerun sends exactly one request per unjudged image, and a run with nothing unjudged sends none.
 */
class ConfigRunUnjudgedTest {
    @TempDir Path dir;
    HttpServer server;
    String endpoint;
    final AtomicBoolean answerBadly = new AtomicBoolean(true);
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/models", ex -> VlmJudgeTest.reply(ex, 200, "{\"data\": [{\"id\": \"test-vlm\"}]}"));
        server.createContext("/v1/chat/completions", ex -> {
            requests.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            VlmJudgeTest.reply(ex, 200, VlmJudgeTest.chat(answerBadly.get() ? "Looks fine to me" : "High Quality"));
        });
        server.start();
        endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    JsonNode run(Path out) throws Exception {
        String yaml = "seed: 0\nencoder: pixels32\nreal:\n  train: {phantom: {patients: 6, size: 64, seed: 0}}\n"
                + "  holdout: {phantom: {patients: 6, size: 64, seed: 1}}\ngenerators: [faithful]\n"
                + "metrics:\n  fidelity: {metrics: [fid]}\n  privacy: {metrics: [dcr_median]}\n"
                + "filter: {judge: vlm, endpoint: '" + endpoint + "', model: test-vlm, retries: 0}\n";
        Path cfg = Files.writeString(dir.resolve("c.yaml"), yaml);
        ConfigRun.run(ConfigReader.read(cfg), out, "test", RunContext.quiet(new FeatureCache(dir.resolve("cache")), 2));
        return Json.MAPPER.readTree(out.resolve("filter").resolve("faithful").resolve("summary.json").toFile());
    }

    @Test
    void unjudgedImagesAreAskedAgainOnTheNextRunAndOnlyThey() throws Exception {
        Path out = dir.resolve("out");
        JsonNode first = run(out);
        int images = first.get("total").asInt();
        assertThat(images).isPositive();
        assertThat(first.at("/counts/unjudged").asInt()).isEqualTo(images);
        int asked = requests.get();                                // a bad answer may be asked again within the run
        assertThat(asked).isGreaterThanOrEqualTo(images);

        answerBadly.set(false);
        JsonNode second = run(out);
        assertThat(requests).hasValue(asked + images);             // each unjudged image asked once more
        assertThat(second.at("/counts/unjudged").asInt()).isZero();
        assertThat(second.at("/counts/high").asInt()).isEqualTo(images);

        run(out);
        assertThat(requests).hasValue(asked + images);             // nothing unjudged: no request
    }
}
