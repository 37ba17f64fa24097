package org.newswatch.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.AppInfoParser;
import org.newswatch.contracts.Topics;

/**
 * The whole newswatch stack on one machine: PostgreSQL, a Kafka broker and the four services, each a process of
 * its own. {@code up} starts what is not running (reusing what is), {@code down} stops what up started, in the
 * order services, Kafka, PostgreSQL. Run by deploy/local/up and deploy/local/down.
 */
public final class LocalStack {

    /** Component names of the launcher itself, on its command line (see deploy/local/up). */
    static final String UP_LAUNCHER = "launcher-up";

    private static final Duration KAFKA_READY_TIMEOUT = Duration.ofSeconds(90);
    /** Long enough for another up to finish starting everything. */
    private static final Duration LOCK_PATIENCE = Duration.ofSeconds(180);
    private static final int LOG_TAIL_LINES = 15;

    private final LaunchOptions options;
    private final Console console;
    private final Map<String, String> environment;
    private final StateDirectory state;
    private final OwnedProcesses processes;
    private final DetachedProcessStarter starter;
    private final PostgresServer postgres;
    private final KafkaProcess kafka;
    /** Set when a stop begins: start-up and the foreground watch then end quietly. */
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Whether stopEverything ran; guarded by {@code this}. */
    private boolean stopped;

    LocalStack(LaunchOptions options, Console console, Map<String, String> environment) {
        this.options = options;
        this.console = console;
        this.environment = environment;
        this.state = new StateDirectory(options.stateDirectory());
        this.processes = new OwnedProcesses(state);
        this.starter = new DetachedProcessStarter(state);
        this.postgres = new PostgresServer(state);
        this.kafka = new KafkaProcess(state, processes, kafkaLibs(options.repository()));
    }

    public static void main(String[] args) {
        Console console = new Console(System.out, System.err);
        int exitCode;
        try {
            LaunchOptions options = LaunchOptions.parse(args, System.getProperties());
            LocalStack stack = new LocalStack(options, console, System.getenv());
            exitCode = switch (options.command()) {
                case UP -> stack.up();
                case DOWN -> stack.down();
                case STATUS -> stack.status();
            };
        } catch (LaunchFailure e) {
            console.fail(e.getMessage());
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /** The Kafka broker's jars, copied there by the launcher's build. */
    public static Path kafkaLibs(Path repository) {
        return repository.resolve("deploy/launcher/target/kafka-libs");
    }

    // ---------------------------------------------------------------------------------------------- up

    int up() {
        long started = System.nanoTime();
        state.createDirectories();
        LauncherLock lock = lock();
        if (lock == null) {
            throw new LaunchFailure("another deploy/local/up or down is still busy for this checkout after "
                    + LOCK_PATIENCE.toSeconds() + " s; wait for it to finish (or stop it) and try again");
        }
        long ownPid = ProcessHandle.current().pid();
        state.writePid(UP_LAUNCHER, ownPid);
        // Ctrl-C (or down) during start-up or in the foreground: stop everything, services first.
        Thread stopOnSignal = new Thread(() -> {
            stopEverything("Stopping newswatch");
            deleteLauncherPid(ownPid);
        }, "newswatch-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        boolean prepared = false;
        try {
            Plan plan = prepare();
            prepared = true;
            if (plan.everythingRunning() && plan.allHealthy()) {
                console.ok("Everything is already up");
            } else {
                start(plan);
            }
            printSummary(plan.database(), started);
        } catch (RuntimeException e) {
            if (stopping.get()) {
                // Ctrl-C or down interrupted the start; the shutdown hook reports and cleans up.
                return 130;
            }
            if (e instanceof LaunchFailure failure) {
                console.fail(failure.getMessage());
                failure.log().ifPresent(this::printTail);
            } else {
                console.fail("unexpected error: " + e);
                e.printStackTrace(System.err);
            }
            if (prepared) {
                stopEverything("Stopping what is running");
            }
            removeHook(stopOnSignal);
            deleteLauncherPid(ownPid);
            lock.close();
            return 1;
        }
        if (options.detach()) {
            removeHook(stopOnSignal);
            deleteLauncherPid(ownPid);
            lock.close();
            console.line("Stop it with deploy/local/down.");
            return 0;
        }
        lock.close();
        console.line("Running in the foreground: Ctrl-C stops everything (deploy/local/down works too).");
        watchUntilStopped(components(DatabaseTarget.fromEnvironment(environment)));
        return 0;
    }

    /** What is running already, checked before anything is started. */
    private record Plan(DatabaseTarget database, Optional<ProcessHandle> postgres, Optional<ProcessHandle> kafka,
            Map<Service, Optional<ProcessHandle>> services, Map<Service, ProcessHandle> outdated, boolean allHealthy) {

        boolean everythingRunning() {
            return (!database.embedded() || postgres.isPresent()) && kafka.isPresent()
                    && services.values().stream().allMatch(Optional::isPresent) && outdated.isEmpty();
        }
    }

    /**
     * Everything that can fail before a process is started: settings, build output, ports, the external database.
     * A failure here leaves nothing running that was not running before.
     */
    private Plan prepare() {
        DatabaseTarget database = DatabaseTarget.fromEnvironment(environment);
        requireBuildOutput();

        Optional<ProcessHandle> runningPostgres = database.embedded() ? postgres.findRunning() : Optional.empty();
        Optional<ProcessHandle> runningKafka = processes.find(KafkaProcess.COMPONENT);
        Map<Service, Optional<ProcessHandle>> runningServices = new LinkedHashMap<>();
        Map<Service, ProcessHandle> outdated = new LinkedHashMap<>();
        for (Service service : Service.ALL) {
            Optional<ProcessHandle> process = processes.find(service.name());
            if (process.isPresent() && builtAfterStart(service, process.get())) {
                // Running code older than the build: restart it (its port is ours, so no port check).
                outdated.put(service, process.get());
                process = Optional.empty();
            }
            runningServices.put(service, process);
        }

        Map<Integer, String> portsNeeded = new LinkedHashMap<>();
        if (database.embedded() && runningPostgres.isEmpty()) {
            portsNeeded.put(DatabaseTarget.EMBEDDED_PORT, "PostgreSQL");
        }
        if (runningKafka.isEmpty()) {
            portsNeeded.put(KafkaProcess.PORT, "Kafka");
            portsNeeded.put(KafkaProcess.CONTROLLER_PORT, "Kafka controller");
        }
        runningServices.forEach((service, process) -> {
            if (process.isEmpty() && !outdated.containsKey(service)) {
                portsNeeded.put(service.port(), service.name());
            }
        });
        requireFreePorts(portsNeeded);

        if (!database.embedded()) {
            ServiceDatabases.serverVersion(database);
        }
        HealthWaiter health = new HealthWaiter(console);
        boolean allHealthy = runningServices.entrySet().stream()
                .allMatch(e -> e.getValue().isPresent() && health.probe(e.getKey()));
        return new Plan(database, runningPostgres, runningKafka, runningServices, outdated, allHealthy);
    }

    /** Whether the service's jar was rebuilt after the process started. */
    private boolean builtAfterStart(Service service, ProcessHandle process) {
        Optional<java.time.Instant> startedAt = process.info().startInstant();
        try {
            return startedAt.isPresent() && Files.getLastModifiedTime(service.runnerJar(options.repository()))
                    .toInstant().isAfter(startedAt.get());
        } catch (IOException e) {
            return false;
        }
    }

    private void requireBuildOutput() {
        List<String> missing = new ArrayList<>();
        for (Service service : Service.ALL) {
            if (!Files.isRegularFile(service.runnerJar(options.repository()))) {
                missing.add(options.repository().relativize(service.runnerJar(options.repository())).toString());
            }
        }
        Path kafkaLibs = kafkaLibs(options.repository());
        if (!Files.isDirectory(kafkaLibs)) {
            missing.add(options.repository().relativize(kafkaLibs).toString());
        }
        if (!missing.isEmpty()) {
            throw new LaunchFailure("not built: " + String.join(", ", missing)
                    + "; run deploy/local/up --build (or mvn -B install -DskipTests)");
        }
    }

    /** Fails with one line naming every port that something else holds, and how to free it. */
    void requireFreePorts(Map<Integer, String> ports) {
        requireFreePorts(ports, processes::otherStacks);
    }

    /** {@code otherStacks} reads every process's command line: asked only when a port is busy. */
    static void requireFreePorts(Map<Integer, String> ports, Supplier<Set<Path>> otherStacks) {
        List<String> busy = ports.entrySet().stream()
                .filter(e -> PortProbe.isInUse(e.getKey()))
                .map(e -> e.getKey() + " (" + e.getValue() + ")")
                .toList();
        if (busy.isEmpty()) {
            return;
        }
        String taken = (busy.size() == 1 ? "port " : "ports ") + String.join(", ", busy)
                + (busy.size() == 1 ? " is" : " are") + " already in use";
        Set<Path> others = otherStacks.get();
        if (!others.isEmpty()) {
            // Another checkout's local stack: same ports, not ours to stop.
            Path other = others.iterator().next();
            throw new LaunchFailure(taken + ", probably by the newswatch stack of another checkout (" + other
                    + "); stop it with " + other.resolveSibling("down") + " and run deploy/local/up again");
        }
        String first = busy.get(0).split(" ")[0];
        String hint = busy.stream().anyMatch(b -> b.startsWith(DatabaseTarget.EMBEDDED_PORT + " "))
                ? " (for a PostgreSQL already there, set NEWSWATCH_DB_URL=jdbc:postgresql://127.0.0.1:5432/postgres)"
                : "";
        throw new LaunchFailure(taken + " by another program; stop " + (busy.size() == 1 ? "it" : "them")
                + " (`ss -ltnp 'sport = :" + first + "'` or `lsof -i :" + first + "` shows which) and run"
                + " deploy/local/up again" + hint);
    }

    private void start(Plan plan) {
        DatabaseTarget database = plan.database();

        // The broker boots (a few seconds of JVM start) while PostgreSQL starts and the databases are made.
        long kafkaStarted = System.nanoTime();
        ProcessHandle broker = plan.kafka().orElseGet(() -> starter.startStep("Kafka", () -> kafka.start(starter)));

        long step = System.nanoTime();
        if (database.embedded()) {
            if (plan.postgres().isPresent()) {
                console.step("PostgreSQL already running (pid " + plan.postgres().get().pid() + ")");
            } else {
                starter.startStep("PostgreSQL", postgres::start);
            }
        }
        String version = ServiceDatabases.serverVersion(database);
        List<String> created = ServiceDatabases.createMissing(database, Service.databases());
        console.ok("PostgreSQL " + version + " on " + database.hosts()
                + (database.embedded() ? "" : " (" + DatabaseTarget.URL_VARIABLE + ")")
                + (created.isEmpty() ? ", databases present" : ", created " + String.join(", ", created)), step);

        if (plan.kafka().isPresent()) {
            console.step("Kafka already running (pid " + broker.pid() + ")");
        }
        step = kafkaStarted;
        List<String> topics = topicNames();
        try (Admin admin = kafka.admin()) {
            kafka.awaitReady(admin, broker, KAFKA_READY_TIMEOUT);
            String topicResult = KafkaProcess.ensureTopics(admin, topics, Topics.DEFAULT_PARTITIONS);
            console.ok("Kafka " + AppInfoParser.getVersion() + " (KRaft) on " + KafkaProcess.BOOTSTRAP_SERVERS + ", "
                    + topics.size() + " topics x " + Topics.DEFAULT_PARTITIONS + " partitions (" + topicResult + ")",
                    step);
        }

        if (!plan.outdated().isEmpty()) {
            step = System.nanoTime();
            List<String> killed = stopServices(plan.outdated());
            console.ok("stopped " + names(plan.outdated()) + " (rebuilt since started; starting again)"
                    + killedNote(killed), step);
        }

        step = System.nanoTime();
        List<HealthWaiter.Target> targets = new ArrayList<>();
        List<String> reused = new ArrayList<>();
        for (Map.Entry<Service, Optional<ProcessHandle>> entry : plan.services().entrySet()) {
            Service service = entry.getKey();
            ProcessHandle process;
            if (entry.getValue().isPresent()) {
                process = entry.getValue().get();
                reused.add(service.name());
            } else {
                process = ServiceProcess.start(service, options.repository(), database, state, processes, starter,
                        environment).toHandle();
            }
            targets.add(new HealthWaiter.Target(service, process, state.logFile(service.name())));
        }
        console.step("Waiting for " + Service.ALL.size() + " services (up to " + options.healthTimeout().toSeconds()
                + " s)" + (reused.isEmpty() ? "" : "; already running: " + String.join(", ", reused)));
        new HealthWaiter(console).awaitAll(targets, options.healthTimeout(), step);
    }

    /** The topics the stack needs: the event topics and their dead-letter topics. */
    public static List<String> topicNames() {
        return List.of(Topics.ARTICLES, Topics.CLASSIFIED, Topics.deadLetterOf(Topics.ARTICLES),
                Topics.deadLetterOf(Topics.CLASSIFIED));
    }

    private void printSummary(DatabaseTarget database, long started) {
        console.line("");
        console.line("newswatch is up (" + Console.seconds(started) + ")");
        Service gateway = Service.GATEWAY;
        console.line("  Dashboard   " + gateway.publicUrl("/") + " (open it and paste the admin key)");
        console.line("  API         " + gateway.publicUrl("/api/v1"));
        // Where the key is, never the key itself: this output ends up in terminals' scrollback and CI logs.
        String given = environment.get(ServiceProcess.ADMIN_KEY_VARIABLE);
        console.line("  Admin key   " + (given != null && !given.isBlank() ? "the value of $NEWSWATCH_ADMIN_KEY"
                : "cat " + state.adminKeyFile() + " (Authorization: Bearer <key>)"));
        for (Service service : Service.ALL) {
            console.line(String.format("  Swagger UI  %-40s %s", service.publicUrl("/q/swagger-ui"), service.name()));
        }
        for (Service service : Service.ALL) {
            console.line(String.format("  Health      %-40s %s", service.publicUrl("/q/health"), service.name()));
        }
        console.line("  Kafka       " + KafkaProcess.BOOTSTRAP_SERVERS);
        console.line("  PostgreSQL  " + database.displayUrl("<" + String.join("|", Service.databases()) + ">")
                + " (user " + database.user() + ")");
        console.line("  Logs        " + state.logs() + "/<component>.log");
        console.line("  State       " + state.root());
    }

    /** Foreground: report components that die; Ctrl-C or down ends it through the shutdown hook. */
    private void watchUntilStopped(List<String> components) {
        Set<String> reported = new HashSet<>();
        while (!stopping.get()) {
            if (!Pause.sleep(2000) || stopping.get()) {
                return;
            }
            for (String component : components) {
                boolean alive = component.equals(PostgresServer.COMPONENT) ? postgres.findRunning().isPresent()
                        : processes.find(component).isPresent();
                if (!alive && reported.add(component)) {
                    console.fail(component + " is no longer running; see " + state.logFile(component)
                            + " (deploy/local/up in another terminal starts it again)");
                } else if (alive) {
                    reported.remove(component);
                }
            }
        }
    }

    private static List<String> components(DatabaseTarget database) {
        List<String> components = new ArrayList<>();
        if (database.embedded()) {
            components.add(PostgresServer.COMPONENT);
        }
        components.add(KafkaProcess.COMPONENT);
        Service.ALL.forEach(s -> components.add(s.name()));
        return components;
    }

    // -------------------------------------------------------------------------------------------- down

    int down() {
        if (!Files.isDirectory(state.root())) {
            console.ok("Nothing to stop (no " + state.root() + ")");
            return 0;
        }
        // A running up (foreground, or still starting) stops everything itself, in order, on SIGTERM. There may
        // be more than one (two foreground ups in two terminals): each is asked in turn; the first stops
        // everything, the others find nothing left.
        List<ProcessHandle> launchers = processes.findAll(UP_LAUNCHER);
        for (ProcessHandle launcher : launchers) {
            long step = System.nanoTime();
            console.step("Asking the running deploy/local/up (pid " + launcher.pid() + ") to stop");
            boolean clean = OwnedProcesses.stop(launcher, OwnedProcesses.Signal.TERM,
                    OwnedProcesses.UP_LAUNCHER_STOP_GRACE);
            console.ok("deploy/local/up (pid " + launcher.pid() + ") stopped" + (clean ? "" : " (killed)"), step);
        }
        state.deletePid(UP_LAUNCHER);
        long step = System.nanoTime();
        LauncherLock lock = lock();
        try {
            boolean stoppedAnything = stopEverything(null);
            if (!stoppedAnything && launchers.isEmpty()) {
                console.ok("Nothing was running");
            } else if (stoppedAnything) {
                console.ok("newswatch stopped", step);
            }
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
        return 0;
    }

    /**
     * Stops every process of this stack: the services (in parallel), then Kafka, then PostgreSQL, so that no
     * service loses its broker or database while it is still shutting down. Returns whether it found anything to
     * stop.
     *
     * <p>Runs once. A second caller (Ctrl-C while a failed start-up cleans up, or the other way round) waits
     * until the first has finished: the JVM must not exit while the shutdown hook's caller returns early. It
     * first takes the start guard, so a start step under way finishes first and what it started is stopped too.
     */
    boolean stopEverything(String heading) {
        stopping.set(true);
        synchronized (this) {
            if (stopped) {
                return false;
            }
            stopped = true;
            starter.refuseNewStarts();
            return stopAll(heading);
        }
    }

    private boolean stopAll(String heading) {
        boolean headingPrinted = false;
        boolean any = false;

        Map<Service, ProcessHandle> services = new LinkedHashMap<>();
        for (Service service : Service.ALL) {
            processes.find(service.name()).ifPresent(p -> services.put(service, p));
        }
        if (!services.isEmpty()) {
            headingPrinted = printHeading(heading, headingPrinted);
            any = true;
            long step = System.nanoTime();
            List<String> killed = stopServices(services);
            console.ok("stopped " + names(services) + killedNote(killed), step);
        }

        Optional<ProcessHandle> broker = processes.find(KafkaProcess.COMPONENT);
        if (broker.isPresent()) {
            headingPrinted = printHeading(heading, headingPrinted);
            any = true;
            long step = System.nanoTime();
            boolean clean = KafkaProcess.stop(broker.get());
            state.deletePid(KafkaProcess.COMPONENT);
            console.ok("stopped Kafka" + (clean ? "" : " (killed)"), step);
        }

        Optional<ProcessHandle> postmaster = postgres.findRunning();
        if (postmaster.isPresent()) {
            headingPrinted = printHeading(heading, headingPrinted);
            any = true;
            long step = System.nanoTime();
            boolean clean = postgres.stop(postmaster.get());
            console.ok("stopped PostgreSQL" + (clean ? "" : " (killed)"), step);
        }
        return any;
    }

    /** Stops the services in parallel (SIGTERM, then SIGKILL after the grace period); returns the killed ones. */
    private List<String> stopServices(Map<Service, ProcessHandle> services) {
        List<Thread> stoppers = new ArrayList<>();
        List<String> killed = new ArrayList<>();
        services.forEach((service, process) -> {
            Thread stopper = new Thread(() -> {
                if (!OwnedProcesses.stop(process, OwnedProcesses.Signal.TERM, OwnedProcesses.SERVICE_STOP_GRACE)) {
                    synchronized (killed) {
                        killed.add(service.name());
                    }
                }
                state.deletePid(service.name());
            }, "stop-" + service.name());
            stopper.start();
            stoppers.add(stopper);
        });
        stoppers.forEach(LocalStack::join);
        return killed;
    }

    private static String names(Map<Service, ProcessHandle> services) {
        return services.keySet().stream().map(Service::name).collect(Collectors.joining(", "));
    }

    private static String killedNote(List<String> killed) {
        return killed.isEmpty() ? "" : " (killed after " + OwnedProcesses.SERVICE_STOP_GRACE.toSeconds() + " s: "
                + String.join(", ", killed) + ")";
    }

    private boolean printHeading(String heading, boolean printed) {
        if (heading != null && !printed) {
            console.line(heading + " ...");
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------ status

    /** Prints a line per component; exits 0 when everything is running and every service is UP, else 1. */
    int status() {
        HealthWaiter health = new HealthWaiter(console);
        DatabaseTarget database = DatabaseTarget.fromEnvironment(environment);
        boolean allUp = true;
        if (database.embedded()) {
            allUp &= line(PostgresServer.COMPONENT, postgres.findRunning(), "");
        } else {
            console.step(String.format("%-19s %s", PostgresServer.COMPONENT, database.describe()));
        }
        allUp &= line(KafkaProcess.COMPONENT, processes.find(KafkaProcess.COMPONENT), "");
        for (Service service : Service.ALL) {
            Optional<ProcessHandle> process = processes.find(service.name());
            boolean up = process.isPresent() && health.probe(service);
            allUp &= line(service.name(), process, process.isPresent() ? (up ? " UP" : " not UP") : "") && up;
        }
        return allUp ? 0 : 1;
    }

    /** Prints the component's line; returns whether it is running. */
    private boolean line(String component, Optional<ProcessHandle> process, String suffix) {
        console.step(String.format("%-19s %s%s", component,
                process.map(p -> "running (pid " + p.pid() + ")").orElse("stopped"), suffix));
        return process.isPresent();
    }

    // --------------------------------------------------------------------------------------- utilities

    /** The launcher lock, waiting (and saying so) while another up or down holds it; null if it never came. */
    private LauncherLock lock() {
        LauncherLock lock = LauncherLock.tryAcquire(state, Duration.ofMillis(500));
        if (lock == null) {
            console.step("Waiting for another deploy/local/up or down to finish ...");
            lock = LauncherLock.tryAcquire(state, LOCK_PATIENCE);
        }
        return lock;
    }

    private void printTail(Path log) {
        try {
            if (!Files.isRegularFile(log)) {
                return;
            }
            List<String> lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            if (!tail.isEmpty()) {
                console.failDetail("  last lines of " + log + ":");
                tail.forEach(l -> console.failDetail("    " + l));
            }
        } catch (IOException | RuntimeException e) {
            // The message already named the log.
        }
    }

    private void deleteLauncherPid(long ownPid) {
        OptionalLong recorded = state.readPid(UP_LAUNCHER);
        if (recorded.isPresent() && recorded.getAsLong() == ownPid) {
            state.deletePid(UP_LAUNCHER);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or ran.
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
