package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>, C extends IdCredentials>
        extends ListBoxModel {
    private static final long serialVersionUID = 1L;

    public AbstractIdCredentialsListBoxModel() {
    }

    @SuppressWarnings("unchecked")
    public T includeEmptyValue() {
        add("- none -", "");
        return (T) this;
    }

    /** Stand-in: the store's credentials of the type that the matcher accepts and {@code authentication} may see. */
    @SuppressWarnings("unchecked")
    public T includeMatchingAs(Authentication authentication, Item context, Class<? extends C> type, List domainRequirements,
                               CredentialsMatcher matcher) {
        return includeMatchingAs(authentication, (ItemGroup) null, type, domainRequirements, matcher);
    }

    @SuppressWarnings("unchecked")
    public T includeMatchingAs(Authentication authentication, ItemGroup context, Class<? extends C> type, List domainRequirements,
                               CredentialsMatcher matcher) {
        CredentialsProvider.lookupCredentialsInItemGroup(type, context, authentication).stream().filter(matcher::matches)
                .forEach(c -> add(c.getId(), c.getId()));
        return (T) this;
    }

    @SuppressWarnings("unchecked")
    public T includeCurrentValue(String value) {
        if (value != null && !value.isEmpty() && stream().noneMatch(o -> value.equals(o.value))) {
            add(value, value);
        }
        return (T) this;
    }
}
