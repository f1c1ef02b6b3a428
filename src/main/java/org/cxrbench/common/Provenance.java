package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a result came from: cxrbench version and commit, the command, the content hash of every input,
 * seeds, Java version and thread count. Every output file carries one (embedded in JSON/HTML, as a
 * {@code .provenance.json} sidecar beside CSV and .npy files). Jackson writes it as {@link #written()} (its maps in
 * key order) and reads it with {@link #fromJson}, so a record that holds one round-trips.
 */
public record Provenance(
        String cxrbench,
        String commit,
        String command,
        Map<String, String> inputs,
        Map<String, Long> seeds,
        String java,
        int threads,
        Map<String, String> settings) {

    public Provenance {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        seeds = Collections.unmodifiableMap(new LinkedHashMap<>(seeds));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public static Builder builder(String command) {
        return new Builder(command);
    }

    /** The written form: {@link #written()}. */
    @com.fasterxml.jackson.annotation.JsonValue
    Object json() {
        return written();
    }

    /**
     * The written form with the contract's keys: {@code seed} is the "seed" seed when there is one (left out
     * otherwise); inputs, seeds and settings in key order.
     */
    @JsonPropertyOrder({"cxrbench", "commit", "command", "inputs", "seed", "seeds", "java", "threads", "settings"})
    public record Written(String cxrbench, String commit, String command, SortedMap<String, String> inputs,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long seed, SortedMap<String, Long> seeds,
                          String java, int threads, SortedMap<String, String> settings) {}

    /** The JSON form of this provenance (what every output file embeds). */
    public Written written() {
        return new Written(cxrbench, commit, command, new TreeMap<>(inputs), seeds.get("seed"), new TreeMap<>(seeds), java,
                threads, new TreeMap<>(settings));
    }

    /** Reads the JSON form written by {@link #written()} (round trip of results files). */
    @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
    public static Provenance fromJson(com.fasterxml.jackson.databind.JsonNode n) {
        Map<String, String> inputs = new LinkedHashMap<>();
        n.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().asText()));
        Map<String, Long> seeds = new LinkedHashMap<>();
        n.path("seeds").fields().forEachRemaining(e -> seeds.put(e.getKey(), e.getValue().asLong()));
        Map<String, String> settings = new LinkedHashMap<>();
        n.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        return new Provenance(n.path("cxrbench").asText(), n.path("commit").asText(), n.path("command").asText(),
                inputs, seeds, n.path("java").asText(), n.path("threads").asInt(), settings);
    }

    public static final class Builder {
        private final String command;
        private final Map<String, String> inputs = new LinkedHashMap<>();
        private final Map<String, Long> seeds = new LinkedHashMap<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder(String command) {
            this.command = command;
        }

        public Builder input(String role, String hash) {
            inputs.put(role, hash);
            return this;
        }

        public Builder seed(String name, long value) {
            seeds.put(name, value);
            return this;
        }

        public Builder setting(String name, Object value) {
            settings.put(name, String.valueOf(value));
            return this;
        }

        public Builder threads(int n) {
            threads = n;
            return this;
        }

        public Provenance build() {
            return new Provenance(Version.version(), Version.commit(), command, inputs, seeds,
                    System.getProperty("java.version"), threads, settings);
        }
    }
}
