package org.newswatch.alert.subscription;

/** A list cursor that this service did not make. */
public class InvalidCursorException extends RuntimeException {

    public InvalidCursorException(String cursor) {
        super("cursor " + cursor + " is not a cursor this service gave out; start again without one");
    }
}
