package org.newswatch.collector.parse;

import java.nio.charset.Charset;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
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
    private static final Pattern CDATA = Pattern.compile("<!\\[CDATA\\[(.*?)]]>", Pattern.DOTALL);
    /**
     * An HTML parser per thread (jsoup's are reusable, not thread-safe) and the body its fragments are read into:
     * a body fragment parsed this way skips building a document around it, about half of jsoup's time for the
     * short HTML of a summary.
     */
    private static final ThreadLocal<Parser> PARSERS = ThreadLocal.withInitial(Parser::htmlParser);
    private static final ThreadLocal<Element> BODIES = ThreadLocal.withInitial(
            () -> Jsoup.parseBodyFragment("").body());
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
        return render(html, false);
    }

    /** HTML to plain text on one line. */
    static String toLine(String html) {
        return render(html, true);
    }

    private static String render(String html, boolean oneLine) {
        if (html == null || html.isBlank()) {
            return "";
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return tidy(html, oneLine);
        }
        if (html.contains("<![CDATA[")) {
            // Markup serialised from XML may keep CDATA sections, which HTML parsers read as comments.
            html = CDATA.matcher(html).replaceAll(m -> Matcher.quoteReplacement(Entities.escape(m.group(1))));
        }
        TextCollector collector = new TextCollector();
        for (Node node : PARSERS.get().parseFragmentInput(html, BODIES.get(), "")) {
            NodeTraversor.filter(collector, node);
        }
        return tidy(collector.out.toString(), oneLine);
    }

    /** Text that may or may not be HTML (an author, a category) as plain text on one line. */
    static String lineFromEither(String text) {
        return looksLikeHtml(text) ? toLine(text) : cleanLine(text);
    }

    /** Plain text with control characters removed, C1 windows-1252 mistakes repaired and blank runs tidied. */
    static String cleanText(String text) {
        return tidy(text, false);
    }

    /** Plain text on one line. */
    static String cleanLine(String text) {
        return tidy(text, true);
    }

    /**
     * One pass over the text (this runs for every field of every item): drops control characters, repairs C1
     * codes, collapses runs of spaces to one, trims lines, keeps at most one blank line in a row (or, for
     * {@code oneLine}, turns line breaks into spaces) and trims the whole.
     */
    private static String tidy(String text, boolean oneLine) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        int newlines = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c <= 0x9F) {
                c = WINDOWS_1252_C1[c - 0x80];
                if (c == 0) {
                    continue;
                }
            }
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    continue;
                }
                if (oneLine) {
                    space = true;
                } else {
                    newlines++;
                    space = false;
                }
            } else if (isHorizontalSpace(c)) {
                space = true;
            } else if (Character.isISOControl(c) || c == '\uFEFF' || c == '\u200B') {
                continue;
            } else {
                if (!out.isEmpty()) {
                    if (newlines > 0) {
                        out.append(newlines == 1 ? "\n" : "\n\n");
                    } else if (space) {
                        out.append(' ');
                    }
                }
                newlines = 0;
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHorizontalSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\u00A0' || c >= '\u2000' && c <= '\u200A'
                || c == '\u202F' || c == '\u205F' || c == '\u3000';
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

        private static String collapseSpaces(String text) {
            StringBuilder out = new StringBuilder(text.length());
            boolean space = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    space = true;
                } else {
                    if (space) {
                        out.append(' ');
                        space = false;
                    }
                    out.append(c);
                }
            }
            if (space) {
                out.append(' ');
            }
            return out.toString();
        }

        private void requestBreak(String name) {
            if (PARAGRAPHS.contains(name)) {
                pendingBreak = 2;
            } else if (LINES.contains(name)) {
                pendingBreak = Math.max(pendingBreak, 1);
            }
        }

        private void appendText(String text) {
            String value = preDepth > 0 ? text : collapseSpaces(text);
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
