package org.cxrbench.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.cxrbench.Shared;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.NihReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builtin judge on real NIH ChestX-ray14 images (../shared; skipped when absent): calibrated on one half of the
 * patients of the 256 px sample, it judges the other half's images as if a generator had made them from their own
 * labels (goal: at least 95% kept), and non-radiographs the test draws itself: pages of text, charts, colour
 * "photos" (smooth random scenes with noise) and icon-like drawings (goal: at least 95% not-relevant).
 * We acknowledge the NIH Clinical Center (https://nihcc.app.box.com/v/ChestXray-NIHCC); Wang et al., ChestX-ray8,
 * CVPR 2017.
 */
class NihBuiltinJudgeTest {
    @TempDir Path dir;

    @Test
    void keepsHeldOutRealImagesAndRejectsNonRadiographs() throws Exception {
        Path nih = Shared.require("data/nih-cxr14/nih621_256");
        Manifest all = NihReader.read(nih, false).manifest().withImageHashes();
        List<org.cxrbench.data.ManifestRecord> cal = new ArrayList<>();
        List<org.cxrbench.data.ManifestRecord> held = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            var r = all.get(i).withPath(all.imagePath(i).toString());
            // patient-disjoint halves: one image per patient in this sample, split by the patient id's parity
            (Long.parseLong(r.patientId()) % 2 == 0 ? cal : held).add(r);
        }
        Manifest mCal = new Manifest(cal, nih);
        Manifest mHeld = new Manifest(held, nih);
        BuiltinJudge judge = BuiltinJudge.calibrate(mCal, 0.02, 2, System.err);
        Map<Verdict, Integer> real = new EnumMap<>(Verdict.class);
        for (int i = 0; i < mHeld.size(); i++) {
            BuiltinMeasures m = judge.measure(ImageDecoder.decode(mHeld.imagePath(i)));
            real.merge(judge.decide(judge.z(m, BuiltinMeasures.requested(mHeld.get(i)))).verdict(), 1, Integer::sum);
        }
        int kept = real.getOrDefault(Verdict.HIGH, 0) + real.getOrDefault(Verdict.MEDIUM, 0);
        Map<Verdict, Integer> non = new EnumMap<>(Verdict.class);
        List<Path> drawn = nonRadiographs(dir.resolve("non"), 25);
        for (Path p : drawn) {
            BuiltinMeasures m = judge.measure(ImageDecoder.decode(p));
            non.merge(judge.decide(judge.z(m, List.of())).verdict(), 1, Integer::sum);
        }
        System.err.printf("NIH held-out real (%d): %s, kept %.3f; drawn non-radiographs (%d): %s%n", mHeld.size(), real,
                (double) kept / mHeld.size(), drawn.size(), non);
        assertThat((double) kept / mHeld.size()).isGreaterThanOrEqualTo(0.95);
        assertThat((double) non.getOrDefault(Verdict.NOT_RELEVANT, 0) / drawn.size()).isGreaterThanOrEqualTo(0.95);
    }

    /** n each of text pages, charts, colour scenes and icon-like drawings, 256 px, seeded. */
    static List<Path> nonRadiographs(Path folder, int n) throws Exception {
        Files.createDirectories(folder);
        List<Path> out = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(11);
        String[] words = {"lorem", "ipsum", "dolor", "sit", "amet", "report", "patient", "results", "figure", "table",
                "the", "of", "and", "chest", "image", "quality", "benchmark", "2024", "page", "section"};
        for (int kind = 0; kind < 4; kind++) {
            for (int i = 0; i < n; i++) {
                BufferedImage img = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                switch (kind) {
                    case 0 -> { // a page of text
                        g.setColor(Color.WHITE);
                        g.fillRect(0, 0, 256, 256);
                        g.setColor(Color.BLACK);
                        int size = 9 + r.nextInt(8);
                        g.setFont(new Font(Font.SERIF, r.nextBoolean() ? Font.PLAIN : Font.BOLD, size));
                        for (int y = 12 + r.nextInt(10); y < 250; y += size + 3) {
                            StringBuilder line = new StringBuilder();
                            while (line.length() < 40) {
                                line.append(words[r.nextInt(words.length)]).append(' ');
                            }
                            g.drawString(line.toString(), 8, y);
                        }
                    }
                    case 1 -> { // a chart
                        g.setColor(Color.WHITE);
                        g.fillRect(0, 0, 256, 256);
                        g.setColor(Color.BLACK);
                        g.drawLine(30, 230, 240, 230);
                        g.drawLine(30, 20, 30, 230);
                        for (int s = 0; s < 1 + r.nextInt(3); s++) {
                            g.setColor(new Color(r.nextInt(200), r.nextInt(200), r.nextInt(200)));
                            g.setStroke(new BasicStroke(1 + r.nextInt(3)));
                            int py = 40 + r.nextInt(180);
                            for (int x = 30; x < 240; x += 10) {
                                int ny = Math.max(20, Math.min(228, py + r.nextInt(31) - 15));
                                if (r.nextBoolean() && s == 0) {
                                    g.fillRect(x + 2, ny, 6, 230 - ny);
                                } else {
                                    g.drawLine(x, py, x + 10, ny);
                                }
                                py = ny;
                            }
                        }
                    }
                    case 2 -> { // a colour scene: sky, ground, blobs, sensor noise
                        Color sky = new Color(80 + r.nextInt(150), 120 + r.nextInt(130), 180 + r.nextInt(76));
                        Color ground = new Color(40 + r.nextInt(120), 60 + r.nextInt(140), 20 + r.nextInt(80));
                        int horizon = 80 + r.nextInt(100);
                        g.setColor(sky);
                        g.fillRect(0, 0, 256, horizon);
                        g.setColor(ground);
                        g.fillRect(0, horizon, 256, 256 - horizon);
                        for (int b = 0; b < 3 + r.nextInt(6); b++) {
                            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
                            int w = 20 + r.nextInt(80);
                            g.fillOval(r.nextInt(230), r.nextInt(230), w, 10 + r.nextInt(80));
                        }
                        for (int y = 0; y < 256; y++) {
                            for (int x = 0; x < 256; x++) {
                                int c = img.getRGB(x, y);
                                int d = (int) (r.nextGaussian() * 6);
                                int red = Math.max(0, Math.min(255, ((c >> 16) & 255) + d));
                                int gr = Math.max(0, Math.min(255, ((c >> 8) & 255) + d));
                                int bl = Math.max(0, Math.min(255, (c & 255) + d));
                                img.setRGB(x, y, (red << 16) | (gr << 8) | bl);
                            }
                        }
                    }
                    default -> { // an icon-like drawing on a flat background
                        g.setColor(r.nextBoolean() ? Color.WHITE : new Color(230, 230, 230));
                        g.fillRect(0, 0, 256, 256);
                        for (int s = 0; s < 1 + r.nextInt(4); s++) {
                            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
                            int x = 30 + r.nextInt(120);
                            int y = 30 + r.nextInt(120);
                            int w = 40 + r.nextInt(100);
                            if (r.nextBoolean()) {
                                g.fillRoundRect(x, y, w, w, 20, 20);
                            } else {
                                g.fillOval(x, y, w, w);
                            }
                        }
                    }
                }
                g.dispose();
                Path p = folder.resolve(String.format("k%d_%02d.png", kind, i));
                ImageIO.write(img, "png", p.toFile());
                out.add(p);
            }
        }
        return out;
    }
}
