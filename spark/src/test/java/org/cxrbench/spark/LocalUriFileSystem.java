package org.cxrbench.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A Hadoop file system of scheme {@code lfs://} over the local disk (registered for the tests in
 * META-INF/services/org.apache.hadoop.fs.FileSystem): a URI that is not {@code file://} and that only Hadoop's
 * FileSystem API can open, so the store and the image reader are shown to take that route, as they do for
 * {@code hdfs://} and {@code s3a://}.
 */
public final class LocalUriFileSystem extends RawLocalFileSystem {
    static final String SCHEME = "lfs";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }
}
