package org.cxrbench.cli;

import picocli.CommandLine.Option;

/** {@code --cache DIR}: the feature cache folder (commands that encode, and {@code cache ls/gc}). */
public final class CacheFolderOption {
    @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache folder (default: $CXRBENCH_CACHE or ~/.cache/cxrbench/features).")
    java.nio.file.Path cache;

    public org.cxrbench.encode.FeatureCache open() {
        return new org.cxrbench.encode.FeatureCache(cache != null ? cache : org.cxrbench.encode.FeatureCache.defaultRoot());
    }
}
