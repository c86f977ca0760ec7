package org.clipdg.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The version of clipdg that wrote an output, and of the libraries it was built with, from the build. */
public final class ClipdgVersion {
    private static final Properties BUILD = load();
    private static final String VERSION = BUILD.getProperty("version");

    private ClipdgVersion() {}

    public static String get() {
        return VERSION;
    }

    /**
     * sha256 of the jar this code runs from: the identity of the exact build (the jar is built
     * reproducibly), or "unpackaged-" + the version when running from class folders (tests).
     */
    public static String codeSha256() throws IOException {
        try {
            Path location = Path.of(ClipdgVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? Hashing.sha256(location) : "unpackaged-" + VERSION;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return "unpackaged-" + VERSION;
        }
    }

    /** Versions of the libraries the build resolved: Apache Beam, ONNX Runtime, DJL, PyTorch, JavaCPP, Avro. */
    public static Map<String, String> libraries() {
        Map<String, String> versions = new TreeMap<>();
        BUILD.stringPropertyNames().stream().filter(name -> !name.equals("version"))
                .forEach(name -> versions.put(name, BUILD.getProperty(name)));
        return versions;
    }

    private static Properties load() {
        try (InputStream in = ClipdgVersion.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
