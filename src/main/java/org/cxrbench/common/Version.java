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

    public static String commit() {
        String c = System.getProperty("cxrbench.commit", "");
        return c.isBlank() ? "unknown" : c;
    }
}
