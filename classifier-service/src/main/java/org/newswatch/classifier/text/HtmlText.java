package org.newswatch.classifier.text;

import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeVisitor;

/**
 * Reads the text of a field that carries HTML with jsoup, keeping for each character of text its position in
 * the HTML source (jsoup's source-position tracking), so evidence offsets still point into the field as
 * given. Entities ({@code &eacute;}) map to their whole source span; script, style and the like are skipped;
 * block elements end a sentence.
 */
final class HtmlText {

    /** A tag or an entity: only then is a field worth parsing as HTML ("a < b" in prose is not). */
    private static final Pattern LOOKS_LIKE_HTML = Pattern.compile("<[a-zA-Z!/][^>]*>|&(#\\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,31});");
    private static final Set<String> SKIPPED = Set.of("script", "style", "noscript", "template", "head", "svg", "math");
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
            "h6", "blockquote", "section", "article", "header", "footer", "table", "tr", "td", "th", "dd", "dt",
            "figcaption", "pre", "hr", "aside", "nav", "main");
    private static final int MAX_ENTITY = 33;

    private HtmlText() {
    }

    static boolean looksLikeHtml(String text) {
        return text.indexOf('<') >= 0 || text.indexOf('&') >= 0 ? LOOKS_LIKE_HTML.matcher(text).find() : false;
    }

    /** Appends the text of {@code html} to both builders. */
    static void read(String html, FoldedText.Builder folded, StringBuilder plain) {
        Parser parser = Parser.htmlParser().setTrackPosition(true);
        Document document = Jsoup.parse(html, "", parser);
        document.body().traverse(new NodeVisitor() {
            private int skipDepth;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element element) {
                    if (skipDepth > 0 || SKIPPED.contains(element.normalName())) {
                        skipDepth++;
                    } else if (BLOCKS.contains(element.normalName())) {
                        boundary(element.sourceRange(), folded, plain);
                    }
                } else if (node instanceof TextNode text && skipDepth == 0) {
                    appendText(html, text, folded, plain);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && skipDepth > 0) {
                    skipDepth--;
                }
            }
        });
    }

    private static void boundary(Range range, FoldedText.Builder folded, StringBuilder plain) {
        int origin = range.isTracked() ? Math.max(0, range.startPos()) : 0;
        folded.appendBoundary(origin);
        plain.append(". ");
    }

    /** Aligns the decoded text of a node with its source span: literal characters 1:1, entities as a whole. */
    private static void appendText(String html, TextNode node, FoldedText.Builder folded, StringBuilder plain) {
        String decoded = node.getWholeText();
        plain.append(decoded);
        Range range = node.sourceRange();
        int source = range.isTracked() ? range.startPos() : -1;
        int sourceEnd = range.isTracked() ? Math.min(range.endPos(), html.length()) : -1;
        int j = 0;
        while (j < decoded.length()) {
            int cp = decoded.codePointAt(j);
            int width = Character.charCount(cp);
            if (source < 0 || source >= sourceEnd) {
                // Untracked or already past the node's source (jsoup normalised something): pin to the end.
                int at = Math.max(0, sourceEnd);
                folded.appendCodePoint(cp, at, at);
                j += width;
                continue;
            }
            if (html.charAt(source) == '&' && !html.startsWith(decoded.substring(j, j + width), source)) {
                int semicolon = html.indexOf(';', source);
                if (semicolon > source && semicolon - source <= MAX_ENTITY) {
                    String entity = Parser.unescapeEntities(html.substring(source, semicolon + 1), false);
                    if (!entity.isEmpty() && decoded.startsWith(entity, j)) {
                        for (int k = 0; k < entity.length(); ) {
                            int entityCp = entity.codePointAt(k);
                            folded.appendCodePoint(entityCp, source, semicolon + 1);
                            k += Character.charCount(entityCp);
                        }
                        j += entity.length();
                        source = semicolon + 1;
                        continue;
                    }
                }
            }
            int sourceWidth = html.startsWith(decoded.substring(j, j + width), source) ? width : 1;
            folded.appendCodePoint(cp, source, Math.min(source + sourceWidth, sourceEnd));
            source += sourceWidth;
            j += width;
        }
    }
}
