package org.newswatch.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Which addresses are reachable only from inside a network (or name this host), and so must never be the
 * target of a request made on a user's behalf: RFC 6890 special-purpose ranges, cloud metadata
 * (169.254.169.254 is link-local), and IPv6 forms that embed such an IPv4 address.
 */
final class AddressRanges {

    private AddressRanges() {
    }

    /** The name of the non-public range the address is in, or empty when it is a public address. */
    static Optional<String> nonPublicRangeOf(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return rangeOfIpv4(v4.getAddress());
        }
        return rangeOfIpv6((Inet6Address) address);
    }

    private static Optional<String> rangeOfIpv4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        if (b0 == 0) {
            return Optional.of("\"this network\" (0.0.0.0/8)");
        }
        if (b0 == 10) {
            return Optional.of("private (10.0.0.0/8)");
        }
        if (b0 == 100 && (b1 & 0xc0) == 64) {
            return Optional.of("carrier-grade NAT (100.64.0.0/10)");
        }
        if (b0 == 127) {
            return Optional.of("loopback (127.0.0.0/8)");
        }
        if (b0 == 169 && b1 == 254) {
            return Optional.of("link-local or cloud metadata (169.254.0.0/16)");
        }
        if (b0 == 172 && (b1 & 0xf0) == 16) {
            return Optional.of("private (172.16.0.0/12)");
        }
        if (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2)) {
            return Optional.of("IETF reserved or documentation (192.0.0.0/24, 192.0.2.0/24)");
        }
        if (b0 == 192 && b1 == 168) {
            return Optional.of("private (192.168.0.0/16)");
        }
        if (b0 == 198 && (b1 & 0xfe) == 18) {
            return Optional.of("benchmarking (198.18.0.0/15)");
        }
        if ((b0 == 198 && b1 == 51 && b2 == 100) || (b0 == 203 && b1 == 0 && b2 == 113)) {
            return Optional.of("documentation (198.51.100.0/24, 203.0.113.0/24)");
        }
        if (b0 >= 224) {
            return Optional.of("multicast, reserved or broadcast (224.0.0.0/3)");
        }
        return Optional.empty();
    }

    private static Optional<String> rangeOfIpv6(Inet6Address address) {
        byte[] a = address.getAddress();
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified (::)");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback (::1)");
        }
        if ((a[0] & 0xfe) == 0xfc) {
            return Optional.of("unique local (fc00::/7)");
        }
        if ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0x80) {
            return Optional.of("link-local (fe80::/10)");
        }
        if ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0xc0) {
            return Optional.of("site-local (fec0::/10)");
        }
        if ((a[0] & 0xff) == 0xff) {
            return Optional.of("multicast (ff00::/8)");
        }
        if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x01 && (a[2] & 0xff) == 0x0d && (a[3] & 0xff) == 0xb8) {
            return Optional.of("documentation (2001:db8::/32)");
        }
        // Forms that carry an IPv4 address: IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16).
        if (isZero(a, 0, 12)) {
            return rangeOfIpv4(new byte[] {a[12], a[13], a[14], a[15]});
        }
        if ((a[0] & 0xff) == 0x00 && (a[1] & 0xff) == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b
                && isZero(a, 4, 12)) {
            return rangeOfIpv4(new byte[] {a[12], a[13], a[14], a[15]});
        }
        if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x02) {
            return rangeOfIpv4(new byte[] {a[2], a[3], a[4], a[5]});
        }
        return Optional.empty();
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
