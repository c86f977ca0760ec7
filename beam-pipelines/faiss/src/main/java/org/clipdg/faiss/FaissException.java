package org.clipdg.faiss;

/** An error raised inside FAISS (a C++ exception); the message is FAISS's own. */
public class FaissException extends RuntimeException {

    public FaissException(String message) {
        super(message);
    }

    public FaissException(String message, Throwable cause) {
        super(message, cause);
    }
}
