package org.cxrbench.utility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import org.cxrbench.common.Json;
import org.cxrbench.data.Labels;
import org.cxrbench.linalg.Features;
import org.cxrbench.stats.Roc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe against scikit-learn 1.2.1 (Debian python3-sklearn): src/test/resources/utility/make_probe_fixture.py
 * fits {@code LogisticRegression(solver="lbfgs", C=1, tol=1e-10)} per label on StandardScaler output, with uncertain
 * and blank rows left out, and also solves the same objective with scipy's L-BFGS-B run to ftol=0 (the optimum).
 * sklearn itself stops on L-BFGS-B's relative-decrease test up to 1.4e-4 from that optimum (recorded per label as
 * gap_to_tight_optimum), so: our coefficients must match the optimum to 1e-6 and sklearn's within its own gap + 1e-6;
 * test probabilities sklearn's to 1e-4, and test AUROC sklearn's (roc_auc_score) to 1e-6.
 */
class LinearProbeTest {
    static JsonNode fx;
    static Features trainX;
    static Features testX;
    static byte[][] trainY;
    static byte[][] testY;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = LinearProbeTest.class.getResourceAsStream("/utility/probe_fixture.json")) {
            fx = Json.MAPPER.readTree(in);
        }
        trainX = matrix(fx.get("train_x"));
        testX = matrix(fx.get("test_x"));
        trainY = labels(fx.get("train_y"));
        testY = labels(fx.get("test_y"));
    }

    static Features matrix(JsonNode rows) {
        double[][] a = new double[rows.size()][];
        for (int i = 0; i < a.length; i++) {
            a[i] = new double[rows.get(i).size()];
            for (int j = 0; j < a[i].length; j++) {
                a[i][j] = rows.get(i).get(j).asDouble();
            }
        }
        return Features.of(a);
    }

    static byte[][] labels(JsonNode rows) {
        byte[][] y = new byte[rows.size()][];
        for (int i = 0; i < y.length; i++) {
            y[i] = new byte[rows.get(i).size()];
            for (int l = 0; l < y[i].length; l++) {
                JsonNode v = rows.get(i).get(l);
                y[i][l] = v.isNull() ? Labels.BLANK : (byte) v.asInt();
            }
        }
        return y;
    }

    static int[] all(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    static LinearProbe.Model fit(double tol, int threads) {
        TrainingRows rows = TrainingRows.of(new TrainingRows.Block(trainX, all(trainX.n()), trainY, "real"));
        return LinearProbe.fit(rows, new LinearProbe.Options(fx.get("C").asDouble(), tol, 0, 10000, 10), threads);
    }

    @Test
    void coefficientsProbabilitiesAndAurocMatchScikitLearn() {
        LinearProbe.Model m = fit(1e-10, 1);
        double[][] p = m.predict(testX);
        for (int l = 0; l < fx.get("labels").size(); l++) {
            JsonNode ref = fx.get("labels").get(l);
            LinearProbe.LabelFit f = m.labels().get(l);
            assertThat(f.fitted()).isTrue();
            assertThat(f.positives() + f.negatives()).isEqualTo(ref.get("n_train").asInt());
            double gap = ref.get("gap_to_tight_optimum").asDouble();
            for (int j = 0; j < f.coef().length; j++) {
                assertThat(f.coef()[j]).as("label %d coef %d vs optimum", l, j)
                        .isCloseTo(ref.get("optimum_coef").get(j).asDouble(), within(1e-6));
                assertThat(f.coef()[j]).as("label %d coef %d vs sklearn", l, j)
                        .isCloseTo(ref.get("coef").get(j).asDouble(), within(gap + 1e-6));
            }
            assertThat(f.intercept()).isCloseTo(ref.get("optimum_intercept").asDouble(), within(1e-6));
            assertThat(f.intercept()).isCloseTo(ref.get("intercept").asDouble(), within(gap + 1e-6));
            int known = 0;
            for (byte[] y : testY) {
                known += y[l] == 0 || y[l] == 1 ? 1 : 0;
            }
            double[] s = new double[known];
            boolean[] pos = new boolean[known];
            int k = 0;
            for (int i = 0; i < testY.length; i++) {
                assertThat(p[i][l]).isCloseTo(ref.get("test_proba").get(i).asDouble(), within(1e-4));
                if (testY[i][l] == 0 || testY[i][l] == 1) {
                    s[k] = p[i][l];
                    pos[k++] = testY[i][l] == 1;
                }
            }
            assertThat(Roc.auc(s, pos)).isCloseTo(ref.get("test_auroc").asDouble(), within(1e-6));
        }
    }

    /** 4 x 300 rows as four blocks: 4 chunks of rows, so two threads really split the work. */
    static LinearProbe.Model fitRepeated(int threads) {
        TrainingRows.Block b = new TrainingRows.Block(trainX, all(trainX.n()), trainY, "real");
        return LinearProbe.fit(TrainingRows.of(b, b, b, b), new LinearProbe.Options(1.0, 1e-6, 0, 1000, 10), threads);
    }

    @Test
    void sameBitsForOneAndTwoThreadsAndTheFeaturesAreNotModified() {
        double[] before = trainX.toDoubleArray();
        assertThat(new LinearProbe.Design(TrainingRows.of(new TrainingRows.Block(trainX, all(300), trainY, "real"),
                new TrainingRows.Block(trainX, all(300), trainY, "real"), new TrainingRows.Block(trainX, all(300), trainY,
                "real"), new TrainingRows.Block(trainX, all(300), trainY, "real"))).chunks()).isEqualTo(4);
        LinearProbe.Model one = fitRepeated(1);
        LinearProbe.Model two = fitRepeated(2);
        assertThat(trainX.toDoubleArray()).containsExactly(before);
        for (int l = 0; l < one.labels().size(); l++) {
            assertThat(two.labels().get(l).coef()).containsExactly(one.labels().get(l).coef());
            assertThat(two.labels().get(l).intercept()).isEqualTo(one.labels().get(l).intercept());
        }
    }

    @Test
    void aLabelWithOneClassIsReportedNotFitted() {
        byte[][] y = new byte[trainX.n()][2];
        for (int i = 0; i < y.length; i++) {
            y[i][0] = trainY[i][0];
            y[i][1] = i % 3 == 0 ? Labels.UNCERTAIN : Labels.NEGATIVE;
        }
        LinearProbe.Model m = LinearProbe.fit(TrainingRows.of(new TrainingRows.Block(trainX, all(trainX.n()), y, "real")),
                LinearProbe.Options.defaults(1.0), 1);
        assertThat(m.labels().get(0).fitted()).isTrue();
        assertThat(m.labels().get(1).fitted()).isFalse();
        assertThat(m.labels().get(1).reason()).contains("0 positive");
        assertThat(m.predict(testX)[0][1]).isEqualTo(0.0); // its training positive rate
    }
}
