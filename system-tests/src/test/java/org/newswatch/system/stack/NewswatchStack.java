package org.newswatch.system.stack;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.newswatch.contracts.Topics;
import org.newswatch.testkit.KafkaBroker;
import org.newswatch.testkit.LoopbackPorts;
import org.newswatch.testkit.PackagedService;
import org.newswatch.testkit.TestPostgres;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The whole newswatch system on one machine for a test class: a Kafka broker (the test-kit's, unless the class
 * brings its own) and the test-kit's PostgreSQL (a fresh database per service), a GreenMail SMTP server, a feed server and a webhook receiver on 127.0.0.1, and the four
 * services as separate JVMs from their packaged jars, in the production profile with keys generated for the run.
 * Everything is stopped after the class (and by a JVM shutdown hook if the run is cut short); when a test fails,
 * the end of every service's log is printed.
 */
public final class NewswatchStack implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The repository root: the services' packaged jars and the launcher's Kafka jars are under it. */
    static final Path SERVICES_ROOT = Path.of(System.getProperty("newswatch.system.services-root", ".."));
    /** Logs and state of the run. */
    static final Path WORK_DIR = Path.of(System.getProperty("newswatch.system.work-dir", "target/system-test"));

    private final Supplier<String> kafkaBootstrapServers;
    private final Map<String, String> collectorProperties = new LinkedHashMap<>();
    private final List<TestPostgres.Database> databases = new ArrayList<>();
    private final List<PackagedService> services = new ArrayList<>();

    private final String serviceKey = randomKey(32);
    private final String adminKey = "nwk_admin_" + randomKey(32);

    private GreenMail smtp;
    private FeedServer feeds;
    private WebhookReceiver webhooks;
    private PackagedService gateway;
    private PackagedService collector;
    private PackagedService classifier;
    private PackagedService alert;

    /** The system on the test-kit's broker (in the test JVM), with the topics made as the launcher makes them. */
    public NewswatchStack() {
        this(() -> {
            KafkaBroker broker = KafkaBroker.shared();
            // As the launcher does: the topics exist before any service, with the default 12 partitions.
            broker.createTopics(Topics.ARTICLES, Topics.CLASSIFIED, Topics.ARTICLES + ".dlq",
                    Topics.CLASSIFIED + ".dlq");
            return broker.bootstrapServers();
        });
    }

    /**
     * The system on a broker of the test class's own, which is running, with its topics, when the supplier is
     * asked for its bootstrap servers (before the services start).
     */
    public NewswatchStack(Supplier<String> kafkaBootstrapServers) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
    }

    /** A configuration property of the collector in addition to the production ones, set before the class. */
    public NewswatchStack collectorProperty(String key, String value) {
        collectorProperties.put(key, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        long started = System.nanoTime();
        String kafka = kafkaBootstrapServers.get();
        TestPostgres postgres = TestPostgres.shared();

        smtp = new GreenMail(new ServerSetup(LoopbackPorts.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        feeds = new FeedServer();
        webhooks = new WebhookReceiver();

        // The gateway first: the alert service's links point at it, and it at the others.
        gateway = service("api-gateway", "256m", postgres.createDatabase("system_gateway"), kafka);
        String gatewayUrl = gateway.baseUrl();

        collector = service("feed-collector", "256m", postgres.createDatabase("system_collector"), kafka)
                .property("newswatch.outbound.allow-private-addresses", "true")
                .properties(collectorProperties);
        classifier = service("classifier-service", "384m", null, kafka);
        alert = service("alert-service", "256m", postgres.createDatabase("system_alert"), kafka)
                .property("newswatch.outbound.allow-private-addresses", "true")
                .property("quarkus.mailer.host", "127.0.0.1")
                .property("quarkus.mailer.port", String.valueOf(smtp.getSmtp().getPort()))
                .property("newswatch.alert.public-base-url", gatewayUrl)
                .property("newswatch.alert.article-link-base", gatewayUrl + "/api/v1/articles/")
                // Confirmation mails go out within a second instead of the production 15 s.
                .property("newswatch.alert.mail.outbox-interval", "1s")
                // A killed instance's consumer-group membership ends after 6 s (the broker's minimum) instead of
                // 45 s, so the restarted one gets its partitions back quickly.
                .property("mp.messaging.incoming.news-classified.session.timeout.ms", "6000")
                .property("mp.messaging.incoming.news-classified.heartbeat.interval.ms", "2000")
                .secret("NEWSWATCH_ALERT_SECRET_KEY", Base64.getEncoder().encodeToString(randomBytes(32)))
                .secret("NEWSWATCH_ALERT_MAIL_LINK_KEY", randomKey(48));
        gateway.secret("NEWSWATCH_ADMIN_KEY", adminKey)
                .property("newswatch.gateway.backends.collector", collector.baseUrl())
                .property("newswatch.gateway.backends.classifier", classifier.baseUrl())
                .property("newswatch.gateway.backends.alert", alert.baseUrl());
        services.addAll(List.of(collector, classifier, alert, gateway));

        services.forEach(PackagedService::start);
        all(service -> service.awaitReady(START_TIMEOUT));
        System.out.printf("[system-test] broker, PostgreSQL, SMTP and the four services up in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
    }

    private PackagedService service(String name, String heap, TestPostgres.Database database, String kafka) {
        // Four service JVMs, the test JVM with the broker and PostgreSQL share two cores in CI: small heaps, the
        // quick C1 compiler only, and the serial collector (no GC threads competing for the cores).
        PackagedService service = new PackagedService(name, jar(name), WORK_DIR)
                .jvmOptions("-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
        service.property("kafka.bootstrap.servers", kafka)
                .secret("NEWSWATCH_SERVICE_KEY", serviceKey);
        if (database != null) {
            databases.add(database);
            service.property("quarkus.datasource.jdbc.url", database.jdbcUrl());
            if (database.username() != null) {
                service.property("quarkus.datasource.username", database.username());
            }
            if (database.password() != null) {
                service.secret("QUARKUS_DATASOURCE_PASSWORD", database.password());
            }
        }
        return service;
    }

    private Path jar(String module) {
        return SERVICES_ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath()
                .normalize();
    }

    /** Runs {@code action} on every service at once (starting four JVMs one after another wastes the second core). */
    private void all(Consumer<PackagedService> action) {
        together(services.stream().map(service -> (Runnable) () -> action.accept(service)).toList());
    }

    /** Restarts the given services at once: each is killed (SIGKILL) or stopped (SIGTERM), then started again. */
    public void restart(List<PackagedService> killed, List<PackagedService> stopped) {
        List<Runnable> restarts = new ArrayList<>();
        killed.forEach(service -> restarts.add(() -> {
            service.kill();
            service.start();
            service.awaitReady(START_TIMEOUT);
        }));
        stopped.forEach(service -> restarts.add(() -> {
            service.stop();
            service.start();
            service.awaitReady(START_TIMEOUT);
        }));
        together(restarts);
    }

    /**
     * Runs the tasks in parallel, a thread each (the common pool has one thread on two cores), and waits for all;
     * an assertion failure of one is thrown as it is.
     */
    private static void together(List<Runnable> tasks) {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        try {
            CompletableFuture.allOf(tasks.stream().map(task -> CompletableFuture.runAsync(task, threads))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } finally {
            threads.shutdown();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        printLogs(context.getDisplayName() + " failed");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<Throwable> problems = new ArrayList<>();
        if (context.getExecutionException().isPresent()) {
            printLogs("the class failed");
        }
        all(PackagedService::stop);
        for (AutoCloseable closeable : new AutoCloseable[] {webhooks, feeds}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                problems.add(e);
            }
        }
        if (smtp != null) {
            smtp.stop();
        }
        databases.forEach(database -> {
            try {
                TestPostgres.shared().dropDatabase(database);
            } catch (RuntimeException e) {
                problems.add(e);
            }
        });
        if (!problems.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("the system test did not clean up");
            problems.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private void printLogs(String why) {
        for (PackagedService service : services) {
            System.out.printf("%n[system-test] %s: the last lines of %s (%s, %s)%n%s%n", why, service.name(),
                    service.log(), service.isRunning() ? "running" : "not running", service.logTail(80));
        }
    }

    /** The public API with the admin key the gateway was seeded with. */
    public ApiClient adminApi() {
        return api(adminKey);
    }

    /** The key the services take from each other (a test calling a service directly, past the gateway). */
    public String serviceKey() {
        return serviceKey;
    }

    /** The admin key the gateway was seeded with (what a user pastes into the dashboard). */
    public String adminKey() {
        return adminKey;
    }

    /** The public API with {@code key}. */
    public ApiClient api(String key) {
        return new ApiClient(gateway.baseUrl(), key);
    }

    public String gatewayUrl() {
        return gateway.baseUrl();
    }

    public GreenMail smtp() {
        return smtp;
    }

    public FeedServer feeds() {
        return feeds;
    }

    public WebhookReceiver webhooks() {
        return webhooks;
    }

    public PackagedService collector() {
        return collector;
    }

    public PackagedService gateway() {
        return gateway;
    }

    public PackagedService alert() {
        return alert;
    }

    /** The four services: collector, classifier, alert service, gateway. */
    public List<PackagedService> services() {
        return List.copyOf(services);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String randomKey(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }
}
