package org.newswatch.alert.article;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.newswatch.alert.DataAccessException;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.EventJson;
import org.newswatch.contracts.TopicScore;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recent classified articles, stored whole so that webhooks, mails and previews are rendered without
 * asking another service. Joins the caller's transaction when there is one.
 */
@ApplicationScoped
public class ArticleRepository {

    private final DataSource dataSource;

    public ArticleRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores an article, idempotent on its id: the same event again changes nothing, a newer
     * classification of the same article replaces the stored one, an older one is ignored.
     */
    public void upsert(ArticleClassified event) {
        List<String> flaggedTopics = event.classification().topics().stream()
                .filter(TopicScore::flagged).map(TopicScore::topic).toList();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        INSERT INTO article (id, event, flagged, flagged_topics, classifier_version, published_at,
                                             classified_at)
                        VALUES (?, CAST(? AS jsonb), ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET event = EXCLUDED.event, flagged = EXCLUDED.flagged,
                            flagged_topics = EXCLUDED.flagged_topics, classifier_version = EXCLUDED.classifier_version,
                            published_at = EXCLUDED.published_at, classified_at = EXCLUDED.classified_at
                        WHERE article.classified_at < EXCLUDED.classified_at
                        """)) {
            statement.setString(1, event.article().id());
            statement.setString(2, new String(EventJson.write(event), java.nio.charset.StandardCharsets.UTF_8));
            statement.setBoolean(3, event.classification().flagged());
            statement.setArray(4, connection.createArrayOf("text", flaggedTopics.toArray()));
            statement.setString(5, event.classification().classifierVersion());
            statement.setTimestamp(6, Timestamp.from(event.article().publishedAt()));
            statement.setTimestamp(7, Timestamp.from(event.classifiedAt()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("cannot store article " + event.article().id(), e);
        }
    }

    /** The stored event of an article, or empty when it is unknown or past retention. */
    public Optional<ArticleClassified> find(String articleId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT event FROM article WHERE id = ?")) {
            statement.setString(1, articleId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(read(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read article " + articleId, e);
        }
    }

    /** Flagged articles classified since {@code since} with one of {@code topics} flagged, newest first. */
    public List<ArticleClassified> flaggedSince(Instant since, Collection<String> topics) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT event FROM article
                         WHERE classified_at >= ? AND flagged AND flagged_topics && ?
                         ORDER BY classified_at DESC, id
                        """)) {
            statement.setTimestamp(1, Timestamp.from(since));
            statement.setArray(2, connection.createArrayOf("text", topics.toArray()));
            List<ArticleClassified> articles = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    articles.add(read(rs.getString(1)));
                }
            }
            return articles;
        } catch (SQLException e) {
            throw new DataAccessException("cannot read recent flagged articles", e);
        }
    }

    /**
     * Deletes up to {@code limit} articles classified before {@code cutoff} that no pending delivery still
     * needs.
     *
     * @return how many were deleted
     */
    public int deleteClassifiedBefore(Instant cutoff, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        DELETE FROM article WHERE id IN (
                            SELECT a.id FROM article a
                             WHERE a.classified_at < ?
                               AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.article_id = a.id AND d.state = 'pending')
                             LIMIT ?)
                        """)) {
            statement.setTimestamp(1, Timestamp.from(cutoff));
            statement.setInt(2, limit);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("cannot delete expired articles", e);
        }
    }

    private static ArticleClassified read(String json) {
        return EventJson.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), ArticleClassified.class);
    }
}
