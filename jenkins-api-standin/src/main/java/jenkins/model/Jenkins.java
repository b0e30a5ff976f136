package jenkins.model;

import hudson.ExtensionList;
import hudson.model.Computer;
import hudson.model.Describable;
import hudson.model.Item;
import hudson.model.Descriptor;
import hudson.model.Node;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kohsuke.stapler.HttpRedirect;
import org.springframework.security.core.Authentication;

/**
 * Stand-in: one instance with a root directory and an ACL, installed by tests through package-private
 * {@link #install}; descriptors are found in, or created into, the {@link ExtensionList} registry. As upstream it is
 * the built-in node, and a group in which items are created by hand.
 */
public class Jenkins extends Node implements AccessControlled, DirectlyModifiableTopLevelItemGroup {
    public static final Permission ADMINISTER = StandInPermissions.of("hudson.model.Hudson.Administer");
    public static final Permission READ = StandInPermissions.of("hudson.model.Hudson.Read");

    private static volatile Jenkins instance;

    private final File root;
    private final ACL acl;
    final List<Computer> computers = new CopyOnWriteArrayList<>();
    private volatile String quietDownReason;

    Jenkins(File root, ACL acl) {
        this.root = root;
        this.acl = acl;
    }

    static void install(Jenkins j) {
        instance = j;
    }

    public static Jenkins get() throws IllegalStateException {
        Jenkins j = instance;
        if (j == null) {
            throw new IllegalStateException("Jenkins.instance is missing");
        }
        return j;
    }

    public static Jenkins getInstanceOrNull() {
        return instance;
    }

    public static Authentication getAuthentication2() {
        return ACL.SYSTEM2;
    }

    /** Stand-in: the computers tests register through package-private {@link #computers}. */
    public Computer[] getComputers() {
        return computers.toArray(new Computer[0]);
    }

    /** Stand-in: no items; the plugin uses Jenkins only as the global credentials context. */
    @Override
    public List<Item> getItems() {
        return List.of();
    }

    public File getRootDir() {
        return root;
    }

    public boolean isQuietingDown() {
        return quietDownReason != null;
    }

    /** Upstream a {@code @RequirePOST} web method needing Overall/Manage; {@code block} waits for running builds. */
    public HttpRedirect doQuietDown(boolean block, int timeout, String message, boolean safeRestart)
            throws InterruptedException, IOException {
        acl.checkPermission(ADMINISTER);
        quietDownReason = message == null ? "" : message;
        return new HttpRedirect(".");
    }

    public HttpRedirect doCancelQuietDown() {
        acl.checkPermission(ADMINISTER);
        quietDownReason = null;
        return new HttpRedirect(".");
    }

    public String getQuietDownReason() {
        return quietDownReason;
    }

    @Override
    public ACL getACL() {
        return acl;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    public Descriptor getDescriptorOrDie(Class<? extends Describable> type) {
        for (Descriptor d : ExtensionList.lookup(Descriptor.class)) {
            if (d.clazz == type) {
                return d;
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            if (Descriptor.class.isAssignableFrom(nested)) {
                return (Descriptor) ExtensionList.lookupSingleton(nested);
            }
        }
        throw new AssertionError(type + " is missing its descriptor");
    }
}
