package io.jenkins.plugins.k8sbackup.jenkins.agent;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupEncryption;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupSummary;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.RemoteFailure;
import io.jenkins.plugins.k8sbackup.jenkins.util.SecretMasker;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/** Lists the backups of one kind at a storage location, newest first, optionally only those whose labels match. */
public final class ListCallable extends MasterToSlaveFileCallable<ArrayList<Map<String, Object>>> {
    private static final long serialVersionUID = 1L;

    private final ResolvedStorage storage;
    private final BackupKind kind;
    private final Map<String, String> labels;

    public ListCallable(ResolvedStorage storage, BackupKind kind, Map<String, String> labels) {
        this.storage = storage;
        this.kind = kind;
        this.labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    @Override
    public ArrayList<Map<String, Object>> invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        return RemoteFailure.call(() -> list(workspace), SecretMasker.none().with(storage.secrets()));
    }

    private ArrayList<Map<String, Object>> list(File workspace) throws IOException {
        ArrayList<Map<String, Object>> out = new ArrayList<>();
        try (BackupStorage opened = storage.open(workspace)) {
            for (BackupSummary s : new BackupCatalog(opened, kind).list()) {
                if (matches(s.labels())) {
                    out.add(toMap(s));
                }
            }
        }
        return out;
    }

    private boolean matches(Map<String, String> have) {
        return labels.entrySet().stream().allMatch(e -> have != null && e.getValue().equals(have.get(e.getKey())));
    }

    static Map<String, Object> toMap(BackupSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("kind", s.kind().name());
        m.put("status", s.status().name());
        m.put("restorable", s.status().restorable());
        m.put("startTime", s.startTime() == null ? null : s.startTime().toString());
        m.put("endTime", s.endTime() == null ? null : s.endTime().toString());
        m.put("totalBytes", s.totalBytes());
        m.put("objectCount", s.objectCount());
        m.put("labels", new LinkedHashMap<>(s.labels() == null ? Map.of() : s.labels()));
        m.put("expiresAt", s.expiresAt() == null ? null : s.expiresAt().toString());
        m.put("activity", s.activity());
        m.put("encryption", encryption(s.encryption()));
        return m;
    }

    /** The same fields as the CLI's {@code list -o json}; never key material. */
    private static Map<String, Object> encryption(BackupEncryption e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", e.mode());
        m.put("keySource", e.keySource());
        m.put("keyFingerprint", e.keyFingerprint());
        return m;
    }

}
