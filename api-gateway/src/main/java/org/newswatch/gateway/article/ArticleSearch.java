package org.newswatch.gateway.article;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.newswatch.problem.Problem;
import org.newswatch.problem.ProblemException;
import org.postgresql.PGStatement;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Searches the read model. Every value reaches PostgreSQL as a bound parameter; the SQL text depends only on
 * which filters are present.
 * <p>
 * A full-text query is turned into a tsquery first ({@code article_query_any}, or the configuration of
 * {@code lang}), then bound as a constant into a statement that is planned for it (never server-prepared), so that
 * the planner sees how common its words are and picks the GIN index or the newest-first index accordingly.
 */
@ApplicationScoped
public class ArticleSearch {

    // ts_headline marks matches with control characters, which are removed from the text first: the snippet is
    // plain text plus spans.
    private static final String HEADLINE = "ts_headline(article_text_config(a.language), "
            + "translate(coalesce(nullif(a.summary, ''), left(a.content, 2000), a.title), E'\\u0002\\u0003', ''), "
            + "?::tsquery, 'StartSel=' || chr(2) || ', StopSel=' || chr(3) "
            + "|| ', MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"')";

    // SQLSTATE of a statement cancelled by its timeout.
    private static final String CANCELLED = "57014";

    private final DataSource dataSource;
    private final int timeoutSeconds;

    public ArticleSearch(DataSource dataSource, ArticleApiConfig config) {
        this.dataSource = dataSource;
        this.timeoutSeconds = (int) Math.max(1, config.queryTimeout().toSeconds());
    }

    public ArticlePage search(ArticleQuery query) {
        try (Connection connection = dataSource.getConnection()) {
            String tsquery = null;
            if (query.text() != null) {
                Optional<String> parsed = tsquery(connection, query);
                if (parsed.isEmpty()) {
                    // Only stop words or punctuation: nothing can match.
                    return new ArticlePage(List.of(), null);
                }
                tsquery = parsed.get();
            }
            List<Object> params = new ArrayList<>();
            StringBuilder where = new StringBuilder(" WHERE true");
            if (tsquery != null) {
                where.append(" AND a.search @@ ?::tsquery");
                params.add(tsquery);
            }
            if (query.language() != null) {
                where.append(" AND a.language = ?");
                params.add(query.language());
            }
            if (query.flagged() != null) {
                where.append(" AND a.flagged = ?");
                params.add(query.flagged());
            }
            if (query.source() != null) {
                where.append(" AND a.source = ?");
                params.add(query.source());
            }
            if (query.since() != null) {
                where.append(" AND a.published_at >= ?");
                params.add(Timestamp.from(query.since()));
            }
            if (query.until() != null) {
                where.append(" AND a.published_at < ?");
                params.add(Timestamp.from(query.until()));
            }
            if (!query.topics().isEmpty()) {
                where.append(" AND EXISTS (SELECT 1 FROM article_topic t WHERE t.article_id = a.id"
                        + " AND t.topic = ANY (?)");
                params.add(query.topics().toArray(String[]::new));
                if (query.minScore() != null) {
                    where.append(" AND t.score >= ?)");
                    params.add(query.minScore());
                } else {
                    where.append(" AND t.flagged)");
                }
            } else if (query.minScore() != null) {
                where.append(" AND EXISTS (SELECT 1 FROM article_topic t WHERE t.article_id = a.id AND t.score >= ?)");
                params.add(query.minScore());
            }
            if (query.after() != null) {
                where.append(" AND (a.published_at, a.id) < (?, ?)");
                params.add(Timestamp.from(query.after().publishedAt()));
                params.add(query.after().id());
            }
            // With a query, the content comes along for the snippet.
            String columns = tsquery == null ? ArticleRows.COLUMNS : ArticleRows.COLUMNS + ", a.content";
            String page = "SELECT " + columns + " FROM article a" + where
                    + " ORDER BY a.published_at DESC, a.id DESC LIMIT ?";
            params.add(query.limit() + 1);
            // The headline is computed for the page's rows only, outside the limited query.
            String sql = tsquery == null ? page
                    : "SELECT a.*, " + HEADLINE + " FROM (" + page + ") a ORDER BY a.published_at DESC, a.id DESC";
            if (tsquery != null) {
                params.add(0, tsquery);
            }
            return read(connection, sql, params, query, tsquery != null);
        } catch (SQLException e) {
            throw failure("cannot search articles", e);
        }
    }

    private ArticlePage read(Connection connection, String sql, List<Object> params, ArticleQuery query,
            boolean withSnippet) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            // Planned for these values every time (see the class comment).
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            statement.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < params.size(); i++) {
                Object param = params.get(i);
                if (param instanceof String[] strings) {
                    statement.setArray(i + 1, connection.createArrayOf("text", strings));
                } else {
                    statement.setObject(i + 1, param);
                }
            }
            List<ArticleItem> items = new ArrayList<>();
            String nextCursor = null;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == query.limit()) {
                        ArticleItem last = items.get(items.size() - 1);
                        nextCursor = ArticleCursor.encode(new ArticleCursor.Position(last.publishedAt(), last.id()),
                                query.fingerprint());
                        break;
                    }
                    String marked = withSnippet ? rs.getString(rs.getMetaData().getColumnCount()) : null;
                    Snippet snippet = marked == null ? null : Snippet.parse(marked);
                    items.add(ArticleRows.item(rs, snippet));
                }
            }
            return new ArticlePage(items, nextCursor);
        }
    }

    private RuntimeException failure(String what, SQLException e) {
        if (CANCELLED.equals(e.getSQLState())) {
            return new ProblemException(Problem.of(503, "search-timeout", "the search took longer than "
                    + timeoutSeconds + " s and was cancelled; narrow it (lang, since, until, topic) or try again"));
        }
        return new ReadModelException(what, e);
    }

    /** The query's tsquery as text, or empty when it has no searchable word. */
    private Optional<String> tsquery(Connection connection, ArticleQuery query) throws SQLException {
        // Without lang the readings of every language are OR-ed; what the query excludes is excluded in all of them.
        String sql = query.language() == null
                ? "SELECT (CASE WHEN wanted IS NULL THEN !! excluded WHEN excluded IS NULL THEN wanted"
                        + " ELSE wanted && !! excluded END)::text"
                        + " FROM (SELECT article_query_any(?) AS wanted, article_query_any(?) AS excluded) q"
                : "SELECT websearch_to_tsquery(article_text_config(?), ?)::text";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(timeoutSeconds);
            if (query.language() == null) {
                ExcludedWords words = ExcludedWords.split(query.text());
                statement.setString(1, words.wanted());
                statement.setString(2, words.excluded());
            } else {
                statement.setString(1, query.language());
                statement.setString(2, query.text());
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                String text = rs.getString(1);
                return text == null || text.isBlank() ? Optional.empty() : Optional.of(text);
            }
        }
    }

    /** One article with its classification, or empty when the read model does not have it. */
    public Optional<ArticleDetail> find(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT " + ArticleRows.COLUMNS
                        + ", a.classifier_version, a.content FROM article a WHERE a.id = ?")) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setString(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(ArticleRows.detail(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("cannot read article " + id, e);
        }
    }
}
