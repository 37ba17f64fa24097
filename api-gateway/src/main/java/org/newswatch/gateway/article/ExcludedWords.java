package org.newswatch.gateway.article;

import java.util.ArrayList;
import java.util.List;

/**
 * A query split into what it asks for and what it excludes ({@code -word}, {@code -"a phrase"}, in the syntax of
 * {@code websearch_to_tsquery}). A search without {@code lang} reads the query in every language and ORs the
 * readings; an exclusion inside those readings would only need to hold in one of them (the English reading drops
 * "sanction" while the plain one still allows it), so exclusions are taken out and applied in every reading.
 */
record ExcludedWords(String wanted, String excluded) {

    static ExcludedWords split(String query) {
        StringBuilder wanted = new StringBuilder();
        List<String> excluded = new ArrayList<>();
        boolean quoted = false;
        int i = 0;
        while (i < query.length()) {
            char c = query.charAt(i);
            boolean wordStart = i == 0 || Character.isWhitespace(query.charAt(i - 1));
            if (!quoted && c == '-' && wordStart && i + 1 < query.length()
                    && !Character.isWhitespace(query.charAt(i + 1))) {
                int end = query.charAt(i + 1) == '"' ? closingQuote(query, i + 2) : wordEnd(query, i + 1);
                excluded.add(query.substring(i + 1, end));
                i = end;
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            wanted.append(c);
            i++;
        }
        return new ExcludedWords(wanted.toString().strip(), String.join(" or ", excluded));
    }

    private static int closingQuote(String query, int from) {
        int quote = query.indexOf('"', from);
        return quote < 0 ? query.length() : quote + 1;
    }

    private static int wordEnd(String query, int from) {
        int end = from;
        while (end < query.length() && !Character.isWhitespace(query.charAt(end))) {
            end++;
        }
        return end;
    }
}
