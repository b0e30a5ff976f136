package io.jenkins.plugins.k8sbackup.jenkins.util;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

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

    /**
     * A credentials drop-down: the ids of the credentials matching {@code matcher} that the job's builds may use
     * (listed with the job's authentication, as the credentials plugin's consumer guide does), or in the global
     * configuration (no item) those of the Jenkins context, as SYSTEM; the current value is always kept.
     */
    public static ListBoxModel credentialItems(Item item, String current, CredentialsMatcher matcher) {
        return credentialItems(item, current, matcher, null);
    }

    /** The same, limited to credentials whose domain fits {@code uri} (the API server or S3 endpoint), as kubernetes-cli does. */
    public static ListBoxModel credentialItems(Item item, String current, CredentialsMatcher matcher, String uri) {
        List<DomainRequirement> requirements = domainRequirements(uri);
        StandardListBoxModel result = new StandardListBoxModel();
        if (!canListCredentials(item)) {
            return result.includeCurrentValue(current);
        }
        result.includeEmptyValue();
        if (item == null) {
            result.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, requirements, matcher);
        } else {
            result.includeMatchingAs(authenticationOf(item), item, StandardCredentials.class, requirements, matcher);
        }
        return result.includeCurrentValue(current);
    }

    /**
     * The authentication a job's builds run with. The consumer guide calls {@code Tasks.getAuthenticationOf2(task)},
     * which also asks the QueueItemAuthenticators (Authorize Project); that class is not in the API this plugin may use
     * (see docs/security.md), so this is the task's own default, which is what Tasks falls back to.
     */
    static Authentication authenticationOf(Item item) {
        return item instanceof Queue.Task task ? task.getDefaultAuthentication2() : ACL.SYSTEM2;
    }

    /** Scheme, host and port of {@code uri} as credential domain requirements; none for a blank one. */
    public static List<DomainRequirement> domainRequirements(String uri) {
        return uri == null || uri.isBlank() ? List.of() : URIRequirementBuilder.fromUri(uri.strip()).build();
    }

    public static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
