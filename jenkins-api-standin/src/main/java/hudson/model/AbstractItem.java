package hudson.model;

import hudson.security.ACL;
import java.io.File;
import jenkins.model.Jenkins;

public abstract class AbstractItem extends Actionable implements Item {
    private final ItemGroup parent;
    private final String name;

    protected AbstractItem(ItemGroup parent, String name) {
        this.parent = parent;
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public ItemGroup getParent() {
        return parent;
    }

    /** Stand-in: the name given to the constructor is the full name ("folder/job"). */
    @Override
    public final String getFullName() {
        return name;
    }

    /** Stand-in: {@code JENKINS_HOME/jobs/a/jobs/b} for "a/b", as upstream for items in folders. */
    public File getRootDir() {
        return new File(Jenkins.get().getRootDir(), "jobs/" + name.replace("/", "/jobs/"));
    }

    @Override
    public ACL getACL() {
        return Jenkins.get().getACL();
    }
}
