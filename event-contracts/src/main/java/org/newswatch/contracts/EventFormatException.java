package org.newswatch.contracts;

/** A record that is not a valid event of the expected kind; the message says what is wrong and where. */
public class EventFormatException extends RuntimeException {

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    public EventFormatException(String message) {
        super(message);
    }
}
