package org.cxrbench.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The feature cache options of the commands that encode images: {@code --cache DIR} and {@code --no-cache}. */
public final class CacheOptions {
    @Mixin CacheFolderOption folder;

    @Option(names = "--no-cache", description = "Encode images without reading or writing the feature cache.")
    boolean noCache;

    /** The feature cache to use, or null with --no-cache. */
    public org.cxrbench.encode.FeatureCache featureCache() {
        return noCache ? null : folder.open();
    }
}
