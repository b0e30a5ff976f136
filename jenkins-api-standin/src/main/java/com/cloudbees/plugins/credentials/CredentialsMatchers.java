package com.cloudbees.plugins.credentials;

public class CredentialsMatchers {
    private CredentialsMatchers() {
    }

    public static CredentialsMatcher instanceOf(Class clazz) {
        return c -> clazz.isInstance(c);
    }

    public static CredentialsMatcher withId(String id) {
        return c -> c instanceof com.cloudbees.plugins.credentials.common.IdCredentials i && i.getId().equals(id);
    }

    public static <C extends Credentials> C firstOrNull(Iterable<C> credentials, CredentialsMatcher matcher) {
        for (C c : credentials) {
            if (matcher.matches(c)) {
                return c;
            }
        }
        return null;
    }

    public static CredentialsMatcher anyOf(CredentialsMatcher... matchers) {
        return c -> {
            for (CredentialsMatcher m : matchers) {
                if (m.matches(c)) {
                    return true;
                }
            }
            return false;
        };
    }
}
