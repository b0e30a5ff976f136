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
        CredentialsProvider.LISTED_TO.clear();
        CredentialsProvider.REQUIRED.clear();
    }

    /** Only these authentications (by name) see the credential from now on; others neither list nor find it. */
    public static void visibleOnlyTo(String id, String... authenticationNames) {
        CredentialsProvider.LISTED_TO.put(id, java.util.Set.of(authenticationNames));
    }

    /** "id@buildNumber" for every {@code CredentialsProvider.track} call. */
    /** "id -> [requirements]" of each lookup that passed domain requirements. */
    public static List<String> required() {
        return List.copyOf(CredentialsProvider.REQUIRED);
    }

    public static List<String> tracked() {
        return List.copyOf(CredentialsProvider.TRACKED);
    }
}
