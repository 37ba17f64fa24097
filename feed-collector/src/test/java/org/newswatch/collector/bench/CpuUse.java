package org.newswatch.collector.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

/**
 * Where the CPU of a benchmark pass went, since the farm server, the broker and the collector share one JVM and
 * PostgreSQL runs beside it on the same two cores: CPU seconds of the JVM by thread group, of the PostgreSQL
 * server's processes, and the machine's load average (other work on the machine competes for the same cores).
 * Threads that ended during the pass, GC and JIT count in the JVM total only.
 */
final class CpuUse {

    /** CPU seconds per group at one moment. */
    record Sample(double jvm, Map<String, Double> groups, double postgres, String loadAverage) {

        /** What was spent between {@code before} and this sample. */
        Map<String, Double> since(Sample before) {
            Map<String, Double> spent = new LinkedHashMap<>();
            spent.put("JVM in all", jvm - before.jvm);
            double named = 0;
            for (String group : GROUPS) {
                double value = groups.getOrDefault(group, 0.0) - before.groups.getOrDefault(group, 0.0);
                spent.put(group, value);
                named += value;
            }
            spent.put("GC, JIT, ended threads", jvm - before.jvm - named);
            spent.put("PostgreSQL", postgres - before.postgres);
            return spent;
        }
    }

    private static final List<String> GROUPS = List.of("pollers", "dispatcher", "producer I/O", "HTTP client",
            "farm server", "broker and rest");

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final DataSource database;

    CpuUse(DataSource database) {
        this.database = database;
    }

    Sample sample() {
        Map<String, Double> groups = new LinkedHashMap<>();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long nanos = threads.getThreadCpuTime(ids[i]);
            if (infos[i] != null && nanos > 0) {
                groups.merge(group(infos[i].getThreadName()), nanos / 1e9, Double::sum);
            }
        }
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return new Sample(jvm, groups, postgresSeconds(), loadAverage());
    }

    private static String group(String thread) {
        if (thread.startsWith("feed-poll")) {
            return "pollers";
        }
        if (thread.startsWith("feed-dispatch")) {
            return "dispatcher";
        }
        if (thread.startsWith("kafka-producer-network-thread")) {
            return "producer I/O";
        }
        if (thread.startsWith("HttpClient-")) {
            return "HTTP client";
        }
        if (thread.startsWith(org.newswatch.collector.LoopbackFeedServer.THREAD_PREFIX)
                || thread.equals("HTTP-Dispatcher")) {
            return "farm server";
        }
        return "broker and rest";
    }

    /** The PostgreSQL server's processes (postmaster and every backend) as the database names them. */
    private double postgresSeconds() {
        try (Connection c = database.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            Optional<ProcessHandle> postmaster = ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent);
            return postmaster.map(p -> Stream.concat(Stream.of(p), p.descendants())
                    .mapToDouble(h -> h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9).sum())
                    .orElse(Double.NaN);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
