package org.cxrbench.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.Labels;
import org.cxrbench.data.ManifestRecord;
import org.junit.jupiter.api.Test;

/**
 * Verdicts are cached per image and request: the builtin judge's relevance test and the VLM's prompt read the
 * description, so one image asked for with other labels (a regression seen in the demo: a cached "not-relevant" from a
 * run where the same bytes were requested as another study) must miss the cache.
 */
class FilterCacheKeyTest {
    static ManifestRecord record(String sha, Labels labels, String prompt) {
        return ManifestRecord.builder("x", "x.png").labels(labels).prompt(prompt).sha256(sha).build();
    }

    @Test
    void sameImageWithAnotherRequestHasAnotherKey() {
        byte[] l = Labels.allBlank().toArray();
        l[ChexpertLabel.CARDIOMEGALY.ordinal()] = Labels.POSITIVE;
        Labels cardiomegaly = Labels.of(l);
        String sha = "sha256:" + "ab".repeat(32);
        String a = FilterJob.cacheKey(record(sha, Labels.allBlank(), "No acute process."));
        assertThat(FilterJob.cacheKey(record(sha, Labels.allBlank(), "No acute process."))).isEqualTo(a);
        assertThat(FilterJob.cacheKey(record(sha, cardiomegaly, "No acute process."))).isNotEqualTo(a);
        assertThat(FilterJob.cacheKey(record(sha, Labels.allBlank(), "Enlarged heart."))).isNotEqualTo(a);
        assertThat(FilterJob.cacheKey(record("sha256:" + "cd".repeat(32), Labels.allBlank(), "No acute process.")))
                .isNotEqualTo(a);
    }
}
