package org.clipdg.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Points DJL at the PyTorch natives declared in the build, offline, before its engine starts:
 * without this DJL would try to download natives at run time. Every step that trains with DJL
 * calls it first.
 */
public final class DjlSetup {
    private DjlSetup() {}

    /** @param threads PyTorch's intra-op threads (inter-op: one) */
    public static void configure(int threads) {
        Properties build = new Properties();
        try (InputStream in = DjlSetup.class.getResourceAsStream("djl.properties")) {
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("PYTORCH_VERSION", build.getProperty("pytorch.version"));
        setIfAbsent("PYTORCH_FLAVOR", build.getProperty("pytorch.flavor"));
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }
}
