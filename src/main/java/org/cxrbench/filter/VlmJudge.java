package org.cxrbench.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.ManifestRecord;

/**
 * {@code vlm}: a vision-language model behind an OpenAI-compatible chat-completions endpoint (vLLM, Ollama, llama.cpp's
 * server, TGI). Each image is one request: one user message holding the SynthCheX-75K meta-prompt (stored verbatim in
 * {@code synthchex-meta-prompt.txt}) followed by a blank line and {@code Description: <the image's prompt>}, and
 * the image as a {@code data:image/png;base64,...} URL; temperature 0. Up to {@code concurrency} requests are in
 * flight, started no faster than {@code max_rps} across all workers; a request still unanswered at the timeout is
 * cancelled (its connection closed, so the server can drop it). A request that times out, fails to connect, answers
 * 429/5xx or answers JSON without a message is retried after max(exponential backoff with jitter, the server's
 * {@code Retry-After}); a Retry-After pauses every worker. 401/403 (the key) and 404 (the model) stop the run. An
 * image the judge cannot judge (an answer naming no single verdict, see {@link VerdictParser}; retries exhausted;
 * another 4xx) is, by the {@code on_error} policy, {@code unjudged} with the reason (default) or an error naming
 * it. The API key is read from the environment variable {@code api_key_env} names and sent only in the
 * Authorization header. The score is NaN (the model gives none); the reason is the answer.
 */
public final class VlmJudge implements Judge {
    public static final int VERSION = 2;
    public static final String PROMPT_RESOURCE = "/org/cxrbench/filter/synthchex-meta-prompt.txt";
    /** Longest Retry-After honoured (a server asking for more is waited on this long, then asked again). */
    static final long MAX_RETRY_AFTER_MILLIS = 600_000;
    /** The unjudged images named one by one in the log; the rest are counted. */
    static final int LOGGED_UNJUDGED = 20;

    /** Where the API key is read (the process environment; tests substitute their own). */
    static volatile UnaryOperator<String> environment = System::getenv;

    private final URI completions;
    private final String endpoint;
    private final String model;
    private final int concurrency;
    private final Duration timeout;
    private final int retries;
    private final long backoffMillis;
    private final VlmOptions options;
    private final String apiKey;
    private final RequestThrottle throttle;
    private final HttpClient client;
    private final String prompt;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger unjudged = new AtomicInteger();

    public VlmJudge(String endpoint, String model, int concurrency, double timeoutSeconds, int retries, long backoffMillis) {
        this(endpoint, model, concurrency, timeoutSeconds, retries, backoffMillis, VlmOptions.defaults());
    }

    public VlmJudge(String endpoint, String model, int concurrency, double timeoutSeconds, int retries, long backoffMillis,
                    VlmOptions options) {
        String base = endpoint.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        try {
            this.completions = URI.create(base + "/chat/completions");
            if (completions.getScheme() == null || !completions.getScheme().startsWith("http") || completions.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--endpoint " + endpoint + ": not an http(s) URL; give e.g. http://localhost:8000/v1");
        }
        this.endpoint = base;
        this.model = model;
        this.concurrency = concurrency;
        this.timeout = Duration.ofMillis((long) (timeoutSeconds * 1000));
        this.retries = retries;
        this.backoffMillis = backoffMillis;
        this.options = options == null ? VlmOptions.defaults() : options;
        this.apiKey = apiKey(this.options.apiKeyEnv());
        this.throttle = new RequestThrottle(this.options.maxRps());
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
        this.prompt = metaPrompt();
    }

    private static String apiKey(String variable) {
        if (variable == null) {
            return null;
        }
        String key = environment.apply(variable);
        if (key == null || key.isBlank()) {
            throw new BadInputException("--api-key-env " + variable + ": the environment variable " + variable
                    + " is not set; export it (export " + variable + "=...) or leave --api-key-env out");
        }
        return key.strip();
    }

    /** The SynthCheX-75K meta-prompt, verbatim. */
    public static String metaPrompt() {
        try (InputStream in = VlmJudge.class.getResourceAsStream(PROMPT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the meta-prompt " + PROMPT_RESOURCE + " is missing from the jar", e);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b;
    }

    /** Fails fast, in one line, when nothing answers at the endpoint (any HTTP answer to GET /models will do). */
    public void checkReachable() {
        HttpRequest req = request(URI.create(endpoint + "/models")).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            client.send(req, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new BadInputException("--endpoint " + endpoint + ": cannot reach the server (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); start it or fix --endpoint (an OpenAI-compatible base URL such as http://localhost:8000/v1)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while reaching " + endpoint);
        }
    }

    @Override
    public String name() {
        return "vlm";
    }

    /**
     * The model's name, the user's model fingerprint and the prompt: what changes the verdicts. Not the endpoint as
     * written ({@code localhost} and {@code 127.0.0.1} serve the same model), never the API key.
     */
    @Override
    public String fingerprint() {
        return "vlm;v" + VERSION + ";model=" + model + ";model_fingerprint=" + (options.modelFingerprint() == null ? "none"
                : options.modelFingerprint()) + ";prompt=" + Hashing.ofString(prompt) + ";temperature=0;image=png-data-url";
    }

    @Override
    public JudgeInfo info() {
        return new JudgeInfo.Vlm(name(), fingerprint(), endpoint, model, options.modelFingerprint(), prompt,
                "\\n\\nDescription: <prompt>", 0, concurrency, timeout.toMillis() / 1000.0, retries, options.maxRps(),
                options.onError().key(), options.apiKeyEnv(), unjudged.get(), "none (NaN): the model answers in words");
    }

    /** Requests sent so far (retries included). */
    public long requests() {
        return requests.get();
    }

    /** Images recorded unjudged so far. */
    public int unjudged() {
        return unjudged.get();
    }

    /** The description the image was generated from: its prompt, else its positive labels. */
    static String description(ManifestRecord r) {
        if (!r.prompt().isBlank()) {
            return r.prompt().strip();
        }
        List<String> pos = new ArrayList<>();
        for (ChexpertLabel l : ChexpertLabel.values()) {
            if (r.labels().isPositive(l)) {
                pos.add(l.displayName());
            }
        }
        return pos.isEmpty() ? "A chest X-ray." : "A chest X-ray showing " + String.join(", ", pos) + ".";
    }

    /** The image file as PNG bytes (PNG files as they are; JPEG re-encoded losslessly to PNG). */
    static byte[] png(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return b;
        }
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(b));
        if (img == null) {
            throw BadInputException.of(file, "not a PNG or JPEG image", "convert it or remove it from the input");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    String body(ManifestRecord r, byte[] png) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("model", model);
        root.put("temperature", 0);
        ArrayNode messages = root.putArray("messages");
        ObjectNode user = messages.addObject();
        user.put("role", "user");
        ArrayNode content = user.putArray("content");
        content.addObject().put("type", "text").put("text", prompt + "\n\nDescription: " + description(r));
        content.addObject().put("type", "image_url").putObject("image_url")
                .put("url", "data:image/png;base64," + Base64.getEncoder().encodeToString(png));
        return root.toString();
    }

    /** The text of choices[0].message.content (a string, or the text parts of a list), or null when absent. */
    static String answerText(JsonNode resp) {
        JsonNode c = resp.path("choices").path(0).path("message").path("content");
        if (c.isTextual()) {
            return c.asText();
        }
        if (c.isArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode part : c) {
                if (part.path("text").isTextual()) {
                    b.append(part.path("text").asText());
                }
            }
            return b.toString();
        }
        return null;
    }

    /** One image this judge could not judge: the reason, for the on_error policy. */
    static final class Unjudgeable extends Exception {
        private static final long serialVersionUID = 1L;

        Unjudgeable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Sends one request, cancelling it (closing its connection) when no answer comes within the timeout. */
    private HttpResponse<String> send(HttpRequest req) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> f = client.sendAsync(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return f.get(timeout.toMillis() + 250, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new HttpTimeoutException("timed out");
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    Judgement ask(Manifest m, int i) throws InterruptedException, Unjudgeable {
        ManifestRecord r = m.get(i);
        Path file = m.imagePath(i);
        String body;
        try {
            body = body(r, png(file));
        } catch (IOException e) {
            throw BadInputException.of(file, "cannot read the image (" + e.getMessage() + ")", "check the file");
        }
        HttpRequest req = request(completions).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        String lastProblem = "";
        long wait = 0;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                Thread.sleep(Math.max(wait, RequestThrottle.backoff(attempt, backoffMillis, ThreadLocalRandom.current().nextDouble())));
            }
            wait = 0;
            throttle.acquire();
            requests.incrementAndGet();
            Attempt a = attempt(req, r);
            if (a.judgement() != null) {
                return a.judgement();
            }
            lastProblem = a.problem();
            wait = a.retryAfterMillis();
        }
        throw new Unjudgeable("failed after " + (retries + 1) + " attempts (" + lastProblem + ")");
    }

    /** One request's outcome: a judgement, or the problem to retry after (and the server's Retry-After, 0: none). */
    private record Attempt(Judgement judgement, String problem, long retryAfterMillis) {
        static Attempt retry(String problem, long wait) {
            return new Attempt(null, problem, wait);
        }
    }

    /**
     * Sends the request once: a verdict, a problem worth retrying (timeout, connection, 429/5xx, malformed answer),
     * or an error that retrying cannot fix (401/403/404: bad input for the whole run; another status or an
     * unparseable verdict: this image is unjudgeable).
     */
    private Attempt attempt(HttpRequest req, ManifestRecord r) throws InterruptedException, Unjudgeable {
        HttpResponse<String> resp;
        try {
            resp = send(req);
        } catch (HttpTimeoutException e) {
            return Attempt.retry("no answer within " + timeout.toMillis() / 1000.0 + " s", 0);
        } catch (ConnectException e) {
            return Attempt.retry("cannot connect (" + e.getMessage() + ")", 0);
        } catch (IOException e) {
            return Attempt.retry(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), 0);
        }
        int status = resp.statusCode();
        if (status == 429 || status >= 500) {
            long wait = RequestThrottle.retryAfterMillis(resp, MAX_RETRY_AFTER_MILLIS);
            if (wait > 0) {
                throttle.pause(wait);
            }
            return Attempt.retry("HTTP " + status + (wait > 0 ? ", Retry-After " + wait / 1000.0 + " s" : ""), wait);
        }
        if (status == 401 || status == 403 || status == 404) {
            throw new BadInputException("--endpoint " + completions + " answered HTTP " + status + " for image '" + r.id()
                    + "' (" + VerdictParser.shorten(resp.body()) + "); " + (status == 404 ? "check --model and the server"
                    : "check the API key (--api-key-env names the variable that holds it)"));
        }
        if (status != 200) {
            throw new Unjudgeable("HTTP " + status + " (" + VerdictParser.shorten(resp.body()) + ")");
        }
        String text;
        try {
            text = answerText(Json.MAPPER.readTree(resp.body()));
        } catch (IOException e) {
            text = null;
        }
        if (text == null) {
            return Attempt.retry("malformed answer (" + VerdictParser.shorten(resp.body()) + ")", 0);
        }
        try {
            return new Attempt(new Judgement(VerdictParser.parse(text), Double.NaN, VerdictParser.shorten(text)), null, 0);
        } catch (VerdictParser.UnparseableAnswerException e) {
            throw new Unjudgeable("answer '" + VerdictParser.shorten(text) + "' " + e.getMessage());
        }
    }

    /** The image's judgement, or by the on_error policy an unjudged record or an error naming it. */
    Judgement judgeOne(Manifest m, int i, PrintStream log) throws InterruptedException {
        try {
            return ask(m, i);
        } catch (Unjudgeable e) {
            String where = "image '" + m.get(i).id() + "' (" + m.imagePath(i) + ")";
            if (options.onError() == VlmOptions.OnError.FAIL) {
                throw new BadInputException("--endpoint " + completions + ", " + model + ": " + where + ": " + e.getMessage()
                        + "; on_error is fail: use --on-error unjudged to record it and go on, fix the server (raise "
                        + "--timeout / --retries), or judge it elsewhere and import the answers with --judge labels-file");
            }
            if (unjudged.incrementAndGet() <= LOGGED_UNJUDGED) {
                log.printf("filter: vlm: %s unjudged: %s%n", where, e.getMessage());
            }
            return new Judgement(Verdict.UNJUDGED, Double.NaN, "unjudged: " + e.getMessage());
        }
    }

    @Override
    public void judge(Manifest manifest, List<Integer> indices, int threads, Sink sink, PrintStream log) {
        if (indices.isEmpty()) {
            return;
        }
        checkReachable();
        long t0 = System.nanoTime();
        int before = unjudged.get();
        // one worker per request in flight: the work is waiting on the server, not the CPU
        BuiltinJudge.parallel(manifest, indices, concurrency, i -> {
            try {
                sink.accept(i, judgeOne(manifest, i, log));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BadInputException("interrupted while asking " + endpoint);
            }
        });
        double secs = (System.nanoTime() - t0) / 1e9;
        int u = unjudged.get() - before;
        log.printf(Locale.ROOT, "filter: vlm judged %d images in %.1f s (%.1f images/s, concurrency %d, %d requests)%s%n",
                indices.size(), secs, indices.size() / secs, concurrency, requests.get(), u == 0 ? ""
                        : String.format(Locale.ROOT, "; %d unjudged (on_error: unjudged; the next run asks them again)", u));
    }
}
