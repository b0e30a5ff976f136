package io.jenkins.plugins.k8sbackup.archive;

/**
 * One thing wrong with a stored backup, found by {@link BackupIntegrityCheck}: where ({@code resource} is the type
 * whose archive is damaged, or the path of a damaged hook artifact, or null when the manifest or the index is damaged,
 * which makes the whole backup untrustworthy; {@code key} is the storage key), what ({@link Kind}) and the details.
 */
public record IntegrityProblem(String resource, String key, Kind kind, String detail) implements java.io.Serializable {
    public enum Kind {
        /** manifest.json cannot be trusted: MAC missing or wrong, unreadable, stored under another name. */
        MANIFEST("manifest"),
        /** objects.jsonl.zst does not match the manifest, or does not describe the archives. */
        INDEX("index mismatch"),
        /** a stored file the manifest names is not there. */
        MISSING("missing"),
        SIZE("size mismatch"),
        SHA256("SHA-256 mismatch"),
        /** the zstd stream or the tar inside it cannot be read to its end (truncated, garbled). */
        UNREADABLE("truncated or garbled zstd/tar"),
        /** the archive's entries differ from what the index lists for the type. */
        ENTRIES("index mismatch"),
        /** an encrypted entry does not decrypt with the key and the backup's binding. */
        DECRYPTION("decryption failed"),
        /** a key outside the backup's layout. */
        LAYOUT("unexpected storage key");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Damage to the manifest or the index: nothing of the backup can be trusted. */
    public boolean wholeBackup() {
        return resource == null;
    }

    @Override
    public String toString() {
        return (resource == null ? "" : resource + " ") + "(" + key + "): " + kind.label() + ": " + detail;
    }
}
