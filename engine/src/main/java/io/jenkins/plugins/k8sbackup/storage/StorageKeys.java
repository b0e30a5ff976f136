package io.jenkins.plugins.k8sbackup.storage;

/** The key syntax every storage accepts, so that a backup copied between stores keeps valid keys. */
final class StorageKeys {
    private StorageKeys() {}

    /** Relative, '/'-separated, without empty, "." or ".." segments. */
    static String check(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("\\")
                || key.contains("\0")) {
            throw new IllegalArgumentException("invalid storage key '" + key + "'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("invalid storage key '" + key + "': empty, '.' or '..' segment");
            }
        }
        return key;
    }
}
