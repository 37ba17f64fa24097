package org.newswatch.gateway.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.newswatch.gateway.article.ReadModelException;

import jakarta.enterprise.context.ApplicationScoped;

/** Counts articles per UTC day of publication, in two grouped queries over the range. */
@ApplicationScoped
public class DailyStatsQuery {

    private static final String TOTALS = """
            SELECT (a.published_at AT TIME ZONE 'UTC')::date AS day, count(*), count(*) FILTER (WHERE a.flagged)
              FROM article a
             WHERE a.published_at >= ? AND a.published_at < ?
             GROUP BY 1
            """;
    private static final String PER_TOPIC = """
            SELECT (a.published_at AT TIME ZONE 'UTC')::date AS day, t.topic, count(*)
              FROM article_topic t JOIN article a ON a.id = t.article_id
             WHERE t.flagged AND a.published_at >= ? AND a.published_at < ? %s
             GROUP BY 1, 2
            """;

    private final DataSource dataSource;

    public DailyStatsQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param since  first day, inclusive
     * @param until  last day, inclusive
     * @param topics topics to count; every topic flagged in the range when empty
     */
    public DailyStats count(LocalDate since, LocalDate until, List<String> topics) {
        Timestamp from = Timestamp.from(since.atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp to = Timestamp.from(until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Map<LocalDate, long[]> totals = new TreeMap<>();
        Map<LocalDate, Map<String, Long>> perTopic = new TreeMap<>();
        TreeSet<String> counted = new TreeSet<>(topics);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(TOTALS)) {
                statement.setTimestamp(1, from);
                statement.setTimestamp(2, to);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        totals.put(rs.getObject(1, LocalDate.class), new long[] { rs.getLong(2), rs.getLong(3) });
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    PER_TOPIC.formatted(topics.isEmpty() ? "" : "AND t.topic = ANY (?)"))) {
                statement.setTimestamp(1, from);
                statement.setTimestamp(2, to);
                if (!topics.isEmpty()) {
                    statement.setArray(3, connection.createArrayOf("text", topics.toArray()));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String topic = rs.getString(2);
                        counted.add(topic);
                        perTopic.computeIfAbsent(rs.getObject(1, LocalDate.class), day -> new TreeMap<>())
                                .put(topic, rs.getLong(3));
                    }
                }
            }
        } catch (SQLException e) {
            throw new ReadModelException("cannot count articles per day", e);
        }
        List<DailyStats.Day> days = new ArrayList<>();
        for (LocalDate day = since; !day.isAfter(until); day = day.plusDays(1)) {
            long[] total = totals.getOrDefault(day, new long[2]);
            Map<String, Long> flaggedPerTopic = new LinkedHashMap<>();
            Map<String, Long> found = perTopic.getOrDefault(day, Map.of());
            for (String topic : counted) {
                flaggedPerTopic.put(topic, found.getOrDefault(topic, 0L));
            }
            days.add(new DailyStats.Day(day, total[0], total[1], flaggedPerTopic));
        }
        return new DailyStats(since, until, List.copyOf(counted), days);
    }
}
