package org.newswatch.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newswatch.system.stack.ApiClient;
import org.newswatch.system.stack.EventStreamClient;
import org.newswatch.system.stack.NewswatchStack;
import org.newswatch.system.stack.ReceivedMail;
import org.newswatch.system.stack.WebhookReceiver.Received;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The whole pipeline, end to end, through the public API: feeds in four languages are added; two webhooks, one
 * e-mail subscription (confirmed through the link in its mail) and a dashboard's live stream receive every story
 * they must, once, with its evidence, and no other; adding a feed twice, mirroring it, and crashing and restarting
 * services sends nothing twice; the stories are searchable. The steps build on each other and run in order; a step
 * after a failed one is skipped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

    @RegisterExtension
    static final NewswatchStack STACK = new NewswatchStack();

    private static final Duration PIPELINE = Duration.ofSeconds(90);
    private static final String ALL_TOPICS_HOOK = "all-topics";
    private static final String ICC_HOOK = "icc-sanctions";
    private static final String DESK = "desk@ngo.example.org";
    /** The e-mail subscription: judicial independence, in French, Spanish and German only. */
    private static final Set<String> MAIL_LANGUAGES = Set.of("fr", "es", "de");

    private static final List<Story> INITIAL = Stream.of(Story.WORLD_DESK, Story.JUSTICE_HEBDO, Story.EL_FORO,
            Story.RECHTSBLICK).flatMap(List::stream).toList();
    private static final List<Story> EVERY_STORY = concat(INITIAL, Story.JUDICIAL_OVERHAUL, Story.BLOCKING_STATUTE);
    private static final Map<String, String> feedIds = new LinkedHashMap<>();
    /** Subscription ids by hook name, and the e-mail one under the address. */
    private static final Map<String, String> subscriptions = new HashMap<>();
    private static boolean previousStepsPassed = true;
    /** Two NGOs' subscriber keys and a research dashboard's reader key, made by the administrator. */
    private static ApiClient alpha;
    private static ApiClient beta;
    private static ApiClient reader;
    /** The research dashboard's live stream of flagged stories, open from the first step to the last. */
    private static EventStreamClient dashboard;

    private final ApiClient admin = STACK.adminApi();

    @Test
    @Order(1)
    void ngosSubscribeWithTheirOwnKeysAndTheAddressIsConfirmedThroughTheLinkInItsMail() {
        step(() -> {
            alpha = STACK.api(createKey("NGO Alpha alerts", "subscriber", "ngo-alpha"));
            beta = STACK.api(createKey("NGO Beta alerts", "subscriber", "ngo-beta"));
            String readerKey = createKey("Research dashboard", "reader", null);
            reader = STACK.api(readerKey);
            dashboard = new EventStreamClient(STACK.gatewayUrl() + "/api/v1/stream", readerKey);
            await("the dashboard's stream open").atMost(PIPELINE)
                    .until(() -> dashboard.comments().contains("connected"));
            assertEquals(200, dashboard.status());

            subscriptions.put(ALL_TOPICS_HOOK, subscribeWebhook(alpha, ALL_TOPICS_HOOK,
                    List.of(Story.ICC, Story.JUDICIAL)));
            String iccSubscription = subscribeWebhook(beta, ICC_HOOK, List.of(Story.ICC));
            subscriptions.put(ICC_HOOK, iccSubscription);
            assertEquals(404, alpha.get("/api/v1/subscriptions/" + iccSubscription).status(),
                    "one NGO never sees another's subscription");
            assertEquals(403, reader.post("/api/v1/feeds", Map.of("url", STACK.feeds().url("/x.rss"))).status(),
                    "a reader key cannot add feeds");

            JsonNode mail = alpha.post("/api/v1/subscriptions", Map.of(
                    "name", "Judicial independence (fr, es, de) by mail",
                    "topics", List.of(Story.JUDICIAL),
                    "languages", List.copyOf(MAIL_LANGUAGES),
                    "channel", Map.of("type", "email", "address", DESK))).expect(201);
            assertEquals("ngo-alpha", mail.path("owner").asText(), "a subscription belongs to its key's owner");
            assertFalse(mail.path("channel").path("confirmed").asBoolean(), "a new address starts unconfirmed: " + mail);
            subscriptions.put(DESK, mail.path("id").asText());

            List<ReceivedMail> mails = await("the confirmation mail to " + DESK).atMost(PIPELINE)
                    .until(() -> ReceivedMail.to(STACK.smtp(), DESK), received -> !received.isEmpty());
            assertEquals(1, mails.size(), "one confirmation mail: " + mails);
            ReceivedMail confirmation = mails.get(0);
            String link = confirmation.link(STACK.gatewayUrl() + "/api/v1/confirm?").orElseThrow(() ->
                    new AssertionError("no confirmation link to the gateway in: " + confirmation.text()));
            ApiClient.Answer confirmed = ApiClient.getUrl(link);
            assertEquals(200, confirmed.status(), confirmed.toString());

            JsonNode after = alpha.get("/api/v1/subscriptions/" + mail.path("id").asText()).expect(200);
            assertTrue(after.path("channel").path("confirmed").asBoolean(), "confirmed after the link: " + after);
        });
    }

    @Test
    @Order(2)
    void everyFlaggedStoryReachesEverySubscriberOnceWithItsEvidenceAndNothingElseDoes() {
        step(() -> {
            addFeed("/world-desk.rss", "world-desk.rss");
            addFeed("/justice-hebdo.atom", "justice-hebdo.atom");
            addFeed("/el-foro-global.rss", "el-foro-global.rss");
            addFeed("/rechtsblick.rdf", "rechtsblick.rdf");

            awaitDeliveries(INITIAL);
            assertEveryDeliveryIsRight(INITIAL);
        });
    }

    @Test
    @Order(3)
    void addingAFeedAgainOrAMirrorOfItSendsNothingTwice() {
        step(() -> {
            ApiClient.Answer again = admin.post("/api/v1/feeds", Map.of("url", STACK.feeds().url("/world-desk.rss")));
            assertEquals(409, again.status(), "the same feed again: " + again);
            assertTrue(again.contentType().startsWith("application/problem+json"), again.toString());

            // The same stories under another feed URL, plus one of its own: only that one is new.
            addFeed("/world-desk-mirror.rss", "world-desk.rss", "item-judicial-overhaul.rss");
            List<Story> expected = concat(INITIAL, Story.JUDICIAL_OVERHAUL);
            awaitDeliveries(expected);
            assertEveryDeliveryIsRight(expected);
        });
    }

    @Test
    @Order(4)
    void aCrashedAlertServiceAndARestartedCollectorSendOnlyTheNewStoryOnce() {
        step(() -> {
            Instant restarted = Instant.now();
            STACK.restart(List.of(STACK.alert()), List.of(STACK.collector()));

            STACK.feeds().serve("/world-desk.rss", "world-desk.rss", "item-blocking-statute.rss");
            for (String id : feedIds.values()) {
                admin.postEmpty("/api/v1/feeds/" + id + "/poll").expect(202);
            }
            awaitDeliveries(EVERY_STORY);
            // Every feed was read again in full after the restart (the new story is only the one that is new).
            await("every feed polled since the restart").atMost(PIPELINE).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                for (String id : feedIds.values()) {
                    JsonNode feed = admin.get("/api/v1/feeds/" + id).expect(200);
                    String lastSuccess = feed.path("health").path("lastSuccessAt").asText(null);
                    assertNotNull(lastSuccess, "feed " + id + " never succeeded: " + feed);
                    assertTrue(Instant.parse(lastSuccess).isAfter(restarted), "feed " + id + " not polled since"
                            + " the restart: " + feed);
                }
            });
            assertEveryDeliveryIsRight(EVERY_STORY);
        });
    }

    @Test
    @Order(5)
    void everyStoryIsSearchableWithItsVerdictAndEvidence() {
        step(() -> {
            // Every story of the feeds is in the read model once, flagged exactly when it must be.
            Map<String, JsonNode> articles = await("every story in the read model").atMost(PIPELINE)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(this::everyArticle, found -> found.keySet().equals(titles(EVERY_STORY)));
            for (Story story : EVERY_STORY) {
                JsonNode article = articles.get(story.title());
                assertEquals(story.flagged(), article.path("flagged").asBoolean(), article.toString());
                assertEquals(story.topics(), flaggedTopics(article), article.toString());
                assertEquals(story.canonicalUrl(), article.path("url").asText(), article.toString());
            }
            articles.forEach((title, article) -> assertEquals(languageOf(title), article.path("language").asText(),
                    "the detected language of " + title));

            // Full-text search, in English and in French, and the filters beside it.
            assertTrue(searchTitles("q=sanctions").contains(Story.WORLD_DESK.get(0).title()));
            assertTrue(searchTitles("q=magistrature").contains(Story.JUSTICE_HEBDO.get(1).title()));
            assertEquals(Set.of(Story.WORLD_DESK.get(0).title(), Story.BLOCKING_STATUTE.title()),
                    searchTitles("q=sanctions&flagged=true&lang=en"), "flagged English stories about sanctions");
            assertEquals(titles(EVERY_STORY.stream().filter(s -> !s.flagged()).toList()),
                    searchTitles("flagged=false&limit=100"), "the hard negatives, none flagged");

            // The link in an alert opens the article with the evidence of its verdict.
            Received alert = webhookOf(Story.JUSTICE_HEBDO.get(0));
            String link = alert.data().path("link").asText();
            JsonNode detail = reader.get(link.substring(STACK.gatewayUrl().length())).expect(200);
            assertEquals(alert.data().path("articleId").asText(), detail.path("id").asText());
            assertEquals(Story.JUSTICE_HEBDO.get(0).topics(), flaggedTopics(detail));
            for (JsonNode topic : detail.path("topics")) {
                if (topic.path("flagged").asBoolean()) {
                    assertFalse(topic.path("evidence").isEmpty(), "evidence of " + topic);
                    for (JsonNode evidence : topic.path("evidence")) {
                        String field = detail.path(evidence.path("field").asText()).asText();
                        assertEquals(evidence.path("text").asText(), field.substring(evidence.path("start").asInt(),
                                evidence.path("end").asInt()), "the evidence offsets point into the article: "
                                + evidence);
                    }
                }
            }
        });
    }

    @Test
    @Order(6)
    void nothingArrivedTwiceByTheEndAndEachDeliveryLogSaysOneAttempt() {
        step(() -> {
            assertEveryDeliveryIsRight(EVERY_STORY);
            // The alert service's own record: one delivery per story and subscriber, delivered at the first attempt
            // (a crash that sent a story again would show a second attempt), the webhook-id being its id.
            for (String hook : List.of(ALL_TOPICS_HOOK, ICC_HOOK)) {
                List<JsonNode> log = deliveryLog(hook.equals(ICC_HOOK) ? beta : alpha, subscriptions.get(hook));
                assertEquals(STACK.webhooks().receivedBy(hook).stream().map(Received::webhookId)
                        .collect(Collectors.toSet()), log.stream().map(d -> d.path("id").asText())
                        .collect(Collectors.toSet()), "the webhook ids are the logged deliveries of " + hook);
            }
            List<JsonNode> mailLog = deliveryLog(alpha, subscriptions.get(DESK));
            assertEquals(mailTitles(EVERY_STORY).size(), mailLog.size(), "deliveries to " + DESK + ": " + mailLog);
        });
    }

    /** A subscription's delivery log through the gateway, each delivery checked: delivered at its first attempt. */
    private static List<JsonNode> deliveryLog(ApiClient owner, String subscriptionId) {
        JsonNode page = owner.get("/api/v1/subscriptions/" + subscriptionId + "/deliveries?limit=100").expect(200);
        assertTrue(page.path("nextCursor").isMissingNode(), "one page holds the log: " + page);
        List<JsonNode> deliveries = new ArrayList<>();
        page.path("items").forEach(deliveries::add);
        assertOnce(deliveries.stream().map(d -> d.path("articleId").asText()).toList(),
                "stories in the delivery log of " + subscriptionId);
        for (JsonNode delivery : deliveries) {
            assertEquals("delivered", delivery.path("state").asText(), delivery.toString());
            assertEquals(1, delivery.path("attempts").size(), "one attempt: " + delivery);
        }
        return deliveries;
    }

    @AfterAll
    static void closeTheDashboard() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    // ---- steps

    private String createKey(String name, String role, String owner) {
        Map<String, String> body = new HashMap<>(Map.of("name", name, "role", role));
        if (owner != null) {
            body.put("owner", owner);
        }
        JsonNode key = admin.post("/api/v1/keys", body).expect(201);
        assertEquals(role, key.path("role").asText(), key.toString());
        return key.path("key").asText();
    }

    private String subscribeWebhook(ApiClient ngo, String hook, List<String> topics) {
        JsonNode created = ngo.post("/api/v1/subscriptions", Map.of(
                "name", "system test " + hook,
                "topics", topics,
                "minScore", 0.5,
                "channel", Map.of("type", "webhook", "url", STACK.webhooks().url(hook)))).expect(201);
        String secret = created.path("secret").asText();
        assertTrue(secret.startsWith("whsec_"), "a webhook subscription shows its signing secret once: " + created);
        STACK.webhooks().trust(hook, secret);
        return created.path("id").asText();
    }

    private void addFeed(String path, String fixture, String... extraItems) {
        STACK.feeds().serve(path, fixture, extraItems);
        JsonNode feed = admin.post("/api/v1/feeds", Map.of("url", STACK.feeds().url(path))).expect(201);
        feedIds.put(path, feed.path("id").asText());
    }

    /** Waits until every subscriber has every story it must get (it may have more; the assertions then say so). */
    private void awaitDeliveries(List<Story> stories) {
        try {
            awaitEveryDelivery(stories);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // Where the stories stopped: the feeds' health as the API shows it.
            AssertionError failure = new AssertionError(e.getMessage() + "\nfeeds: "
                    + admin.get("/api/v1/feeds?limit=50").body(), e);
            throw failure;
        }
    }

    private void awaitEveryDelivery(List<Story> stories) {
        await("every flagged story at every subscriber").atMost(PIPELINE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    expectAtSubscriber("at the webhook for both topics", receivedTitles(ALL_TOPICS_HOOK),
                            titles(stories, Set.of(Story.ICC, Story.JUDICIAL)));
                    expectAtSubscriber("at the webhook for ICC sanctions", receivedTitles(ICC_HOOK),
                            titles(stories, Set.of(Story.ICC)));
                    expectAtSubscriber("in the mailbox", new HashSet<>(storyMailSubjects()), mailTitles(stories));
                    expectAtSubscriber("on the dashboard's stream", streamedTitles(),
                            titles(stories.stream().filter(Story::flagged).toList()));
                });
    }

    /** Still missing stories: wait on (an AssertionError). A story that must not be there: fail now, waiting cannot help. */
    private static void expectAtSubscriber(String where, Set<String> received, Set<String> expected) {
        Set<String> surplus = new HashSet<>(received);
        surplus.removeAll(expected);
        if (!surplus.isEmpty()) {
            throw new IllegalStateException("stories that must not arrive " + where + ": " + surplus);
        }
        assertEquals(expected, received, where);
    }

    private void assertEveryDeliveryIsRight(List<Story> stories) {
        assertEquals(List.of(), STACK.webhooks().rejected(), "webhook requests that failed verification");
        Map<String, Story> byTitle = stories.stream().collect(Collectors.toMap(Story::title, Function.identity()));
        Map<String, String> articleIds = new HashMap<>();
        for (String hook : List.of(ALL_TOPICS_HOOK, ICC_HOOK)) {
            List<Received> received = STACK.webhooks().receivedBy(hook);
            assertOnce(received.stream().map(Received::title).toList(), "stories at the webhook " + hook);
            assertOnce(received.stream().map(r -> r.data().path("articleId").asText()).toList(),
                    "article ids at the webhook " + hook);
            for (Received delivery : received) {
                Story story = byTitle.get(delivery.title());
                assertNotNull(story, "a story that must not reach " + hook + ": " + delivery.body());
                assertWebhookBody(story, delivery.body());
                String previous = articleIds.putIfAbsent(story.title(), delivery.data().path("articleId").asText());
                assertTrue(previous == null || previous.equals(delivery.data().path("articleId").asText()),
                        "one article id per story across subscribers: " + story.title());
            }
        }
        List<ReceivedMail> mails = storyMails();
        assertOnce(mails.stream().map(ReceivedMail::subject).toList(), "story mails to " + DESK);
        for (ReceivedMail mail : mails) {
            String title = mail.subject().substring("[newswatch] ".length());
            Story story = byTitle.get(title);
            assertNotNull(story, "a story that must not be mailed: " + mail.subject());
            assertNotNull(mail.listUnsubscribe(), "List-Unsubscribe on " + mail.subject());
            assertTrue(mail.listUnsubscribe().contains(STACK.gatewayUrl() + "/api/v1/unsubscribe?"),
                    "the one-click link goes through the gateway: " + mail.listUnsubscribe());
            assertEquals("List-Unsubscribe=One-Click", mail.listUnsubscribePost(), mail.subject());
            // The evidence of the judicial-independence flag, as the webhook carried it, is in the mail.
            JsonNode topics = webhookOf(story).data().path("topics");
            List<String> evidence = new ArrayList<>();
            topics.forEach(topic -> {
                if (topic.path("topic").asText().equals(Story.JUDICIAL)) {
                    topic.path("evidence").forEach(e -> evidence.add(ReceivedMail.flat(e.path("text").asText())));
                }
            });
            assertFalse(evidence.isEmpty(), story.title());
            assertTrue(evidence.stream().anyMatch(mail.flatText()::contains),
                    "the mail about " + story.title() + " shows why (one of " + evidence + "):\n" + mail.text());
        }
        List<EventStreamClient.Event> streamed = dashboard.events();
        assertOnce(streamed.stream().map(e -> e.data().path("title").asText()).toList(), "stories on the stream");
        for (EventStreamClient.Event event : streamed) {
            Story story = byTitle.get(event.data().path("title").asText());
            assertNotNull(story, "a story that must not be streamed: " + event.data());
            assertEquals("article.flagged", event.name());
            assertEquals(articleIds.get(story.title()), event.data().path("id").asText(), story.title());
            assertTrue(event.data().path("flagged").asBoolean(), event.data().toString());
            assertEquals(story.topics(), flaggedTopics(event.data()), story.title());
            event.data().path("topics").forEach(topic -> assertTrue(!topic.path("flagged").asBoolean()
                    || !topic.path("evidence").isEmpty(), "the stream carries the evidence: " + topic));
        }
    }

    private void assertWebhookBody(Story story, JsonNode body) {
        assertEquals("article.flagged", body.path("type").asText(), body.toString());
        JsonNode data = body.path("data");
        String articleId = data.path("articleId").asText();
        assertTrue(articleId.matches("[0-9a-f]{32}"), "article id: " + data);
        assertEquals(story.canonicalUrl(), data.path("url").asText(), "the URL without tracking parameters");
        assertFalse(data.path("url").asText().contains("utm_"), data.toString());
        assertEquals(STACK.gatewayUrl() + "/api/v1/articles/" + articleId, data.path("link").asText());
        Instant collected = Instant.parse(data.path("collectedAt").asText());
        Instant classified = Instant.parse(data.path("classifiedAt").asText());
        assertFalse(classified.isBefore(collected), "classified after collected: " + data);
        Set<String> topics = new HashSet<>();
        for (JsonNode topic : data.path("topics")) {
            topics.add(topic.path("topic").asText());
            assertTrue(topic.path("flagged").asBoolean(), data.toString());
            assertTrue(topic.path("score").asDouble() >= 0.5, data.toString());
            assertFalse(topic.path("evidence").isEmpty(), "evidence for " + topic + " of " + story.title());
            for (JsonNode evidence : topic.path("evidence")) {
                String field = evidence.path("field").asText();
                String text = evidence.path("text").asText();
                String source = data.path(field).asText();
                assertTrue(!text.isEmpty() && source.contains(text),
                        "evidence " + evidence + " is a part of the story's " + field + " (" + source + ")");
            }
        }
        assertEquals(story.topics(), topics, "the flagged topics of " + story.title());
    }

    // ---- what the read model has

    /** Every article of the read model by title, through every page; a title twice fails. */
    private Map<String, JsonNode> everyArticle() {
        Map<String, JsonNode> byTitle = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = reader.get("/api/v1/articles?limit=100" + (cursor == null ? "" : "&cursor=" + cursor))
                    .expect(200);
            for (JsonNode item : page.path("items")) {
                JsonNode previous = byTitle.put(item.path("title").asText(), item);
                assertEquals(null, previous, "a story twice in the read model: " + item);
            }
            cursor = page.path("nextCursor").asText(null);
        } while (cursor != null);
        return byTitle;
    }

    private Set<String> searchTitles(String query) {
        JsonNode page = reader.get("/api/v1/articles?" + query).expect(200);
        assertTrue(page.path("nextCursor").isMissingNode(), "one page is all: " + query);
        Set<String> found = new HashSet<>();
        page.path("items").forEach(item -> found.add(item.path("title").asText()));
        return found;
    }

    private static Set<String> flaggedTopics(JsonNode article) {
        Set<String> flagged = new HashSet<>();
        article.path("topics").forEach(topic -> {
            if (topic.path("flagged").asBoolean()) {
                flagged.add(topic.path("topic").asText());
            }
        });
        return flagged;
    }

    private static String languageOf(String title) {
        Map<String, List<Story>> feeds = Map.of("fr", Story.JUSTICE_HEBDO, "es", Story.EL_FORO,
                "de", Story.RECHTSBLICK);
        return feeds.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(s -> s.title().equals(title)))
                .map(Map.Entry::getKey).findFirst().orElse("en");
    }

    // ---- what the subscribers have

    private static Set<String> titles(List<Story> stories, Set<String> topics) {
        return titles(stories.stream().filter(s -> s.flaggedFor(topics)).toList());
    }

    private static Set<String> titles(List<Story> stories) {
        return stories.stream().map(Story::title).collect(Collectors.toSet());
    }

    private static Set<String> mailTitles(List<Story> stories) {
        Set<String> titles = new HashSet<>();
        for (List<Story> feed : List.of(Story.JUSTICE_HEBDO, Story.EL_FORO, Story.RECHTSBLICK)) {
            feed.stream().filter(stories::contains).filter(s -> s.flaggedFor(Set.of(Story.JUDICIAL)))
                    .map(Story::title).forEach(titles::add);
        }
        return titles;
    }

    private static Set<String> streamedTitles() {
        return dashboard.events().stream().map(e -> e.data().path("title").asText()).collect(Collectors.toSet());
    }

    private static Set<String> receivedTitles(String hook) {
        return STACK.webhooks().receivedBy(hook).stream().map(Received::title).collect(Collectors.toSet());
    }

    private static List<ReceivedMail> storyMails() {
        return ReceivedMail.to(STACK.smtp(), DESK).stream().filter(m -> m.subject().startsWith("[newswatch] "))
                .toList();
    }

    private static List<String> storyMailSubjects() {
        return storyMails().stream().map(m -> m.subject().substring("[newswatch] ".length())).toList();
    }

    private static Received webhookOf(Story story) {
        return STACK.webhooks().receivedBy(ALL_TOPICS_HOOK).stream().filter(r -> r.title().equals(story.title()))
                .findFirst().orElseThrow(() -> new AssertionError("no webhook for " + story.title()));
    }

    private static void assertOnce(List<String> values, String what) {
        Map<String, Long> counts = values.stream().collect(Collectors.groupingBy(Function.identity(),
                LinkedHashMap::new, Collectors.counting()));
        counts.values().removeIf(count -> count == 1);
        assertEquals(Map.of(), counts, what + " that came more than once");
    }

    private static List<Story> concat(List<Story> stories, Story... more) {
        return Stream.concat(stories.stream(), Stream.of(more)).toList();
    }

    private static void step(Runnable body) {
        assumeTrue(previousStepsPassed, "an earlier step failed");
        previousStepsPassed = false;
        body.run();
        previousStepsPassed = true;
    }
}
