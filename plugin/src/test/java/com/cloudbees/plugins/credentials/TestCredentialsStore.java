package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import java.util.List;

/** Test access to the stand-in's in-memory credentials store and usage tracking. */
public final class TestCredentialsStore {
    private TestCredentialsStore() {}

    public static void add(IdCredentials c) {
        CredentialsProvider.STORE.put(c.getId(), c);
    }

    public static void clear() {
        CredentialsProvider.STORE.clear();
        CredentialsProvider.TRACKED.clear();
    }

    /** "id@buildNumber" for every {@code CredentialsProvider.track} call. */
    public static List<String> tracked() {
        return List.copyOf(CredentialsProvider.TRACKED);
    }
}
