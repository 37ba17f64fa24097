package org.newswatch.collector.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.newswatch.collector.CollectorConfigs;
import org.newswatch.collector.LoopbackFeedServer;
import org.newswatch.collector.MigratedDatabase;
import org.newswatch.collector.PlainCollector;
import org.newswatch.collector.feed.FeedRepository;
import org.newswatch.collector.fetch.FeedFetcher;
import org.newswatch.collector.fetch.FetchConfig;
import org.newswatch.collector.fetch.FetchRequest;
import org.newswatch.collector.poll.PollOutcome;
import org.newswatch.collector.schedule.PollDispatcher;
import org.newswatch.collector.schedule.ScheduleConfig;
import org.newswatch.contracts.Topics;
import org.newswatch.security.OutboundUrlGuard;
import org.newswatch.testkit.KafkaBroker;

import io.micrometer.core.instrument.Timer;

/**
 * A feed farm on loopback (2,000 feeds × 50 items by default) polled by the collector's real pipeline — the
 * lease-based dispatcher, fetcher, ROME reader, seen-item deduplication and the Kafka publisher — against the
 * test-kit's real KRaft broker and a real PostgreSQL. The passes of one run:
 * <ol>
 * <li>JVM warm-up: the same stages over other feeds, with their own database and topic (see {@link #warmUp});</li>
 * <li>baseline: the fetcher alone GETs every feed (no parsing, no database, no broker);</li>
 * <li>cold: every feed due, every article new (fetch → parse → publish → seen);</li>
 * <li>warm: every feed due again, every answer a 304.</li>
 * </ol>
 * Run: {@code mvn -B -ntp -Pbench -pl feed-collector test-compile exec:exec
 * -Dbench.main=org.newswatch.collector.bench.FeedFarmBenchmark -Dbench.args="2000 50 16 1000"}
 * (feeds, items per feed, concurrency, warm-up feeds; 0 measures a fresh JVM). Each pass prints where the CPU went
 * and the load average. Not a test: Surefire never runs it.
 */
public final class FeedFarmBenchmark {

    private static final String WARM_UP_TOPIC = "bench.warm-up.articles";

    private FeedFarmBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        logAsTheServiceDoes();
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            // The in-JVM broker's threads would keep the JVM alive.
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        int feeds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int warmUpFeeds = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        String run = UUID.randomUUID().toString().substring(0, 8);
        // Every farm feed lives on 127.0.0.1: the per-host limit is set to the concurrency, or it would be the cap.
        Map<String, String> config = Map.of(
                "newswatch.collector.schedule.concurrency", String.valueOf(concurrency),
                "newswatch.collector.schedule.per-host-limit", String.valueOf(concurrency));

        System.out.printf("farm: %d feeds x %d items, concurrency %d, %d cores; JVM warm-up on %d other feeds%n",
                feeds, items, concurrency, Runtime.getRuntime().availableProcessors(), warmUpFeeds);
        KafkaBroker broker = KafkaBroker.shared();
        broker.createTopics(Topics.ARTICLES, WARM_UP_TOPIC);
        try (LoopbackFeedServer farm = new LoopbackFeedServer()) {
            if (warmUpFeeds > 0) {
                warmUp(farm, broker, config, run, warmUpFeeds, items, concurrency);
            }
            try (MigratedDatabase database = new MigratedDatabase("bench", concurrency + 8);
                    PlainCollector collector = new PlainCollector(database.dataSource(), broker.bootstrapServers(),
                            config)) {
                List<String> urls = serve(farm, collector, "farm", run, feeds, items);
                CpuUse cpu = new CpuUse(database.dataSource());
                CpuUse.Sample before = cpu.sample();
                double baseline = fetchOnly(urls, concurrency);
                CpuUse.Sample after = cpu.sample();
                System.out.printf("baseline (fetch only, no parse/db/broker): %.2f s, %.0f feeds/s%n", baseline,
                        feeds / baseline);
                printCpu(before, after);

                ScheduleConfig schedule = CollectorConfigs.of(ScheduleConfig.class, config);
                Pass cold = poll(collector, schedule, feeds, cpu);
                long seen = count(database, "SELECT count(*) FROM seen_item");
                cold.print("cold (all new)", feeds, baseline);
                System.out.printf("  seen items after cold pass: %d (expected %d)%n", seen, (long) feeds * items);

                execute(database, "UPDATE feed SET next_poll_at = now()");
                Pass warm = poll(collector, schedule, feeds, cpu);
                warm.print("warm (all 304)", feeds, baseline);
                long seenAfterWarm = count(database, "SELECT count(*) FROM seen_item");
                System.out.printf("  seen items after warm pass: %d (unchanged: %s)%n", seenAfterWarm,
                        seenAfterWarm == seen);
                System.out.printf("bar: cold < 30 s: %s (%.2f s); warm < 10 s: %s (%.2f s)%n", cold.seconds < 30,
                        cold.seconds, warm.seconds < 10, warm.seconds);
            }
        }
    }

    /**
     * A fresh JVM compiles the collector's, ROME's, jsoup's, Kafka's and the broker's code during its first pass,
     * which costs as much CPU as the pass itself on two cores; a running service has long done so. The warm-up
     * runs every stage over other feeds (other article ids) with its own database and topic, so the measured
     * passes still start from an empty database and topic.
     */
    private static void warmUp(LoopbackFeedServer farm, KafkaBroker broker, Map<String, String> config, String run,
            int feeds, int items, int concurrency) throws Exception {
        try (MigratedDatabase database = new MigratedDatabase("bench_warm_up", concurrency + 8);
                PlainCollector collector = new PlainCollector(database.dataSource(), broker.bootstrapServers(),
                        config, WARM_UP_TOPIC)) {
            List<String> urls = serve(farm, collector, "warm-up", run + "-warm-up", feeds, items);
            CpuUse cpu = new CpuUse(database.dataSource());
            double fetch = fetchOnly(urls, concurrency);
            ScheduleConfig schedule = CollectorConfigs.of(ScheduleConfig.class, config);
            Pass cold = poll(collector, schedule, feeds, cpu);
            execute(database, "UPDATE feed SET next_poll_at = now()");
            Pass warm = poll(collector, schedule, feeds, cpu);
            System.out.printf("JVM warm-up, %d feeds: fetch only %.2f s, cold %.2f s (%.1f CPU s in the JVM), "
                    + "warm %.2f s%n", feeds, fetch, cold.seconds, cold.cpuAfter.jvm() - cold.cpuBefore.jvm(),
                    warm.seconds);
        }
    }

    /** Serves {@code feeds} farm feeds under {@code /<name>/} and registers them; their URLs. */
    private static List<String> serve(LoopbackFeedServer farm, PlainCollector collector, String name, String run,
            int feeds, int items) {
        long bodyBytes = 0;
        List<String> urls = new ArrayList<>(feeds);
        for (int f = 0; f < feeds; f++) {
            byte[] body = feedBody(run, f, items);
            bodyBytes += body.length;
            String path = "/" + name + "/" + f + ".xml";
            farm.route(path, LoopbackFeedServer.bytes(body, "application/rss+xml; charset=utf-8"));
            urls.add(farm.url(path));
            collector.repository.insert(new FeedRepository.NewFeed(farm.url(path), null, 300)).orElseThrow();
        }
        System.out.printf("%s bodies: %.1f MB in all, %.1f KB per feed%n", name, bodyBytes / 1e6,
                bodyBytes / 1e3 / feeds);
        return urls;
    }

    /** One pass over the farm through the dispatcher, as the service polls. */
    private record Pass(double seconds, long published, Map<PollOutcome.Result, Long> results, double fetchSeconds,
            double parseSeconds, double publishSeconds, CpuUse.Sample cpuBefore, CpuUse.Sample cpuAfter) {

        void print(String name, int feeds, double baseline) {
            System.out.printf("%s: %.2f s = %.2f x baseline; %.0f feeds/s; %d articles published, %.0f articles/s%n",
                    name, seconds, seconds / baseline, feeds / seconds, published, published / seconds);
            System.out.printf("  outcomes %s%n", results);
            System.out.printf("  summed over pollers: fetch %.2f s, parse %.2f s (parse/fetch %.2f), "
                    + "dedupe+publish %.2f s%n", fetchSeconds, parseSeconds,
                    fetchSeconds == 0 ? 0 : parseSeconds / fetchSeconds, publishSeconds);
            printCpu(cpuBefore, cpuAfter);
        }
    }

    private static void printCpu(CpuUse.Sample before, CpuUse.Sample after) {
        StringBuilder line = new StringBuilder("  CPU s:");
        after.since(before).forEach((group, seconds) -> line.append(String.format(" %s %.1f;", group, seconds)));
        System.out.println(line);
        System.out.printf("  load average before %s, after %s%n", before.loadAverage(), after.loadAverage());
    }

    /**
     * The service logs through the JBoss LogManager at INFO. Without it, Kafka's clients here see TRACE enabled
     * and build a log string for every record sent, a cost the service never pays.
     */
    private static void logAsTheServiceDoes() {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        org.jboss.logmanager.LogContext logs = org.jboss.logmanager.LogContext.getSystemLogContext();
        logs.getLogger("").setLevel(java.util.logging.Level.INFO);
        // The in-JVM broker is chatty at INFO, as in the tests.
        logs.getLogger("org.apache.kafka").setLevel(java.util.logging.Level.WARNING);
        logs.getLogger("kafka").setLevel(java.util.logging.Level.WARNING);
    }

    private static Pass poll(PlainCollector collector, ScheduleConfig schedule, int feeds, CpuUse cpu)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(feeds);
        AtomicLong published = new AtomicLong();
        Map<PollOutcome.Result, AtomicLong> results = new java.util.concurrent.ConcurrentHashMap<>();
        double fetch0 = seconds(collector.metrics.fetchTimer());
        double parse0 = seconds(collector.metrics.parseTimer());
        double publish0 = seconds(collector.metrics.publishTimer());
        CpuUse.Sample cpuBefore = cpu.sample();
        CpuUse.Sample cpuAfter;
        double elapsed;
        long started = System.nanoTime();
        try (PollDispatcher dispatcher = new PollDispatcher(schedule, collector.leases, collector.poller, outcome -> {
            published.addAndGet(outcome.published());
            results.computeIfAbsent(outcome.result(), r -> new AtomicLong()).incrementAndGet();
            done.countDown();
        })) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            // The service's tick; the dispatcher also starts a round whenever a poll ends with feeds left over.
            do {
                dispatcher.wake();
            } while (!done.await(250, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline);
            elapsed = (System.nanoTime() - started) / 1e9;
            // Before the pollers' threads end, or their CPU time would be lost to the sample.
            cpuAfter = cpu.sample();
        }
        Map<PollOutcome.Result, Long> counts = new java.util.TreeMap<>();
        results.forEach((r, n) -> counts.put(r, n.get()));
        return new Pass(elapsed, published.get(), counts, seconds(collector.metrics.fetchTimer()) - fetch0,
                seconds(collector.metrics.parseTimer()) - parse0, seconds(collector.metrics.publishTimer()) - publish0,
                cpuBefore, cpuAfter);
    }

    private static double fetchOnly(List<String> urls, int concurrency) throws Exception {
        FeedFetcher fetcher = new FeedFetcher(CollectorConfigs.of(FetchConfig.class, Map.of()),
                new OutboundUrlGuard(true), "bench");
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        List<Future<Integer>> fetches = new ArrayList<>();
        for (String url : urls) {
            fetches.add(pool.submit(() -> fetcher.fetch(FetchRequest.unconditional(url)).body().length));
        }
        for (Future<Integer> fetch : fetches) {
            fetch.get();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return elapsed;
    }

    private static byte[] feedBody(String run, int feed, int items) {
        StringBuilder rss = new StringBuilder(items * 420);
        rss.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>")
                .append("<title>Farm feed ").append(feed).append("</title><link>https://farm.example.org/")
                .append(feed).append("/</link><description>Benchmark feed</description><language>en</language>");
        for (int i = 0; i < items; i++) {
            int minute = (feed * 7 + i * 13) % 1440;
            rss.append("<item><title>Court ruling ").append(feed).append('-').append(i)
                    .append(" on judicial independence and sanctions</title>")
                    .append("<link>https://farm.example.org/").append(run).append('/').append(feed).append('/')
                    .append(i).append("?utm_source=rss</link>")
                    .append("<guid isPermaLink=\"false\">farm-").append(run).append('-').append(feed).append('-')
                    .append(i).append("</guid>")
                    .append(String.format("<pubDate>Mon, 02 Mar 2026 %02d:%02d:00 GMT</pubDate>", minute / 60,
                            minute % 60))
                    .append("<description>&lt;p&gt;The chamber's &lt;b&gt;decision&lt;/b&gt; on item ").append(i)
                    .append(" drew reactions from bar associations and rights groups.&lt;/p&gt;</description>")
                    .append("<category>justice</category></item>");
        }
        return rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double seconds(Timer timer) {
        return timer.totalTime(TimeUnit.NANOSECONDS) / 1e9;
    }

    private static long count(MigratedDatabase database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(MigratedDatabase database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
