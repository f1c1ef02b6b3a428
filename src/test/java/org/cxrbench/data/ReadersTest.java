package org.cxrbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.cxrbench.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each reader on fixture files written in the data set's exact published format. */
class ReadersTest {
    @TempDir Path dir;

    // NIH's own header: the bracketed columns each span two fields; the last row has empty age/sex/view fields.
    static final String NIH = "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,"
            + "OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y]\n"
            + "00000001_000.png,Cardiomegaly,0,1,57,M,PA,2682,2749,0.143,0.143\n"
            + "00000001_001.png,Cardiomegaly|Emphysema,1,1,58,M,PA,2894,2729,0.143,0.143\n"
            + "00000002_000.png,No Finding,0,2,080Y,F,AP,2500,2048,0.171,0.171\n"
            + "00000003_000.png,Effusion|Mass|Nodule|Infiltration|Pleural_Thickening|Hernia,0,3,,,,,,,\n";

    @Test
    void nihMapsFindingsKeepsUnmappedAndCopesWithEmptyFields() {
        for (String n : List.of("00000001_000.png", "00000001_001.png", "00000002_000.png", "00000003_000.png")) {
            Fixtures.grey8(dir.resolve("images").resolve(n), 8, 8, 0);
        }
        Fixtures.text(dir.resolve("Data_Entry_2017.csv"), NIH);
        NihReader.Result r = NihReader.read(dir, false);
        Manifest m = r.manifest();
        assertThat(m.size()).isEqualTo(4);
        ManifestRecord a = m.get(0);
        assertThat(a.patientId()).isEqualTo("1");
        assertThat(a.view()).isEqualTo("PA");
        assertThat(a.age()).isEqualTo(57);
        assertThat(a.labels().get(ChexpertLabel.CARDIOMEGALY)).isEqualTo(Labels.POSITIVE);
        assertThat(a.labels().get(ChexpertLabel.PLEURAL_EFFUSION)).isEqualTo(Labels.NEGATIVE);
        assertThat(a.labels().get(ChexpertLabel.SUPPORT_DEVICES)).isEqualTo(Labels.BLANK);
        assertThat(m.get(1).otherFindings()).containsExactly("Emphysema");
        assertThat(m.get(2).age()).isEqualTo(80);
        assertThat(m.get(2).labels().get(ChexpertLabel.NO_FINDING)).isEqualTo(Labels.POSITIVE);
        ManifestRecord d = m.get(3);
        assertThat(d.age()).isNull();
        assertThat(d.sex()).isEmpty();
        assertThat(d.labels().get(ChexpertLabel.PLEURAL_EFFUSION)).isEqualTo(Labels.POSITIVE);
        assertThat(d.labels().get(ChexpertLabel.LUNG_LESION)).isEqualTo(Labels.POSITIVE);
        assertThat(d.labels().get(ChexpertLabel.LUNG_OPACITY)).isEqualTo(Labels.POSITIVE);
        assertThat(d.labels().get(ChexpertLabel.PLEURAL_OTHER)).isEqualTo(Labels.POSITIVE);
        assertThat(d.otherFindings()).containsExactly("Hernia");
        assertThat(d.sourceFindings()).isEqualTo("Effusion|Mass|Nodule|Infiltration|Pleural_Thickening|Hernia");
    }

    @Test
    void nihWrongFieldCountAndUnknownFindingNameTheRow() {
        Fixtures.grey8(dir.resolve("00000001_000.png"), 8, 8, 0);
        Fixtures.text(dir.resolve("Data_Entry_2017.csv"), NIH.lines().findFirst().get() + "\n"
                + "00000001_000.png,Cardiomegaly,0,1,57,M,PA,2682,2749,0.143\n");
        assertThatThrownBy(() -> NihReader.read(dir, false)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("Data_Entry_2017.csv:2").hasMessageContaining("expected 11 fields, found 10");
        Fixtures.text(dir.resolve("Data_Entry_2017.csv"), NIH.lines().findFirst().get() + "\n"
                + "00000001_000.png,Cardiomegaly|Covid,0,1,57,M,PA,2682,2749,0.143,0.143\n");
        assertThatThrownBy(() -> NihReader.read(dir, false)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(":2:").hasMessageContaining("unknown finding 'Covid'");
    }

    static final String CHEX_HEADER = "Path,Sex,Age,Frontal/Lateral,AP/PA,No Finding,Enlarged Cardiomediastinum,"
            + "Cardiomegaly,Lung Opacity,Lung Lesion,Edema,Consolidation,Pneumonia,Atelectasis,Pneumothorax,"
            + "Pleural Effusion,Pleural Other,Fracture,Support Devices\n";

    @Test
    void chexpertAppliesEachUncertaintyPolicy() {
        Path root = dir.resolve("CheXpert-v1.0-small");
        Fixtures.grey8(root.resolve("train/patient00001/study1/view1_frontal.jpg"), 16, 16, 0);
        Fixtures.grey8(root.resolve("train/patient00002/study2/view2_lateral.jpg"), 16, 16, 9);
        Fixtures.text(root.resolve("train.csv"), CHEX_HEADER
                + "CheXpert-v1.0-small/train/patient00001/study1/view1_frontal.jpg,Female,68,Frontal,AP,1.0,,,,,,,,,0.0,,,,1.0\n"
                + "CheXpert-v1.0-small/train/patient00002/study2/view2_lateral.jpg,Male,87,Lateral,,,,-1.0,1.0,,-1.0,,,-1.0,,1.0,,,\n");
        Manifest ig = ChexpertReader.read(root, Labels.UncertaintyPolicy.U_IGNORE, false).manifest();
        assertThat(ig.size()).isEqualTo(2);
        assertThat(ig.get(0).patientId()).isEqualTo("patient00001");
        assertThat(ig.get(0).studyId()).isEqualTo("patient00001/study1");
        assertThat(ig.get(0).view()).isEqualTo("AP");
        assertThat(ig.get(0).sex()).isEqualTo("F");
        assertThat(ig.get(0).split()).isEqualTo("train");
        assertThat(ig.get(0).labels().get(ChexpertLabel.SUPPORT_DEVICES)).isEqualTo(Labels.POSITIVE);
        assertThat(ig.get(0).labels().get(ChexpertLabel.PNEUMOTHORAX)).isEqualTo(Labels.NEGATIVE);
        assertThat(ig.get(0).labels().get(ChexpertLabel.EDEMA)).isEqualTo(Labels.BLANK);
        assertThat(ig.get(1).view()).isEqualTo("LAT");
        assertThat(ig.get(1).labels().get(ChexpertLabel.CARDIOMEGALY)).isEqualTo(Labels.UNCERTAIN);
        Manifest ones = ChexpertReader.read(root, Labels.UncertaintyPolicy.U_ONES, false).manifest();
        assertThat(ones.get(1).labels().get(ChexpertLabel.CARDIOMEGALY)).isEqualTo(Labels.POSITIVE);
        assertThat(ones.get(1).labels().get(ChexpertLabel.ATELECTASIS)).isEqualTo(Labels.POSITIVE);
        Manifest zeros = ChexpertReader.read(root, Labels.UncertaintyPolicy.U_ZEROS, false).manifest();
        assertThat(zeros.get(1).labels().get(ChexpertLabel.EDEMA)).isEqualTo(Labels.NEGATIVE);
        assertThat(zeros.get(1).labels().get(ChexpertLabel.LUNG_OPACITY)).isEqualTo(Labels.POSITIVE);
    }

    @Test
    void chexpertUnknownLabelValueNamesFileRowAndColumn() {
        Path root = dir.resolve("c");
        Fixtures.grey8(root.resolve("train/patient00001/study1/view1_frontal.jpg"), 8, 8, 0);
        Fixtures.text(root.resolve("train.csv"), CHEX_HEADER
                + "train/patient00001/study1/view1_frontal.jpg,Female,68,Frontal,AP,1.0,,,,,,,,,0.0,,,,2.0\n");
        assertThatThrownBy(() -> ChexpertReader.read(root, Labels.UncertaintyPolicy.U_IGNORE, false))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("train.csv:2").hasMessageContaining("'2.0'").hasMessageContaining("Support Devices");
    }

    @Test
    void mimicJoinsMetadataLabelsAndSplitsIncludingGzip() throws Exception {
        Fixtures.grey8(dir.resolve("files/p10/p10000032/s50414267/02aa804e-bde0afdd.jpg"), 8, 8, 0);
        Fixtures.grey8(dir.resolve("files/p10/p10000032/s53189527/2a2277a9-b0ded155.jpg"), 8, 8, 3);
        Fixtures.text(dir.resolve("mimic-cxr-2.0.0-metadata.csv"),
                "dicom_id,subject_id,study_id,PerformedProcedureStepDescription,ViewPosition,Rows,Columns,StudyDate,"
                        + "StudyTime,ProcedureCodeSequence_CodeMeaning,ViewCodeSequence_CodeMeaning,"
                        + "PatientOrientationCodeSequence_CodeMeaning\n"
                        + "02aa804e-bde0afdd,10000032,50414267,CHEST (PA AND LAT),PA,3056,2544,21800506,213014.531,"
                        + "CHEST (PA AND LAT),postero-anterior,Erect\n"
                        + "2a2277a9-b0ded155,10000032,53189527,CHEST (PA AND LAT),LATERAL,3056,2544,21800626,165500.312,"
                        + "CHEST (PA AND LAT),lateral,Erect\n");
        String chex = "subject_id,study_id,Atelectasis,Cardiomegaly,Consolidation,Edema,Enlarged Cardiomediastinum,"
                + "Fracture,Lung Lesion,Lung Opacity,No Finding,Pleural Effusion,Pleural Other,Pneumonia,Pneumothorax,"
                + "Support Devices\n10000032,50414267,,,,,,,,,1.0,,,,,\n10000032,53189527,-1.0,1.0,,,,,,,,0.0,,,,\n";
        try (var out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("mimic-cxr-2.0.0-chexpert.csv.gz")))) {
            out.write(chex.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Fixtures.text(dir.resolve("mimic-cxr-2.0.0-split.csv"),
                "dicom_id,study_id,subject_id,split\n02aa804e-bde0afdd,50414267,10000032,train\n"
                        + "2a2277a9-b0ded155,53189527,10000032,validate\n");
        Manifest m = MimicReader.read(dir, Labels.UncertaintyPolicy.U_ZEROS, false).manifest();
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.get(0).patientId()).isEqualTo("10000032");
        assertThat(m.get(0).labels().get(ChexpertLabel.NO_FINDING)).isEqualTo(Labels.POSITIVE);
        assertThat(m.get(0).split()).isEqualTo("train");
        assertThat(m.get(1).view()).isEqualTo("LAT");
        assertThat(m.get(1).split()).isEqualTo("validate");
        assertThat(m.get(1).labels().get(ChexpertLabel.ATELECTASIS)).isEqualTo(Labels.NEGATIVE);
        assertThat(m.get(1).labels().get(ChexpertLabel.CARDIOMEGALY)).isEqualTo(Labels.POSITIVE);
        assertThat(m.imagePath(1).toString()).endsWith("files/p10/p10000032/s53189527/2a2277a9-b0ded155.jpg");
    }

    static final String LABELS_JSON = "{\"Atelectasis\": 0, \"Cardiomegaly\": 1, \"Consolidation\": 0, \"Edema\": 0, "
            + "\"Enlarged Cardiomediastinum\": 0, \"Fracture\": 0, \"Lung Lesion\": 0, \"Lung Opacity\": 0, "
            + "\"No Finding\": 0, \"Pleural Effusion\": 1, \"Pleural Other\": 0, \"Pneumonia\": 0, \"Pneumothorax\": 0, "
            + "\"Support Devices\": 0}";

    @Test
    void synthchexReadsCsvJsonAndJsonl() {
        Fixtures.grey8(dir.resolve("images/SyntheticImg_a.png"), 8, 8, 0);
        Fixtures.grey8(dir.resolve("images/SyntheticImg_b.png"), 8, 8, 1);
        String py = LABELS_JSON.replace('"', '\'').replace("1,", "1.0,");
        Fixtures.text(dir.resolve("meta.csv"), "filename,prompt,labels_dict\n"
                + "SyntheticImg_a.png,\"Moderate cardiomegaly, small effusion.\",\"" + py + "\"\n"
                + "SyntheticImg_b.png,No acute findings.,\"" + LABELS_JSON.replace("\"", "\"\"") + "\"\n");
        Manifest csv = SynthChexReader.read(dir.resolve("meta.csv"), false).manifest();
        assertThat(csv.size()).isEqualTo(2);
        assertThat(csv.get(0).prompt()).isEqualTo("Moderate cardiomegaly, small effusion.");
        assertThat(csv.get(0).labels().get(ChexpertLabel.CARDIOMEGALY)).isEqualTo(Labels.POSITIVE);
        assertThat(csv.get(0).patientId()).isEmpty();
        assertThat(csv.get(1).labels().get(ChexpertLabel.PLEURAL_EFFUSION)).isEqualTo(Labels.POSITIVE);

        Fixtures.text(dir.resolve("m.jsonl"), "{\"filename\": \"SyntheticImg_a.png\", \"prompt\": \"p\", \"labels_dict\": "
                + LABELS_JSON + "}\n");
        Path jsonl = dir.resolve("m.jsonl");
        assertThat(SynthChexReader.read(jsonl, false).manifest().get(0).labels())
                .isEqualTo(csv.get(0).labels());
        Fixtures.text(dir.resolve("m.json"), "[{\"filename\": \"SyntheticImg_b.png\", \"prompt\": \"p\", \"labels_dict\": "
                + LABELS_JSON.replace("\"Fracture\": 0", "\"Fracture\": 7") + "}]");
        assertThatThrownBy(() -> SynthChexReader.read(dir.resolve("m.json"), false))
                .isInstanceOf(BadInputException.class).hasMessageContaining("m.json:1").hasMessageContaining("'7'");
    }

    @Test
    void folderReadsInCodePointOrderWithOptionalLabels() {
        Fixtures.grey8(dir.resolve("img/b.png"), 8, 8, 0);
        Fixtures.grey8(dir.resolve("img/a/z.png"), 8, 8, 0);
        Fixtures.grey8(dir.resolve("img/B.jpg"), 8, 8, 0);
        Fixtures.text(dir.resolve("labels.csv"), "filename,Cardiomegaly,pleural_effusion,patient_id\nb.png,1,0,p7\n");
        Manifest m = FolderReader.read(dir.resolve("img"), dir.resolve("labels.csv"));
        assertThat(m.records()).extracting(ManifestRecord::id).containsExactly("B.jpg", "a/z.png", "b.png");
        assertThat(m.get(2).labels().get(ChexpertLabel.CARDIOMEGALY)).isEqualTo(Labels.POSITIVE);
        assertThat(m.get(2).patientId()).isEqualTo("p7");
        assertThat(m.get(0).labels()).isEqualTo(Labels.allBlank());
    }

    @Test
    void manifestRoundTripsThroughCsv() {
        Fixtures.grey8(dir.resolve("x/a.png"), 8, 8, 0);
        ManifestRecord r = ManifestRecord.builder("a", dir.resolve("x/a.png").toString()).patient("p1").study("s1")
                .view("PA").sex("F").age(44).split("train").labels(Labels.allBlank().with(ChexpertLabel.EDEMA, Labels.UNCERTAIN))
                .otherFindings(List.of("Emphysema", "Hernia")).sourceFindings("Edema|Emphysema")
                .prompt("Mild edema, \"possibly\" early.\nSecond line.").masks(java.util.Map.of("heart", dir.resolve("x/h.png").toString()))
                .source("folder").build();
        Manifest m = new Manifest(List.of(r), dir).withImageHashes();
        Path out = dir.resolve("m.csv");
        m.write(out);
        Manifest back = Manifest.read(out);
        assertThat(back.get(0).withPath("").withMasks(Map.of())).isEqualTo(m.get(0).withPath("").withMasks(Map.of()));
        assertThat(back.imagePath(0)).isEqualTo(dir.resolve("x/a.png").toAbsolutePath());
        assertThat(back.get(0).masks().get("heart")).isEqualTo("x/h.png");
    }

    @Test
    void nihSharedSampleListsEveryImageWithPatients() throws Exception {
        Path folder = org.cxrbench.Shared.require("data/nih-cxr14/nih1000_64");
        Manifest m = NihReader.read(folder, false).manifest();
        long pngs;
        try (var s = Files.list(folder)) {
            pngs = s.filter(p -> p.toString().endsWith(".png")).count();
        }
        assertThat(m.size()).isEqualTo((int) pngs).isEqualTo(1000);
        assertThat(m.records().stream().map(ManifestRecord::patientId).distinct().count()).isEqualTo(264);
        ManifestRecord first = m.get(0);
        assertThat(first.id()).isEqualTo("00000001_000.png");
        assertThat(first.labels().get(ChexpertLabel.CARDIOMEGALY)).isEqualTo(Labels.POSITIVE);
        // every mapped label agrees with the raw NIH text
        for (ManifestRecord r : m.records()) {
            for (var e : NihReader.MAPPING.entrySet()) {
                if (List.of(r.sourceFindings().split("\\|")).contains(e.getKey())) {
                    assertThat(r.labels().get(e.getValue())).as(r.id() + " " + e.getKey()).isEqualTo(Labels.POSITIVE);
                }
            }
        }
    }
}
