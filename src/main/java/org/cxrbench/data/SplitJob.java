package org.cxrbench.data;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.cxrbench.common.Outputs;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;

/** Seeded patient-level split of a manifest, or a check of an existing split. */
public final class SplitJob {
    private SplitJob() {}

    public record Request(Path input, Path out, Map<String, Double> fractions, long seed, boolean checkOnly,
                          String command, int threads) {}

    public static Manifest run(Request req, PrintStream log) {
        Manifest m = Manifest.read(req.input());
        if (req.checkOnly()) {
            PatientSplits.checkPatientDisjoint(m, req.input());
            log.printf("%s: no patient is in two splits (%s)%n", req.input(), counts(m));
            return m;
        }
        Outputs.requireWritable("out", req.out());
        Manifest s = PatientSplits.split(m, req.fractions(), req.seed());
        PatientSplits.checkPatientDisjoint(s, req.out());
        s.write(req.out());
        Json.writeSidecar(req.out(), Provenance.builder(req.command()).threads(req.threads())
                .input("manifest", Hashing.ofFile(req.input()))
                .seed("seed", req.seed())
                .setting("fractions", req.fractions())
                .build());
        log.printf("wrote %s: %s%n", req.out(), counts(s));
        return s;
    }

    static String counts(Manifest m) {
        Map<String, int[]> c = new TreeMap<>();
        Map<String, java.util.Set<String>> p = new TreeMap<>();
        for (ManifestRecord r : m.records()) {
            c.computeIfAbsent(r.split(), k -> new int[1])[0]++;
            p.computeIfAbsent(r.split(), k -> new java.util.HashSet<>()).add(r.patientId().isEmpty() ? r.id() : r.patientId());
        }
        StringBuilder b = new StringBuilder();
        c.forEach((k, v) -> b.append(b.length() > 0 ? ", " : "").append(k.isEmpty() ? "(none)" : k).append(": ")
                .append(v[0]).append(" images / ").append(p.get(k).size()).append(" patients"));
        return b.toString();
    }
}
