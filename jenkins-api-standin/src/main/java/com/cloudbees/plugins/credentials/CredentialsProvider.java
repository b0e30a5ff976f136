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

    protected CredentialsProvider() {
    }

    /** As the real method: null when there is no credential with that id, or it is not of the requested type. */
    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        IdCredentials c = STORE.get(id);
        return type.isInstance(c) ? type.cast(c) : null;
    }

    /** Stand-in: every stored credential of the type, whatever the context (the store is global). */
    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(Class<C> type, ItemGroup itemGroup,
                                                                            Authentication authentication) {
        return STORE.values().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public static <C extends Credentials> C track(Run run, C credentials) {
        if (credentials instanceof IdCredentials id) {
            TRACKED.add(id.getId() + "@" + run.getNumber());
        }
        return credentials;
    }
}
