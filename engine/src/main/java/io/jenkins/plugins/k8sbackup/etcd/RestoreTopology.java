package io.jenkins.plugins.k8sbackup.etcd;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The restored cluster's members and their restore flags: by default the member list recorded with the snapshot
 * (a same-topology restore needs only a member name), or an {@code --initial-cluster} that replaces it (a restore
 * onto other addresses). Recorded members are taken in name order (etcd lists them by id). Learners and members that never started (no name) are left out of a recorded list: etcd
 * restores voting members only. The default token is new for every snapshot, so no member of the old cluster can
 * join the restored one.
 */
public final class RestoreTopology {
    private final String backup;
    private final Map<String, List<String>> peers;
    private final boolean recorded;
    private final String token;
    private final List<String> notes;

    private RestoreTopology(String backup, Map<String, List<String>> peers, boolean recorded, String token, List<String> notes) {
        this.backup = backup;
        this.peers = peers;
        this.recorded = recorded;
        this.token = token;
        this.notes = List.copyOf(notes);
    }

    /** {@code initialCluster} and {@code token} override the recorded members and the default token when not null. */
    public static RestoreTopology of(EtcdSnapshotManifest m, String initialCluster, String token) {
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("--initial-cluster-token must not be empty");
        }
        String t = token != null ? token : defaultToken(m.name());
        if (initialCluster != null) {
            return new RestoreTopology(m.name(), parse(initialCluster), false, t, List.of());
        }
        Map<String, List<String>> peers = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        List<EtcdMember> recorded = new ArrayList<>(m.members() == null ? List.of() : m.members());
        recorded.sort(java.util.Comparator.comparing(EtcdMember::name, java.util.Comparator.nullsFirst(String::compareTo)));
        for (EtcdMember member : recorded) {
            if (member.name() == null || member.name().isBlank()) {
                notes.add("member " + member.id() + " has no name (added but never started) and is left out");
            } else if (member.learner()) {
                notes.add("learner " + member.name() + " is left out: a restore makes voting members only; add it again afterwards");
            } else if (member.peerUrls() == null || member.peerUrls().isEmpty()) {
                notes.add("member " + member.name() + " has no peer URL and is left out");
            } else {
                peers.put(member.name(), List.copyOf(member.peerUrls()));
            }
        }
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("the manifest of '" + m.name() + "' records no member to restore;"
                    + " give --initial-cluster NAME=PEER_URL,...");
        }
        return new RestoreTopology(m.name(), peers, true, t, notes);
    }

    /** "restore-" + the snapshot name: new for each snapshot, the same for every member restored from it. */
    static String defaultToken(String backupName) {
        return "restore-" + backupName;
    }

    public List<String> notes() {
        return notes;
    }

    public String initialCluster() {
        return peers.entrySet().stream().flatMap(e -> e.getValue().stream().map(u -> e.getKey() + "=" + u))
                .collect(Collectors.joining(","));
    }

    public List<String> memberNames() {
        return List.copyOf(peers.keySet());
    }

    /** Every member's plan, in member-list order. */
    public List<MemberPlan> members() {
        return peers.keySet().stream().map(n -> member(n, null)).toList();
    }

    /** The plan of one member; {@code advertisePeerUrls} overrides its peer URLs from the initial cluster. */
    public MemberPlan member(String name, String advertisePeerUrls) {
        List<String> urls = peers.get(name);
        if (urls == null) {
            throw new IllegalArgumentException(recorded
                    ? "member '" + name + "' is not in the member list recorded with snapshot '" + backup + "' ("
                    + String.join(", ", peers.keySet()) + "); give one of those names, or --initial-cluster to restore"
                    + " into another topology. Nothing was written"
                    : "member '" + name + "' is not in --initial-cluster (" + String.join(", ", peers.keySet())
                    + "). Nothing was written");
        }
        String advertise = advertisePeerUrls != null ? String.join(",", urls(advertisePeerUrls, "--initial-advertise-peer-urls"))
                : String.join(",", urls);
        return new MemberPlan(name, initialCluster(), token, advertise);
    }

    static Map<String, List<String>> parse(String initialCluster) {
        Map<String, List<String>> peers = new LinkedHashMap<>();
        for (String entry : initialCluster.split(",")) {
            String e = entry.strip();
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--initial-cluster entry '" + e + "' must look like NAME=https://10.0.0.10:2380");
            }
            peers.computeIfAbsent(e.substring(0, eq).strip(), k -> new ArrayList<>())
                    .addAll(urls(e.substring(eq + 1), "--initial-cluster entry '" + e + "'"));
        }
        return peers;
    }

    private static List<String> urls(String commaSeparated, String what) {
        List<String> out = new ArrayList<>();
        for (String u : commaSeparated.split(",")) {
            URI uri;
            try {
                uri = URI.create(u.strip());
            } catch (IllegalArgumentException bad) {
                uri = null;
            }
            if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getPort() < 0) {
                throw new IllegalArgumentException(what + ": '" + u.strip() + "' is not a peer URL like https://10.0.0.10:2380");
            }
            out.add(uri.toString());
        }
        return out;
    }
}
