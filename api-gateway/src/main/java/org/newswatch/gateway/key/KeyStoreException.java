package org.newswatch.gateway.key;

/** The key table could not be read or written (the database is down, say); callers answer 503. */
public class KeyStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
