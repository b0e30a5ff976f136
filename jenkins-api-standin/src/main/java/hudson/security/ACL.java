package hudson.security;

import java.util.function.BiFunction;
import jenkins.model.Jenkins;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final Authentication SYSTEM2 = new UsernamePasswordAuthenticationToken("SYSTEM", "SYSTEM");

    public ACL() {
    }

    public final void checkPermission(Permission p) {
        if (!hasPermission(p)) {
            throw new AccessDeniedException(Jenkins.getAuthentication2().getName() + " is missing the " + p.getId() + " permission");
        }
    }

    public final boolean hasPermission(Permission p) {
        return hasPermission2(Jenkins.getAuthentication2(), p);
    }

    public boolean hasPermission2(Authentication a, Permission permission) {
        return false;
    }

    public static ACL lambda2(BiFunction<Authentication, Permission, Boolean> impl) {
        return new ACL() {
            @Override
            public boolean hasPermission2(Authentication a, Permission permission) {
                return impl.apply(a, permission);
            }
        };
    }
}
