package io.jenkins.plugins.k8sbackup.jenkins.util;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import jenkins.model.Jenkins;

/** Permission gates for form validation and list filling (job context, or the global configuration). */
public final class Forms {
    private Forms() {}

    /** Validation only answers those who may configure what is validated. */
    public static boolean canConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /** As the credentials plugin's consumer guide: credential ids are listed to who could use or see them. */
    public static boolean canListCredentials(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    public static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
