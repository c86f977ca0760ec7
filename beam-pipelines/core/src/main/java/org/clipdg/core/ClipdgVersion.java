package org.clipdg.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of clipdg that wrote an output, from the build. */
public final class ClipdgVersion {
    private static final String VERSION = load();

    private ClipdgVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ClipdgVersion.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
