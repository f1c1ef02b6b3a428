package org.cxrbench.phantom;

import static org.cxrbench.phantom.Renderer.airspacePatch;
import static org.cxrbench.phantom.Renderer.clamp01;
import static org.cxrbench.phantom.Renderer.hyp;
import static org.cxrbench.phantom.Renderer.radialVessels;
import static org.cxrbench.phantom.Renderer.spokes;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One study being rendered by {@link Renderer#render}: the geometry drawn once per study (the findings' places, in
 * the order they are drawn from the study's seeded stream), the masks being filled, and the shading of one pixel as
 * a fixed sequence of steps (body, lungs, aortic knob, heart, mediastinum, abdomen, ribs, findings in the lung
 * fields, support devices), each step reading the pixel's shared geometry from this object's per-pixel fields.
 * Single-threaded and used once; plain double arithmetic in the renderer's original order, so the pixels are the
 * same bits as before the split (RendererPinnedTest).
 */
final class Scene {
    final Study s;
    final Anatomy a;
    final int size;
    final int n;
    final float[] px;
    final byte[] left;
    final byte[] right;
    final byte[] heart;
    final Map<Finding, byte[]> fm = new EnumMap<>(Finding.class);
    final boolean cardio;
    final SplittableRandom rnd;
    private final boolean wideMediastinum;
    private final double heartHalf;
    private final double cx;
    // finding geometry, drawn once per study
    private final double lesX;
    private final double lesY;
    private final double lesR;
    private final double conX;
    private final double conY;
    private final double effLevel;
    private final boolean ptxRight;
    private final double ptxDepth;
    private final double pnaX;
    private final double pnaY;
    private final double ateY;
    private final double fxAdx;
    private final int fxRib;
    private final boolean fxLeft;
    private final long tex;
    private final double[] spokesL;
    private final double[] spokesR;
    private final Renderer.VesselTable vt;
    private final double[] ribCos;
    private final double ribPhase;
    // the current pixel's geometry, set by shade() before its steps run
    private int xi;
    private int yi;
    private double x;
    private double y;
    private double dx;
    private double adx;
    private int idx;
    private double body;
    private boolean imageLeft;
    private double domeBase;
    private double inLungX;
    private double dome;
    private boolean inLung;
    private double hx;
    private double hy;
    private boolean inHeart;

    Scene(Study s, int size) {
        this.s = s;
        this.a = s.anatomy();
        this.size = size;
        this.n = size * size;
        px = new float[n];
        left = new byte[n];
        right = new byte[n];
        heart = new byte[n];
        cardio = s.findings().contains(Finding.CARDIOMEGALY);
        wideMediastinum = s.findings().contains(Finding.ENLARGED_CARDIOMEDIASTINUM);
        heartHalf = cardio ? a.thoraxHalfWidth() * 0.62 : a.heartHalfWidth();
        cx = 0.5 + s.shiftX();
        rnd = new SplittableRandom(s.noiseSeed());
        lesX = 0.5 + (rnd.nextBoolean() ? -1 : 1) * (a.lungHalfGap() + a.lungWidth() * (0.3 + 0.4 * rnd.nextDouble()));
        lesY = a.lungTop() + (a.lungBottom() - a.lungTop()) * (0.25 + 0.4 * rnd.nextDouble());
        lesR = 0.025 + 0.03 * rnd.nextDouble();
        conX = 0.5 + (rnd.nextBoolean() ? -1 : 1) * (a.lungHalfGap() + a.lungWidth() * 0.5);
        conY = a.lungTop() + (a.lungBottom() - a.lungTop()) * (0.5 + 0.3 * rnd.nextDouble());
        effLevel = a.lungBottom() - (0.08 + 0.1 * rnd.nextDouble());
        ptxRight = rnd.nextBoolean();
        ptxDepth = 0.05 + 0.05 * rnd.nextDouble();
        pnaX = 0.5 - (a.lungHalfGap() + a.lungWidth() * 0.45);   // pneumonia: patient's right lower zone
        pnaY = a.lungTop() + (a.lungBottom() - a.lungTop()) * 0.72;
        ateY = a.lungTop() + (a.lungBottom() - a.lungTop()) * (0.55 + 0.2 * rnd.nextDouble());
        // the broken rib: one of those crossing the lung field at the break's x, so the break is always drawn
        fxAdx = a.lungHalfGap() + a.lungWidth() * 0.75;
        double fxCurve = 0.06 * StrictMath.cos(Math.PI * clamp01(fxAdx / a.thoraxHalfWidth()));
        int ribLo = (int) Math.floor((a.lungTop() + 0.1 - fxCurve) / a.ribSpacing() + a.ribPhase()) + 1;
        int ribHi = (int) Math.floor((a.lungBottom() - 0.12 - fxCurve) / a.ribSpacing() + a.ribPhase());
        fxRib = ribLo + rnd.nextInt(Math.max(1, ribHi - ribLo + 1));
        fxLeft = rnd.nextBoolean();
        tex = a.textureSeed();
        spokesL = spokes(tex + 1);
        spokesR = spokes(tex + 2);
        vt = new Renderer.VesselTable(tex, size, s.shiftY());
        ribCos = new double[size]; // the rib curve's horizontal term depends on the column only
        for (int xi = 0; xi < size; xi++) {
            double adx0 = Math.abs((xi + 0.5) / size - cx);
            ribCos[xi] = 0.06 * StrictMath.cos(Math.PI * clamp01(adx0 / a.thoraxHalfWidth()));
        }
        ribPhase = a.ribPhase();
    }

    private void mark(Finding f) {
        fm.computeIfAbsent(f, k -> new byte[n])[idx] = 1;
    }

    private boolean has(Finding f) {
        return s.findings().contains(f);
    }

    /** The pixel's value before exposure and noise, filling the masks it belongs to. */
    double shade(int xi, int yi) {
        this.xi = xi;
        this.yi = yi;
        y = (yi + 0.5) / size - s.shiftY();
        x = (xi + 0.5) / size;
        dx = x - cx;
        adx = Math.abs(dx);
        idx = yi * size + xi;
        // body: soft tissue ellipse
        body = (dx * dx) / (a.bodyHalfWidth() * a.bodyHalfWidth()) + ((y - 0.55) * (y - 0.55)) / (0.62 * 0.62);
        double v = body < 1 ? 0.42 + 0.08 * Math.sqrt(Math.max(0, 1 - body)) : 0.04;
        locate();
        v = lungField(v);
        v = aorticKnob(v);
        if (inHeart && body < 1 && y < domeBase + 0.02) {
            v = Math.max(v, 0.62 + 0.05 * (1 - hx * hx - hy * hy));
            heart[idx] = 1;
        }
        v = mediastinum(v);
        // below the diaphragm: abdomen
        if (body < 1 && !inLung && inLungX > -0.1 && y >= dome) {
            v = Math.max(v, 0.55);
        }
        v = ribs(v);
        if (inLung) {
            v = lungFindings(v);
        }
        return supportDevices(v);
    }

    /** The diaphragm, the lung fields and the heart's ellipse at the current pixel. */
    private void locate() {
        // diaphragm dome height at this x (higher on the patient's right = image left)
        imageLeft = dx < 0;
        domeBase = a.lungBottom() + (imageLeft ? -0.015 : 0.0);
        inLungX = (adx - a.lungHalfGap()) / a.lungWidth(); // 0 at medial edge, 1 at lateral edge
        dome = domeBase - a.diaphragmDome() * StrictMath.sin(Math.PI * clamp01(inLungX));
        double medialEdge = wideMediastinum && y < a.heartTop() ? 0.05 / a.lungWidth() : 0;
        inLung = body < 1 && inLungX > medialEdge && inLungX < 1 && y > a.lungTop() + 0.06 * inLungX * inLungX
                && y < dome + 0.04 * inLungX * inLungX * inLungX; // costophrenic angle reaches lower laterally
        // heart: an oblique ellipse (long axis tilted down toward the patient's left, the image right), its
        // apex on the left hemidiaphragm and a smaller right border bulging past the spine
        double hcy = (a.heartTop() + domeBase) / 2 + 0.01;
        double ux = dx - a.heartCenterX();
        double uy = y - hcy;
        double tilt = 0.45;
        double rx = ux * Math.cos(tilt) - uy * Math.sin(tilt);
        double ry = ux * Math.sin(tilt) + uy * Math.cos(tilt);
        hx = rx / heartHalf;
        hy = ry / ((domeBase - a.heartTop()) / 2 * 0.9);
        inHeart = hx * hx + hy * hy < 1;
    }

    private void setLung(byte value) {
        if (imageLeft) {
            left[idx] = value;
        } else {
            right[idx] = value;
        }
    }

    /** Lung texture, hila and a pneumothorax's rim where the lung is not behind the heart. */
    private double lungField(double v) {
        if (inLung && !inHeart) {
            double hilX = cx + (imageLeft ? -1 : 1) * (a.lungHalfGap() + 0.03);
            double vessels = 0.55 * vt.at(xi, yi, 1 - inLungX)
                    + radialVessels(x - hilX, y - (a.heartTop() + 0.02), imageLeft ? spokesL : spokesR);
            // hila: denser vessels and bronchi where they enter the lungs, fading within a few cm
            double hil = hyp((inLungX - 0.05) / 0.35, (y - (a.heartTop() + 0.02)) / 0.12);
            v = 0.14 + 0.10 * vessels + (hil < 1 ? 0.12 * (1 - hil) * (1 - hil) : 0);
            setLung((byte) 1);
            // pneumothorax: lateral rim with no markings, a thin visceral pleural line
            if (has(Finding.PNEUMOTHORAX) && (ptxRight != imageLeft) && inLungX > 1 - ptxDepth * 4
                    && y < a.lungTop() + (a.lungBottom() - a.lungTop()) * 0.6) {
                v = inLungX < 1 - ptxDepth * 4 + 0.03 ? 0.32 : 0.07;
                mark(Finding.PNEUMOTHORAX);
            }
        } else if (inLung) {
            setLung((byte) 1);
        }
        return v;
    }

    /** The aortic knob: the arch bulging to the patient's left above the heart. */
    private double aorticKnob(double v) {
        double knob = hyp((dx - (a.lungHalfGap() + 0.012)) / 0.03, (y - (a.heartTop() - 0.06)) / 0.025);
        if (knob < 1 && body < 1) {
            v = Math.max(v, 0.6);
            if (inLung) {
                setLung((byte) 0);
            }
        }
        return v;
    }

    /**
     * Mediastinum and spine, with the trachea as a dark air column in the neck and upper chest; vertebral bodies show
     * as a slightly denser column interrupted by disc spaces.
     */
    private double mediastinum(double v) {
        double halfGap = a.lungHalfGap() + (wideMediastinum && y < a.heartTop() ? 0.05 : 0);
        boolean inMediastinum = adx < halfGap + 0.01 && y > 0.05 && y < domeBase;
        if (inMediastinum && !inHeart) {
            v = Math.max(v, 0.56);
            if (adx < 0.035) {
                double disc = ((y - 0.02) / 0.045) % 1.0;
                v += disc < 0.18 ? -0.03 : 0.03;
            }
            if (adx < 0.014 && y < a.heartTop() - 0.05) {
                v = 0.34;
            }
            if (wideMediastinum && adx > a.lungHalfGap() + 0.01) {
                mark(Finding.ENLARGED_CARDIOMEDIASTINUM);
            }
        }
        return v;
    }

    /** Ribs: curved bright bands inside the thorax (a fracture interrupts one), clavicles near the apex. */
    private double ribs(double v) {
        if (body < 1 && adx < a.thoraxHalfWidth() + 0.03 && y > 0.1 && y < domeBase) {
            double curve = y - ribCos[xi];
            double phase = (curve / a.ribSpacing() + ribPhase) % 1.0;
            int ribNo = (int) Math.floor(curve / a.ribSpacing() + ribPhase);
            boolean gap = has(Finding.FRACTURE) && ribNo == fxRib && (dx < 0) == fxLeft && Math.abs(adx - fxAdx) < 0.012;
            if (phase < 0.22 && adx > a.lungHalfGap() * 0.6) {
                if (gap) {
                    mark(Finding.FRACTURE); // a cortical break: the rib is interrupted here
                } else {
                    v += 0.10 * (1 - Math.abs(phase - 0.11) / 0.11);
                }
            }
            double clav = y - (a.lungTop() - 0.02 + 0.08 * adx);
            if (Math.abs(clav) < 0.012 && adx < a.thoraxHalfWidth() * 0.8 && adx > 0.03) {
                v += 0.15;
            }
        }
        return v;
    }

    /** Findings in the lung fields: lesion, consolidation, pneumonia, edema, atelectasis, effusion. */
    private double lungFindings(double v) {
        if (has(Finding.LUNG_LESION)) {
            double r = hyp(x - lesX - s.shiftX(), y - lesY) / lesR;
            if (r < 1) {
                v = Math.max(v, 0.45 + 0.15 * Math.sqrt(1 - r * r));
                mark(Finding.LUNG_LESION);
            }
        }
        if (has(Finding.CONSOLIDATION)) {
            double patch = airspacePatch((x - conX - s.shiftX()) / 0.09, (y - conY) / 0.07, x, y, 2, tex + 7, 0.6);
            if (patch > 0.15) {
                v = Math.max(v, 0.2 + 0.45 * patch);
                mark(Finding.CONSOLIDATION);
            }
        }
        if (has(Finding.PNEUMONIA)) {
            double patch = airspacePatch((x - pnaX - s.shiftX()) / 0.08, (y - pnaY) / 0.08, x, y, 3, tex + 11, 0.5);
            if (patch > 0.12) {
                v = Math.max(v, 0.22 + 0.5 * patch);
                mark(Finding.PNEUMONIA);
            }
        }
        if (has(Finding.EDEMA)) {
            // bilateral perihilar (bat-wing) haze, fading laterally
            double haze = Math.max(0, 1 - inLungX * 1.6) * Math.max(0, 1 - Math.abs(y - a.heartTop()) / 0.25);
            if (haze > 0.05) {
                v += 0.18 * haze;
                mark(Finding.EDEMA);
            }
        }
        if (has(Finding.ATELECTASIS) && !imageLeft) {
            // plate-like band in the patient's left lower zone
            if (Math.abs(y - ateY - 0.04 * (inLungX - 0.5)) < 0.012 && inLungX > 0.15 && inLungX < 0.85) {
                v = Math.max(v, 0.48);
                mark(Finding.ATELECTASIS);
            }
        }
        if (has(Finding.PLEURAL_EFFUSION) && !imageLeft) {
            // meniscus: fluid climbs laterally
            double level = effLevel - 0.05 * inLungX * inLungX;
            if (y > level) {
                v = Math.max(v, 0.56);
                mark(Finding.PLEURAL_EFFUSION);
            }
        }
        return v;
    }

    /** A line from the right neck into the superior vena cava, and a round pacemaker can. */
    private double supportDevices(double v) {
        if (has(Finding.SUPPORT_DEVICES)) {
            double lineX = cx - 0.12 + 0.1 * clamp01((y - 0.05) / 0.35);
            if (y > 0.05 && y < 0.4 && Math.abs(x - lineX) < 0.006) {
                v = 0.95;
                mark(Finding.SUPPORT_DEVICES);
            }
            if (hyp((x - (cx + 0.25)) / 0.05, (y - 0.2) / 0.035) < 1) {
                v = 0.97;
                mark(Finding.SUPPORT_DEVICES);
            }
        }
        return v;
    }
}
