package org.newswatch.alert.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.newswatch.alert.config.FixedAlertConfig;
import org.newswatch.alert.matching.ClassifiedRecords;
import org.newswatch.alert.matching.Stories;
import org.newswatch.alert.matching.SubscriptionFleet;
import org.newswatch.alert.secret.SecretCipher;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.Topics;
import org.newswatch.testkit.KafkaBroker;
import org.newswatch.testkit.PackagedService;
import org.newswatch.testkit.TestPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Matching throughput of the packaged service: a stream of flagged stories through the real broker into the real
 * matching code and database, first with no subscriptions (the baseline: consuming, parsing and storing articles),
 * then with 10,000 varied subscriptions. Not a test; run with
 * <pre>
 * mvn -B -ntp -pl alert-service package -DskipTests
 * mvn -B -ntp -Pbench -pl alert-service test-compile exec:exec \
 *     -Dbench.main=org.newswatch.alert.bench.MatchingBenchmark -Dbench.args="10000 3000"
 * </pre>
 * Arguments: subscriptions (default 10,000), stories per phase (default 3,000).
 */
public final class MatchingBenchmark {

    private static final String SECRET_KEY = Base64.getEncoder().encodeToString(
            "bench-only-key-not-for-any-use!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private MatchingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int subscriptions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int stories = args.length > 1 ? Integer.parseInt(args[1]) : 3_000;

        KafkaBroker broker = KafkaBroker.shared();
        broker.createTopics(Topics.CLASSIFIED, Topics.deadLetterOf(Topics.CLASSIFIED));
        TestPostgres.Database database = TestPostgres.shared().createDatabase("bench");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        if (database.username() != null) {
            dataSource.setUser(database.username());
        }
        if (database.password() != null) {
            dataSource.setPassword(database.password());
        }
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "newswatch.alert.secret-key", SECRET_KEY,
                "newswatch.alert.mail.link-key", "bench-only-mail-link-key-not-for-any-use",
                "quarkus.log.category.\"org.apache.kafka\".level", "WARN"));
        if (database.username() != null) {
            settings.put("quarkus.datasource.username", database.username());
        }
        if (database.password() != null) {
            settings.put("quarkus.datasource.password", database.password());
        }
        try (PackagedService service = new PackagedService("alert-service", PackagedService.MODULE_JAR,
                        Path.of("target", "bench")).jvmOptions("-Xmx1g")
                        .property("newswatch.service-key", "bench-service-key").properties(settings);
                ClassifiedRecords records = new ClassifiedRecords(broker.bootstrapServers())) {
            service.start();
            service.awaitReady(Duration.ofSeconds(90));
            System.out.printf("[bench] alert service up (log: %s); %d stories per phase%n", service.log(), stories);
            Random random = new Random(7);
            run("warm-up", records, dataSource, service, stream("warm", stories / 2, random));
            Phase baseline = run("baseline, 0 subscriptions", records, dataSource, service, stream("base", stories, random));

            long created = System.nanoTime();
            SubscriptionFleet.create(dataSource, new SecretCipher(FixedAlertConfig.withSecretKey(SECRET_KEY)),
                    subscriptions, Math.max(1, subscriptions / 30), 20260211L, false);
            analyze(dataSource);
            System.out.printf("[bench] %d subscriptions stored in %d ms%n", subscriptions,
                    (System.nanoTime() - created) / 1_000_000);
            String before = metrics(service);
            Phase matching = run(subscriptions + " subscriptions", records, dataSource, service,
                    stream("match", stories, random));
            String after = metrics(service);

            System.out.printf(Locale.ROOT, "[bench] matching/baseline throughput: %.2f (%.0f vs %.0f stories/s)%n",
                    matching.storiesPerSecond() / baseline.storiesPerSecond(), matching.storiesPerSecond(),
                    baseline.storiesPerSecond());
            for (String phase : List.of("store-article", "candidates", "filter", "record-deliveries")) {
                double seconds = metric(after, phase, "sum") - metric(before, phase, "sum");
                double count = metric(after, phase, "count") - metric(before, phase, "count");
                System.out.printf(Locale.ROOT, "[bench]   %-18s %.3f ms per story%n", phase, 1000 * seconds / count);
            }
        } finally {
            TestPostgres.shared().dropDatabase(database);
        }
        System.exit(0);
    }

    record Phase(int stories, long deliveries, Duration took) {
        double storiesPerSecond() {
            return stories / (took.toNanos() / 1e9);
        }

        double deliveriesPerSecond() {
            return deliveries / (took.toNanos() / 1e9);
        }
    }

    /** Publishes the stream and waits until the service has stored every story (and so its deliveries). */
    private static Phase run(String name, ClassifiedRecords records, DataSource dataSource, PackagedService service,
            List<ArticleClassified> stream) throws Exception {
        String prefix = stream.get(0).article().id().substring(0, stream.get(0).article().id().indexOf('-') + 1);
        long started = System.nanoTime();
        for (ArticleClassified event : stream) {
            records.sendAsync(event);
        }
        records.flush();
        while (count(dataSource, "SELECT count(*) FROM article WHERE id LIKE ?", prefix + "%") < stream.size()) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long deliveries = count(dataSource, "SELECT count(*) FROM delivery WHERE article_id LIKE ?", prefix + "%");
        Phase phase = new Phase(stream.size(), deliveries, took);
        System.out.printf(Locale.ROOT, "[bench] %-28s %5d stories in %6d ms: %7.0f stories/s, %8d deliveries, %9.0f deliveries/s%n",
                name, phase.stories(), took.toMillis(), phase.storiesPerSecond(), deliveries, phase.deliveriesPerSecond());
        return phase;
    }

    /** Flagged stories (at least one topic at or above the threshold) under new ids starting with {@code prefix}. */
    private static List<ArticleClassified> stream(String prefix, int size, Random random) {
        List<ArticleClassified> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Stories.Story story = Stories.all().get(i % Stories.all().size());
            double flagged = 0.5 + random.nextDouble() * 0.5;
            double other = random.nextDouble();
            boolean icc = random.nextBoolean();
            events.add(Stories.classified(story, prefix + "-" + java.util.UUID.randomUUID(), icc ? flagged : other,
                    icc ? other : flagged, Instant.now()));
        }
        return events;
    }

    private static void analyze(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("ANALYZE subscription; ANALYZE subscriber");
        }
    }

    private static long count(DataSource dataSource, String sql, String parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The Prometheus text of the service's {@code /q/metrics}. */
    private static String metrics(PackagedService service) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.uri("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double metric(String metrics, String phase, String kind) {
        Matcher m = Pattern.compile("^newswatch_alert_matching_seconds_" + kind + "\\{[^}]*phase=\"" + phase
                + "\"[^}]*} ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
