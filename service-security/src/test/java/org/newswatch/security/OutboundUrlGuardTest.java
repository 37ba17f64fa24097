package org.newswatch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundUrlGuardTest {

    /** Names used below and what they resolve to; literal addresses resolve as themselves (no DNS query). */
    private static final Map<String, String[]> NAMES = Map.of(
            "news.example.org", new String[] {"93.184.215.14"},
            "metadata.cloud.test", new String[] {"169.254.169.254"},
            "rebinding.test", new String[] {"93.184.215.14", "10.1.2.3"},
            "v6only.test", new String[] {"2606:2800:21f:cb07:6820:80da:af6b:8b2c"});

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] addresses = NAMES.get(host);
        if (addresses == null) {
            if (!Character.isDigit(host.charAt(0)) && !host.contains(":")) {
                throw new UnknownHostException(host);
            }
            return InetAddress.getAllByName(host);
        }
        InetAddress[] resolved = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            resolved[i] = InetAddress.getByName(addresses[i]);
        }
        return resolved;
    }

    private final OutboundUrlGuard production = new OutboundUrlGuard(false, OutboundUrlGuardTest::resolve);
    private final OutboundUrlGuard local = new OutboundUrlGuard(true, OutboundUrlGuardTest::resolve);

    @Test
    void publicHttpAndHttpsUrlsPass() throws RefusedUrlException {
        assertEquals(URI.create("https://news.example.org/feed.xml"), production.check("https://news.example.org/feed.xml"));
        assertEquals(URI.create("http://news.example.org:8080/rss"), production.check(" http://news.example.org:8080/rss "));
        production.check("https://v6only.test/atom");
        production.check("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/atom");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1/", "http://127.1.2.3:8080/x", "http://10.0.0.7/", "http://172.16.0.1/", "http://172.31.255.255/",
        "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://0.0.0.0/",
        "http://[::1]/", "http://[::]/", "http://[fd00::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/",
        "http://[64:ff9b::a00:1]/", "http://[2002:c0a8:101::1]/", "http://224.0.0.1/", "http://255.255.255.255/",
        "http://198.18.0.1/", "http://metadata.cloud.test/", "http://2130706433/"})
    void privateLoopbackLinkLocalAndMetadataAddressesAreRefusedInProduction(String url) {
        RefusedUrlException refused = assertThrows(RefusedUrlException.class, () -> production.check(url));
        assertEquals(RefusedUrlException.Reason.PRIVATE_ADDRESS, refused.reason());
        assertTrue(refused.getMessage().contains("only public addresses are allowed"), refused.getMessage());
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIsPrivate() {
        RefusedUrlException refused = assertThrows(RefusedUrlException.class,
                () -> production.check("https://rebinding.test/feed"));
        assertEquals(RefusedUrlException.Reason.PRIVATE_ADDRESS, refused.reason());
        assertTrue(refused.getMessage().contains("10.1.2.3"), refused.getMessage());
    }

    @Test
    void theLocalProfileAllowsPrivateAddressesButStillOnlyHttp() throws RefusedUrlException {
        local.check("http://127.0.0.1:8097/feed.xml");
        local.check("http://localhost:8097/feed.xml");
        assertEquals(RefusedUrlException.Reason.UNSUPPORTED_SCHEME,
                assertThrows(RefusedUrlException.class, () -> local.check("file:///etc/passwd")).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://news.example.org/feed.xml", "jar:file:/tmp/x.jar!/feed.xml",
        "gopher://news.example.org/", "javascript:alert(1)", "data:text/xml,%3Crss%2F%3E"})
    void otherSchemesAreRefused(String url) {
        RefusedUrlException refused = assertThrows(RefusedUrlException.class, () -> production.check(url));
        assertEquals(RefusedUrlException.Reason.UNSUPPORTED_SCHEME, refused.reason(), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "news.example.org/feed", "/relative/feed.xml", "http://", "http://exa mple.org/",
        "https:///nohost"})
    void malformedUrlsAreRefusedWithAReason(String url) {
        RefusedUrlException refused = assertThrows(RefusedUrlException.class, () -> production.check(url));
        assertEquals(RefusedUrlException.Reason.MALFORMED, refused.reason(), refused.getMessage());
    }

    @Test
    void anUnresolvableHostIsRefused() {
        RefusedUrlException refused = assertThrows(RefusedUrlException.class,
                () -> production.check("https://no-such-host.invalid/feed"));
        assertEquals(RefusedUrlException.Reason.UNRESOLVABLE, refused.reason());
    }

    @Test
    void singleAddressesAreCheckedForClientsThatResolveThemselves() throws Exception {
        production.checkAddress("news.example.org", InetAddress.getByName("93.184.215.14"));
        assertThrows(RefusedUrlException.class,
                () -> production.checkAddress("news.example.org", InetAddress.getByName("192.168.0.10")));
        local.checkAddress("localhost", InetAddress.getByName("127.0.0.1"));
    }
}
