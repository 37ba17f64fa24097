package org.newswatch.collector.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalUrlTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # scheme and host lower-cased, default port removed, empty path becomes /
            HTTPS://News.Example.COM                                  | https://news.example.com/
            http://news.example.com:80/a                              | http://news.example.com/a
            https://news.example.com:443/a                            | https://news.example.com/a
            https://news.example.com:8443/a                           | https://news.example.com:8443/a
            # path case is kept: paths are case-sensitive
            https://news.example.com/Path/To/Story                    | https://news.example.com/Path/To/Story
            # fragment removed
            https://news.example.com/story#comments                   | https://news.example.com/story
            # tracking parameters removed, real ones kept in their order
            https://news.example.com/s?utm_source=rss&id=42&utm_medium=feed | https://news.example.com/s?id=42
            https://news.example.com/s?b=2&fbclid=xyz&a=1             | https://news.example.com/s?b=2&a=1
            https://news.example.com/s?gclid=1&mc_cid=2&mc_eid=3&igshid=4&ref_src=twsrc&_ga=5 | https://news.example.com/s
            https://news.example.com/s?UTM_Campaign=x&page=2          | https://news.example.com/s?page=2
            https://news.example.com/s?utm_source=a#x                 | https://news.example.com/s
            # generic names that may select content are kept
            https://news.example.com/s?ref=home&source=abc            | https://news.example.com/s?ref=home&source=abc
            # dot segments resolved, escapes normalised, unreserved escapes decoded
            https://news.example.com/a/./b/../c                       | https://news.example.com/a/c
            https://news.example.com/caf%c3%a9/%7Euser                | https://news.example.com/caf%C3%A9/~user
            # illegal characters percent-encoded as UTF-8
            https://news.example.com/a b/é                            | https://news.example.com/a%20b/%C3%A9
            # user info dropped, trailing dot of the host dropped, IDN to ASCII
            https://user:secret@news.example.com./x                   | https://news.example.com/x
            https://bücher.example/x                                  | https://xn--bcher-kva.example/x
            # Google News redirect links stay as published
            https://news.google.com/rss/articles/CBMiQWh0dHBzOi8vZXhhbXBsZQ?oc=5 | https://news.google.com/rss/articles/CBMiQWh0dHBzOi8vZXhhbXBsZQ?oc=5
            # IPv6 literal with default port
            http://[2001:DB8::1]:80/x                                 | http://[2001:db8::1]/x
            """)
    void canonicalForm(String url, String canonical) {
        assertEquals(Optional.of(canonical), CanonicalUrl.of(url));
    }

    @ParameterizedTest(name = "no canonical form: \"{0}\"")
    @ValueSource(strings = {"", "   ", "/relative/path", "story.html", "mailto:desk@example.org",
            "javascript:alert(1)", "ftp://files.example.org/a", "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
            "tag:example.org,2025:1", "https://", "https://exa mple.org/", "https://example.org:99999/",
            "https://example.org:abc/"})
    void onlyAbsoluteWebAddressesHaveOne(String url) {
        assertTrue(CanonicalUrl.of(url).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://news.example.com/story?id=1", "HTTPS://NEWS.example.com:443/story?id=1&utm_x=2#top"})
    void nullHasNoneAndCanonicalisingTwiceChangesNothing(String url) {
        assertTrue(CanonicalUrl.of(null).isEmpty());
        assertEquals(CanonicalUrl.of(url), CanonicalUrl.of(CanonicalUrl.of(url).orElseThrow()),
                "canonicalising twice changes nothing");
    }
}
