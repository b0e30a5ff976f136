package jenkins.model;

import hudson.security.Permission;

/** Stand-in only (package-private): Jenkins builds permissions with Localizable descriptions we do not model. */
final class StandInPermissions {
    private StandInPermissions() {
    }

    static Permission of(String id) {
        try {
            var c = Permission.class.getDeclaredConstructor(String.class);
            c.setAccessible(true);
            return c.newInstance(id);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
