package org.cxrbench.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.cxrbench.common.BadInputException;

/**
 * Patient-level splits: every image of a patient lands in the same split. Deterministic for a seed and
 * independent of the manifest's row order (patients are sorted by id before the seeded shuffle).
 * Images without a patient id count as their own patient.
 */
public final class PatientSplits {
    private PatientSplits() {}

    /**
     * @param fractions split name -> share of images (positive, summing to 1 within 1e-6), in assignment order: an
     *                  ordered map (LinkedHashMap, SortedMap); an unordered one such as {@code Map.of} iterates in an
     *                  order that changes from one JVM to the next, and so would the split
     */
    public static Manifest split(Manifest m, Map<String, Double> fractions, long seed) {
        if (fractions.size() > 1 && !(fractions instanceof LinkedHashMap || fractions instanceof java.util.SortedMap)) {
            throw new IllegalArgumentException("split fractions need an ordered map (assignment order); got "
                    + fractions.getClass().getName());
        }
        if (fractions.isEmpty()) {
            throw new BadInputException("no splits given; use e.g. --fractions train=0.8,holdout=0.2");
        }
        double total = 0;
        for (Map.Entry<String, Double> e : fractions.entrySet()) {
            if (!(e.getValue() > 0)) {
                throw new BadInputException("split '" + e.getKey() + "' has fraction " + e.getValue()
                        + "; fractions must be positive");
            }
            total += e.getValue();
        }
        if (Math.abs(total - 1) > 1e-6) {
            throw new BadInputException("split fractions sum to " + total + "; make them sum to 1");
        }
        TreeMap<String, List<Integer>> byPatient = new TreeMap<>();
        for (int i = 0; i < m.size(); i++) {
            byPatient.computeIfAbsent(patientKey(m.get(i)), k -> new ArrayList<>()).add(i);
        }
        List<String> patients = new ArrayList<>(byPatient.keySet());
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = patients.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            String t = patients.get(i);
            patients.set(i, patients.get(j));
            patients.set(j, t);
        }
        List<String> names = new ArrayList<>(fractions.keySet());
        double[] bounds = new double[names.size()];
        double c = 0;
        for (int s = 0; s < names.size(); s++) {
            c += fractions.get(names.get(s)) / total;
            bounds[s] = c * m.size();
        }
        String[] assigned = new String[m.size()];
        long done = 0;
        for (String p : patients) {
            // the split whose quota the patient's first image falls into; a patient is never divided
            int s = 0;
            while (s < names.size() - 1 && done >= bounds[s] - 1e-9) {
                s++;
            }
            for (int idx : byPatient.get(p)) {
                assigned[idx] = names.get(s);
            }
            done += byPatient.get(p).size();
        }
        List<ManifestRecord> out = new ArrayList<>(m.size());
        for (int i = 0; i < m.size(); i++) {
            out.add(m.get(i).withSplit(assigned[i]));
        }
        return new Manifest(out, m.baseDir());
    }

    /** Two halves of the patients, named in assignment order. */
    public static Map<String, Double> halves(String first, String second) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put(first, 0.5);
        f.put(second, 0.5);
        return f;
    }

    private static String patientKey(ManifestRecord r) {
        return r.patientId().isEmpty() ? "\u0000image:" + r.id() : r.patientId();
    }

    /**
     * Fails loudly when one patient appears in two splits, naming the patient, the splits and one image of each.
     * Images without a patient id are not checked (they cannot leak a patient).
     */
    public static void checkPatientDisjoint(Manifest m, Object source) {
        Map<String, Map<String, String>> seen = new LinkedHashMap<>();
        for (ManifestRecord r : m.records()) {
            if (r.patientId().isEmpty()) {
                continue;
            }
            Map<String, String> splits = seen.computeIfAbsent(r.patientId(), k -> new LinkedHashMap<>());
            splits.putIfAbsent(r.split(), r.id());
            if (splits.size() > 1) {
                List<String> desc = new ArrayList<>();
                splits.forEach((s, id) -> desc.add("'" + (s.isEmpty() ? "(none)" : s) + "' (" + id + ")"));
                throw BadInputException.of(source, "patient " + r.patientId() + " is in several splits: "
                        + String.join(", ", desc), "re-split by patient with './cxrbench split'");
            }
        }
    }

    /** Checks that two sets (e.g. train and holdout) share no patient. */
    public static void checkDisjoint(Manifest a, String roleA, Manifest b, String roleB) {
        Map<String, String> pa = new LinkedHashMap<>();
        for (ManifestRecord r : a.records()) {
            if (!r.patientId().isEmpty()) {
                pa.putIfAbsent(r.patientId(), r.id());
            }
        }
        for (ManifestRecord r : b.records()) {
            if (pa.containsKey(r.patientId())) {
                throw new BadInputException("patient " + r.patientId() + " is in both " + roleA + " (" + pa.get(r.patientId())
                        + ") and " + roleB + " (" + r.id() + "); split by patient with './cxrbench split'");
            }
        }
    }
}
