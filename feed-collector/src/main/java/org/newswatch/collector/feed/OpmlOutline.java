package org.newswatch.collector.feed;

/** One feed of an OPML document: its URL as written, a title (or null) and its site (or null). */
public record OpmlOutline(String xmlUrl, String title, String htmlUrl) {
}
