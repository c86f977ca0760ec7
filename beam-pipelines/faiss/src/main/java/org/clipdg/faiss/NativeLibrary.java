package org.clipdg.faiss;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;
import org.clipdg.faiss.jni.FaissLibrary;

/**
 * Loads the JNI library once. JavaCPP extracts it from the jar into a cache and reuses a cached copy
 * whose name, size and time match, but a reproducible build gives every entry the same time and a
 * changed library may keep its size: so, unless the user chose a cache, ours is named by the
 * library's CRC, and a new library never meets an old copy.
 */
final class NativeLibrary {
    private static final String CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";

    private static boolean loaded;

    private NativeLibrary() {}

    /** Loads the library unless it is loaded: call before touching any class of org.clipdg.faiss.jni. */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        if (System.getProperty(CACHE_PROPERTY) == null) {
            URL library = NativeLibrary.class.getResource("/org/clipdg/faiss/" + Loader.getPlatform() + "/"
                    + System.mapLibraryName("jniclipdgfaiss"));
            if (library != null && library.getProtocol().equals("jar")) {
                try {
                    long crc = ((JarURLConnection) library.openConnection()).getJarEntry().getCrc();
                    System.setProperty(CACHE_PROPERTY, Path.of(System.getProperty("user.home"), ".javacpp", "cache",
                            "clipdg-" + Long.toHexString(crc)).toString());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the FAISS JNI library from " + library, e);
                }
            }
        }
        Loader.load(FaissLibrary.class);
        loaded = true;
    }
}
