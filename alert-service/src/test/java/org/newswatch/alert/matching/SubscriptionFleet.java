package org.newswatch.alert.matching;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import org.newswatch.alert.secret.SecretCipher;

/**
 * Many varied subscriptions written straight into the database in batches (the API would take minutes for
 * 10,000), spread over {@code owners} owners, each with a webhook subscriber and an e-mail subscriber in one of
 * the three opt-in states. Deterministic for a seed. {@link #delete} removes them with their deliveries.
 */
public final class SubscriptionFleet {

    /** One generated subscription, as a test's independent matcher needs it. */
    public record Member(UUID id, String owner, List<String> topics, double minScore, List<String> languages,
            List<String> sources, List<String> keywords, String keywordsMode, String channel, boolean addressReceives,
            String status, String digestZone, Integer digestHour) {
    }

    private static final List<List<String>> TOPICS = List.of(List.of(Stories.ICC), List.of(Stories.JUDICIAL),
            List.of(Stories.ICC, Stories.JUDICIAL));
    private static final double[] MIN_SCORES = {0.3, 0.5, 0.6, 0.75, 0.9};
    private static final List<List<String>> LANGUAGES = List.of(List.of(), List.of(), List.of(), List.of("fr"),
            List.of("en"), List.of("es", "de"), List.of("nl"), List.of("fr-CA"), List.of("en-GB", "fr"));
    private static final List<List<String>> SOURCES = List.of(List.of(), List.of(), List.of(), List.of(), List.of("lemonde.fr"),
            List.of("Reuters"), List.of("feed-elpais-espana"), List.of("bbc.co.uk"), List.of("https://www.hrw.org/"),
            List.of("NOS", "Tagesschau"));
    private static final List<List<String>> KEYWORDS = List.of(List.of(), List.of(), List.of(), List.of("sanctions"),
            List.of("judges"), List.of("\"Rome Statute\""), List.of("Statut de Rome"), List.of("indépendance"),
            List.of("independencia", "jueces"), List.of("\"Cour pénale internationale\""), List.of("Strafhof"),
            List.of("sanctions", "ICC"), List.of("Venice Commission", "Budapest"), List.of("rule of law"),
            List.of("Kinshasa"));
    private static final String[] ZONES = {"UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata"};

    private final DataSource dataSource;
    private final String ownerPrefix;
    private final List<Member> members = new ArrayList<>();

    private SubscriptionFleet(DataSource dataSource, String ownerPrefix) {
        this.dataSource = dataSource;
        this.ownerPrefix = ownerPrefix;
    }

    /**
     * Generates and stores {@code count} subscriptions.
     *
     * @param allActiveWebhooks true for a benchmark: every subscription an active webhook (all of them can match)
     */
    public static SubscriptionFleet create(DataSource dataSource, SecretCipher cipher, int count, int owners, long seed,
            boolean allActiveWebhooks) throws SQLException {
        SubscriptionFleet fleet = new SubscriptionFleet(dataSource, "fleet-" + UUID.randomUUID() + "-");
        fleet.store(cipher, count, owners, new Random(seed), allActiveWebhooks);
        return fleet;
    }

    public List<Member> members() {
        return members;
    }

    public String ownerPrefix() {
        return ownerPrefix;
    }

    private void store(SecretCipher cipher, int count, int owners, Random random, boolean allActiveWebhooks)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            UUID[] webhookSubscriber = new UUID[owners];
            UUID[] emailSubscriber = new UUID[owners];
            boolean[] receives = new boolean[owners];
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO subscriber (id, owner, email, confirmed_at, unsubscribed_at)
                    VALUES (?, ?, ?, CASE WHEN ? THEN now() END, CASE WHEN ? THEN now() END)""")) {
                for (int o = 0; o < owners; o++) {
                    webhookSubscriber[o] = UUID.randomUUID();
                    emailSubscriber[o] = UUID.randomUUID();
                    addSubscriber(s, webhookSubscriber[o], ownerPrefix + o, null, false, false);
                    // 70 % confirmed, 20 % never confirmed, 10 % confirmed then unsubscribed.
                    int state = random.nextInt(10);
                    receives[o] = state < 7;
                    addSubscriber(s, emailSubscriber[o], ownerPrefix + o, "owner" + o + "@example.org", state != 7 && state != 8,
                            state == 9);
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO subscription (id, owner, subscriber_id, name, topics, keywords, keywords_mode, min_score,
                        languages, sources, channel_type, channel_target, mode, digest_frequency, digest_hour,
                        digest_time_zone, webhook_secret, status, disabled_reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < count; i++) {
                    int o = random.nextInt(owners);
                    boolean webhook = allActiveWebhooks || random.nextInt(10) < 8;
                    int statusDraw = random.nextInt(100);
                    String status = allActiveWebhooks || statusDraw < 90 ? "active" : statusDraw < 97 ? "paused" : "disabled";
                    boolean digest = !webhook && random.nextInt(10) < 3;
                    String zone = digest ? ZONES[random.nextInt(ZONES.length)] : null;
                    Integer hour = digest ? random.nextInt(24) : null;
                    Member m = new Member(UUID.randomUUID(), ownerPrefix + o, pick(TOPICS, random),
                            MIN_SCORES[random.nextInt(MIN_SCORES.length)], pick(LANGUAGES, random),
                            pick(SOURCES, random), pick(KEYWORDS, random), random.nextBoolean() ? "any" : "all",
                            webhook ? "webhook" : "email", webhook || receives[o], status, zone, hour);
                    members.add(m);
                    int p = 1;
                    s.setObject(p++, m.id());
                    s.setString(p++, m.owner());
                    s.setObject(p++, webhook ? webhookSubscriber[o] : emailSubscriber[o]);
                    s.setString(p++, "fleet " + i);
                    s.setArray(p++, c.createArrayOf("text", m.topics().toArray()));
                    s.setArray(p++, c.createArrayOf("text", m.keywords().toArray()));
                    s.setString(p++, m.keywordsMode());
                    s.setDouble(p++, m.minScore());
                    s.setArray(p++, c.createArrayOf("text", m.languages().toArray()));
                    s.setArray(p++, c.createArrayOf("text", m.sources().toArray()));
                    s.setString(p++, m.channel());
                    // Port 9 (discard) on loopback: nothing listens, so a delivery worker fails fast.
                    s.setString(p++, webhook ? "http://127.0.0.1:9/fleet/" + i : "owner" + o + "@example.org");
                    s.setString(p++, digest ? "digest" : "immediate");
                    s.setString(p++, digest ? "daily" : null);
                    s.setObject(p++, hour == null ? null : hour.shortValue(), java.sql.Types.SMALLINT);
                    s.setString(p++, zone);
                    s.setString(p++, webhook ? cipher.encrypt("whsec_ZmxlZXQtc2VjcmV0LWZvci10ZXN0cy1vbmx5LTMyYg==",
                            "subscription:" + m.id() + ":webhook_secret") : null);
                    s.setString(p++, status);
                    s.setString(p++, "disabled".equals(status) ? "endpoint failing for 5 days" : null);
                    s.addBatch();
                    if (i % 1_000 == 999) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            c.commit();
        }
    }

    private static void addSubscriber(PreparedStatement s, UUID id, String owner, String email, boolean confirmed,
            boolean unsubscribed) throws SQLException {
        s.setObject(1, id);
        s.setString(2, owner);
        s.setString(3, email);
        s.setBoolean(4, confirmed);
        s.setBoolean(5, unsubscribed);
        s.addBatch();
    }

    private static <T> T pick(List<T> options, Random random) {
        return options.get(random.nextInt(options.size()));
    }

    /** Deletes the fleet's subscribers, and with them its subscriptions and their deliveries. */
    public void delete() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM subscriber WHERE owner LIKE ?")) {
            s.setString(1, ownerPrefix + "%");
            s.executeUpdate();
        }
    }
}
