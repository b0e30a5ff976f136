package io.jenkins.plugins.k8sbackup.jenkins.config;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.BackupLocation;
import io.jenkins.plugins.k8sbackup.jenkins.util.UiText;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A named storage location in the global configuration, referenced from pipelines as {@code location('name')}. */
public class PredefinedLocation implements Describable<PredefinedLocation> {
    private final String name;
    private final BackupLocation location;

    @DataBoundConstructor
    public PredefinedLocation(String name, BackupLocation location) {
        this.name = name == null ? null : name.strip();
        this.location = location;
    }

    public String getName() {
        return name;
    }

    public BackupLocation getLocation() {
        return location;
    }

    static String nameProblem(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            return "use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit";
        }
        return null;
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<PredefinedLocation> {
        @Override
        public String getDisplayName() {
            return UiText.get("PredefinedLocation.DisplayName");
        }

        /** The kinds of location an administrator can predefine (not a reference to another predefined one). */
        public List<BackupLocation.BackupLocationDescriptor> getLocationDescriptors() {
            return ExtensionList.lookup(BackupLocation.BackupLocationDescriptor.class).stream()
                    .filter(BackupLocation.BackupLocationDescriptor::isPredefinable).toList();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String problem = nameProblem(value == null ? null : value.strip());
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }
    }
}
