package com.cloudbees.plugins.credentials;

public class CredentialsMatchers {
    private CredentialsMatchers() {
    }

    public static CredentialsMatcher instanceOf(Class clazz) {
        return c -> clazz.isInstance(c);
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
