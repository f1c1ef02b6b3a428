package org.cxrbench.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** cxrbench's version (from the build) and git commit (passed by the launcher as -Dcxrbench.commit). */
public final class Version {
    private Version() {}

    private static final String VERSION = load();

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/org/cxrbench/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // fall through to "unknown"
        }
        String v = p.getProperty("version", "unknown");
        return v.startsWith("${") ? "unknown" : v;
    }

    public static String version() {
        return VERSION;
    }

    /** Computed on first use: hashing the jar costs a few milliseconds, and only stage caches need it. */
    private static final class Build {
        static final String VALUE = "cxrbench " + version() + " commit " + commit() + " code " + codeHash();
    }

    /**
     * This build's identity, as stored beside each cached stage output: the version, the commit (with "-dirty" when
     * the launcher saw uncommitted changes) and the sha256 of the jar the classes were loaded from ("classes" when
     * they come from a folder, as in the tests). A stage stored by another build is recomputed, not reused.
     */
    public static String build() {
        return Build.VALUE;
    }

    private static String codeHash() {
        try {
            java.security.CodeSource src = Version.class.getProtectionDomain().getCodeSource();
            java.nio.file.Path p = src == null ? null : java.nio.file.Path.of(src.getLocation().toURI());
            return p != null && java.nio.file.Files.isRegularFile(p) ? Hashing.ofFile(p) : "classes";
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    public static String commit() {
        String c = System.getProperty("cxrbench.commit", "");
        return c.isBlank() ? "unknown" : c;
    }
}
