package jenkins.model;

import hudson.ExtensionList;
import hudson.model.Computer;
import hudson.model.Describable;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.File;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.security.core.Authentication;

/**
 * Stand-in: one instance with a root directory and an ACL, installed by tests through package-private
 * {@link #install}; descriptors are found in, or created into, the {@link ExtensionList} registry.
 */
public class Jenkins implements AccessControlled, ItemGroup<Item> {
    public static final Permission ADMINISTER = StandInPermissions.of("hudson.model.Hudson.Administer");
    public static final Permission READ = StandInPermissions.of("hudson.model.Hudson.Read");

    private static volatile Jenkins instance;

    private final File root;
    private final ACL acl;
    final List<Computer> computers = new CopyOnWriteArrayList<>();

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
