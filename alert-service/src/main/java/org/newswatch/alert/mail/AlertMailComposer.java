package org.newswatch.alert.mail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.newswatch.alert.delivery.DeliveryStore;
import org.newswatch.alert.delivery.DueDelivery;
import org.newswatch.alert.delivery.PublicLinks;
import org.newswatch.alert.mail.SignedLinkTokens.Purpose;
import org.newswatch.contracts.ArticleClassified;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Singleton;

/** Writes the alert mails: HTML and plain text from the Qute templates, with the list headers of RFC 2369/8058. */
@Singleton
public class AlertMailComposer {

    private static final int MAX_SUBJECT = 150;
    // Named "UTC" in mails rather than "Z".
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final MailConfig config;
    private final PublicLinks links;
    private final SignedLinkTokens tokens;
    private final Template storyHtml;
    private final Template storyText;
    private final Template digestHtml;
    private final Template digestText;
    private final Template confirmHtml;
    private final Template confirmText;
    private final Template disabledText;

    public AlertMailComposer(MailConfig config, PublicLinks links, SignedLinkTokens tokens,
            @Location("mail/story.html") Template storyHtml, @Location("mail/story.txt") Template storyText,
            @Location("mail/digest.html") Template digestHtml, @Location("mail/digest.txt") Template digestText,
            @Location("mail/confirm.html") Template confirmHtml, @Location("mail/confirm.txt") Template confirmText,
            @Location("mail/subscription-disabled.txt") Template disabledText) {
        this.config = config;
        this.links = links;
        this.tokens = tokens;
        this.storyHtml = storyHtml;
        this.storyText = storyText;
        this.digestHtml = digestHtml;
        this.digestText = digestText;
        this.confirmHtml = confirmHtml;
        this.confirmText = confirmText;
        this.disabledText = disabledText;
    }

    /** One story, sent as soon as it is matched. */
    public Mail story(DueDelivery delivery, Instant now) {
        StoryView story = StoryView.of(delivery.article(), delivery.topics(), UTC,
                links.article(delivery.article().article().id()));
        String unsubscribeUrl = unsubscribeUrl(delivery.subscriberId(), delivery.channelTarget(), now);
        Mail mail = new Mail()
                .setFrom(config.from())
                .addTo(delivery.channelTarget())
                .setSubject(subject("[newswatch] " + story.title()))
                .setHtml(storyHtml.data("story", story).data("subscriptionName", delivery.name())
                        .data("unsubscribeUrl", unsubscribeUrl).render())
                .setText(storyText.data("story", story).data("subscriptionName", delivery.name())
                        .data("unsubscribeUrl", unsubscribeUrl).render());
        // The same delivery always has the same Message-ID, so a client can fold a resent copy into the first.
        mail.addHeader("Message-ID", "<delivery-" + delivery.id() + "@" + config.listDomain() + ">");
        return withListHeaders(mail, delivery.subscriberId(), unsubscribeUrl);
    }

    /** The stories of one digest, grouped by topic. */
    public Mail digest(UUID subscriptionId, UUID subscriberId, String name, String address, List<String> watchedTopics,
            ZoneId zone,
            Instant from, Instant to, List<ArticleClassified> articles, Instant now) {
        List<StoryView> stories = articles.stream()
                .map(article -> StoryView.of(article, watchedTopics, zone, links.article(article.article().id())))
                .toList();
        String unsubscribeUrl = unsubscribeUrl(subscriberId, address, now);
        String period = (from == null ? "until " : StoryView.formatTime(from, zone) + " to ")
                + StoryView.formatTime(to, zone);
        DigestView digest = DigestView.of(name, period, stories, watchedTopics, unsubscribeUrl);
        Mail mail = new Mail()
                .setFrom(config.from())
                .addTo(address)
                .setSubject(subject("[newswatch] " + stories.size() + (stories.size() == 1 ? " story" : " stories")
                        + " for " + name))
                .setHtml(digestHtml.data("digest", digest).render())
                .setText(digestText.data("digest", digest).render());
        mail.addHeader("Message-ID", "<digest-" + subscriptionId + "-" + to.getEpochSecond() + "@"
                + config.listDomain() + ">");
        return withListHeaders(mail, subscriberId, unsubscribeUrl);
    }

    /** The double opt-in mail for an address; its link confirms the address with this nonce only. */
    public Mail confirmation(UUID subscriberId, String address, String nonce, Instant now) {
        Instant validUntil = now.plus(config.confirmationValidity());
        String token = tokens.issue(Purpose.CONFIRM, subscriberId, validUntil, confirmationBinding(address, nonce));
        String confirmUrl = links.publicUrl("/api/v1/confirm?token=" + token);
        String until = StoryView.formatTime(validUntil, UTC);
        return new Mail()
                .setFrom(config.from())
                .addTo(address)
                .setSubject("Confirm your newswatch alerts")
                .setHtml(confirmHtml.data("address", address).data("confirmUrl", confirmUrl).data("validUntil", until)
                        .render())
                .setText(confirmText.data("address", address).data("confirmUrl", confirmUrl).data("validUntil", until)
                        .render())
                .addHeader("Auto-Submitted", "auto-generated");
    }

    /** Tells an owner that one of their subscriptions was disabled (the owner notice {@code noticeId}). */
    public Mail subscriptionDisabled(UUID noticeId, String address, DeliveryStore.Disabled disabled) {
        return new Mail()
                .setFrom(config.from())
                .addTo(address)
                .setSubject(subject("[newswatch] Subscription disabled: " + disabled.name()))
                .setText(disabledText.data("name", disabled.name()).data("id", disabled.subscriptionId().toString())
                        .data("reason", disabled.reason()).render())
                // The same notice always has the same Message-ID, so a client can fold a resent copy into the first.
                .addHeader("Message-ID", "<notice-" + noticeId + "@" + config.listDomain() + ">")
                .addHeader("Auto-Submitted", "auto-generated");
    }

    static String confirmationBinding(String address, String nonce) {
        return address + "\n" + nonce;
    }

    /** Unsubscribing stops every alert of the subscriber (one owner's subscriptions) to that address. */
    private String unsubscribeUrl(UUID subscriberId, String address, Instant now) {
        String token = tokens.issue(Purpose.UNSUBSCRIBE, subscriberId, now.plus(config.unsubscribeValidity()), address);
        return links.publicUrl("/api/v1/unsubscribe?token=" + token);
    }

    /** The list is the subscriber: one owner's alerts to one address, which one-click unsubscribe stops. */
    private Mail withListHeaders(Mail mail, UUID subscriberId, String unsubscribeUrl) {
        String unsubscribe = "<" + unsubscribeUrl + ">";
        if (config.unsubscribeMailbox().isPresent()) {
            String token = unsubscribeUrl.substring(unsubscribeUrl.indexOf("token=") + "token=".length());
            unsubscribe += ", <mailto:" + config.unsubscribeMailbox().get() + "?subject="
                    + URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8).replace("+", "%20") + ">";
        }
        return mail.addHeader("List-Unsubscribe", unsubscribe)
                // RFC 8058: the mail client unsubscribes with a POST of this body to the https URL above.
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .addHeader("List-Id", "\"newswatch alerts\" <" + subscriberId + "." + config.listDomain() + ">");
    }

    private static String subject(String subject) {
        String oneLine = subject.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() <= MAX_SUBJECT ? oneLine : oneLine.substring(0, MAX_SUBJECT - 1) + "…";
    }
}
