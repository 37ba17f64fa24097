package org.newswatch.security;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SSRF check for URLs that users give us (feeds, webhooks): only http and https, and, unless private
 * addresses are allowed (the {@code local} profile, where demo feeds and receivers run on this machine), every
 * address the host resolves to must be public. Check again right before each request and on every redirect hop:
 * a name can resolve differently later.
 */
@ApplicationScoped
public class OutboundUrlGuard {

    /** Resolves a host name to all its addresses; the JDK resolver in production. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivateAddresses;
    private final HostResolver resolver;

    @Inject
    public OutboundUrlGuard(
            @ConfigProperty(name = "newswatch.outbound.allow-private-addresses", defaultValue = "false")
            boolean allowPrivateAddresses) {
        this(allowPrivateAddresses, InetAddress::getAllByName);
    }

    public OutboundUrlGuard(boolean allowPrivateAddresses, HostResolver resolver) {
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.resolver = resolver;
    }

    public boolean allowsPrivateAddresses() {
        return allowPrivateAddresses;
    }

    /** The URL as a URI when newswatch may contact it. */
    public URI check(String url) throws RefusedUrlException {
        if (url == null || url.isBlank()) {
            throw new RefusedUrlException(RefusedUrlException.Reason.MALFORMED, "no URL given");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new RefusedUrlException(RefusedUrlException.Reason.MALFORMED, "not a valid URL: " + e.getReason()
                    + " at index " + e.getIndex());
        }
        return check(uri);
    }

    /** The same URI when newswatch may contact it. */
    public URI check(URI uri) throws RefusedUrlException {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !uri.isAbsolute()) {
            throw new RefusedUrlException(RefusedUrlException.Reason.MALFORMED,
                    "not an absolute URL; give one starting with https:// or http://");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedUrlException(RefusedUrlException.Reason.UNSUPPORTED_SCHEME,
                    "the scheme '" + scheme + ":' is not allowed; only http and https are");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new RefusedUrlException(RefusedUrlException.Reason.MALFORMED, "the URL has no host name");
        }
        if (!allowPrivateAddresses) {
            checkResolvesToPublicAddresses(host);
        }
        return uri;
    }

    /** Refuses a single address (for clients that resolve themselves) unless private addresses are allowed. */
    public void checkAddress(String host, InetAddress address) throws RefusedUrlException {
        if (allowPrivateAddresses) {
            return;
        }
        Optional<String> range = AddressRanges.nonPublicRangeOf(address);
        if (range.isPresent()) {
            throw privateAddress(host, address, range.get());
        }
    }

    private void checkResolvesToPublicAddresses(String host) throws RefusedUrlException {
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bareHost);
        } catch (UnknownHostException e) {
            throw new RefusedUrlException(RefusedUrlException.Reason.UNRESOLVABLE,
                    "the host '" + host + "' does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new RefusedUrlException(RefusedUrlException.Reason.UNRESOLVABLE,
                    "the host '" + host + "' does not resolve");
        }
        // Every address, not just the first: a client may connect to any of them.
        for (InetAddress address : addresses) {
            checkAddress(host, address);
        }
    }

    private static RefusedUrlException privateAddress(String host, InetAddress address, String range) {
        return new RefusedUrlException(RefusedUrlException.Reason.PRIVATE_ADDRESS, "the host '" + host
                + "' resolves to " + address.getHostAddress() + ", a " + range
                + " address; only public addresses are allowed outside the local profile");
    }
}
