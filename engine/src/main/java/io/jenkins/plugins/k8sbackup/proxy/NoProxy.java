package io.jenkins.plugins.k8sbackup.proxy;

import java.io.Serializable;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hosts a {@code NO_PROXY} list exempts from the proxy, read as curl and Go read it: comma-separated entries,
 * {@code *} for all, a domain ({@code example.com}, {@code .example.com} or {@code *.example.com}) for itself and its
 * subdomains, an IP address or a CIDR block ({@code 10.0.0.0/8}) for literal addresses; a {@code :port} is ignored.
 */
public final class NoProxy implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<String> entries;

    private NoProxy(List<String> entries) {
        this.entries = entries;
    }

    public static NoProxy parse(String list) {
        List<String> entries = new ArrayList<>();
        if (list != null) {
            for (String raw : list.split(",")) {
                String entry = normalise(raw);
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        }
        return new NoProxy(List.copyOf(entries));
    }

    public List<String> entries() {
        return entries;
    }

    /** True when {@code host} (a name or an address literal, brackets allowed) must be reached directly. */
    public boolean bypasses(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        for (String entry : entries) {
            if (entry.equals("*") || h.equals(entry) || h.endsWith("." + entry) || inBlock(h, entry)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same list as the regular expressions the AWS SDK's HTTP clients match host names against
     * ({@code nonProxyHosts}); CIDR blocks have no such form, and hosts in them are decided by {@link #bypasses}.
     */
    public Set<String> hostPatterns() {
        Set<String> patterns = new LinkedHashSet<>();
        for (String entry : entries) {
            if (entry.equals("*")) {
                patterns.add(".*");
            } else if (!entry.contains("/")) {
                patterns.add("(.*\\.)?" + Pattern.quote(entry));
            }
        }
        return patterns;
    }

    private static String normalise(String raw) {
        String e = raw.strip().toLowerCase(Locale.ROOT);
        if (e.startsWith("*.")) {
            e = e.substring(2);
        } else if (e.startsWith(".")) {
            e = e.substring(1);
        }
        if (e.startsWith("[")) {
            int close = e.indexOf(']');
            return close < 0 ? e : e.substring(1, close);
        }
        int colon = e.indexOf(':');
        if (colon >= 0 && e.indexOf(':', colon + 1) < 0) {
            e = e.substring(0, colon);
        }
        return e;
    }

    private static boolean inBlock(String host, String entry) {
        int slash = entry.indexOf('/');
        if (slash < 0 || !isAddressLiteral(host)) {
            return false;
        }
        try {
            byte[] address = InetAddress.getByName(host).getAddress();
            byte[] block = InetAddress.getByName(entry.substring(0, slash)).getAddress();
            int bits = Integer.parseInt(entry.substring(slash + 1));
            if (address.length != block.length || bits < 0 || bits > address.length * 8) {
                return false;
            }
            int shift = address.length * 8 - bits;
            return new BigInteger(1, address).shiftRight(shift).equals(new BigInteger(1, block).shiftRight(shift));
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }

    /** Only literals: a host name must never be resolved here (that would be a DNS query per decision). */
    private static boolean isAddressLiteral(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }
}
