package org.scheduleright.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The proxies whose {@code X-Forwarded-*} headers are believed ({@code TRUSTED_PROXIES}, CIDRs, default loopback), and
 * the client address they imply: the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy, or
 * the direct peer when the peer is not trusted.
 */
public final class TrustedProxies {

    private final List<Cidr> ranges;

    public TrustedProxies(List<String> cidrs) {
        this.ranges = cidrs.stream()
                .map(String::trim)
                .filter(cidr -> !cidr.isEmpty())
                .map(Cidr::parse)
                .toList();
    }

    public boolean trusts(InetAddress address) {
        return address != null && ranges.stream().anyMatch(range -> range.contains(address));
    }

    /** Whether the direct peer of the request is a trusted proxy. */
    public boolean trustsPeerOf(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        return peer != null && trusts(peer.getAddress());
    }

    /** The address of the client on whose behalf the request was made. */
    public String clientAddress(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        String peerAddress = peer == null || peer.getAddress() == null
                ? "unknown"
                : peer.getAddress().getHostAddress();
        if (peer == null || !trusts(peer.getAddress())) {
            return peerAddress;
        }
        List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String candidate = forwarded.get(i).trim();
            InetAddress address = parseLiteral(candidate);
            if (address == null) {
                return peerAddress;
            }
            if (!trusts(address)) {
                return address.getHostAddress();
            }
        }
        return peerAddress;
    }

    /** An IP literal, or null for anything else (host names are never resolved). */
    static InetAddress parseLiteral(String value) {
        if (value.isEmpty() || !value.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** One address range in CIDR notation. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String cidr) {
            String[] parts = cidr.split("/", 2);
            InetAddress address = parseLiteral(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("TRUSTED_PROXIES entry is not an IP range: " + cidr);
            }
            int bits = address.getAddress().length * 8;
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("TRUSTED_PROXIES entry has an invalid prefix: " + cidr);
            }
            return new Cidr(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }
}
