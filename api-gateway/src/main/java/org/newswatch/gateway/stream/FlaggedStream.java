package org.newswatch.gateway.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.newswatch.gateway.article.ArticleItem;
import org.newswatch.gateway.article.ArticleProjection;
import org.newswatch.gateway.article.ArticleRows;
import org.newswatch.gateway.article.TopicView;
import org.postgresql.PGConnection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The stream of newly flagged articles, for every client of this instance.
 * <p>
 * The database is the one source of events, so any number of gateway instances stream the same events with the
 * same ids: one thread per instance tails {@code stream_event}, woken by PostgreSQL LISTEN/NOTIFY as soon as a
 * projector on any instance commits a newly flagged article, and looking anyway every {@code catch-up-interval} in
 * case a notification was lost. On each wake it first numbers the waiting events (see {@link #number}), then reads
 * the numbered ones past its position. It reads each new event once, serializes it once and
 * hands it to every client without blocking (see {@link StreamClient}). A client that resumes with Last-Event-ID gets
 * the events it missed from the database first, on a separate small pool, never on the event loop.
 */
@ApplicationScoped
public class FlaggedStream {

    private static final Logger LOG = Logger.getLogger(FlaggedStream.class);
    private static final int BATCH = 500;
    // One instance at a time numbers waiting events (any constant; this one spells "nwstream").
    private static final long NUMBERING_LOCK = 0x6e7773747265616dL;
    private static final String NUMBER = """
            UPDATE stream_event e SET seq = n.seq
              FROM (SELECT w.article_id, nextval('stream_event_seq') AS seq
                      FROM (SELECT article_id FROM stream_event WHERE seq IS NULL
                             ORDER BY flagged_at, article_id LIMIT 1000) w) n
             WHERE e.article_id = n.article_id
            """;
    private static final String EVENTS = "SELECT " + ArticleRows.COLUMNS + ", e.seq FROM stream_event e"
            + " JOIN article a ON a.id = e.article_id";

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final StreamConfig config;
    private final Set<StreamClient> clients = new CopyOnWriteArraySet<>();
    private final Object registration = new Object();
    private final ExecutorService replays = Executors.newFixedThreadPool(2, daemon("stream-replay"));
    private volatile long position = -1;
    private volatile boolean running;
    private Thread tail;

    public FlaggedStream(DataSource dataSource, ObjectMapper json, StreamConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.json = json;
        this.config = config;
        Gauge.builder("newswatch.gateway.stream.clients", clients, Set::size)
                .description("Clients connected to the stream of flagged articles").register(registry);
    }

    void start(@Observes StartupEvent start) {
        try (Connection connection = dataSource.getConnection()) {
            position = newest(connection);
        } catch (SQLException e) {
            LOG.warnf("the stream will find its position once the database answers: %s", e.getMessage());
        }
        running = true;
        tail = daemon("stream-tail").newThread(this::tailLoop);
        tail.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        running = false;
        replays.shutdownNow();
        clients.forEach(client -> client.fail(new IllegalStateException("the gateway is shutting down")));
    }

    /**
     * The events for one client: those after {@code lastEventId} (when given) from the database, then every new one,
     * starting with {@link StreamEvent#OPENED} once the client is registered.
     *
     * @param topics only articles flagged for one of these; all when empty
     */
    public Multi<StreamEvent> subscribe(Long lastEventId, Set<String> topics) {
        Multi<StreamEvent> events = Multi.createFrom().emitter(emitter -> {
            StreamClient client;
            long upTo;
            synchronized (registration) {
                upTo = position;
                // An id beyond the newest event (another deployment's, say) counts as the newest: nothing is held back.
                client = new StreamClient(emitter, topics, lastEventId == null ? upTo : Math.min(lastEventId, upTo),
                        config.clientBuffer());
                clients.add(client);
            }
            emitter.onTermination(() -> clients.remove(client));
            if (upTo < 0) {
                client.fail(new IllegalStateException("the stream has not reached the database yet"));
                return;
            }
            emitter.emit(StreamEvent.OPENED);
            if (lastEventId == null || lastEventId >= upTo) {
                client.replayed(List.of(), false);
                return;
            }
            replays.execute(() -> replay(client, lastEventId, upTo));
        });
        // Events the client has not taken yet wait here: a whole replay plus client-buffer live ones. A full buffer
        // ends its stream (and the emitter's onTermination unregisters it); the client resumes with Last-Event-ID.
        return events.onOverflow().buffer(config.clientBuffer() + config.maxReplay() + 2);
    }

    private void replay(StreamClient client, long after, long upTo) {
        String sql = EVENTS + " WHERE e.seq > ? AND e.seq <= ?"
                + (client.topics().isEmpty() ? "" : " AND EXISTS (SELECT 1 FROM article_topic t"
                        + " WHERE t.article_id = e.article_id AND t.flagged AND t.topic = ANY (?))")
                + " ORDER BY e.seq DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 0;
            statement.setLong(++i, after);
            statement.setLong(++i, upTo);
            if (!client.topics().isEmpty()) {
                statement.setArray(++i, connection.createArrayOf("text", client.topics().toArray()));
            }
            statement.setInt(++i, config.maxReplay() + 1);
            List<StreamEvent> events = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.add(event(rs));
                }
            }
            boolean truncated = events.size() > config.maxReplay();
            List<StreamEvent> replay = new ArrayList<>(events.subList(0, Math.min(events.size(), config.maxReplay())));
            Collections.reverse(replay);
            client.replayed(replay, truncated);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("cannot replay stream events after %d: %s", after, e.getMessage());
            client.fail(e);
        }
    }

    private void tailLoop() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + ArticleProjection.STREAM_CHANNEL);
                }
                try {
                    PGConnection notifications = connection.unwrap(PGConnection.class);
                    if (position < 0) {
                        position = newest(connection);
                    }
                    // Listening before looking: an event committed meanwhile is either found now or notified.
                    catchUp(connection);
                    int wait = (int) Math.max(1, config.catchUpInterval().toMillis());
                    while (running) {
                        notifications.getNotifications(wait);
                        catchUp(connection);
                    }
                } finally {
                    try (Statement unlisten = connection.createStatement()) {
                        unlisten.execute("UNLISTEN *");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("the stream lost its database connection, retrying in %s: %s", config.catchUpInterval(),
                            e.getMessage());
                    pause();
                }
            }
        }
    }

    /** The newest event when the instance starts: clients get what follows (or what follows their Last-Event-ID). */
    private static long newest(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT coalesce(max(seq), 0) FROM stream_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Numbers the events the projectors added, in one transaction under an advisory lock: numbers are handed out and
     * become visible batch by batch, in order, whichever instance numbers. When another instance holds the lock it
     * numbers them, and its NOTIFY wakes this one.
     */
    private static void number(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            try (ResultSet locked = statement.executeQuery("SELECT pg_try_advisory_xact_lock(" + NUMBERING_LOCK + ")")) {
                locked.next();
                if (locked.getBoolean(1) && statement.executeUpdate(NUMBER) > 0) {
                    statement.execute("NOTIFY " + ArticleProjection.STREAM_CHANNEL);
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void catchUp(Connection connection) throws SQLException {
        number(connection);
        try (PreparedStatement statement = connection.prepareStatement(EVENTS
                + " WHERE e.seq > ? ORDER BY e.seq LIMIT " + BATCH)) {
            int read;
            do {
                read = 0;
                statement.setLong(1, position);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        publish(event(rs));
                        read++;
                    }
                }
            } while (read == BATCH && running);
        }
    }

    private void publish(StreamEvent event) {
        StreamClient[] targets;
        synchronized (registration) {
            position = event.seq();
            targets = clients.toArray(StreamClient[]::new);
        }
        for (StreamClient client : targets) {
            client.offer(event);
        }
    }

    private StreamEvent event(ResultSet rs) throws SQLException {
        ArticleItem item = ArticleRows.item(rs, null);
        Set<String> flagged = item.topics().stream().filter(TopicView::flagged).map(TopicView::topic)
                .collect(Collectors.toUnmodifiableSet());
        try {
            return new StreamEvent(rs.getLong(13), flagged, json.writeValueAsString(item));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write article " + item.id() + " as JSON", e);
        }
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(config.catchUpInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
