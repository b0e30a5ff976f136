package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.Permission;
import jenkins.model.Jenkins;

public abstract class ManagementLink implements ExtensionPoint, Action {
    public ManagementLink() {
    }

    @Override
    public abstract String getIconFileName();

    public String getDescription() {
        return "";
    }

    @Override
    public abstract String getUrlName();

    public Permission getRequiredPermission() {
        return Jenkins.ADMINISTER;
    }

    public Category getCategory() {
        return Category.UNCATEGORIZED;
    }

    /** The sections of Manage Jenkins (the real enum also has PLUGINS, restricted to core). */
    public enum Category {
        CONFIGURATION, SECURITY, STATUS, TROUBLESHOOTING, TOOLS, MISC, UNCATEGORIZED;

        public String getLabel() {
            return name();
        }
    }
}
