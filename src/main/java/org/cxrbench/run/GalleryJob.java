package org.cxrbench.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageWriter;
import org.cxrbench.phantom.Anatomy;
import org.cxrbench.phantom.Finding;
import org.cxrbench.phantom.Generators;
import org.cxrbench.phantom.Renderer;
import org.cxrbench.phantom.Study;
import org.cxrbench.phantom.World;
import org.cxrbench.report.ContactSheet;

/** ./cxrbench phantom gallery: contact sheets of each finding (with its mask outline), each generator and patients. */
public final class GalleryJob {
    private GalleryJob() {}

    /** The simulated generators the gallery shows, one row each. */
    static final List<String> GENERATORS = List.of("faithful", "memorizer(0.5)", "mode-collapse(2)", "blurry(1.5)",
            "noisy(0.12)", "low-contrast(0.4)", "label-ignorant", "off-topic(0.5)", "mask-conditioned");

    public static void run(Path out, int size, long seed, String command, PrintStream log) {
        List<String> findingNames = findings(out, size, seed);
        generators(out, size, seed);
        patients(out, size, seed);
        AtomicFiles.writeString(out.resolve("index.html"), index(findingNames));
        org.cxrbench.common.Provenance p = org.cxrbench.common.Provenance.builder(command).seed("seed", seed)
                .setting("size", size).build();
        for (String f : List.of("index.html", "findings.png", "generators.png", "patients.png")) {
            org.cxrbench.common.Json.writeSidecar(out.resolve(f), p);
        }
        log.println("wrote " + out.resolve("index.html") + " (findings.png, generators.png, patients.png)");
    }

    /** findings.png: a row per finding (and one without), 5 patients each; returns the rows' names. */
    private static List<String> findings(Path out, int size, long seed) {
        int perRow = 5;
        List<List<GreyImage>> findings = new ArrayList<>();
        List<String> findingNames = new ArrayList<>();
        List<Finding> rowsFindings = new ArrayList<>();
        rowsFindings.add(null);
        rowsFindings.addAll(List.of(Finding.values()));
        for (Finding f : rowsFindings) {
            List<GreyImage> row = new ArrayList<>();
            for (int p = 0; p < perRow; p++) {
                Study s = study(seed, p, f == null ? EnumSet.noneOf(Finding.class) : EnumSet.of(f), size);
                Renderer.Rendered r = Renderer.render(s, size);
                row.add(r.image());
                if (p < 2) {
                    byte[] m = f == null ? union(r.leftLung(), r.rightLung(), r.heart()) : r.findingMasks().get(f);
                    row.add(m == null ? r.image() : ContactSheet.outline(r.image(), m));
                }
            }
            findings.add(row);
            findingNames.add(f == null ? "no finding (lungs and heart outlined)" : f.maskName().replace('_', ' '));
        }
        ImageWriter.png8(ContactSheet.grid(findings, size), out.resolve("findings.png"));
        return findingNames;
    }

    /** generators.png: the real training images, then a row per simulated generator prompted with them. */
    private static void generators(Path out, int size, long seed) {
        List<Study> train = World.cohort("gallery-", seed, 6, 1, size);
        List<List<GreyImage>> gens = new ArrayList<>();
        List<GreyImage> realRow = new ArrayList<>();
        for (Study s : train) {
            realRow.add(Renderer.render(s, size).image());
        }
        gens.add(realRow);
        for (String g : GENERATORS) {
            List<GreyImage> row = new ArrayList<>();
            for (Generators.Output o : Generators.generate(g, train, size, seed)) {
                row.add(o.conditionMask() == null ? o.image() : ContactSheet.outline(o.image(), o.conditionMask()));
            }
            gens.add(row);
        }
        ImageWriter.png8(ContactSheet.grid(gens, size), out.resolve("generators.png"));
    }

    /** patients.png: four patients, five studies each. */
    private static void patients(Path out, int size, long seed) {
        List<List<GreyImage>> patients = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            List<GreyImage> row = new ArrayList<>();
            for (Study s : World.cohort("p" + p + "-", seed + 7 + p, 1, 5, size)) {
                row.add(Renderer.render(s, size).image());
            }
            patients.add(row);
        }
        ImageWriter.png8(ContactSheet.grid(patients, size), out.resolve("patients.png"));
    }

    private static String index(List<String> findingNames) {
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>cxrbench phantom "
                + "gallery</title><style>body{font-family:sans-serif;margin:2em}li{margin:2px}</style></head><body>"
                + "<h1>Phantom world gallery</h1><h2>Findings</h2><p>Rows, top to bottom (each: 5 patients; the 2nd and "
                + "4th tiles outline the finding's mask):</p><ol>");
        findingNames.forEach(n -> h.append("<li>").append(n).append("</li>"));
        h.append("</ol><img src=\"findings.png\"><h2>Generators</h2><p>Rows: the real training images, then ");
        h.append(String.join(", ", GENERATORS)).append(" (prompted with the training images' findings; mask-conditioned "
                + "outputs show the mask they follow).</p><img src=\"generators.png\"><h2>Patients</h2><p>Each row: five "
                + "studies of one patient (same anatomy; pose, exposure, noise and findings vary).</p>"
                + "<img src=\"patients.png\"></body></html>\n");
        return h.toString();
    }

    private static Study study(long seed, int patient, java.util.Set<Finding> f, int size) {
        Anatomy a = Anatomy.random(seed * 1_000_003L + patient);
        SplittableRandom r = new SplittableRandom(seed * 31 + patient);
        return new Study("gallery" + patient, 0, a, f, 0, 0, 1.0, 0.02, size, r.nextLong());
    }

    private static byte[] union(byte[] a, byte[] b, byte[] c) {
        byte[] u = new byte[a.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = (byte) (a[i] | b[i] | c[i]);
        }
        return u;
    }
}
