package org.newswatch.gateway.article;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.newswatch.contracts.Classification;
import org.newswatch.contracts.EventJson;

/** Reads article rows selected with {@link #COLUMNS} into the API's shapes. */
public final class ArticleRows {

    /** The columns {@link #item} and {@link #detail} read, in order, from an article aliased {@code a}. */
    public static final String COLUMNS = "a.id, a.title, a.url, a.source, a.feed_id, a.language, a.published_at, "
            + "a.collected_at, a.classified_at, a.flagged, a.summary, a.classification::text";

    private ArticleRows() {
    }

    /** An item of a list or of the stream, every topic with its evidence; the snippet is null without a query. */
    public static ArticleItem item(ResultSet rs, Snippet snippet) throws SQLException {
        return new ArticleItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9), rs.getBoolean(10),
                topics(rs.getString(12)), rs.getString(11), snippet);
    }

    /** A detail: {@link #COLUMNS}, then classifier_version and content. */
    static ArticleDetail detail(ResultSet rs) throws SQLException {
        return new ArticleDetail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9), rs.getBoolean(10), rs.getString(13),
                topics(rs.getString(12)), rs.getString(11), rs.getString(14));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static List<TopicView> topics(String classificationJson) {
        Classification classification = EventJson.read(classificationJson.getBytes(StandardCharsets.UTF_8),
                Classification.class);
        return classification.topics().stream().map(TopicView::of).toList();
    }
}
