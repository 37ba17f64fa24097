package org.newswatch.collector.identity;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical form of an article URL, so that one story linked in different ways has one identity.
 *
 * <p>Rules: only absolute {@code http}/{@code https} URLs have one; scheme and host are lower-cased (an
 * internationalised host becomes its ASCII form, a trailing dot goes); the default port, user info and fragment
 * are removed; an empty path becomes {@code /} and dot segments are resolved; percent-escapes get upper-case hex
 * and escaped unreserved characters are decoded; characters a URI may not hold (spaces, non-ASCII) are
 * percent-encoded as UTF-8; tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, ..., see
 * {@link TrackingParameters}) are removed and every other parameter is kept as written, in its order. Redirect
 * links (Google News and the like) are kept as published: following them would need the network.
 */
public final class CanonicalUrl {

    private static final Pattern ABSOLUTE = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)(\\?[^#]*)?(#.*)?$",
            Pattern.DOTALL);
    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%([0-9A-Fa-f]{2})");
    private static final String UNRESERVED_PUNCTUATION = "-._~";
    // RFC 3986 characters allowed in a path or query besides unreserved ones and '%' escapes.
    private static final String ALLOWED_IN_PATH_OR_QUERY = "!$&'()*+,;=:@/?";
    private static final String NOT_IN_HOST = "%\"<>\\^`{|}/?#@";
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private CanonicalUrl() {
    }

    /** The canonical form of {@code url}, or empty when it is not an absolute http(s) URL. */
    public static Optional<String> of(String url) {
        if (url == null) {
            return Optional.empty();
        }
        Matcher parts = ABSOLUTE.matcher(url.strip());
        if (!parts.matches()) {
            return Optional.empty();
        }
        String scheme = parts.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        Optional<String> authority = authority(scheme, parts.group(2));
        if (authority.isEmpty()) {
            return Optional.empty();
        }
        String path = normalizePath(encode(parts.group(3)));
        String query = parts.group(4) == null ? "" : query(encode(parts.group(4).substring(1)));
        String canonical = scheme + "://" + authority.get() + path + (query.isEmpty() ? "" : "?" + query);
        try {
            new URI(canonical);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(canonical);
    }

    private static Optional<String> authority(String scheme, String authority) {
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host;
        String port = null;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = hostAndPort.substring(0, close + 1);
            String rest = hostAndPort.substring(close + 1);
            if (rest.startsWith(":")) {
                port = rest.substring(1);
            } else if (!rest.isEmpty()) {
                return Optional.empty();
            }
        } else {
            int colon = hostAndPort.lastIndexOf(':');
            host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
            port = colon < 0 ? null : hostAndPort.substring(colon + 1);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            if (!isAscii(host)) {
                try {
                    host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.isEmpty() || !isHostText(host)) {
            return Optional.empty();
        }
        if (port != null && !port.isEmpty()) {
            if (port.length() > 5 || !isDigits(port)) {
                return Optional.empty();
            }
            int number = Integer.parseInt(port);
            if (number > 65535) {
                return Optional.empty();
            }
            boolean isDefault = scheme.equals("http") && number == 80 || scheme.equals("https") && number == 443;
            if (!isDefault) {
                host = host + ":" + number;
            }
        }
        return Optional.of(host);
    }

    /** Percent-encodes what a URI may not contain, as UTF-8; tidies existing escapes. */
    private static String encode(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                int value = Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16);
                if (isUnreserved(value)) {
                    out.append((char) value);
                } else {
                    out.append('%').append(hex(value));
                }
                i += 2;
            } else if (isUnreserved(b) || b < 0x80 && ALLOWED_IN_PATH_OR_QUERY.indexOf(b) >= 0) {
                out.append((char) b);
            } else {
                out.append('%').append(hex(b));
            }
        }
        return out.toString();
    }

    private static String normalizePath(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        if (!path.contains("/.")) {
            return path;
        }
        try {
            String normalized = new URI(null, null, path, null).normalize().getRawPath();
            return normalized.isEmpty() ? "/" : normalized;
        } catch (URISyntaxException e) {
            return path;
        }
    }

    private static String query(String query) {
        StringBuilder kept = new StringBuilder(query.length());
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            if (TrackingParameters.isTracking(decode(name))) {
                continue;
            }
            if (!kept.isEmpty()) {
                kept.append('&');
            }
            kept.append(parameter);
        }
        return kept.toString();
    }

    private static String decode(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    private static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || UNRESERVED_PUNCTUATION.indexOf(c) >= 0;
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static String hex(int value) {
        return new String(new char[] {HEX_DIGITS[value >> 4], HEX_DIGITS[value & 0xF]});
    }

    // Plain loops rather than streams and String.format: this runs for every link of every item.

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHostText(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= ' ' || NOT_IN_HOST.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
