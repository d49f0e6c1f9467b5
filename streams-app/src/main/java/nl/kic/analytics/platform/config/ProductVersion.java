package nl.kic.analytics.platform.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, as the build wrote it; replays and reports record it beside their figures. */
public final class ProductVersion {
    private ProductVersion() {
    }

    public static String current() {
        try (InputStream in = ProductVersion.class.getResourceAsStream("/nl/kic/analytics/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
