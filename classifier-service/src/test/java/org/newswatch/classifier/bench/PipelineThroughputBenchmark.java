package org.newswatch.classifier.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.newswatch.classifier.TestClassifiers;
import org.newswatch.classifier.eval.Corpus;
import org.newswatch.classifier.eval.EvalItem;
import org.newswatch.classifier.pipeline.ArticleClassificationProcessor;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.contracts.Classification;
import org.newswatch.contracts.EventJson;
import org.newswatch.testkit.KafkaBroker;

/**
 * Articles per second through the real broker, on one thread (so per core): a consumer reads
 * {@code ArticleCollected} records, the classifier's processing code classifies them, a producer writes
 * {@code ArticleClassified} records with key and CloudEvents headers (acks=all), and offsets are committed
 * after the producer's acknowledgements. The baseline run does the same with JSON decode/encode only.
 * <pre>
 * mvn -B -ntp -Pbench -pl classifier-service test-compile exec:exec \
 *     -Dbench.main=org.newswatch.classifier.bench.PipelineThroughputBenchmark -Dbench.args="20000"
 * </pre>
 */
public final class PipelineThroughputBenchmark {

    private PipelineThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        KafkaBroker broker = KafkaBroker.shared();
        ArticleClassificationProcessor processor = new ArticleClassificationProcessor(TestClassifiers.shared(),
                "urn:newswatch:bench", Clock.systemUTC());
        processor.classify(article(Corpus.load(Corpus.DEV).get(0), 0), Instant.now()); // load language models

        // The input is produced once; each pass reads it from the beginning and writes to its own topic.
        // (Creating topics while passes run made the in-JVM broker stall on a busy machine.)
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String in = "bench.articles." + suffix;
        broker.createTopics(in, "bench.warmup." + suffix, "bench.baseline." + suffix, "bench.classified." + suffix);
        awaitLeaders(broker, in, "bench.warmup." + suffix, "bench.baseline." + suffix, "bench.classified." + suffix);
        produceArticles(broker, in, count);
        run(broker, in, "bench.warmup." + suffix, count / 4, "warm-up", true, processor);
        double baseline = run(broker, in, "bench.baseline." + suffix, count,
                "baseline (JSON decode/encode, no classification)", false, processor);
        double classified = run(broker, in, "bench.classified." + suffix, count,
                "classifier (rules, language detection)", true, processor);
        System.out.printf(Locale.ROOT, "%nclassifier/baseline throughput ratio: %.2f%n", classified / baseline);
        System.exit(0);
    }

    private static double run(KafkaBroker broker, String in, String out, int count, String name, boolean classify,
            ArticleClassificationProcessor processor) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);

        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + suffix,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000",
                // Large batches: one acknowledgement wait and one commit per batch, not per record.
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "262144",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        Map<String, Object> producerConfig = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "5"));
        int done = 0;
        int polls = 0;
        long started = 0;
        long pollNanos = 0;
        long processNanos = 0;
        long ackNanos = 0;
        long classifyNanos = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                        new ByteArraySerializer())) {
            // Assigned rather than subscribed: no group rebalance in the measurement; offsets are still committed.
            List<TopicPartition> partitions = consumer.partitionsFor(in).stream()
                    .map(info -> new TopicPartition(in, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (done < count && System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                if (started == 0) {
                    started = System.nanoTime();
                } else {
                    pollNanos += System.nanoTime() - t0;
                }
                polls++;
                long t1 = System.nanoTime();
                List<Future<RecordMetadata>> sent = new java.util.ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (done + sent.size() >= count) {
                        break;
                    }
                    ArticleCollected article = EventJson.read(record.value(), ArticleCollected.class);
                    long c0 = System.nanoTime();
                    ArticleClassified classified = classify ? processor.classify(article, Instant.now())
                            : new ArticleClassified(article, Classification.of("und", "none", List.of()), Instant.now());
                    classifyNanos += System.nanoTime() - c0;
                    RecordHeaders headers = new RecordHeaders();
                    classified.cloudEvent("urn:newswatch:bench").writeTo(headers);
                    sent.add(producer.send(new ProducerRecord<>(out, null, article.id(), EventJson.write(classified),
                            headers)));
                }
                long t2 = System.nanoTime();
                processNanos += t2 - t1;
                for (Future<RecordMetadata> future : sent) {
                    future.get(); // acknowledged by the broker before the offsets are committed
                }
                consumer.commitSync();
                ackNanos += System.nanoTime() - t2;
                done += sent.size();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = done / seconds;
        System.out.printf(Locale.ROOT, "%-52s %,8d articles in %6.2f s = %,9.0f articles/s (one thread); %d polls;"
                + " waiting for records %.1f s, decode+classify+encode+send %.1f s (%.0f µs/article), broker acks and"
                + " commits %.1f s; of the processing, classification alone %.0f µs/article%n", name, done, seconds, rate,
                polls, pollNanos / 1e9, processNanos / 1e9, processNanos / 1e3 / Math.max(1, done), ackNanos / 1e9,
                classifyNanos / 1e3 / Math.max(1, done));
        return rate;
    }

    /** Waits (at most a minute) until every partition of the topics has a leader. */
    private static void awaitLeaders(KafkaBroker broker, String... topics) throws InterruptedException {
        try (KafkaConsumer<String, byte[]> probe = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            for (String topic : topics) {
                while (System.nanoTime() < deadline) {
                    var partitions = probe.partitionsFor(topic);
                    if (partitions.size() == KafkaBroker.PARTITIONS
                            && partitions.stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                        break;
                    }
                    Thread.sleep(200); // a benchmark setup step, not a test
                }
            }
        }
    }

    private static void produceArticles(KafkaBroker broker, String topic, int count) throws Exception {
        List<EvalItem> items = Corpus.load(Corpus.DEV);
        items = new java.util.ArrayList<>(items);
        items.addAll(Corpus.load(Corpus.TEST));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "20"), new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new java.util.ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ArticleCollected article = article(items.get(i % items.size()), i);
                sent.add(producer.send(new ProducerRecord<>(topic, article.id(), EventJson.write(article))));
            }
            for (Future<RecordMetadata> future : sent) {
                future.get(); // every input record is on the broker before the clock starts
            }
        }
    }

    private static ArticleCollected article(EvalItem item, int n) {
        Instant now = Instant.parse("2025-06-05T10:00:00Z");
        String id = item.id() + "-" + n;
        return new ArticleCollected(id, "bench-feed", null, "Bench", "https://news.example/" + id, null, null,
                item.title(), item.summary(), "", null, null, List.of(), now, null, now);
    }
}
