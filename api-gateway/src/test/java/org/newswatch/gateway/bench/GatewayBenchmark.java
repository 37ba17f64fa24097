package org.newswatch.gateway.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import org.newswatch.contracts.Classification;
import org.newswatch.contracts.EventJson;
import org.newswatch.contracts.Evidence;
import org.newswatch.contracts.TopicScore;
import org.newswatch.contracts.Topics;
import org.newswatch.gateway.testing.ClassifiedRecords;
import org.newswatch.gateway.testing.ClassifiedRecords.Story;
import org.newswatch.gateway.testing.SseClient;
import org.newswatch.testkit.KafkaBroker;
import org.newswatch.testkit.PackagedService;
import org.newswatch.testkit.TestPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The read side of the packaged gateway (a separate JVM, production profile) against the real broker and database.
 * <ol>
 * <li>Search: {@code articles} generated multilingual articles (~10 % flagged) loaded with batched SQL
 * ({@code INSERT … SELECT FROM unnest(…)}, 1,000 rows a statement) that computes the search document with the same
 * {@code article_document} function as the projector's upsert; then typical searches through the real HTTP API
 * with a real reader key, one request at a time, p50/p99 per kind, against two baselines measured in the same run:
 * {@code GET /q/health/live} (HTTP only) and {@code GET /api/v1/articles/{id}} (key check + primary-key read).</li>
 * <li>Stream: {@code clients} SSE clients on {@code /api/v1/stream}; a burst of {@code burst} flagged articles
 * published to news.classified.v1 at once; every client must receive every event; latency from the record's
 * publication to each receipt, and from the first publication to the last receipt.</li>
 * </ol>
 * Not a test; run with
 * <pre>
 * mvn -B -ntp -pl api-gateway package -DskipTests
 * mvn -B -ntp -Pbench -pl api-gateway test-compile exec:exec \
 *     -Dbench.main=org.newswatch.gateway.bench.GatewayBenchmark -Dbench.args="100000 100 1000 300"
 * </pre>
 * Arguments: articles (100,000), SSE clients (100), burst (1,000), samples per search kind (300).
 */
public final class GatewayBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ADMIN_KEY = "bench-admin-key-not-for-any-use";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int burst = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        int failures = 0;
        KafkaBroker broker = KafkaBroker.shared();
        broker.createTopics(Topics.CLASSIFIED, Topics.deadLetterOf(Topics.CLASSIFIED));
        TestPostgres.Database database = TestPostgres.shared().createDatabase("gatewaybench");
        try {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(database.jdbcUrl());
            if (database.username() != null) {
                dataSource.setUser(database.username());
            }
            if (database.password() != null) {
                dataSource.setPassword(database.password());
            }
            Map<String, String> settings = new HashMap<>();
            settings.put("kafka.bootstrap.servers", broker.bootstrapServers());
            settings.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
            if (database.username() != null) {
                settings.put("quarkus.datasource.username", database.username());
            }
            if (database.password() != null) {
                settings.put("quarkus.datasource.password", database.password());
            }
            settings.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");
            // -Dbench.gateway.<property>=<value> passes a setting to the gateway, to compare configurations.
            System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench.gateway."))
                    .forEach(name -> settings.put(name.substring("bench.gateway.".length()), System.getProperty(name)));
            try (PackagedService gateway = new PackagedService("api-gateway", PackagedService.MODULE_JAR,
                    Path.of("target", "bench")).jvmOptions("-Xmx1g").property("newswatch.gateway.admin-key", ADMIN_KEY)
                    .properties(settings)) {
                gateway.start();
                gateway.awaitReady(Duration.ofSeconds(120));
                System.out.printf("[bench] gateway up (log: %s), load %s%n", gateway.log(), load());
                long started = System.nanoTime();
                load(dataSource, articles);
                System.out.printf("[bench] loaded %,d articles with batched SQL in %.1f s, load %s%n", articles,
                        (System.nanoTime() - started) / 1e9, load());
                String reader = readerKey(gateway);
                failures += search(gateway, reader, samples);
                // The projector's and the stream's code paths are cold until the first records: one unmeasured burst.
                stream(gateway, reader, broker, clients, Math.min(burst, 300), dataSource, "warm-up");
                failures += stream(gateway, reader, broker, clients, burst, dataSource, "measured");
                failures += oneAtATime(gateway, reader, broker, clients, 30);
            }
        } finally {
            TestPostgres.shared().dropDatabase(database);
        }
        System.out.println(failures == 0 ? "[bench] OK" : "[bench] FAILED: " + failures + " check(s) failed");
        System.exit(failures == 0 ? 0 : 1);
    }

    // ---------------------------------------------------------------- loading

    private static void load(PGSimpleDataSource dataSource, int count) throws Exception {
        Corpus corpus = new Corpus(7, NOW);
        int batch = 1_000;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement articles = connection.prepareStatement("""
                        INSERT INTO article (id, feed_id, source, url, title, summary, content, language, published_at,
                                             collected_at, classified_at, classifier_version, flagged, classification,
                                             search)
                        SELECT a.id, 'bench-feed', a.source, 'https://news.example.org/' || a.id, a.title, a.summary,
                               a.content, a.language, a.published_at, a.published_at + interval '30 seconds',
                               a.published_at + interval '31 seconds', 'bench-1', a.flagged, a.classification::jsonb,
                               article_document(a.language, a.title, a.summary, a.content)
                          FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                      ?::timestamptz[], ?::boolean[], ?::text[])
                            AS a(id, source, title, summary, content, language, published_at, flagged, classification)
                        """);
                PreparedStatement topics = connection.prepareStatement("""
                        INSERT INTO article_topic (article_id, topic, score, flagged)
                        SELECT * FROM unnest(?::text[], ?::text[], ?::float8[], ?::boolean[])
                        """)) {
            for (int from = 0; from < count; from += batch) {
                int size = Math.min(batch, count - from);
                Object[][] columns = new Object[9][size];
                Object[][] topicColumns = new Object[4][size * 2];
                for (int i = 0; i < size; i++) {
                    Corpus.Article article = corpus.next(from + i);
                    List<TopicScore> scores = List.of(
                            score("icc-sanctions", article.iccScore(), "icc-sanctions".equals(article.flaggedTopic())),
                            score("judicial-independence", article.judicialScore(),
                                    "judicial-independence".equals(article.flaggedTopic())));
                    Object[] row = { article.id(), article.source(), article.title(), article.summary(),
                            article.content(), article.language(), Timestamp.from(article.publishedAt()),
                            article.flagged(), new String(EventJson.write(Classification.of(article.language(),
                                    "bench-1", scores)), StandardCharsets.UTF_8) };
                    for (int c = 0; c < row.length; c++) {
                        columns[c][i] = row[c];
                    }
                    for (int t = 0; t < 2; t++) {
                        topicColumns[0][2 * i + t] = article.id();
                        topicColumns[1][2 * i + t] = scores.get(t).topic();
                        topicColumns[2][2 * i + t] = scores.get(t).score();
                        topicColumns[3][2 * i + t] = scores.get(t).flagged();
                    }
                }
                String[] types = { "text", "text", "text", "text", "text", "text", "timestamptz", "bool", "text" };
                for (int c = 0; c < 9; c++) {
                    articles.setArray(c + 1, connection.createArrayOf(types[c], columns[c]));
                }
                articles.executeUpdate();
                String[] topicTypes = { "text", "text", "float8", "bool" };
                for (int c = 0; c < 4; c++) {
                    topics.setArray(c + 1, connection.createArrayOf(topicTypes[c], topicColumns[c]));
                }
                topics.executeUpdate();
            }
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE article");
                analyze.execute("ANALYZE article_topic");
            }
        }
    }

    private static TopicScore score(String topic, double score, boolean flagged) {
        return new TopicScore(topic, Math.round(score * 1000) / 1000.0, flagged,
                flagged ? List.of(new Evidence("title", 0, 5, "Title", topic + "-rule")) : List.of());
    }

    private static String readerKey(PackagedService gateway) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(gateway.uri("/api/v1/keys"))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"bench reader\", \"role\": \"reader\", \"requestsPerMinute\": 100000}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("cannot create a reader key: " + created.statusCode() + " " + created.body());
        }
        String body = created.body();
        int start = body.indexOf("\"key\":\"") + 7;
        return "Bearer " + body.substring(start, body.indexOf('"', start));
    }

    // ---------------------------------------------------------------- search

    private static int search(PackagedService gateway, String reader, int samples) throws Exception {
        String since = NOW.minus(30, ChronoUnit.DAYS).toString();
        List<String> words = List.of("sanctions", "juges", "Richter", "jueces", "rechters", "government", "Regierung",
                "économie", "huelga");
        List<String> phrases = List.of("\"criminal court\"", "\"cour pénale\"", "\"Corte Penal\"", "\"rule of law\"",
                "\"Den Haag\"");
        List<String> languages = List.of("en", "fr", "es", "de", "nl");
        List<String> judges = List.of("judges", "juges", "jueces", "Richter", "rechters");
        String page5 = cursorOfPage(gateway, reader, 5);

        Map<String, IntFunction<String>> kinds = new LinkedHashMap<>();
        kinds.put("baseline GET /q/health/live", i -> "/q/health/live");
        kinds.put("baseline GET /api/v1/articles/{id}", i -> "/api/v1/articles/" + String.format("bench-%07d", i * 37 % 1000));
        kinds.put("q single word", i -> "/api/v1/articles?q=" + encode(words.get(i % words.size())));
        kinds.put("q phrase", i -> "/api/v1/articles?q=" + encode(phrases.get(i % phrases.size())));
        kinds.put("topic filter", i -> "/api/v1/articles?topic=" + (i % 2 == 0 ? "icc-sanctions" : "judicial-independence"));
        kinds.put("flagged + lang", i -> "/api/v1/articles?flagged=true&lang=" + languages.get(i % languages.size()));
        kinds.put("q + topic + since", i -> "/api/v1/articles?q=" + encode(judges.get(i % judges.size()))
                + "&topic=judicial-independence&since=" + since);
        kinds.put("page 5 (cursor)", i -> "/api/v1/articles?cursor=" + page5);

        System.out.printf("[bench] search: %d requests per kind, one at a time, after %d of warm-up; load %s%n", samples,
                samples, load());
        int failures = 0;
        double baseline = 0;
        for (Map.Entry<String, IntFunction<String>> kind : kinds.entrySet()) {
            boolean authorized = !kind.getKey().contains("/q/health");
            measure(gateway, authorized ? reader : null, kind.getValue(), samples);
            long[] nanos = measure(gateway, authorized ? reader : null, kind.getValue(), samples);
            Arrays.sort(nanos);
            double p50 = nanos[nanos.length / 2] / 1e6;
            double p99 = nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6;
            if (kind.getKey().startsWith("baseline GET /q")) {
                baseline = p50;
            }
            boolean isSearch = !kind.getKey().startsWith("baseline");
            if (isSearch && p99 >= 50) {
                failures++;
            }
            System.out.printf("[bench] %-36s p50 %6.2f ms  p99 %6.2f ms  (p50 = %5.1f x baseline)%s%n", kind.getKey(),
                    p50, p99, p50 / baseline, isSearch && p99 >= 50 ? "  ABOVE THE 50 ms BAR" : "");
        }
        System.out.printf("[bench] search done, load %s%n", load());
        return failures;
    }

    private static long[] measure(PackagedService gateway, String authorization, IntFunction<String> path, int samples)
            throws Exception {
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path.apply(i))).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path.apply(i) + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        }
        return nanos;
    }

    private static String cursorOfPage(PackagedService gateway, String reader, int page) throws Exception {
        String cursor = null;
        for (int i = 1; i < page; i++) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(gateway.uri("/api/v1/articles"
                    + (cursor == null ? "" : "?cursor=" + cursor))).header("Authorization", reader).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            int start = body.indexOf("\"nextCursor\":\"") + 14;
            cursor = body.substring(start, body.indexOf('"', start));
        }
        return cursor;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- stream

    private static int stream(PackagedService gateway, String reader, KafkaBroker broker, int clientCount, int burst,
            PGSimpleDataSource dataSource, String phase) throws Exception {
        List<SseClient> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            SseClient client = SseClient.connect(gateway.uri("/api/v1/stream"), reader, null);
            awaitTrue(client::connected, Duration.ofSeconds(30), "SSE client " + i + " connected");
            clients.add(client);
        }
        System.out.printf("[bench] stream (" + phase + "): %d SSE clients connected, load %s%n", clientCount, load());
        Map<String, Long> published = new ConcurrentHashMap<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        long first;
        try (ClassifiedRecords records = new ClassifiedRecords(broker.bootstrapServers())) {
            first = System.nanoTime();
            for (int i = 0; i < burst; i++) {
                Story story = new Story("burst-" + run + "-" + i).source("Burst").language("en")
                        .title("Sanctions against the court, story " + i).summary("Judges of the court were sanctioned.")
                        .topic("icc-sanctions", 0.9, true).topic("judicial-independence", 0.1, false);
                published.put(story.id(), System.nanoTime());
                records.sendAsync(story.event());
            }
            records.flush();
        }
        long publishedAll = System.nanoTime();
        if (Boolean.getBoolean("bench.timeline")) {
            Thread timeline = new Thread(() -> timeline(dataSource, run, clients, burst, first), "bench-timeline");
            timeline.setDaemon(true);
            timeline.start();
        }
        boolean complete = awaitTrue(() -> clients.stream().allMatch(c -> c.events().size() >= burst),
                Duration.ofSeconds(300), "every client received every event");
        String loadAfter = load();
        long last = 0;
        List<Long> latencies = new ArrayList<>();
        List<Long> lastReceipts = new ArrayList<>();
        Map<String, Long> latestPerEvent = new HashMap<>();
        int min = Integer.MAX_VALUE;
        int max = 0;
        int duplicates = 0;
        for (SseClient client : clients) {
            List<SseClient.Event> events = client.events();
            min = Math.min(min, events.size());
            max = Math.max(max, events.size());
            duplicates += events.size() - (int) events.stream().map(SseClient.Event::id).distinct().count();
            for (SseClient.Event event : events) {
                String id = articleId(event.data());
                Long sent = published.get(id);
                if (sent == null) {
                    continue;
                }
                latencies.add(event.receivedNanos() - sent);
                latestPerEvent.merge(id, event.receivedNanos(), Math::max);
                last = Math.max(last, event.receivedNanos());
            }
            client.close();
        }
        latestPerEvent.forEach((id, at) -> lastReceipts.add(at - published.get(id)));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*), extract(epoch FROM max(flagged_at)"
                        + " - min(flagged_at)) FROM stream_event WHERE article_id LIKE 'burst-" + run + "-%'")) {
            rs.next();
            System.out.printf("[bench] stream (" + phase + "): the projector stored the %d flagged articles within %.2f s of each other"
                    + " (%.0f articles/s)%n", rs.getInt(1), rs.getDouble(2), rs.getInt(1) / Math.max(rs.getDouble(2), 1e-3));
        }
        latencies.sort(null);
        lastReceipts.sort(null);
        System.out.printf("[bench] stream (" + phase + "): %d clients x %d events: each client received min %d, max %d events;"
                + " %,d receipts in all (%,d expected), %d duplicates%n", clientCount, burst, min, max, latencies.size(),
                (long) clientCount * burst, duplicates);
        System.out.printf("[bench] stream (" + phase + "): burst published in %.0f ms; first publication to last client's receipt"
                + " %.0f ms%n", (publishedAll - first) / 1e6, (last - first) / 1e6);
        System.out.printf("[bench] stream (" + phase + "): publication to receipt, over all receipts: p50 %.0f ms, p99 %.0f ms; to the"
                + " last client's receipt per event: p50 %.0f ms, p99 %.0f ms; load %s%n", percentile(latencies, 0.5),
                percentile(latencies, 0.99), percentile(lastReceipts, 0.5), percentile(lastReceipts, 0.99), loadAfter);
        boolean everyOne = complete && min == burst && max == burst && duplicates == 0
                && latencies.size() == clientCount * burst;
        System.out.println(everyOne ? "[bench] stream (" + phase + "): every client got every event exactly once"
                : "[bench] stream (" + phase + "): SOME EVENTS MISSING OR REPEATED");
        return everyOne ? 0 : 1;
    }

    /**
     * Latency without a queue: flagged articles published one at a time, each once every client has the previous one;
     * time from publication to the last client's receipt.
     */
    private static int oneAtATime(PackagedService gateway, String reader, KafkaBroker broker, int clientCount, int count)
            throws Exception {
        List<SseClient> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            SseClient client = SseClient.connect(gateway.uri("/api/v1/stream"), reader, null);
            awaitTrue(client::connected, Duration.ofSeconds(30), "SSE client " + i + " connected");
            clients.add(client);
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Long> latencies = new ArrayList<>();
        try (ClassifiedRecords records = new ClassifiedRecords(broker.bootstrapServers())) {
            for (int i = 0; i < count; i++) {
                Story story = new Story("single-" + run + "-" + i).source("Single").language("fr")
                        .title("Des juges de la Cour pénale internationale sanctionnés " + i)
                        .topic("icc-sanctions", 0.9, true).topic("judicial-independence", 0.1, false);
                int expected = i + 1;
                long sent = System.nanoTime();
                records.send(story.event());
                if (!awaitTrue(() -> clients.stream().allMatch(c -> c.events().size() >= expected),
                        Duration.ofSeconds(60), "event " + i + " at every client")) {
                    return 1;
                }
                latencies.add(clients.stream().mapToLong(c -> c.events().get(expected - 1).receivedNanos()).max()
                        .orElseThrow() - sent);
            }
        } finally {
            clients.forEach(SseClient::close);
        }
        latencies.sort(null);
        System.out.printf("[bench] stream (one at a time): %d flagged articles to %d clients, publication to the last"
                + " client's receipt: p50 %.0f ms, p99 %.0f ms, max %.0f ms; load %s%n", count, clientCount,
                percentile(latencies, 0.5), percentile(latencies, 0.99), latencies.get(latencies.size() - 1) / 1e6, load());
        return 0;
    }

    /** Prints every 500 ms how many burst articles are stored, numbered on the stream, and received by client 0. */
    private static void timeline(PGSimpleDataSource dataSource, String run, List<SseClient> clients, int burst,
            long first) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            while (clients.get(0).events().size() < burst) {
                try (ResultSet rs = statement.executeQuery("SELECT (SELECT count(*) FROM article WHERE id LIKE"
                        + " 'burst-" + run + "-%'), (SELECT count(*) FROM stream_event WHERE seq IS NOT NULL AND"
                        + " article_id LIKE 'burst-" + run + "-%')")) {
                    rs.next();
                    System.out.printf("[bench] +%5d ms: stored %d, numbered %d, received by client 0: %d%n",
                            (System.nanoTime() - first) / 1_000_000, rs.getInt(1), rs.getInt(2),
                            clients.get(0).events().size());
                }
                Thread.sleep(500);
            }
        } catch (Exception e) {
            System.out.println("[bench] timeline stopped: " + e);
        }
    }

    private static String articleId(String json) {
        int start = json.indexOf("\"id\":\"") + 6;
        return json.substring(start, json.indexOf('"', start));
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * p) - 1)) / 1e6;
    }

    private static boolean awaitTrue(BooleanSupplier condition, Duration atMost, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        System.out.println("[bench] gave up waiting: " + what);
        return false;
    }

    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
