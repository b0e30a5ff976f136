package io.jenkins.plugins.k8sbackup.archive;

import io.jenkins.plugins.k8sbackup.backup.BackupManifest;
import java.nio.charset.StandardCharsets;

/**
 * What the AES-GCM associated data of an encrypted entry binds it to. From format 2 on: the backup's name and random
 * id, the entry's resource type and its path ({@code "k8s-backup entry v2" NUL name NUL id NUL resource NUL path}, UTF-8;
 * none of the parts may hold NUL), so an entry or a whole archive copied from another backup, or moved to another
 * path, fails to decrypt. Format 1 bound the path alone; such backups still decrypt by that rule. From format 3 on,
 * objects are no longer sealed one by one: a type's whole compressed archive is (see {@link ArchiveSealing}), bound by
 * {@link #archiveAssociatedData} to the backup, the type and the archive's key in the same way.
 */
public record EntryBinding(int formatVersion, String backupName, String backupId) {
    static final String V2_LABEL = "k8s-backup entry v2";
    static final String V3_ARCHIVE_LABEL = "k8s-backup archive v3";
    /** The first format that compresses a type's objects first and then encrypts the archive. */
    public static final int FIRST_SEALED_ARCHIVE_FORMAT = 3;
    private static final String NUL = "\0";

    public EntryBinding {
        if (formatVersion >= 2 && (backupName == null || backupId == null || backupName.contains(NUL) || backupId.contains(NUL))) {
            throw new IllegalArgumentException("a format " + formatVersion + " backup needs a name and an id");
        }
    }

    public static EntryBinding of(BackupManifest manifest) {
        return new EntryBinding(manifest.formatVersion(), manifest.name(), manifest.backupId());
    }

    /** The associated data of the entry at {@code path} (a checked archive path) of type {@code resource}. */
    public byte[] associatedData(String resource, String path) {
        String aad = formatVersion < 2 ? path : String.join(NUL, V2_LABEL, backupName, backupId, resource, path);
        return aad.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The associated data of every segment of the encrypted archive {@code archive} (its key in the backup, e.g.
     * {@code resources/secrets.tar.zst}) of type {@code resource}, from format 3 on:
     * {@code "k8s-backup archive v3" NUL name NUL id NUL resource NUL archive}, UTF-8.
     */
    public byte[] archiveAssociatedData(String resource, String archive) {
        return String.join(NUL, V3_ARCHIVE_LABEL, backupName, backupId, resource, archive).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether objects are sealed one by one (format 1 and 2) rather than their type's archive as a whole. */
    public boolean sealsEntries() {
        return formatVersion < FIRST_SEALED_ARCHIVE_FORMAT;
    }

    /** What a failed tag can mean beyond a wrong key or tampered bytes, for messages. */
    public String mismatchHint() {
        return formatVersion < 2 ? "" : sealsEntries() ? ", or the entry was copied from another backup or path"
                : ", or the archive was copied from another backup or type";
    }
}
