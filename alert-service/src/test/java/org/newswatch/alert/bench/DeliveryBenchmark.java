package org.newswatch.alert.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.newswatch.alert.config.FixedAlertConfig;
import org.newswatch.alert.matching.ClassifiedRecords;
import org.newswatch.alert.secret.SecretCipher;
import org.newswatch.alert.webhook.WebhookMessage;
import org.newswatch.alert.webhook.WebhookSigner;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.contracts.Classification;
import org.newswatch.contracts.EventJson;
import org.newswatch.contracts.Evidence;
import org.newswatch.contracts.TopicScore;
import org.newswatch.contracts.Topics;
import org.newswatch.testkit.KafkaBroker;
import org.newswatch.testkit.PackagedService;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Webhook delivery of the packaged service (a separate JVM, production profile) through the real broker and
 * database to a receiver on loopback that verifies every signature. 10,000 subscriptions, 30 % of them webhooks
 * (each to its own URL on the receiver), the rest e-mail digests; most watch one of 100 sources. Measured:
 * <ul>
 * <li>baseline: the receiver's own capacity, a plain HTTP client loop (64 threads) posting signed webhooks;</li>
 * <li>burst: stories published at once through the broker; matching and delivery together (on a small machine
 * matching feeds the queue more slowly than the workers empty it);</li>
 * <li>delivery capacity: a backlog of due deliveries, as matching leaves it after a delivery outage (every webhook
 * subscription due for a few stories), drained at deliveries per second;</li>
 * <li>latency: stories at a steady rate below that capacity, time from the classified record being produced
 * to the webhook being received, p50 and p99.</li>
 * </ul>
 * Not a test; run with
 * <pre>
 * mvn -B -ntp -pl alert-service package -DskipTests
 * mvn -B -ntp -Pbench -pl alert-service test-compile exec:exec \
 *     -Dbench.main=org.newswatch.alert.bench.DeliveryBenchmark -Dbench.args="10000 200 30"
 * </pre>
 * Arguments: subscriptions (10,000), stories in the burst (200), seconds of steady load (30), stories in the backlog
 * (7, each due to every webhook subscription).
 */
public final class DeliveryBenchmark {

    static final String SECRET_KEY = Base64.getEncoder().encodeToString(
            "bench-only-key-not-for-any-use!!".getBytes(StandardCharsets.US_ASCII));
    static final double WEBHOOK_SHARE = 0.3;
    static final int SOURCES = 100;
    static final String ICC = "icc-sanctions";
    static final String JUDICIAL = "judicial-independence";

    private DeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int subscriptions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int burst = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int steadySeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int backlogStories = args.length > 3 ? Integer.parseInt(args[3]) : 7;

        KafkaBroker broker = KafkaBroker.shared();
        broker.createTopics(Topics.CLASSIFIED, Topics.deadLetterOf(Topics.CLASSIFIED));
        try (BenchDatabase database = new BenchDatabase("deliverybench"); BenchReceiver receiver = new BenchReceiver()) {
            run(broker, database, receiver, subscriptions, burst, steadySeconds, backlogStories);
        }
        System.exit(0);
    }

    private static void run(KafkaBroker broker, BenchDatabase database, BenchReceiver receiver, int subscriptions,
            int burst, int steadySeconds, int backlogStories) throws Exception {
        PGSimpleDataSource dataSource = database.dataSource();
        Map<String, String> settings = database.serviceSettings(broker.bootstrapServers());
        settings.put("newswatch.alert.secret-key", SECRET_KEY);
        settings.put("newswatch.alert.mail.link-key", "bench-only-mail-link-key-not-for-any-use");
        // The receiver runs on loopback; production refuses that (SSRF check), the benchmark must allow it.
        settings.put("newswatch.outbound.allow-private-addresses", "true");
        // -Dbench.service.<property>=<value> passes a setting to the service, to compare configurations.
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench.service."))
                .forEach(name -> settings.put(name.substring("bench.service.".length()), System.getProperty(name)));

        Baseline baseline = baseline(receiver, Duration.ofSeconds(10));
        System.out.printf("[bench] baseline: plain HTTP client loop, 64 threads: %,.0f webhooks/s to the receiver,"
                + " p50 %d ms, p99 %d ms per request%n", baseline.perSecond(), baseline.p50(), baseline.p99());

        try (PackagedService service = new PackagedService("alert-service", PackagedService.MODULE_JAR,
                        Path.of("target", "bench")).jvmOptions("-Xmx1g")
                        .property("newswatch.service-key", "bench-service-key").properties(settings);
                ClassifiedRecords records = new ClassifiedRecords(broker.bootstrapServers())) {
            service.start();
            service.awaitReady(Duration.ofSeconds(90));
            int webhooks = seed(dataSource, receiver, subscriptions, new Random(11));
            System.out.printf("[bench] service up (log: %s); %,d subscriptions, %,d of them webhooks%n",
                    service.log(), subscriptions, webhooks);
            Random random = new Random(5);

            Phase warmUp = publish("warm-up", records, dataSource, receiver, 30, Double.POSITIVE_INFINITY, random);
            System.out.printf("[bench] warm-up: %s%n", warmUp);
            Phase throughput = publish("burst", records, dataSource, receiver, burst, Double.POSITIVE_INFINITY, random);
            System.out.printf("[bench] burst through the broker: %s%n", throughput);
            Drain drain = drain(dataSource, receiver, backlogStories);
            System.out.printf("[bench] backlog drain: %s%n", drain);

            double fanOut = (double) throughput.deliveries() / burst;
            double storiesPerSecond = Math.max(1, 0.5 * Math.min(throughput.perSecond(), drain.perSecond()) / fanOut);
            Phase steady = publish("steady", records, dataSource, receiver,
                    (int) Math.round(storiesPerSecond * steadySeconds), storiesPerSecond, random);
            System.out.printf("[bench] steady: %s%n", steady);

            long undelivered = count(dataSource, "SELECT count(*) FROM delivery WHERE channel = 'webhook'"
                    + " AND state <> 'delivered'");
            System.out.printf("[bench] webhooks received %,d, repeated ids %d, unverified %d, undelivered rows %d%n",
                    receiver.received(), receiver.repeated(), receiver.unverified(), undelivered);
            System.out.printf("[bench] RESULT delivery capacity %,.0f webhooks/s (backlog drain; %.2f x the plain-client"
                    + " baseline of %,.0f/s); through the broker %,.0f webhooks/s (matching %.1f stories/s x %.0f);"
                    + " steady %,.0f webhooks/s: p50 %d ms, p99 %d ms from record produced to webhook received%n",
                    drain.perSecond(), drain.perSecond() / baseline.perSecond(), baseline.perSecond(),
                    throughput.perSecond(), burst / throughput.matchedSeconds(), fanOut, steady.perSecond(),
                    steady.p50(), steady.p99());
        }
    }

    record Baseline(double perSecond, long p50, long p99) {
    }

    /**
     * Phase figures: deliveries to the receiver, their rate from the first story published to the last webhook
     * received, how long matching took to commit every story, and the latency from record to webhook.
     */
    record Phase(int stories, long deliveries, double perSecond, double matchedSeconds, long p50, long p99) {
        @Override
        public String toString() {
            return String.format("%d stories matched in %.1f s, %,d webhooks, %,.0f/s, p50 %d ms, p99 %d ms", stories,
                    matchedSeconds, deliveries, perSecond, p50, p99);
        }
    }

    record Drain(long deliveries, double perSecond) {
        @Override
        public String toString() {
            return String.format("%,d due webhooks drained at %,.0f/s", deliveries, perSecond);
        }
    }

    /**
     * Stores {@code stories} new stories and a due delivery of each to every webhook subscription in one
     * transaction, as matching would have left them while the workers were away, then times their delivery.
     */
    private static Drain drain(PGSimpleDataSource dataSource, BenchReceiver receiver, int stories) throws Exception {
        long before = receiver.received();
        long backlog;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement article = connection.prepareStatement("""
                    INSERT INTO article (id, event, flagged, flagged_topics, classifier_version, published_at, classified_at)
                    VALUES (?, ?::jsonb, true, '{icc-sanctions}', 'bench-1', now(), now())
                    """)) {
                for (int i = 0; i < stories; i++) {
                    ArticleClassified story = story("backlog-" + i + "-" + UUID.randomUUID(), i, List.of(ICC), Instant.now());
                    article.setString(1, story.article().id());
                    article.setString(2, new String(EventJson.write(story), StandardCharsets.UTF_8));
                    article.executeUpdate();
                    try (PreparedStatement deliveries = connection.prepareStatement("""
                            INSERT INTO delivery (subscription_id, article_id, channel, next_attempt_at)
                            SELECT id, ?, 'webhook', now() FROM subscription WHERE channel_type = 'webhook'
                            """)) {
                        deliveries.setString(1, story.article().id());
                        deliveries.executeUpdate();
                    }
                }
            }
            connection.commit();
            backlog = count(dataSource, "SELECT count(*) FROM delivery WHERE article_id LIKE 'backlog-%'");
        }
        receiver.swapLatencies();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(10);
        while (receiver.received() - before < backlog && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        receiver.swapLatencies();
        return new Drain(receiver.received() - before, (receiver.received() - before) / seconds);
    }

    /** The receiver's capacity without the service: signed webhooks posted by a plain client loop. */
    private static Baseline baseline(BenchReceiver receiver, Duration length) throws Exception {
        String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        receiver.trust("/baseline", secret);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        WebhookSigner signer = new WebhookSigner();
        ExecutorService threads = Executors.newFixedThreadPool(64);
        AtomicLong sent = new AtomicLong();
        BenchReceiver.LatencyRecorder latencies = new BenchReceiver.LatencyRecorder();
        long end = System.nanoTime() + length.toNanos();
        long start = System.nanoTime();
        for (int t = 0; t < 64; t++) {
            threads.execute(() -> {
                while (System.nanoTime() < end) {
                    ArticleClassified story = story(UUID.randomUUID().toString(), 0, List.of(ICC), Instant.now());
                    String body = WebhookMessage.of(story, Instant.now(), "http://localhost:8080/a").toJson();
                    var headers = signer.sign(UUID.randomUUID().toString(), body, List.of(secret));
                    long began = System.nanoTime();
                    try {
                        client.send(HttpRequest.newBuilder(URI.create(receiver.url("/baseline")))
                                .timeout(Duration.ofSeconds(15))
                                .header("Content-Type", "application/json")
                                .header("webhook-id", headers.id())
                                .header("webhook-timestamp", headers.timestamp())
                                .header("webhook-signature", headers.signature())
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        latencies.record((System.nanoTime() - began) / 1_000_000);
                        sent.incrementAndGet();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        }
        threads.shutdown();
        threads.awaitTermination(length.toSeconds() + 30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        receiver.swapLatencies();
        return new Baseline(sent.get() / seconds, latencies.percentile(50), latencies.percentile(99));
    }

    /**
     * Publishes {@code stories} stories, at once when {@code storiesPerSecond} is infinite, else at that steady
     * rate, and measures how their webhooks arrive. Each story's {@code classifiedAt} is the moment its record is
     * produced: the receiver measures the latency from it.
     */
    private static Phase publish(String name, ClassifiedRecords records, PGSimpleDataSource dataSource,
            BenchReceiver receiver, int stories, double storiesPerSecond, Random random) throws Exception {
        long before = receiver.received();
        receiver.swapLatencies();
        List<String> ids = new ArrayList<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        boolean paced = Double.isFinite(storiesPerSecond);
        long start = System.nanoTime();
        for (int i = 0; i < stories; i++) {
            if (paced) {
                long wait = start + (long) (i * 1e9 / storiesPerSecond) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            ArticleClassified story = randomStory(name + "-" + i + "-" + UUID.randomUUID(), random, Instant.now());
            ids.add(story.article().id());
            sent.add(records.sendAsync(story));
            if (paced) {
                records.flush();
            }
        }
        records.flush();
        return finish(stories, records, dataSource, receiver, ids, sent, before, start);
    }

    private static Phase finish(int stories, ClassifiedRecords records, PGSimpleDataSource dataSource,
            BenchReceiver receiver, List<String> ids, List<Future<RecordMetadata>> sent,
            long receivedBefore, long start) throws Exception {
        List<RecordMetadata> metadata = new ArrayList<>();
        for (var future : sent) {
            metadata.add(future.get());
        }
        records.awaitConsumed(metadata, Duration.ofMinutes(5));
        double matchedSeconds = (System.nanoTime() - start) / 1e9;
        long expected = countDeliveries(dataSource, ids);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (receiver.received() - receivedBefore < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long delivered = receiver.received() - receivedBefore;
        BenchReceiver.LatencyRecorder latencies = receiver.swapLatencies();
        if (delivered < expected) {
            System.out.printf("[bench] only %,d of %,d webhooks arrived within 10 minutes%n", delivered, expected);
        }
        return new Phase(stories, delivered, delivered / seconds, matchedSeconds, latencies.percentile(50),
                latencies.percentile(99));
    }

    private static long countDeliveries(PGSimpleDataSource dataSource, List<String> articleIds) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM delivery WHERE channel = 'webhook' AND article_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("text", articleIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long count(PGSimpleDataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Stores the subscriptions as the subscription API would (webhook secrets encrypted with the service's key):
     * webhooks each to their own URL on the receiver, the others daily e-mail digests due half a day later.
     *
     * @return how many are webhooks
     */
    private static int seed(PGSimpleDataSource dataSource, BenchReceiver receiver, int count, Random random)
            throws SQLException {
        SecretCipher cipher = new SecretCipher(FixedAlertConfig.withSecretKey(SECRET_KEY));
        int owners = Math.max(1, count / 10);
        int webhooks = 0;
        int digestHour = (Instant.now().atZone(ZoneOffset.UTC).getHour() + 12) % 24;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            UUID[] webhookSubscriber = new UUID[owners];
            UUID[] emailSubscriber = new UUID[owners];
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO subscriber (id, owner, email, confirmed_at) VALUES (?, ?, ?, ?)")) {
                for (int o = 0; o < owners; o++) {
                    webhookSubscriber[o] = UUID.randomUUID();
                    emailSubscriber[o] = UUID.randomUUID();
                    insert.setObject(1, webhookSubscriber[o]);
                    insert.setString(2, "owner-" + o);
                    insert.setString(3, null);
                    insert.setTimestamp(4, null);
                    insert.addBatch();
                    insert.setObject(1, emailSubscriber[o]);
                    insert.setString(2, "owner-" + o);
                    insert.setString(3, "owner-" + o + "@ngo.example.org");
                    insert.setTimestamp(4, Timestamp.from(Instant.now()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO subscription (id, owner, subscriber_id, name, topics, min_score, sources, channel_type,
                        channel_target, mode, digest_frequency, digest_hour, digest_time_zone, webhook_secret)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)) {
                for (int i = 0; i < count; i++) {
                    UUID id = UUID.randomUUID();
                    int owner = random.nextInt(owners);
                    boolean webhook = random.nextDouble() < WEBHOOK_SHARE;
                    int roll = random.nextInt(10);
                    List<String> topics = roll < 5 ? List.of(ICC) : roll < 8 ? List.of(JUDICIAL) : List.of(ICC, JUDICIAL);
                    // Most watch one outlet; a few watch every source.
                    List<String> sources = random.nextInt(100) < 98 ? List.of("source-" + random.nextInt(SOURCES))
                            : List.of();
                    insert.setObject(1, id);
                    insert.setString(2, "owner-" + owner);
                    insert.setObject(3, webhook ? webhookSubscriber[owner] : emailSubscriber[owner]);
                    insert.setString(4, "subscription " + i);
                    insert.setArray(5, connection.createArrayOf("text", topics.toArray()));
                    insert.setDouble(6, 0.3 + random.nextInt(6) / 10.0);
                    insert.setArray(7, connection.createArrayOf("text", sources.toArray()));
                    insert.setString(8, webhook ? "webhook" : "email");
                    if (webhook) {
                        String path = "/hooks/" + i;
                        String secret = "whsec_" + Base64.getEncoder().encodeToString(randomBytes(random));
                        receiver.trust(path, secret);
                        insert.setString(9, receiver.url(path));
                        insert.setString(10, "immediate");
                        insert.setString(11, null);
                        insert.setObject(12, null, Types.SMALLINT);
                        insert.setString(13, null);
                        insert.setString(14, cipher.encrypt(secret, "subscription:" + id + ":webhook_secret"));
                        webhooks++;
                    } else {
                        insert.setString(9, "owner-" + owner + "@ngo.example.org");
                        insert.setString(10, "digest");
                        insert.setString(11, "daily");
                        insert.setObject(12, (short) digestHour, Types.SMALLINT);
                        insert.setString(13, "UTC");
                        insert.setString(14, null);
                    }
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
        }
        return webhooks;
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A flagged story from one of the sources: ICC sanctions, judicial independence, or both. */
    private static ArticleClassified randomStory(String id, Random random, Instant classifiedAt) {
        int roll = random.nextInt(100);
        List<String> flagged = roll < 60 ? List.of(ICC) : roll < 85 ? List.of(JUDICIAL) : List.of(ICC, JUDICIAL);
        return story(id, random.nextInt(SOURCES), flagged, classifiedAt);
    }

    static ArticleClassified story(String id, int source, List<String> flagged, Instant classifiedAt) {
        String title = "Court under pressure as sanctions hit judges";
        Instant now = Instant.now();
        ArticleCollected article = new ArticleCollected(id, "feed-" + source, "https://source-" + source + ".example.org/rss",
                "source-" + source, "https://source-" + source + ".example.org/" + id, null, null, title,
                "A summary of the story.", "", "en", null, List.of(), now, null, now);
        List<TopicScore> topics = new ArrayList<>();
        for (String topic : List.of(ICC, JUDICIAL)) {
            boolean on = flagged.contains(topic);
            topics.add(new TopicScore(topic, on ? 0.9 : 0.1, on,
                    on ? List.of(new Evidence("title", 0, 5, "Court", "bench")) : List.of()));
        }
        return new ArticleClassified(article, Classification.of("en", "bench-1", topics), classifiedAt);
    }
}
