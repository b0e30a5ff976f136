package io.jenkins.plugins.k8sbackup.volumes;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The external-snapshotter API (snapshot.storage.k8s.io/v1) and the names and labels this project gives it. */
public final class SnapshotApi {
    public static final String GROUP = "snapshot.storage.k8s.io";
    public static final String API_VERSION = GROUP + "/v1";
    public static final String SNAPSHOTS_RESOURCE = "volumesnapshots." + GROUP;
    public static final ResourceDefinitionContext SNAPSHOTS = context("volumesnapshots", "VolumeSnapshot", true);
    public static final ResourceDefinitionContext CONTENTS = context("volumesnapshotcontents", "VolumeSnapshotContent", false);
    /** Label on every VolumeSnapshot a backup creates; the value is the backup name (hashed when too long). */
    public static final String BACKUP_LABEL = "k8s-backup.jenkins.io/backup";
    /** The full backup name, since label values are limited to 63 characters. */
    public static final String BACKUP_ANNOTATION = "k8s-backup.jenkins.io/backup-name";
    private static final int MAX_NAME = 253;
    private static final int MAX_LABEL = 63;

    private SnapshotApi() {}

    private static ResourceDefinitionContext context(String plural, String kind, boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion("v1").withPlural(plural)
                .withKind(kind).withNamespaced(namespaced).build();
    }

    /** "k8sb-&lt;backup&gt;-&lt;pvc&gt;", a valid DNS subdomain; long names are cut and made unique with a hash. */
    public static String snapshotName(String backup, String pvc) {
        return dnsName("k8sb-" + backup + "-" + pvc, MAX_NAME);
    }

    public static String labelValue(String backup) {
        return dnsName(backup, MAX_LABEL);
    }

    static String dnsName(String raw, int max) {
        String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-").replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        if (s.length() <= max && s.equals(raw)) {
            return s;
        }
        // Sanitised or cut names could collide: a hash of the raw name keeps them apart.
        String hash = Sha256.hex(raw.getBytes(StandardCharsets.UTF_8)).substring(0, 10);
        String head = s.substring(0, Math.min(s.length(), max - hash.length() - 1)).replaceAll("[^a-z0-9]+$", "");
        return head.isEmpty() ? hash : head + "-" + hash;
    }
}
