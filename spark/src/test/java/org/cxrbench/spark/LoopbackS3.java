package org.cxrbench.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An S3 API on 127.0.0.1: moto's server ({@code python3 -m moto.server}, the Python library's in-memory S3) started
 * as a child process on a free loopback port, its output in a log file under the test's folder. {@link #start} throws
 * where python3 or moto is missing or the server does not answer within {@link #READY_SECONDS} (the tests then skip);
 * {@link #close} ends the process (and any child of it) and waits for it.
 */
final class LoopbackS3 implements AutoCloseable {
    /** How long the server may take to answer (importing moto takes a few seconds, more on a loaded machine). */
    static final int READY_SECONDS = 60;

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LoopbackS3(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static LoopbackS3 start(Path dir) throws Exception {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path log = dir.resolve("moto-" + port + ".log");
        Process p = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start(); // IOException: no python3
        LoopbackS3 s3 = new LoopbackS3(p, port, log);
        try {
            s3.awaitReady();
            return s3;
        } catch (Exception | Error e) {
            s3.close();
            throw e;
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto's server exited (" + process.exitValue() + "): " + logTail());
            }
            try {
                if (send("GET", "/") == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("moto's server did not answer on 127.0.0.1:" + port + " within "
                + READY_SECONDS + " s: " + logTail());
    }

    private int send(String method, String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint() + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The body of a GET of {@code pathAndQuery} (moto answers unsigned requests), e.g. "/bucket?uploads". */
    String get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    private String logTail() {
        try {
            String s = Files.readString(log).strip();
            return s.substring(Math.max(0, s.length() - 300)).replace('\n', ' ');
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** CPU time the server process has used so far (its Python interpreter; 0 where the platform does not say). */
    long cpuNanos() {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A new bucket (moto answers any credentials; the bucket API is plain HTTP with path-style addressing). */
    void createBucket(String name) throws Exception {
        int status = send("PUT", "/" + name);
        if (status != 200) {
            throw new IllegalStateException("moto did not create bucket " + name + ": HTTP " + status);
        }
    }

    /**
     * The Hadoop settings that point s3a:// at this server, as a user would set them for MinIO or any S3-compatible
     * endpoint (each as {@code -Dspark.hadoop.KEY=VALUE}; spark/README.md, Storage).
     */
    Map<String, String> s3aSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fs.s3a.endpoint", endpoint());
        m.put("fs.s3a.endpoint.region", "us-east-1");
        m.put("fs.s3a.path.style.access", "true");
        m.put("fs.s3a.connection.ssl.enabled", "false");
        m.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        m.put("fs.s3a.access.key", "cxrbench-test");
        m.put("fs.s3a.secret.key", "cxrbench-test");
        m.put("fs.s3a.attempts.maximum", "2"); // a broken endpoint fails the test in seconds, not minutes
        m.put("fs.s3a.retry.limit", "2");
        return m;
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
