package io.jenkins.plugins.k8sbackup.jenkins.storage;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import io.jenkins.plugins.k8sbackup.jenkins.util.UiText;
import java.io.File;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code directory(path: ...)}: a directory relative to the workspace of the agent the step runs on. Not
 * allowed on the controller's own disk: a job must not write there unless an administrator predefined the
 * location (then the path is absolute, on the node that runs the step).
 */
public class DirectoryLocation extends BackupLocation {
    private final String path;

    @DataBoundConstructor
    public DirectoryLocation(String path) {
        this.path = path == null ? null : path.strip();
    }

    public String getPath() {
        return path;
    }

    @Override
    public ResolvedStorage resolve(LocationContext context) throws AbortException {
        String step = context.stepName();
        if (path == null || path.isEmpty()) {
            throw new AbortException(step + ": directory storage needs a path");
        }
        if (context.predefined()) {
            if (!isAbsolute(path)) {
                throw new AbortException(step + ": the predefined directory location '" + path
                        + "' must be an absolute path; ask an administrator to fix it");
            }
            return ResolvedStorage.absoluteDirectory(path);
        }
        String problem = workspaceRelativeProblem(path);
        if (problem != null) {
            throw new AbortException(step + ": directory(path: '" + path + "'): " + problem);
        }
        if (context.workspace() == null || !context.workspace().isRemote()) {
            throw new AbortException(step + ": directory(path: '" + path + "') would write to the Jenkins controller's disk, "
                    + "which jobs may not do; run the step on an agent (node('label') { ... }), or ask an administrator "
                    + "to predefine a storage location and use storage: location('name')");
        }
        return ResolvedStorage.workspaceDirectory(path.replace('\\', '/'));
    }

    static boolean isAbsolute(String p) {
        return p.startsWith("/") || p.startsWith("\\") || new File(p).isAbsolute() || p.matches("^[A-Za-z]:.*");
    }

    /** Why {@code p} is not a plain path inside the workspace, or null. */
    static String workspaceRelativeProblem(String p) {
        if (isAbsolute(p)) {
            return "the path must be relative to the workspace";
        }
        for (String segment : p.replace('\\', '/').split("/")) {
            if (segment.equals("..")) {
                return "the path must not contain '..'";
            }
        }
        return null;
    }

    @Symbol("directory")
    @Extension
    public static class DescriptorImpl extends BackupLocationDescriptor {
        @Override
        public String getDisplayName() {
            return UiText.get("DirectoryLocation.DisplayName");
        }

        @POST
        public FormValidation doCheckPath(@AncestorInPath Item item, @QueryParameter String value) {
            if (!Forms.canConfigure(item)) {
                return FormValidation.ok();
            }
            if (value == null || value.isBlank()) {
                return FormValidation.error("A path is required");
            }
            if (item == null) {
                return isAbsolute(value.strip()) ? FormValidation.ok()
                        : FormValidation.error("A predefined directory must be an absolute path");
            }
            String problem = workspaceRelativeProblem(value.strip());
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }
    }
}
