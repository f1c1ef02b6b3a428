package org.cxrbench.phantom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.data.ImageWriter;
import org.cxrbench.data.Labels;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.ManifestRecord;

/** Writes phantom studies and generator outputs as PNG + manifest, exactly like a real data set. */
public final class PhantomDatasets {
    private PhantomDatasets() {}

    public static Labels labels(java.util.Set<Finding> findings) {
        byte[] v = Labels.allBlank().toArray();
        for (org.cxrbench.data.ChexpertLabel l : org.cxrbench.data.ChexpertLabel.values()) {
            v[l.ordinal()] = Labels.NEGATIVE;
        }
        for (Finding f : findings) {
            v[f.label.ordinal()] = Labels.POSITIVE;
            if (Finding.OPACITIES.contains(f)) {
                v[org.cxrbench.data.ChexpertLabel.LUNG_OPACITY.ordinal()] = Labels.POSITIVE;
            }
        }
        v[org.cxrbench.data.ChexpertLabel.NO_FINDING.ordinal()] = findings.isEmpty() ? Labels.POSITIVE : Labels.NEGATIVE;
        return Labels.of(v);
    }

    static List<String> truth(Generators.Output o) {
        List<String> t = new ArrayList<>();
        if (o.copy()) {
            t.add("memorized-copy-of:" + o.copiedTrainIndex());
        }
        if (o.offTopic() != null) {
            t.add("off-topic:" + o.offTopic());
        }
        if (o.offTopic() == null && !o.rendered().equals(o.requested().findings())) {
            t.add("rendered:" + o.rendered().stream().map(Finding::maskName).sorted().reduce((x, y) -> x + "+" + y).orElse("none"));
        }
        return t;
    }

    /** Real phantom studies, with lung, heart and finding masks. */
    public static Manifest writeStudies(List<Study> studies, int size, Path folder, String split) {
        Path dir = folder.toAbsolutePath().normalize(); // paths stored absolute, see FolderReader
        // masks go beside the image folder, not inside it: an image folder given as input is read recursively
        Path masksDir = dir.resolveSibling(dir.getFileName() + "-masks");
        List<ManifestRecord> recs = new ArrayList<>();
        for (Study s : studies) {
            Renderer.Rendered r = Renderer.render(s, size);
            String id = s.patientId() + "_s" + s.studyIndex();
            ImageWriter.png8(r.image(), dir.resolve(id + ".png"));
            Map<String, String> masks = new LinkedHashMap<>();
            for (String[] m : new String[][] {{"left_lung"}, {"right_lung"}, {"heart"}}) {
                byte[] bits = switch (m[0]) {
                    case "left_lung" -> r.leftLung();
                    case "right_lung" -> r.rightLung();
                    default -> r.heart();
                };
                Path mp = masksDir.resolve(id + "_" + m[0] + ".png");
                ImageWriter.mask(bits, size, size, mp);
                masks.put(m[0], mp.toString());
            }
            for (var e : r.findingMasks().entrySet()) {
                Path mp = masksDir.resolve(id + "_" + e.getKey().maskName() + ".png");
                ImageWriter.mask(e.getValue(), size, size, mp);
                masks.put(e.getKey().maskName(), mp.toString());
            }
            recs.add(ManifestRecord.builder(id, dir.resolve(id + ".png").toString()).patient(s.patientId())
                    .study(id).view("PA").split(split).labels(labels(s.findings())).prompt(World.prompt(s.findings()))
                    .masks(masks).source("phantom").build());
        }
        Manifest m = new Manifest(recs, dir);
        m.write(dir.resolve("manifest.csv"));
        return m;
    }

    /**
     * Synthetic outputs with their requested labels and prompt; the ground truth goes to other_findings:
     * "memorized-copy-of:&lt;train index&gt;", "off-topic:&lt;kind&gt;", "rendered:&lt;findings&gt;" when the image shows
     * other findings than requested. A mask-conditioned output's conditioning mask is written beside the folder
     * ({@code <folder>-masks/}) and named {@code lungs_heart} in its record's masks, so the segmentation utility
     * ({@code --task segment --structures lungs_heart=left_lung+right_lung+heart}) can train on it.
     */
    public static Manifest writeOutputs(List<Generators.Output> outs, Path folder, String generator) {
        Path dir = folder.toAbsolutePath().normalize();
        List<ManifestRecord> recs = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
            Generators.Output o = outs.get(i);
            String id = String.format("%s_%05d", generator.replaceAll("[^a-z0-9-]", ""), i);
            ImageWriter.png8(o.image(), dir.resolve(id + ".png"));
            Map<String, String> masks = new LinkedHashMap<>();
            if (o.conditionMask() != null) {
                // the mask a mask-conditioned output follows (lungs + heart), beside the image folder as for real sets
                Path mp = dir.resolveSibling(dir.getFileName() + "-masks").resolve(id + "_lungs_heart.png");
                ImageWriter.mask(o.conditionMask(), o.image().width(), o.image().height(), mp);
                masks.put("lungs_heart", mp.toString());
            }
            recs.add(ManifestRecord.builder(id, dir.resolve(id + ".png").toString())
                    .labels(labels(o.requested().findings())).prompt(World.prompt(o.requested().findings()))
                    .otherFindings(truth(o)).masks(masks)
                    .source("phantom:" + generator).build());
        }
        Manifest m = new Manifest(recs, dir);
        m.write(dir.resolve("manifest.csv"));
        return m;
    }
}
