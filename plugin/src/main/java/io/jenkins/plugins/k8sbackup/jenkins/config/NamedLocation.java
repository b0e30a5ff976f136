package io.jenkins.plugins.k8sbackup.jenkins.config;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.k8sbackup.jenkins.storage.BackupLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.LocationContext;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import io.jenkins.plugins.k8sbackup.jenkins.util.UiText;
import java.util.stream.Collectors;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code location('prod-backups')}: a storage location an administrator predefined in the global configuration. It
 * lives beside that configuration, which the storage kinds themselves never need to know.
 */
public class NamedLocation extends BackupLocation {
    private final String name;

    @DataBoundConstructor
    public NamedLocation(String name) {
        this.name = name == null ? null : name.strip();
    }

    public String getName() {
        return name;
    }

    @Override
    public ResolvedStorage resolve(LocationContext context) throws AbortException {
        K8sBackupConfiguration config = K8sBackupConfiguration.get();
        PredefinedLocation predefined = config.location(name).orElseThrow(() -> new AbortException(context.stepName()
                + ": no storage location named '" + name + "' is defined in Manage Jenkins » System » Kubernetes backup"
                + (config.getLocations().isEmpty() ? "" : "; defined: " + config.getLocations().stream()
                        .map(PredefinedLocation::getName).collect(Collectors.joining(", ")))));
        BackupLocation target = predefined.getLocation();
        if (target == null || target instanceof NamedLocation) {
            throw new AbortException(context.stepName() + ": storage location '" + name + "' is not configured correctly");
        }
        return target.resolve(context.asPredefined());
    }

    @Symbol("location")
    @Extension
    public static class DescriptorImpl extends BackupLocationDescriptor {
        @Override
        public String getDisplayName() {
            return UiText.get("NamedLocation.DisplayName");
        }

        @Override
        public boolean isPredefinable() {
            return false;
        }

        @POST
        public ListBoxModel doFillNameItems(@AncestorInPath Item item) {
            ListBoxModel names = new ListBoxModel();
            if (Forms.canConfigure(item)) {
                K8sBackupConfiguration.get().getLocations().forEach(l -> names.add(l.getName()));
            }
            return names;
        }
    }
}
