package org.newswatch.alert.mail;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswatch.alert.delivery.DeliveryWorkers;
import org.newswatch.alert.subscription.Digest;
import org.newswatch.alert.testing.GreenMailServer;
import org.newswatch.alert.testing.Mails;
import org.newswatch.alert.testing.MovableClock;
import org.newswatch.alert.testing.Stories;
import org.newswatch.alert.testing.StoryPublisher;
import org.newswatch.alert.testing.TestSubscriptions;
import org.newswatch.alert.testing.TestSubscriptions.Delivery;
import org.newswatch.alert.testing.WebhookReceiver;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

/**
 * E-mail end to end against a real SMTP server (GreenMail): the double opt-in, a story mail with its evidence
 * and list headers, one-click unsubscribe, a digest and an SMTP outage. Links are followed against this
 * service as the gateway forwards them.
 */
@QuarkusTest
@WithTestInfrastructure
@QuarkusTestResource(GreenMailServer.class)
class MailDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final Pattern CONFIRM_LINK = Pattern.compile("http://localhost:8080(/api/v1/confirm\\?token=[A-Za-z0-9_.-]+)");
    static final Pattern UNSUBSCRIBE_LINK = Pattern.compile("<http://localhost:8080(/api/v1/unsubscribe\\?token=[A-Za-z0-9_.-]+)>");

    @Inject
    TestSubscriptions subscriptions;
    @Inject
    MovableClock clock;
    @Inject
    DeliveryWorkers workers;

    private final String owner = "ngo-" + UUID.randomUUID();
    private final String address = "staff-" + UUID.randomUUID() + "@ngo.example.org";

    @BeforeEach
    void startWorkers() {
        workers.start();
    }

    @AfterEach
    void cleanUp() {
        workers.stop();
        subscriptions.deleteAll();
        clock.reset();
        GreenMailServer.restart();
    }

    private MimeMessage awaitMail(String subjectStart) {
        return await().atMost(WAIT).until(() -> GreenMailServer.messagesTo(address).stream()
                .filter(m -> Mails.subject(m).startsWith(subjectStart)).findFirst(), Optional::isPresent).get();
    }

    private Delivery awaitDelivery(UUID subscription, String articleId, String state, int attempts) {
        return subscriptions.awaitDelivery(subscription, articleId, state, attempts, WAIT);
    }

    private static String path(Pattern link, String text) {
        Matcher matcher = link.matcher(text);
        assertTrue(matcher.find(), "no link " + link + " in " + text);
        return matcher.group(1);
    }

    @Test
    void nothingButTheConfirmationIsSentUntilItsLinkIsFollowed() throws IOException {
        UUID subscription = subscriptions.email(owner, "ICC watch", address, List.of(Stories.ICC), null);
        MimeMessage confirmation = awaitMail("Confirm your newswatch alerts");
        String confirmPath = path(CONFIRM_LINK, Mails.text(confirmation));
        assertEquals(confirmPath, path(CONFIRM_LINK, Mails.html(confirmation).replace("&amp;", "&")));

        // A story while the address is unconfirmed is matched to nobody there: a webhook of the same owner
        // gets it, which also shows that the story went through matching and delivery.
        var early = Stories.iccSanctions(Stories.newId());
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            var webhook = subscriptions.webhook(owner, receiver.url("/witness"), List.of(Stories.ICC));
            StoryPublisher.publish(early);
            awaitDelivery(webhook.id(), early.article().id(), "delivered", 1);
        }
        assertTrue(subscriptions.delivery(subscription, early.article().id()).isEmpty());
        assertEquals(1, GreenMailServer.messagesTo(address).size(), "only the confirmation mail");

        given().get(confirmPath).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Address confirmed"), containsString(address));
        assertTrue(subscriptions.confirmedAt(address).isPresent());
        var story = Stories.iccSanctions(Stories.newId());
        StoryPublisher.publish(story);
        Delivery delivered = awaitDelivery(subscription, story.article().id(), "delivered", 1);
        MimeMessage mail = awaitMail("[newswatch] Washington sanctions ICC prosecutor");
        assertEquals("<delivery-" + delivered.id() + "@alerts.newswatch.localhost>", Mails.header(mail, "Message-ID"));
        assertEquals(2, GreenMailServer.messagesTo(address).size(), "the confirmation and the story");

        // Following the link again changes nothing; a changed token is refused.
        given().get(confirmPath).then().statusCode(200).body(containsString("already confirmed"));
        given().get(confirmPath.substring(0, confirmPath.length() - 2) + "xx").then().statusCode(400)
                .body(containsString("This confirmation link does not work"));
        given().get("/api/v1/confirm").then().statusCode(400).body(containsString("The link has no token"));
    }

    @Test
    void aConfirmationLinkExpires() {
        subscriptions.email(owner, "ICC watch", address, List.of(Stories.ICC), null);
        String confirmPath = path(CONFIRM_LINK, Mails.text(awaitMail("Confirm your newswatch alerts")));
        clock.advance(Duration.ofDays(8));
        given().get(confirmPath).then().statusCode(400).body(containsString("The link expired on"));
        assertTrue(subscriptions.confirmedAt(address).isEmpty());
    }

    @Test
    void aStoryMailShowsWhyItWasFlaggedInHtmlAndTextWithListHeaders() {
        UUID subscription = subscriptions.email(owner, "ICC watch", address, List.of(Stories.ICC), null);
        subscriptions.confirmDirectly(address);
        var story = Stories.iccSanctions(Stories.newId());
        StoryPublisher.publish(story);

        MimeMessage mail = awaitMail("[newswatch] Washington sanctions ICC prosecutor");
        assertTrue(Mails.isMultipartAlternative(mail), "HTML and plain text alternatives");
        String html = Mails.html(mail);
        assertTrue(html.contains("Washington <mark style=\"background: #ffe066;\">sanctions ICC prosecutor</mark>"), html);
        assertTrue(html.contains("<strong>icc-sanctions</strong> · score 0.97"), html);
        assertTrue(html.contains("<mark style=\"background: #ffe066;\">International Criminal Court</mark>&#39;s chief"),
                html);
        assertTrue(html.contains("href=\"http://localhost:8080/api/v1/articles/" + story.article().id() + "\""), html);
        String text = Mails.text(mail);
        assertTrue(text.contains("* icc-sanctions (score 0.97)"), text);
        assertTrue(text.contains("in the title: \"Washington [[sanctions ICC prosecutor]]\" (sanction-near-court)"),
                text);

        String listUnsubscribe = Mails.header(mail, "List-Unsubscribe");
        assertTrue(listUnsubscribe.matches("<http://localhost:8080/api/v1/unsubscribe\\?token=[A-Za-z0-9_.-]+>, "
                + "<mailto:unsubscribe@alerts\\.newswatch\\.localhost\\?subject=unsubscribe%20[A-Za-z0-9_.-]+>"),
                listUnsubscribe);
        assertEquals("List-Unsubscribe=One-Click", Mails.header(mail, "List-Unsubscribe-Post"));
        String listId = Mails.header(mail, "List-Id");
        assertTrue(listId.matches("\"newswatch alerts\" <[0-9a-f-]{36}\\.alerts\\.newswatch\\.localhost>"), listId);
        assertTrue(text.contains("Unsubscribe: http://localhost:8080/api/v1/unsubscribe?token="), text);
    }

    @Test
    void unsubscribingHappensOnPostOnlyAndStopsTheAlertsToTheAddress() {
        UUID subscription = subscriptions.email(owner, "ICC watch", address, List.of(Stories.ICC), null);
        UUID digest = subscriptions.email(owner, "Weekly brief", address, List.of(Stories.JUDICIAL),
                new Digest(Digest.Frequency.DAILY, 7, ZoneId.of("UTC")));
        subscriptions.confirmDirectly(address);
        var pendingDigestStory = Stories.judicialIndependence(Stories.newId());
        StoryPublisher.publish(pendingDigestStory);
        awaitDelivery(digest, pendingDigestStory.article().id(), "pending", 0);
        StoryPublisher.publish(Stories.iccSanctions(Stories.newId()));
        String unsubscribePath = path(UNSUBSCRIBE_LINK,
                Mails.header(awaitMail("[newswatch] Washington"), "List-Unsubscribe"));

        // A GET (a link scanner, a preview, a person) only shows a page with a button that POSTs.
        given().get(unsubscribePath).then().statusCode(200)
                .body(containsString("<form method=\"post\" action=\"" + unsubscribePath + "\">"))
                .body(containsString("ICC watch"), containsString("Weekly brief"));
        assertTrue(subscriptions.unsubscribedAt(address).isEmpty(), "a GET changes nothing");

        // What a mail client sends for one-click unsubscribe (RFC 8058).
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post(unsubscribePath).then().statusCode(200).body(containsString("Unsubscribed"));
        assertTrue(subscriptions.unsubscribedAt(address).isPresent());
        assertEquals("skipped", subscriptions.delivery(digest, pendingDigestStory.article().id()).orElseThrow().state(),
                "the digest story not yet sent is dropped");
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post(unsubscribePath).then().statusCode(200).body(containsString("already unsubscribed"));

        // Later stories are not matched to the address, and a made-up token cannot unsubscribe.
        var later = Stories.iccSanctions(Stories.newId());
        StoryPublisher.publish(later);
        given().post("/api/v1/unsubscribe?token=garbage").then().statusCode(400)
                .body(not(containsString("Unsubscribed")));
        assertTrue(subscriptions.delivery(subscription, later.article().id()).isEmpty());
    }

    @Test
    void aDigestGroupsItsStoriesByTopicAndGoesOutAtItsTime() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        UUID subscription = subscriptions.email(owner, "Morning brief", address, List.of(Stories.ICC, Stories.JUDICIAL),
                new Digest(Digest.Frequency.HOURLY, null, paris));
        subscriptions.confirmDirectly(address);
        var icc = Stories.iccSanctions(Stories.newId());
        var both = Stories.bothTopics(Stories.newId());
        var judicial = Stories.judicialIndependence(Stories.newId());
        for (var story : List.of(icc, both, judicial)) {
            StoryPublisher.publish(story);
        }
        Delivery first = awaitDelivery(subscription, icc.article().id(), "pending", 0);
        awaitDelivery(subscription, both.article().id(), "pending", 0);
        awaitDelivery(subscription, judicial.article().id(), "pending", 0);
        assertTrue(GreenMailServer.messagesTo(address).stream().noneMatch(m -> Mails.subject(m).contains("stories")),
                "nothing before the digest time");

        clock.advance(Duration.between(clock.instant(), first.digestAt()).plusSeconds(1));
        MimeMessage digest = awaitMail("[newswatch] 3 stories for Morning brief");
        String html = Mails.html(digest);
        int iccGroup = html.indexOf("<h2 style=\"font-size: 1.15em; border-bottom: 1px solid #ddd;\">icc-sanctions</h2>");
        int judicialGroup = html.indexOf(
                "<h2 style=\"font-size: 1.15em; border-bottom: 1px solid #ddd;\">judicial-independence</h2>");
        assertTrue(iccGroup > 0 && judicialGroup > iccGroup, html);
        String iccPart = html.substring(iccGroup, judicialGroup);
        String judicialPart = html.substring(judicialGroup);
        assertTrue(iccPart.contains("Washington sanctions ICC prosecutor") && iccPart.contains("Judges dismissed"), iccPart);
        assertFalse(iccPart.contains("Parliament votes"), iccPart);
        assertTrue(judicialPart.contains("Judges dismissed") && judicialPart.contains("Parliament votes"), judicialPart);
        assertTrue(judicialPart.contains("<mark style=\"background: #ffe066;\">removed three supreme court judges</mark>"),
                judicialPart);
        String text = Mails.text(digest);
        assertTrue(text.indexOf("== icc-sanctions ==") < text.indexOf("== judicial-independence =="), text);
        assertEquals("List-Unsubscribe=One-Click", Mails.header(digest, "List-Unsubscribe-Post"));
        for (var story : List.of(icc, both, judicial)) {
            awaitDelivery(subscription, story.article().id(), "delivered", 1);
        }
        assertEquals(1, GreenMailServer.messagesTo(address).stream()
                .filter(m -> Mails.subject(m).contains("stories")).count(), "one digest");
    }

    @Test
    void anSmtpOutageIsRetriedOnTheSchedule() {
        UUID subscription = subscriptions.email(owner, "ICC watch", address, List.of(Stories.ICC), null);
        subscriptions.confirmDirectly(address);
        GreenMailServer.stopServer();
        var story = Stories.iccSanctions(Stories.newId());
        StoryPublisher.publish(story);

        Delivery failed = awaitDelivery(subscription, story.article().id(), "pending", 1);
        assertTrue(failed.lastError().startsWith("SMTP: "), failed.lastError());
        assertEquals("active: null", subscriptions.status(subscription).get(0), "an SMTP outage disables nothing");

        GreenMailServer.restart();
        clock.advance(Duration.ofSeconds(5));
        awaitDelivery(subscription, story.article().id(), "delivered", 2);
        awaitMail("[newswatch] Washington sanctions ICC prosecutor");
    }
}
