package jenkins.model;

import hudson.model.Computer;
import hudson.security.ACL;
import java.io.File;

/** Test access to the stand-in's Jenkins instance (same package, package-private hook). */
public final class TestJenkins {
    private TestJenkins() {}

    public static Jenkins install(File root, ACL acl) {
        Jenkins j = new Jenkins(root, acl);
        Jenkins.install(j);
        return j;
    }

    public static void addComputer(Computer c) {
        Jenkins.get().computers.add(c);
    }

    public static void uninstall() {
        Jenkins.install(null);
    }
}
