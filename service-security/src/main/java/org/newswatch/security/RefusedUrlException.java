package org.newswatch.security;

/** A user-given URL that newswatch will not contact, with the reason in words a user can act on. */
public final class RefusedUrlException extends Exception {

    /** Why a URL was refused. */
    public enum Reason {
        MALFORMED,
        UNSUPPORTED_SCHEME,
        UNRESOLVABLE,
        PRIVATE_ADDRESS
    }

    private final Reason reason;

    public RefusedUrlException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
