package org.clipdg.faiss;

import java.util.function.Supplier;

/** Calls into the JNI library, with C++ exceptions surfacing as {@link FaissException}. */
final class NativeCalls {

    private NativeCalls() {}

    static void run(Runnable call) {
        get(() -> {
            call.run();
            return null;
        });
    }

    static <T> T get(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            // JavaCPP rethrows every std::exception (faiss::FaissException included) as a plain
            // RuntimeException carrying what(); its subclasses come from Java code, not from FAISS.
            if (e.getClass() == RuntimeException.class) {
                throw new FaissException(e.getMessage(), e);
            }
            throw e;
        }
    }
}
