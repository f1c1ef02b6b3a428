package org.cxrbench.encode;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cxrbench.common.BadInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model file without its preset is one line that names the fix in both places an encoder is given: the command
 * line's --preset, and a config's {@code encoder: FILE@PRESET} (a config has no --preset; configs/synthchex-mimic.yaml
 * suggested a bare model file, which stopped with "give --preset").
 */
class EncoderPresetMessageTest {
    @ParameterizedTest
    @ValueSource(strings = {"../models/raddino.onnx", "model.pt"})
    void aModelFileWithoutItsPresetNamesBothForms(String file) {
        assertThatThrownBy(() -> Encoders.get(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("give --preset inception-v3-fid|")
                .hasMessageContaining("(in a config: encoder: " + file + "@PRESET)");
    }
}
