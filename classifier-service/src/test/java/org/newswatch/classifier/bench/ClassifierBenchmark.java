package org.newswatch.classifier.bench;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.newswatch.classifier.TestClassifiers;
import org.newswatch.classifier.TopicClassifier;
import org.newswatch.classifier.embedding.EmbeddingSignal;
import org.newswatch.classifier.eval.Corpus;
import org.newswatch.classifier.eval.EvalItem;
import org.newswatch.classifier.eval.NaiveBaseline;
import org.newswatch.classifier.language.LanguageIdentifier;
import org.newswatch.classifier.language.LanguageSettings;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.contracts.Classification;
import org.newswatch.contracts.EventJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One classification of a feed item (title + summary from the corpus, cycled), split into its costs:
 * the whole classification, the rules alone (language known), language detection alone, and baselines
 * measured in the same run: the naive keyword rule and a JSON decode + encode of the events.
 * {@code embedding} is the second signal that was evaluated and not kept. {@code languageDetectionOnly} reads
 * {@code sampleChars} characters (the service's default unless {@code -p sampleChars=200,120,100}); {@link #main}
 * prints the detection accuracy on the dev split for several lengths, to choose that setting.
 * <pre>
 * mvn -B -ntp -Pbench -pl classifier-service test-compile exec:exec -Dbench.args="ClassifierBenchmark"
 * mvn -B -ntp -Pbench -pl classifier-service test-compile exec:exec \
 *     -Dbench.main=org.newswatch.classifier.bench.ClassifierBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ClassifierBenchmark {

    private List<EvalItem> items;
    private List<byte[]> collectedJson;
    private TopicClassifier classifier;
    private LanguageIdentifier languages;
    private NaiveBaseline baseline;
    private EmbeddingSignal embedding;
    private int next;

    @Param({"false"})
    public boolean withEmbedding;

    @Param({"120"})
    public int sampleChars;

    @Setup(Level.Trial)
    public void setUp() {
        items = Corpus.load(Corpus.DEV);
        classifier = TestClassifiers.shared();
        languages = new LanguageIdentifier(settings(sampleChars));
        baseline = new NaiveBaseline();
        Instant now = Instant.parse("2025-06-05T10:00:00Z");
        collectedJson = items.stream().map(item -> EventJson.write(new ArticleCollected(item.id(), "feed", null,
                "source", null, null, null, item.title(), item.summary(), "", null, null, List.of(), now, null, now)))
                .toList();
        if (withEmbedding) {
            embedding = new EmbeddingSignal(java.util.Map.of(), List.of());
        }
    }

    private EvalItem item() {
        next = (next + 1) % items.size();
        return items.get(next);
    }

    @Benchmark
    public Classification classify() {
        EvalItem item = item();
        return classifier.classify(item.title(), item.summary(), "", null);
    }

    @Benchmark
    public Classification rulesOnly() {
        EvalItem item = item();
        return classifier.classifyInLanguage(item.title(), item.summary(), "", item.lang());
    }

    @Benchmark
    public String languageDetectionOnly() {
        EvalItem item = item();
        return languages.identify(item.title() + ". " + item.summary(), null);
    }

    @Benchmark
    public Object naiveBaselineRule() {
        return baseline.apply(item());
    }

    /** Reading an ArticleCollected and writing an ArticleClassified: what the pipeline does besides classifying. */
    @Benchmark
    public byte[] jsonDecodeEncode() {
        next = (next + 1) % collectedJson.size();
        ArticleCollected article = EventJson.read(collectedJson.get(next), ArticleCollected.class);
        return EventJson.write(new ArticleClassified(article,
                Classification.of("und", "v", List.of()), article.collectedAt()));
    }

    @Benchmark
    public void embeddingOnly(Blackhole blackhole) {
        if (embedding != null) {
            EvalItem item = item();
            blackhole.consume(embedding.embed(item.title() + ". " + item.summary()));
        }
    }

    static LanguageSettings settings(int sampleChars) {
        LanguageSettings base = LanguageSettings.DEFAULT;
        return new LanguageSettings(sampleChars, base.minimumLetters(), base.minimumRelativeDistance(),
                base.lowAccuracy());
    }

    /** Detection accuracy on the dev split (title + summary, no declared language) for each sample length. */
    public static void main(String[] args) {
        List<EvalItem> items = Corpus.load(Corpus.DEV);
        for (int sample : new int[] {200, 120, 100, 80, 60}) {
            LanguageIdentifier identifier = new LanguageIdentifier(settings(sample));
            int right = 0;
            StringBuilder wrong = new StringBuilder();
            for (EvalItem item : items) {
                String detected = identifier.identify(item.title() + ". " + item.summary(), null);
                if (detected.equals(item.lang())) {
                    right++;
                } else {
                    wrong.append(' ').append(item.id()).append(' ').append(item.lang()).append("->").append(detected);
                }
            }
            System.out.printf(Locale.ROOT, "sample %3d chars: %d/%d right%s%n", sample, right, items.size(), wrong);
        }
    }
}
