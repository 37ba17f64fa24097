package org.newswatch.alert.testing;

import java.io.IOException;
import java.util.Optional;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Reads the parts and headers of a received mail. */
public final class Mails {

    private Mails() {
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(MimeMessage message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? null : String.join("\n", values);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message's {@code text/plain} part (or its body, when it is not multipart). */
    public static String text(MimeMessage message) {
        return part(message, "text/plain").orElseThrow(() -> new AssertionError("no text/plain part"));
    }

    /** The message's {@code text/html} part. */
    public static String html(MimeMessage message) {
        return part(message, "text/html").orElseThrow(() -> new AssertionError("no text/html part"));
    }

    public static boolean isMultipartAlternative(MimeMessage message) {
        try {
            return message.isMimeType("multipart/alternative") || message.getContent() instanceof Multipart multipart
                    && multipart.getContentType().toLowerCase().startsWith("multipart/alternative");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return Optional.of((String) part.getContent());
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    Optional<String> found = part(child, type);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
