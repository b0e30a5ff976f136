package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.ItemGroup;
import hudson.model.Run;
import hudson.security.Permission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.security.core.Authentication;

/**
 * Stand-in: one in-memory store, filled by tests through the package-private {@link #STORE}; tracking
 * is recorded in {@link #TRACKED}.
 */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {
    public static final Permission USE_ITEM = StandInPermissions.of("com.cloudbees.plugins.credentials.CredentialsProvider.UseItem");

    static final Map<String, IdCredentials> STORE = new ConcurrentHashMap<>();
    static final List<String> TRACKED = new CopyOnWriteArrayList<>();
    /** Stand-in: "id -> requirements" of every lookup with domain requirements, for tests. */
    static final List<String> REQUIRED = new CopyOnWriteArrayList<>();
    /** Stand-in: the authentication names that may see a credential; one without an entry is seen by all. */
    static final Map<String, Set<String>> LISTED_TO = new ConcurrentHashMap<>();

    protected CredentialsProvider() {
    }

    /** As the real method: null when there is no credential with that id, or it is not of the requested type. */
    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        IdCredentials c = STORE.get(id);
        return type.isInstance(c) ? type.cast(c) : null;
    }

    /** As the real method; the stand-in has one global domain, so the requirements only get recorded. */
    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
                                                                 List<com.cloudbees.plugins.credentials.domains.DomainRequirement> domainRequirements) {
        REQUIRED.add(id + " -> " + domainRequirements);
        return findCredentialById(id, type, run);
    }

    /** Stand-in: the stored credentials of the type that {@code authentication} may see (the store is global). */
    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(Class<C> type, ItemGroup itemGroup,
                                                                            Authentication authentication) {
        return STORE.values().stream().filter(type::isInstance)
                .filter(c -> !LISTED_TO.containsKey(c.getId()) || LISTED_TO.get(c.getId()).contains(authentication.getName()))
                .map(type::cast).toList();
    }

    public static <C extends Credentials> C track(Run run, C credentials) {
        if (credentials instanceof IdCredentials id) {
            TRACKED.add(id.getId() + "@" + run.getNumber());
        }
        return credentials;
    }
}
