package org.newswatch.gateway.article;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;

import javax.sql.DataSource;

import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.contracts.EventJson;
import org.newswatch.contracts.TopicScore;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes one classified article into the read model, in one transaction: the article with its search document,
 * its per-topic rows and, when it is newly flagged, its stream event (announced with NOTIFY, which PostgreSQL
 * delivers at commit; the stream numbers it then).
 * <p>
 * Idempotent on the article id: the same record again changes nothing; a newer classification of the same article
 * (later {@code classifiedAt}) replaces it in place; an older one is ignored. An article enters the stream once,
 * the first time it is stored flagged.
 */
@ApplicationScoped
public class ArticleProjection {

    /** The PostgreSQL channel that tells every gateway instance that stream events were added or numbered. */
    public static final String STREAM_CHANNEL = "article_flagged";

    /** What storing one record did. */
    public enum Outcome {
        /** Stored for the first time or replaced by a newer classification. */
        STORED,
        /** Stored, and flagged for the first time: it is on the stream. */
        STORED_AND_STREAMED,
        /** The stored classification is as new or newer: nothing changed. */
        UNCHANGED
    }

    private static final String UPSERT_ARTICLE = """
            INSERT INTO article (id, feed_id, source, url, title, summary, content, language, published_at,
                                 collected_at, classified_at, classifier_version, flagged, classification, search)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), article_document(?, ?, ?, ?))
            ON CONFLICT (id) DO UPDATE SET feed_id = EXCLUDED.feed_id, source = EXCLUDED.source, url = EXCLUDED.url,
                title = EXCLUDED.title, summary = EXCLUDED.summary, content = EXCLUDED.content,
                language = EXCLUDED.language, published_at = EXCLUDED.published_at,
                collected_at = EXCLUDED.collected_at, classified_at = EXCLUDED.classified_at,
                classifier_version = EXCLUDED.classifier_version, flagged = EXCLUDED.flagged,
                classification = EXCLUDED.classification, search = EXCLUDED.search
            WHERE article.classified_at < EXCLUDED.classified_at
            RETURNING flagged
            """;

    private static final String INSERT_TOPICS = """
            INSERT INTO article_topic (article_id, topic, score, flagged)
            SELECT ?, t.topic, t.score, t.flagged FROM unnest(?::text[], ?::float8[], ?::boolean[]) AS t(topic, score, flagged)
            """;

    // Unnumbered: the stream numbers it after commit (see FlaggedStream), so projections never wait on each other.
    private static final String STREAM = """
            INSERT INTO stream_event (article_id) VALUES (?) ON CONFLICT (article_id) DO NOTHING
            """;

    private final DataSource dataSource;

    public ArticleProjection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Outcome project(ArticleClassified event) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Outcome outcome = write(connection, event);
                connection.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private Outcome write(Connection connection, ArticleClassified event) throws SQLException {
        ArticleCollected article = event.article();
        String language = event.classification().language();
        boolean flagged;
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_ARTICLE)) {
            int i = 0;
            upsert.setString(++i, article.id());
            upsert.setString(++i, article.feedId());
            upsert.setString(++i, article.source());
            upsert.setString(++i, article.canonicalUrl() != null ? article.canonicalUrl() : article.url());
            upsert.setString(++i, article.title());
            upsert.setString(++i, article.summary());
            upsert.setString(++i, article.content());
            upsert.setString(++i, language);
            upsert.setTimestamp(++i, Timestamp.from(article.publishedAt()));
            upsert.setTimestamp(++i, Timestamp.from(article.collectedAt()));
            upsert.setTimestamp(++i, Timestamp.from(event.classifiedAt()));
            upsert.setString(++i, event.classification().classifierVersion());
            upsert.setBoolean(++i, event.classification().flagged());
            upsert.setString(++i, new String(EventJson.write(event.classification()), StandardCharsets.UTF_8));
            upsert.setString(++i, language);
            upsert.setString(++i, article.title());
            upsert.setString(++i, article.summary());
            upsert.setString(++i, article.content());
            try (ResultSet rs = upsert.executeQuery()) {
                if (!rs.next()) {
                    return Outcome.UNCHANGED;
                }
                flagged = rs.getBoolean(1);
            }
        }
        replaceTopics(connection, article.id(), event.classification().topics());
        if (!flagged) {
            return Outcome.STORED;
        }
        try (PreparedStatement stream = connection.prepareStatement(STREAM)) {
            stream.setString(1, article.id());
            if (stream.executeUpdate() == 0) {
                return Outcome.STORED;
            }
        }
        try (Statement notify = connection.createStatement()) {
            notify.execute("NOTIFY " + STREAM_CHANNEL);
        }
        return Outcome.STORED_AND_STREAMED;
    }

    private static void replaceTopics(Connection connection, String articleId, List<TopicScore> topics)
            throws SQLException {
        Object[] names = new Object[topics.size()];
        Object[] scores = new Object[topics.size()];
        Object[] flags = new Object[topics.size()];
        for (int i = 0; i < topics.size(); i++) {
            names[i] = topics.get(i).topic();
            scores[i] = topics.get(i).score();
            flags[i] = topics.get(i).flagged();
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM article_topic WHERE article_id = ?");
                PreparedStatement insert = connection.prepareStatement(INSERT_TOPICS)) {
            delete.setString(1, articleId);
            delete.executeUpdate();
            insert.setString(1, articleId);
            insert.setArray(2, connection.createArrayOf("text", names));
            insert.setArray(3, connection.createArrayOf("float8", scores));
            insert.setArray(4, connection.createArrayOf("bool", flags));
            insert.executeUpdate();
        }
    }
}
