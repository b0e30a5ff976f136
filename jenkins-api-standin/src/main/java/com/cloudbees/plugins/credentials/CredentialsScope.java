package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Stand-in: the three scopes; SYSTEM credentials are visible to Jenkins itself only, never to jobs. */
public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
