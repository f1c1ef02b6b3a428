package org.cxrbench.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cxrbench.common.BadInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The shared free-text parser on answers of the forms VLMs give under the SynthCheX-75K meta-prompt (the four
 * options as written in the prompt, with the case, punctuation, markdown, sentence and JSON wrappers that chat models
 * add), and on the answers it must refuse.
 */
class VerdictParserTest {
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "High Quality|high",
            "High Quality.|high",
            "high quality|high",
            "HIGH QUALITY!|high",
            "**High Quality**|high",
            "'  High Quality\n'|high",
            "The image is of High Quality|high",
            "The image is of High Quality.|high",
            "Answer: High Quality|high",
            "### High Quality|high",
            "`high`|high",
            "High-Quality|high",
            "'\"High Quality\"'|high",
            "high|high",
            "Medium Quality|medium",
            "medium|medium",
            "Medium quality.|medium",
            "_Medium Quality_|medium",
            "Quality: medium|medium",
            "Low Quality|low",
            "**low quality**|low",
            "Low quality.|low",
            "LOW|low",
            "> Low Quality|low",
            "Not Relevant|not-relevant",
            "Not relevant.|not-relevant",
            "Not relevant to the description|not-relevant",
            "NOT RELEVANT|not-relevant",
            "not-relevant|not-relevant",
            "not_relevant|not-relevant",
            "**Not Relevant**|not-relevant",
            "Irrelevant|not-relevant",
            "The image is not relevant to the description.|not-relevant",
            "'{\"verdict\": \"High Quality\"}'|high",
            "'{\"quality\": \"low\", \"reason\": \"blurred, high noise\"}'|low",
            "'{\"answer\":\"Not Relevant\"}'|not-relevant",
            "'```json\n{\"verdict\": \"Medium Quality\"}\n```'|medium",
            "'{\"verdict\": \"High Quality\"'|high",
            "'\"Low Quality\"'|low",
            "'High Quality, though it is not Low Quality'|high",
            "'Medium Quality; neither high nor low'|medium",
            "'Low quality, not of high quality.'|low",
    })
    void readsRealWorldVariants(String answer, String expected) {
        assertThat(VerdictParser.parse(answer).key()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] refuses {0}")
    @ValueSource(strings = {
            "",
            "   ",
            "I cannot assess this image.",
            "Good quality",
            "High or Medium Quality",
            "Medium-High",
            "Not relevant, and of low quality",
            "The image is not of high quality",
            "It is not high quality",
            "low noise, high quality",
            "{\"verdict\": \"\"}",
            "{\"verdict\": \"excellent\"}",
    })
    void refusesAnythingElse(String answer) {
        assertThatThrownBy(() -> VerdictParser.parse(answer)).isInstanceOf(VerdictParser.UnparseableAnswerException.class);
    }

    @Test
    void errorsSayWhyAndWhere() {
        assertThatThrownBy(() -> VerdictParser.parse("High or Low", "labels.csv:7", "fix it"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("labels.csv:7").hasMessageContaining("ambiguous").hasMessageContaining("high and low");
        assertThatThrownBy(() -> VerdictParser.parse("", "labels.csv:3", "fix it"))
                .hasMessageContaining("labels.csv:3").hasMessageContaining("empty answer");
    }

    @Test
    void verdictKeysRoundTrip() {
        for (Verdict v : Verdict.values()) {
            assertThat(Verdict.ofKey(v.key())).isEqualTo(v);
            if (v != Verdict.UNJUDGED) { // a record of no answer, never a judge's answer
                assertThat(VerdictParser.parse(v.key())).isEqualTo(v);
            }
        }
        assertThatThrownBy(() -> VerdictParser.parse("unjudged")).isInstanceOf(VerdictParser.UnparseableAnswerException.class);
        assertThatThrownBy(() -> Verdict.ofKey("great")).isInstanceOf(BadInputException.class);
    }
}
