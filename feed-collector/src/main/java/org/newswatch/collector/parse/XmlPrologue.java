package org.newswatch.collector.parse;

import java.util.Locale;

/**
 * A look at the start of a decoded XML document, before any parser sees it: refuses a DOCTYPE with a precise
 * position and recognises an HTML page, so that neither reaches the XML parser as a vague syntax error.
 *
 * @param rootName the qualified name of the root element as written (e.g. {@code rss}, {@code rdf:RDF})
 */
record XmlPrologue(String rootName) {

    /**
     * @throws FeedParseException {@link FeedErrorKind#FORBIDDEN_DOCTYPE} for any DOCTYPE, {@link FeedErrorKind#NOT_A_FEED}
     *                            for HTML or text that is not markup, {@link FeedErrorKind#MALFORMED} when no root
     *                            element starts the document
     */
    static XmlPrologue scan(String text) throws FeedParseException {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("<?", i)) {
                int end = text.indexOf("?>", i + 2);
                if (end < 0) {
                    throw malformed(text, i, "a processing instruction or XML declaration never ends");
                }
                i = end + 2;
            } else if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i + 4);
                if (end < 0) {
                    throw malformed(text, i, "a comment never ends");
                }
                i = end + 3;
            } else if (text.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
                String name = nameAt(text, skipWhitespace(text, i + 9));
                if (name.toLowerCase(Locale.ROOT).equals("html")) {
                    throw new FeedParseException(FeedErrorKind.NOT_A_FEED,
                            "an HTML page, not a feed (<!DOCTYPE html> at " + position(text, i) + ")");
                }
                throw new FeedParseException(FeedErrorKind.FORBIDDEN_DOCTYPE, position(text, i)
                        + ": the document declares a DOCTYPE (<!DOCTYPE " + name + " ...>); DTDs are refused because"
                        + " they can read local files (XXE) or expand entities without bound");
            } else if (c == '<' && i + 1 < n && isNameStart(text.charAt(i + 1))) {
                String name = nameAt(text, i + 1);
                String local = name.substring(name.indexOf(':') + 1).toLowerCase(Locale.ROOT);
                if (local.equals("html") || local.equals("head") || local.equals("body")) {
                    throw new FeedParseException(FeedErrorKind.NOT_A_FEED,
                            "an HTML page, not a feed (<" + name + "> at the root)");
                }
                return new XmlPrologue(name);
            } else {
                throw new FeedParseException(FeedErrorKind.NOT_A_FEED, "not XML: the document starts with \""
                        + excerpt(text, i) + "\" at " + position(text, i));
            }
        }
        throw new FeedParseException(FeedErrorKind.MALFORMED, "the document has no root element");
    }

    String localRootName() {
        return rootName.substring(rootName.indexOf(':') + 1);
    }

    private static FeedParseException malformed(String text, int at, String what) {
        return new FeedParseException(FeedErrorKind.MALFORMED, position(text, at) + ": " + what);
    }

    private static int skipWhitespace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static String nameAt(String text, int start) {
        int end = start;
        while (end < text.length() && end - start < 100) {
            char c = text.charAt(end);
            if (Character.isWhitespace(c) || c == '>' || c == '/' || c == '[') {
                break;
            }
            end++;
        }
        return text.substring(start, end);
    }

    private static String excerpt(String text, int at) {
        String rest = text.substring(at, Math.min(text.length(), at + 40));
        return rest.replaceAll("\\s+", " ").trim();
    }

    /** "line L, column C" (both 1-based) of a character offset. */
    static String position(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (offset - lineStart + 1);
    }
}
