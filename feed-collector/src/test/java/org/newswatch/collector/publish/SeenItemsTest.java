package org.newswatch.collector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswatch.collector.ArticlesTopic;
import org.newswatch.collector.CollectorConfigs;
import org.newswatch.collector.MigratedDatabase;
import org.newswatch.collector.feed.Feed;
import org.newswatch.collector.feed.FeedRepository;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.testkit.KafkaBroker;

/**
 * Publish-once on the real database and broker: pollers offering the same stories at the same moment, and a story
 * another transaction holds (another poller, here or in another instance, in the middle of publishing it).
 */
class SeenItemsTest {

    static MigratedDatabase database;
    static ArticlePublisher publisher;
    static SeenItems seenItems;
    static FeedRepository feeds;

    @BeforeAll
    static void start() {
        database = new MigratedDatabase("seen_items", 16);
        publisher = new ArticlePublisher(Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()),
                CollectorConfigs.of(PublishConfig.class, Map.of()));
        seenItems = new SeenItems(database.dataSource(), publisher, new PublishHealth());
        feeds = new FeedRepository(database.dataSource());
    }

    @AfterAll
    static void stop() {
        publisher.close();
        database.close();
    }

    @Test
    void storiesOfferedByManyPollersAtOnceArePublishedOnceEach() throws Exception {
        List<ArticleCollected> stories = stories(30);
        int pollers = 6;
        List<Feed> carriers = IntStream.range(0, pollers).mapToObj(i -> feed("crowd-" + i)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(pollers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<SeenItems.Outcome>>> runs = new ArrayList<>();
        for (Feed carrier : carriers) {
            runs.add(pool.submit(() -> {
                go.await();
                List<SeenItems.Outcome> outcomes = new ArrayList<>();
                // Each poller offers the feed (in its own order) until every story is seen, as later polls would.
                List<ArticleCollected> order = new ArrayList<>(stories);
                Collections.shuffle(order);
                SeenItems.Outcome outcome;
                do {
                    outcome = seenItems.publishUnseen(carrier.id(), order);
                    outcomes.add(outcome);
                } while (outcome.alreadySeen() < stories.size() && outcomes.size() < 200);
                return outcomes;
            }));
        }
        go.countDown();
        List<String> published = new ArrayList<>();
        for (Future<List<SeenItems.Outcome>> run : runs) {
            for (SeenItems.Outcome outcome : run.get()) {
                assertEquals(null, outcome.failure());
                outcome.published().forEach(a -> published.add(a.id()));
            }
        }
        pool.shutdown();

        assertEquals(stories.size(), published.size(), "each story published by exactly one poller: " + published);
        assertEquals(ids(stories), Set.copyOf(published));
        assertEquals(stories.size(), onTopic(stories).size(), "each story once on the topic");
        assertEquals(stories.size(), carriers.stream().mapToLong(f -> itemsSeen(f)).sum(),
                "the feeds' counts add up to what was inserted");
    }

    @Test
    void aStoryAnotherTransactionHoldsIsSkippedThenFoundSeenOnceItCommits() throws Exception {
        List<ArticleCollected> stories = stories(2);
        ArticleCollected held = stories.get(0);
        Feed feed = feed("held");
        try (Connection other = database.dataSource().getConnection()) {
            other.setAutoCommit(false);
            // Another poller holds the lock and has recorded the story it published, not yet committed.
            lock(other, held.id());
            try (PreparedStatement st = other.prepareStatement(
                    "INSERT INTO seen_item (article_id, feed_id) VALUES (?, ?)")) {
                st.setString(1, held.id());
                st.setObject(2, feed("holder").id());
                st.executeUpdate();
            }

            SeenItems.Outcome first = seenItems.publishUnseen(feed.id(), stories);
            assertEquals(1, first.busyElsewhere());
            assertEquals(List.of(stories.get(1).id()), first.published().stream().map(ArticleCollected::id).toList());

            other.commit();
        }
        SeenItems.Outcome second = seenItems.publishUnseen(feed.id(), stories);
        assertEquals(2, second.alreadySeen());
        assertEquals(List.of(), second.published());
        assertEquals(List.of(stories.get(1).id()), onTopic(stories), "the held story was the holder's to publish");
        assertEquals(1, itemsSeen(feed));
    }

    @Test
    void aStoryWhoseHolderGaveUpIsPublishedByTheNextPoll() throws Exception {
        List<ArticleCollected> stories = stories(1);
        Feed feed = feed("gave-up");
        try (Connection other = database.dataSource().getConnection()) {
            other.setAutoCommit(false);
            lock(other, stories.get(0).id());

            SeenItems.Outcome first = seenItems.publishUnseen(feed.id(), stories);
            assertEquals(1, first.busyElsewhere());
            assertEquals(List.of(), first.published());

            // The holder's broker failed: it records nothing and its locks go with its transaction.
            other.rollback();
        }
        SeenItems.Outcome second = seenItems.publishUnseen(feed.id(), stories);
        assertEquals(ids(stories), second.published().stream().map(ArticleCollected::id).collect(Collectors.toSet()));
        assertEquals(ids(stories), Set.copyOf(onTopic(stories)));
    }

    private static void lock(Connection connection, String articleId) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            st.setString(1, articleId);
            st.execute();
        }
    }

    private static Feed feed(String name) {
        return feeds.insert(new FeedRepository.NewFeed("http://127.0.0.1:9/seen/" + name + "/" + UUID.randomUUID(),
                null, 300)).orElseThrow();
    }

    private static long itemsSeen(Feed feed) {
        return feeds.find(feed.id()).orElseThrow().itemsSeen();
    }

    private static List<ArticleCollected> stories(int count) {
        String run = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Function<Integer, ArticleCollected> story = i -> new ArticleCollected(
                UUID.randomUUID().toString().replace("-", ""), "seen-items-test", "http://127.0.0.1:9/seen.xml",
                "Seen items test", "https://seen.example.org/" + run + "/" + i,
                "https://seen.example.org/" + run + "/" + i, "guid-" + run + "-" + i, "Story " + i, "Summary " + i, "",
                "en", null, List.of(), now, now, now);
        return IntStream.range(0, count).boxed().map(story).toList();
    }

    private static Set<String> ids(List<ArticleCollected> stories) {
        return stories.stream().map(ArticleCollected::id).collect(Collectors.toSet());
    }

    /** The ids of {@code stories} on the topic, one entry per record. */
    private static List<String> onTopic(List<ArticleCollected> stories) {
        Set<String> ids = ids(stories);
        return ArticlesTopic.all().stream().map(p -> p.key()).filter(ids::contains).toList();
    }
}
