package org.newswatch.alert.matching;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.newswatch.alert.DataAccessException;
import org.newswatch.alert.subscription.Digest;
import org.newswatch.alert.subscription.KeywordMode;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.TopicScore;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The subscriptions that may match a flagged article, in one indexed query: active, listening to one of
 * its flagged topics (GIN index on {@code topics}) with a score at least their minimum, and able to receive
 * (a webhook, or a confirmed e-mail address that has not unsubscribed). Languages, sources and keywords are
 * then tested in Java by {@link SubscriptionFilter}.
 */
@ApplicationScoped
public class MatchCandidates {

    /** A subscription worth testing, with what a delivery needs. */
    public record Candidate(UUID id, String channelType, Digest digest, SubscriptionFilter filter) {
    }

    private final DataSource dataSource;

    public MatchCandidates(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Candidate> of(ArticleClassified event) {
        List<TopicScore> flagged = event.classification().topics().stream().filter(TopicScore::flagged).toList();
        if (flagged.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT s.id, s.topics, s.min_score, s.keywords, s.keywords_mode, s.languages, s.sources,
                               s.channel_type, s.digest_frequency, s.digest_hour, s.digest_time_zone
                          FROM subscription s JOIN subscriber sb ON sb.id = s.subscriber_id
                         WHERE s.topics && ? AND s.status = 'active'
                           AND (s.channel_type = 'webhook' OR (sb.confirmed_at IS NOT NULL AND sb.unsubscribed_at IS NULL))
                           AND EXISTS (SELECT 1 FROM unnest(?::text[], ?::float8[]) AS f(topic, score)
                                        WHERE f.topic = ANY (s.topics) AND f.score >= s.min_score)
                        """)) {
            Object[] topics = flagged.stream().map(TopicScore::topic).toArray();
            statement.setArray(1, connection.createArrayOf("text", topics));
            statement.setArray(2, connection.createArrayOf("text", topics));
            statement.setArray(3, connection.createArrayOf("float8", flagged.stream().map(TopicScore::score).toArray()));
            List<Candidate> candidates = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    candidates.add(read(rs));
                }
            }
            return candidates;
        } catch (SQLException e) {
            throw new DataAccessException("cannot find the subscriptions for article " + event.article().id(), e);
        }
    }

    private static Candidate read(ResultSet rs) throws SQLException {
        String frequency = rs.getString("digest_frequency");
        Digest digest = null;
        if (frequency != null) {
            int hour = rs.getInt("digest_hour");
            digest = new Digest(Digest.Frequency.of(frequency), rs.wasNull() ? null : hour,
                    ZoneId.of(rs.getString("digest_time_zone")));
        }
        SubscriptionFilter filter = new SubscriptionFilter(texts(rs, "topics"), rs.getDouble("min_score"),
                texts(rs, "languages"), texts(rs, "sources"), texts(rs, "keywords"),
                KeywordMode.of(rs.getString("keywords_mode")));
        return new Candidate(rs.getObject("id", UUID.class), rs.getString("channel_type"), digest, filter);
    }

    private static List<String> texts(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
