package io.jenkins.plugins.k8sbackup.jenkins.storage;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import io.jenkins.plugins.k8sbackup.jenkins.util.UiText;
import io.jenkins.plugins.k8sbackup.storage.StorageLocation;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code s3(bucket:, prefix:, region:, endpoint:, pathStyle:, credentialsId:)}: AWS S3 or an S3-compatible store. */
public class S3Location extends BackupLocation {
    private final String bucket;
    private String prefix = "";
    private String region;
    private String endpoint;
    private boolean pathStyle;
    private String credentialsId;

    @DataBoundConstructor
    public S3Location(String bucket) {
        this.bucket = bucket == null ? null : bucket.strip();
    }

    public String getBucket() {
        return bucket;
    }

    public String getPrefix() {
        return prefix;
    }

    @DataBoundSetter
    public void setPrefix(String prefix) {
        this.prefix = prefix == null ? "" : prefix.strip();
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Forms.trimToNull(region);
    }

    public String getEndpoint() {
        return endpoint;
    }

    @DataBoundSetter
    public void setEndpoint(String endpoint) {
        this.endpoint = Forms.trimToNull(endpoint);
    }

    public boolean isPathStyle() {
        return pathStyle;
    }

    @DataBoundSetter
    public void setPathStyle(boolean pathStyle) {
        this.pathStyle = pathStyle;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Forms.trimToNull(credentialsId);
    }

    @Override
    public ResolvedStorage resolve(LocationContext context) throws AbortException {
        StorageLocation.S3 location;
        try {
            location = location();
        } catch (IllegalArgumentException e) {
            throw new AbortException(context.stepName() + ": s3 storage: " + e.getMessage());
        }
        return ResolvedStorage.s3(location, context.credentials().s3(credentialsId, endpoint).orElse(null));
    }

    /**
     * The engine's location for these settings, built directly (the engine's rules reject bad ones). An unticked
     * pathStyle leaves the choice to the engine: path style with a custom endpoint, virtual-host style on AWS.
     */
    StorageLocation.S3 location() {
        return new StorageLocation.S3(bucket, prefix, endpoint == null ? null : StorageLocation.S3.endpoint(endpoint),
                region, pathStyle ? Boolean.TRUE : null);
    }

    /** What is wrong with the settings, or null. */
    String problem() {
        try {
            location();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Symbol("s3")
    @Extension
    public static class DescriptorImpl extends BackupLocationDescriptor {
        @Override
        public String getDisplayName() {
            return UiText.get("S3Location.DisplayName");
        }

        @POST
        public FormValidation doCheckBucket(@AncestorInPath Item item, @QueryParameter String value) {
            if (!Forms.canConfigure(item)) {
                return FormValidation.ok();
            }
            S3Location probe = new S3Location(value);
            String problem = probe.problem();
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        @POST
        public FormValidation doCheckEndpoint(@AncestorInPath Item item, @QueryParameter String value) {
            if (!Forms.canConfigure(item) || value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            S3Location probe = new S3Location("probe-bucket");
            probe.setEndpoint(value);
            String problem = probe.problem();
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId,
                                                     @QueryParameter String endpoint) {
            return Forms.credentialItems(item, credentialsId,
                    CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(AmazonWebServicesCredentials.class),
                            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class)), endpoint);
        }
    }
}
