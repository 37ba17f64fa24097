package org.newswatch.collector.fetch;

/**
 * What to fetch: the feed URL and the validators of its last 200 answer for a conditional GET (each may be null).
 */
public record FetchRequest(String url, String etag, String lastModified) {

    public static FetchRequest unconditional(String url) {
        return new FetchRequest(url, null, null);
    }
}
