package org.newswatch.collector.parse;

import java.nio.charset.Charset;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Turns feed HTML into clean plain text with jsoup: entities decoded, scripts, styles and embedded objects
 * dropped, paragraphs kept as blank lines and line breaks as newlines. Plain text gets the same cleaning of
 * control characters, so nothing leaves the parser with markup to interpret or invisible junk.
 */
final class HtmlText {

    private static final Set<String> DROPPED = Set.of("script", "style", "noscript", "template", "iframe", "frame",
            "frameset", "object", "embed", "applet", "svg", "math", "head", "button", "select", "textarea", "input");
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
            "ul", "ol", "dl", "table", "figure", "hr", "section", "article", "header", "footer", "aside", "nav",
            "main", "address", "details", "fieldset");
    private static final Set<String> LINES = Set.of("li", "tr", "dt", "dd", "div", "figcaption", "caption",
            "summary", "legend");
    private static final Pattern LOOKS_LIKE_HTML = Pattern.compile(
            "<[A-Za-z/!]|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");
    private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[ \\t\\x0B\\f\\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000]+");
    private static final Pattern ANY_SPACE = Pattern.compile("\\s+");
    private static final Pattern MANY_NEWLINES = Pattern.compile("\\n{3,}");
    /** What windows-1252 meant by the C1 control bytes 0x80–0x9F; 0 where it defines nothing. */
    private static final char[] WINDOWS_1252_C1 = windows1252C1();

    private HtmlText() {
    }

    /** Whether a text that may or may not be HTML (an RSS title) carries markup or entities to interpret. */
    static boolean looksLikeHtml(String text) {
        return text != null && LOOKS_LIKE_HTML.matcher(text).find();
    }

    /** HTML to plain text with paragraphs as blank lines and line breaks as newlines; "" for null. */
    static String toText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return cleanText(html);
        }
        Element body = Jsoup.parseBodyFragment(html).body();
        TextCollector collector = new TextCollector();
        NodeTraversor.filter(collector, body);
        return cleanText(collector.out.toString());
    }

    /** HTML to plain text on one line. */
    static String toLine(String html) {
        return oneLine(toText(html));
    }

    /** Plain text with control characters removed, C1 windows-1252 mistakes repaired and blank runs tidied. */
    static String cleanText(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    out.append('\n');
                }
            } else if (c >= 0x80 && c <= 0x9F) {
                char meant = WINDOWS_1252_C1[c - 0x80];
                if (meant != 0) {
                    out.append(meant);
                }
            } else if (c == '\n' || c == '\t' || !Character.isISOControl(c) && c != '\uFEFF' && c != '\u200B') {
                out.append(c);
            }
        }
        String[] lines = out.toString().split("\n", -1);
        StringBuilder tidy = new StringBuilder(out.length());
        for (String line : lines) {
            if (!tidy.isEmpty()) {
                tidy.append('\n');
            }
            tidy.append(HORIZONTAL_SPACE.matcher(line).replaceAll(" ").strip());
        }
        return MANY_NEWLINES.matcher(tidy).replaceAll("\n\n").strip();
    }

    /** Plain text on one line. */
    static String cleanLine(String text) {
        return oneLine(cleanText(text));
    }

    private static String oneLine(String text) {
        return ANY_SPACE.matcher(text).replaceAll(" ").strip();
    }

    private static char[] windows1252C1() {
        char[] table = new char[32];
        Charset windows1252 = Charset.forName("windows-1252");
        for (int b = 0x80; b <= 0x9F; b++) {
            String decoded = new String(new byte[] {(byte) b}, windows1252);
            char c = decoded.length() == 1 ? decoded.charAt(0) : '\uFFFD';
            table[b - 0x80] = c == '\uFFFD' || c == b ? 0 : c;
        }
        return table;
    }

    /** Walks the HTML tree, writing text and the breaks that blocks imply. */
    private static final class TextCollector implements NodeFilter {

        private final StringBuilder out = new StringBuilder();
        private int pendingBreak;
        private int preDepth;

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode text) {
                appendText(text.getWholeText());
            } else if (node instanceof Element element) {
                String name = element.normalName();
                if (DROPPED.contains(name)) {
                    return FilterResult.SKIP_ENTIRELY;
                }
                if (name.equals("br")) {
                    out.append('\n');
                    pendingBreak = 0;
                } else {
                    requestBreak(name);
                }
                if (name.equals("pre")) {
                    preDepth++;
                }
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element element) {
                String name = element.normalName();
                requestBreak(name);
                if (name.equals("pre")) {
                    preDepth--;
                }
            }
            return FilterResult.CONTINUE;
        }

        private void requestBreak(String name) {
            if (PARAGRAPHS.contains(name)) {
                pendingBreak = 2;
            } else if (LINES.contains(name)) {
                pendingBreak = Math.max(pendingBreak, 1);
            }
        }

        private void appendText(String text) {
            String value = preDepth > 0 ? text : ANY_SPACE.matcher(text).replaceAll(" ");
            if (value.isBlank() && preDepth == 0) {
                if (pendingBreak == 0 && !out.isEmpty() && !Character.isWhitespace(out.charAt(out.length() - 1))) {
                    out.append(' ');
                }
                return;
            }
            if (pendingBreak > 0 && !out.isEmpty()) {
                out.append(pendingBreak == 2 ? "\n\n" : "\n");
            }
            pendingBreak = 0;
            out.append(value);
        }
    }
}
