package org.cxrbench.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One image of any source, real or synthetic.
 *
 * @param id            unique within the manifest (NIH image index, CheXpert path, MIMIC dicom id, file name...)
 * @param path          image file, absolute or relative to the manifest's folder
 * @param patientId     patient (empty when the source has none, e.g. synthetic images)
 * @param studyId       study / visit
 * @param view          PA, AP, LAT or empty
 * @param sex           M, F or empty
 * @param age           years, or null
 * @param split         train / valid / test / holdout ... or empty
 * @param labels        the 14 CheXpert labels
 * @param otherFindings source findings with no CheXpert counterpart (e.g. NIH Emphysema), kept, never dropped
 * @param sourceFindings the source's own finding text as given (e.g. NIH "Effusion|Mass")
 * @param prompt        free-text prompt or report
 * @param masks         mask name -> mask image path
 * @param source        nih, chexpert, mimic, synthchex, folder, phantom
 * @param sha256        content hash of the image file ("sha256:..."), or empty when not computed
 */
public record ManifestRecord(
        String id,
        String path,
        String patientId,
        String studyId,
        String view,
        String sex,
        Integer age,
        String split,
        Labels labels,
        List<String> otherFindings,
        String sourceFindings,
        String prompt,
        Map<String, String> masks,
        String source,
        String sha256) {

    public ManifestRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        patientId = nz(patientId);
        studyId = nz(studyId);
        view = nz(view);
        sex = nz(sex);
        split = nz(split);
        labels = labels == null ? Labels.allBlank() : labels;
        otherFindings = List.copyOf(otherFindings == null ? List.of() : otherFindings);
        sourceFindings = nz(sourceFindings);
        prompt = nz(prompt);
        masks = Collections.unmodifiableMap(new LinkedHashMap<>(masks == null ? Map.of() : masks));
        source = nz(source);
        sha256 = nz(sha256);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public static Builder builder(String id, String path) {
        return new Builder(id, path);
    }

    public ManifestRecord withSplit(String newSplit) {
        return new ManifestRecord(id, path, patientId, studyId, view, sex, age, newSplit, labels, otherFindings,
                sourceFindings, prompt, masks, source, sha256);
    }

    public ManifestRecord withSha256(String hash) {
        return new ManifestRecord(id, path, patientId, studyId, view, sex, age, split, labels, otherFindings,
                sourceFindings, prompt, masks, source, hash);
    }

    public ManifestRecord withMasks(Map<String, String> newMasks) {
        return new ManifestRecord(id, path, patientId, studyId, view, sex, age, split, labels, otherFindings,
                sourceFindings, prompt, newMasks, source, sha256);
    }

    public ManifestRecord withPath(String newPath) {
        return new ManifestRecord(id, newPath, patientId, studyId, view, sex, age, split, labels, otherFindings,
                sourceFindings, prompt, masks, source, sha256);
    }

    /** Mutable builder for readers. */
    public static final class Builder {
        private final String id;
        private final String path;
        private String patientId = "";
        private String studyId = "";
        private String view = "";
        private String sex = "";
        private Integer age;
        private String split = "";
        private Labels labels = Labels.allBlank();
        private List<String> otherFindings = List.of();
        private String sourceFindings = "";
        private String prompt = "";
        private Map<String, String> masks = Map.of();
        private String source = "";
        private String sha256 = "";

        private Builder(String id, String path) {
            this.id = id;
            this.path = path;
        }

        public Builder patient(String v) { patientId = v; return this; }
        public Builder study(String v) { studyId = v; return this; }
        public Builder view(String v) { view = v; return this; }
        public Builder sex(String v) { sex = v; return this; }
        public Builder age(Integer v) { age = v; return this; }
        public Builder split(String v) { split = v; return this; }
        public Builder labels(Labels v) { labels = v; return this; }
        public Builder otherFindings(List<String> v) { otherFindings = v; return this; }
        public Builder sourceFindings(String v) { sourceFindings = v; return this; }
        public Builder prompt(String v) { prompt = v; return this; }
        public Builder masks(Map<String, String> v) { masks = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder sha256(String v) { sha256 = v; return this; }

        public ManifestRecord build() {
            return new ManifestRecord(id, path, patientId, studyId, view, sex, age, split, labels, otherFindings,
                    sourceFindings, prompt, masks, source, sha256);
        }
    }
}
