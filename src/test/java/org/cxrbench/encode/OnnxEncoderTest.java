package org.cxrbench.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.cxrbench.common.BadInputException;
import org.cxrbench.data.Fixtures;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cxrbench's ONNX path (decoding, each preset's resize, crop and normalisation, ONNX Runtime, output selection)
 * against PyTorch on the same tiny models and images: src/test/resources/onnx/make_models.py made the models and
 * reference.json with torch 1.13, writing each preset's preprocessing from its definition.
 */
class OnnxEncoderTest {
    @TempDir Path dir;

    static Path res(String name) throws Exception {
        return Path.of(OnnxEncoderTest.class.getResource("/onnx/" + name).toURI());
    }

    @Test
    void everyPresetMatchesPyTorchWithin1e5() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(res("reference.json").toFile());
        Map<String, String> models = Map.of("inception-v3-fid", "conv299.onnx", "dinov2", "tokens224.onnx",
                "clip", "tokens224.onnx", "raddino", "tokens518.onnx");
        for (var e : models.entrySet()) {
            OnnxEncoder enc = new OnnxEncoder(res(e.getValue()), Preset.named(e.getKey()));
            for (String img : new String[] {"img_a.png", "img_b.png"}) {
                GreyImage g = ImageDecoder.decode(res(img));
                double[] got = enc.encode(g);
                JsonNode want = ref.get(img).get(e.getKey());
                assertThat(got).as(e.getKey() + " " + img).hasSize(want.size());
                for (int i = 0; i < got.length; i++) {
                    assertThat(Math.abs(got[i] - want.get(i).asDouble())).as(e.getKey() + " " + img + " [" + i + "]")
                            .isLessThan(1e-5);
                }
            }
            assertThat(enc.dimension()).isEqualTo(8);
            enc.close();
        }
    }

    @Test
    void torchScriptThroughDjlMatchesPyTorchWithin1e5() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(res("reference.json").toFile());
        Map<String, String> models = Map.of("inception-v3-fid", "conv299.pt", "dinov2", "tokens224.pt");
        for (var e : models.entrySet()) {
            TorchScriptEncoder enc = new TorchScriptEncoder(res(e.getValue()), Preset.named(e.getKey()));
            for (String img : new String[] {"img_a.png", "img_b.png"}) {
                double[] got = enc.encode(ImageDecoder.decode(res(img)));
                JsonNode want = ref.get(img).get(e.getKey());
                for (int i = 0; i < got.length; i++) {
                    assertThat(Math.abs(got[i] - want.get(i).asDouble())).as(e.getKey() + " " + img + " [" + i + "]")
                            .isLessThan(1e-5);
                }
            }
            enc.close();
        }
        Path junk = Fixtures.text(dir.resolve("junk.pt"), "not torchscript");
        assertThatThrownBy(() -> new TorchScriptEncoder(junk, Preset.named("clip"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("junk.pt");
        // a one-channel preset on a model traced for three channels cannot run
        assertThatThrownBy(() -> new TorchScriptEncoder(res("conv299.pt"), Preset.named("xrv-densenet121")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("conv299.pt").hasMessageContaining("preset");
    }

    @Test
    void sixteenBitInputKeepsItsPrecisionThroughThePreset() throws Exception {
        GreyImage g = ImageDecoder.decode(res("img_b.png"));
        assertThat(g.bitDepth()).isEqualTo(16);
        float[] t = Preset.named("dinov2").tensor(g);
        assertThat(t.length).isEqualTo(3 * 224 * 224);
        // the same image rounded to 8 bits must give a different tensor (the preset kept the 16-bit levels), but
        // only by the rounding: at most half an 8-bit step (0.5/255) per pixel, divided by ImageNet's smallest
        // std (0.225), and the bicubic kernel's overshoot (its weights' absolute sum is below 1.3)
        float[] rounded = g.pixels().clone();
        for (int i = 0; i < rounded.length; i++) {
            rounded[i] = Math.round(rounded[i] * 255f) / 255f;
        }
        float[] t8 = Preset.named("dinov2").tensor(new GreyImage(g.width(), g.height(), rounded, 8));
        double maxDiff = 0;
        for (int i = 0; i < t.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(t[i] - t8[i]));
        }
        assertThat(maxDiff).isGreaterThan(0).isLessThan(1.3 * 0.5 / 255 / 0.225);
    }

    @Test
    void badModelsAndMismatchedPresetsAreBadInput() throws Exception {
        Path notOnnx = Fixtures.text(dir.resolve("model.onnx"), "this is not a model");
        assertThatThrownBy(() -> new OnnxEncoder(notOnnx, Preset.named("dinov2"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("model.onnx").hasMessageContaining("not a loadable ONNX model");
        assertThatThrownBy(() -> new OnnxEncoder(res("conv299.onnx"), Preset.named("dinov2")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("does not match preset dinov2");
        assertThatThrownBy(() -> new OnnxEncoder(res("conv299.onnx"), Preset.named("xrv-densenet121")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> Preset.named("resnet")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> new OnnxEncoder(dir.resolve("none.onnx"), Preset.named("clip")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not found");
    }

    @Test
    void fingerprintCarriesTheModelHashAndPreset() throws Exception {
        OnnxEncoder a = new OnnxEncoder(res("tokens224.onnx"), Preset.named("dinov2"));
        OnnxEncoder b = new OnnxEncoder(res("tokens224.onnx"), Preset.named("clip"));
        assertThat(a.fingerprint()).contains("sha256:").contains("preset=dinov2");
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    }
}
