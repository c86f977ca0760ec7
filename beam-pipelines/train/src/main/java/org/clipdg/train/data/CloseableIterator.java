package org.clipdg.train.data;

import java.util.Iterator;

/** An iterator holding open shards or threads; close it when abandoning it before its end. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    @Override
    void close();
}
