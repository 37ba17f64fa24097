package org.newswatch.alert.mail;

/** Words for a failed SMTP send, fit for the delivery log (the address is the subscriber's own, no secret). */
final class SmtpFailures {

    private SmtpFailures() {
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return "SMTP: " + message.replaceAll("\\s+", " ").strip();
    }
}
