package org.newswatch.collector.feed;

/** The registry's database could not answer. */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RegistryException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
