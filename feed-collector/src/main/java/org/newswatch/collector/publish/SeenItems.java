package org.newswatch.collector.publish;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.newswatch.contracts.ArticleCollected;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes each article id once, ever: the {@code seen_item} table holds every id the broker acknowledged.
 * <p>
 * One transaction per batch: the batch's ids are locked with transaction-scoped advisory locks (try-lock, so
 * pollers never wait on each other), the ids already seen are dropped, the rest are published, and the ids the
 * broker acknowledged are inserted before the commit releases the locks. Two pollers carrying the same story at
 * the same moment, in this instance or another, therefore publish it once: the one that holds the lock publishes,
 * the other skips it and finds it seen next time (or publishes it then, should the first one have failed).
 * <p>
 * Three round trips per feed, whatever its size: locks and seen ids together, then (after the broker acknowledged)
 * the inserts with the feed's count, then the commit.
 */
@ApplicationScoped
public class SeenItems {

    /** What happened to a feed's articles. */
    public record Outcome(int offered, int alreadySeen, int busyElsewhere, List<ArticleCollected> published,
            Exception failure) {

        public boolean failed() {
            return failure != null;
        }
    }

    private static final String SEEN = "SELECT article_id FROM seen_item WHERE article_id = ANY(?::text[])";
    /**
     * Two statements sent in one round trip and run in order. The second must be a statement of its own: under
     * READ COMMITTED its snapshot is then taken after the first one took the locks, so it sees whatever the locks'
     * previous holder inserted before committing. (In one statement, the snapshot would predate the locks.)
     */
    private static final String LOCK_THEN_SEEN = "SELECT id FROM unnest(?::text[]) AS candidate(id) "
            + "WHERE pg_try_advisory_xact_lock(hashtextextended(id, 0)); " + SEEN;
    /** The acknowledged ids and the feed's count in one statement; the count is what was really inserted. */
    private static final String RECORD = "WITH inserted AS (INSERT INTO seen_item (article_id, feed_id, guid) "
            + "SELECT id, ?, guid FROM unnest(?::text[], ?::text[]) AS published(id, guid) "
            + "ON CONFLICT DO NOTHING RETURNING 1) "
            + "UPDATE feed SET items_seen = items_seen + (SELECT count(*) FROM inserted) WHERE id = ?";

    private final DataSource dataSource;
    private final ArticlePublisher publisher;
    private final PublishHealth health;

    public SeenItems(DataSource dataSource, ArticlePublisher publisher, PublishHealth health) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.health = health;
    }

    /** Publishes the articles of {@code feedId} that were never published before, in feed order. */
    public Outcome publishUnseen(UUID feedId, List<ArticleCollected> articles) throws SQLException {
        if (articles.isEmpty()) {
            return new Outcome(0, 0, 0, List.of(), null);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome outcome = publishUnseen(c, feedId, articles);
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private Outcome publishUnseen(Connection c, UUID feedId, List<ArticleCollected> articles) throws SQLException {
        String[] ids = articles.stream().map(ArticleCollected::id).toArray(String[]::new);
        Set<String> locked = new HashSet<>();
        Set<String> seen = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement(LOCK_THEN_SEEN)) {
            Array array = c.createArrayOf("text", ids);
            st.setArray(1, array);
            st.setArray(2, array);
            st.execute();
            read(st.getResultSet(), locked);
            if (!st.getMoreResults()) {
                throw new SQLException("the seen ids did not follow the locks");
            }
            read(st.getResultSet(), seen);
        }
        List<ArticleCollected> fresh = new ArrayList<>();
        int busy = 0;
        for (ArticleCollected article : articles) {
            if (seen.contains(article.id())) {
                continue;
            }
            if (!locked.contains(article.id())) {
                busy++;
                continue;
            }
            fresh.add(article);
        }
        if (fresh.isEmpty()) {
            return new Outcome(articles.size(), seen.size(), busy, List.of(), null);
        }
        ArticlePublisher.Delivery delivery = publisher.publish(fresh);
        record(c, feedId, delivery.acknowledged());
        Instant now = Instant.now();
        if (delivery.failure() != null) {
            health.failed(now, describe(delivery.failure()));
        } else {
            health.succeeded(now);
        }
        return new Outcome(articles.size(), seen.size(), busy, delivery.acknowledged(), delivery.failure());
    }

    /** The ids among {@code ids} that were published already. */
    public Set<String> publishedAmong(List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return Set.of();
        }
        try (Connection c = dataSource.getConnection()) {
            return strings(c, SEEN, ids.toArray(String[]::new));
        }
    }

    private static void record(Connection c, UUID feedId, List<ArticleCollected> acknowledged) throws SQLException {
        if (acknowledged.isEmpty()) {
            return;
        }
        try (PreparedStatement record = c.prepareStatement(RECORD)) {
            record.setObject(1, feedId);
            record.setArray(2, c.createArrayOf("text", acknowledged.stream().map(ArticleCollected::id).toArray()));
            record.setArray(3, c.createArrayOf("text", acknowledged.stream().map(ArticleCollected::guid).toArray()));
            record.setObject(4, feedId);
            record.executeUpdate();
        }
    }

    private static Set<String> strings(Connection c, String sql, String[] values) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, c.createArrayOf("text", values));
            Set<String> result = new HashSet<>();
            st.execute();
            read(st.getResultSet(), result);
            return result;
        }
    }

    private static void read(ResultSet rs, Set<String> into) throws SQLException {
        try (rs) {
            while (rs.next()) {
                into.add(rs.getString(1));
            }
        }
    }

    static String describe(Exception failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
