package org.newswatch.system.stack;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** A mail the SMTP server received, read the way a person's mail client shows it. */
public record ReceivedMail(String subject, String text, String listUnsubscribe, String listUnsubscribePost) {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"')\\]]+");

    /** Every mail received so far for {@code address}, in arrival order. */
    public static List<ReceivedMail> to(GreenMail smtp, String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(message -> isTo(message, address))
                .map(ReceivedMail::of).toList();
    }

    /** The first link in the text that starts with {@code prefix}. */
    public Optional<String> link(String prefix) {
        Matcher matcher = LINK.matcher(text);
        while (matcher.find()) {
            if (matcher.group().startsWith(prefix)) {
                return Optional.of(matcher.group());
            }
        }
        return Optional.empty();
    }

    /** The text with every run of white space as one space (a mail may wrap a long line anywhere). */
    public String flatText() {
        return flat(text);
    }

    public static String flat(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static ReceivedMail of(MimeMessage message) {
        try {
            return new ReceivedMail(message.getSubject(), plainText(message).orElseThrow(
                    () -> new AssertionError("a mail without a text/plain part: " + subjectOf(message))),
                    message.getHeader("List-Unsubscribe", ", "), message.getHeader("List-Unsubscribe-Post", ", "));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> plainText(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return Optional.of((String) part.getContent());
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    Optional<String> text = plainText(multipart.getBodyPart(i));
                    if (text.isPresent()) {
                        return text;
                    }
                }
            }
            return Optional.empty();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return "?";
        }
    }

    private static boolean isTo(MimeMessage message, String address) {
        try {
            String to = message.getHeader("To", ",");
            return to != null && to.contains(address);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
