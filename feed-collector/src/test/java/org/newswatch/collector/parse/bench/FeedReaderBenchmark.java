package org.newswatch.collector.parse.bench;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.jdom2.Document;
import org.jdom2.input.SAXBuilder;
import org.newswatch.collector.parse.FeedDocument;
import org.newswatch.collector.parse.FeedParseException;
import org.newswatch.collector.parse.FeedReader;
import org.newswatch.collector.parse.FeedReading;
import org.newswatch.collector.parse.FeedSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

/**
 * Articles per second through {@link FeedReader} for a typical 50-item RSS 2.0 and Atom 1.0 feed (HTML summaries
 * and content, categories, dates, tracking parameters), against two baselines measured in the same run: parsing the
 * XML alone (JDOM), and plain ROME ({@code SyndFeedInput}, no cleaning or identity). Each operation is one
 * article, so the scores read directly as articles/s.
 *
 * <p>Run: {@code mvn -B -ntp -Pbench -pl feed-collector test-compile exec:exec -Dbench.args=FeedReaderBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FeedReaderBenchmark {

    private static final int ITEMS = 50;
    private static final Instant COLLECTED_AT = Instant.parse("2025-06-11T12:00:00Z");
    private static final FeedSource SOURCE = new FeedSource("bench", "https://bench.example.org/feed", null);

    private final FeedReader reader = new FeedReader();
    private static final int LARGE_ITEMS = 10_000;

    private byte[] rss;
    private byte[] atom;
    private byte[] largeRss;

    @Setup
    public void createFeeds() {
        rss = rss(ITEMS).getBytes(StandardCharsets.UTF_8);
        atom = atom().getBytes(StandardCharsets.UTF_8);
        largeRss = rss(LARGE_ITEMS).getBytes(StandardCharsets.UTF_8);
    }

    /** The 10,000-item feed of the bad-input list, whole, in articles/s. */
    @Benchmark
    @OperationsPerInvocation(LARGE_ITEMS)
    public FeedReading largeRssFeedReader() throws FeedParseException {
        return reader.read(new FeedDocument(largeRss, "application/rss+xml", URI.create("https://bench.example.org/big")),
                SOURCE, COLLECTED_AT);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public FeedReading rssFeedReader() throws FeedParseException {
        return reader.read(new FeedDocument(rss, "application/rss+xml; charset=utf-8",
                URI.create("https://bench.example.org/rss")), SOURCE, COLLECTED_AT);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public FeedReading atomFeedReader() throws FeedParseException {
        return reader.read(new FeedDocument(atom, "application/atom+xml", URI.create("https://bench.example.org/atom")),
                SOURCE, COLLECTED_AT);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public SyndFeed rssPlainRomeBaseline() throws Exception {
        return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(rss)));
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public SyndFeed atomPlainRomeBaseline() throws Exception {
        return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(atom)));
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public Document rssXmlOnlyBaseline() throws Exception {
        return new SAXBuilder().build(new ByteArrayInputStream(rss));
    }

    static String rss(int items) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Bench RSS</title>"
                + "<link>https://bench.example.org/</link><description>d</description><language>en</language>\n");
        for (int i = 0; i < items; i++) {
            xml.append("<item><title>ICC judges face sanctions &amp; travel bans, part ").append(i).append("</title>")
                    .append("<link>https://bench.example.org/news/2025/06/story-").append(i)
                    .append("?utm_source=rss&amp;utm_medium=feed</link>")
                    .append("<guid isPermaLink=\"false\">bench-").append(i).append("</guid>")
                    .append("<description>").append(escaped(summaryHtml(i))).append("</description>")
                    .append("<content:encoded><![CDATA[").append(contentHtml(i)).append("]]></content:encoded>")
                    .append("<dc:creator>Reporter ").append(i % 7).append("</dc:creator>")
                    .append("<category>ICC</category><category>Sanctions</category>")
                    .append("<pubDate>Tue, 10 Jun 2025 08:").append(String.format("%02d", i % 60))
                    .append(":00 +0200</pubDate>")
                    .append("</item>\n");
        }
        return xml.append("</channel></rss>\n").toString();
    }

    static String atom() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\"><title>Bench Atom</title>"
                + "<id>urn:bench</id><updated>2025-06-10T12:00:00Z</updated>"
                + "<link rel=\"alternate\" href=\"https://bench.example.org/\"/>\n");
        for (int i = 0; i < ITEMS; i++) {
            xml.append("<entry><title type=\"html\">Judicial independence under &lt;em&gt;pressure&lt;/em&gt;, part ")
                    .append(i).append("</title>")
                    .append("<link rel=\"alternate\" href=\"/news/2025/06/entry-").append(i).append("?fbclid=abc\"/>")
                    .append("<id>urn:bench:").append(i).append("</id>")
                    .append("<published>2025-06-10T08:").append(String.format("%02d", i % 60)).append(":00+02:00</published>")
                    .append("<updated>2025-06-10T10:00:00Z</updated>")
                    .append("<author><name>Reporter ").append(i % 7).append("</name></author>")
                    .append("<category term=\"judiciary\"/>")
                    .append("<summary type=\"html\">").append(escaped(summaryHtml(i))).append("</summary>")
                    .append("<content type=\"html\">").append(escaped(contentHtml(i))).append("</content>")
                    .append("</entry>\n");
        }
        return xml.append("</feed>\n").toString();
    }

    private static String summaryHtml(int i) {
        return "<p>The court said on Tuesday that measure " + i + " targets its judges &amp; staff.</p>";
    }

    private static String contentHtml(int i) {
        return "<p>Paragraph one of story " + i + ", with <a href=\"https://example.org/ref\">a link</a> and"
                + " <em>emphasis</em>.</p><script>track()</script><p>Paragraph two&nbsp;continues the report on"
                + " sanctions, travel bans and frozen assets.</p><ul><li>Point one</li><li>Point two</li></ul>"
                + "<p>Paragraph three closes it.</p>";
    }

    private static String escaped(String html) {
        return html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
