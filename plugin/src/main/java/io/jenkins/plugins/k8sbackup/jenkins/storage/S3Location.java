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
import java.net.URI;
import java.util.regex.Pattern;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code s3(bucket:, prefix:, region:, endpoint:, pathStyle:, credentialsId:)}: AWS S3 or an S3-compatible store. */
public class S3Location extends BackupLocation {
    static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");

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
        String problem = problem();
        if (problem != null) {
            throw new AbortException(context.stepName() + ": s3 storage: " + problem);
        }
        return ResolvedStorage.s3(uri(), context.credentials().s3(credentialsId, endpoint).orElse(null));
    }

    /** The engine's URI form: {@code s3://bucket/prefix/?endpoint=..&region=..&pathStyle=true}. Holds no secret. */
    String uri() {
        StringBuilder s = new StringBuilder("s3://").append(bucket).append('/');
        String p = prefix.replaceAll("^/+", "");
        if (!p.isEmpty()) {
            s.append(p.endsWith("/") ? p : p + "/");
        }
        String sep = "?";
        if (endpoint != null) {
            s.append(sep).append("endpoint=").append(endpoint);
            sep = "&";
        }
        if (region != null) {
            s.append(sep).append("region=").append(region);
            sep = "&";
        }
        if (pathStyle) {
            s.append(sep).append("pathStyle=true");
        }
        return s.toString();
    }

    /** What is wrong with the settings, or null. */
    String problem() {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            return "bucket '" + bucket + "' is not a valid bucket name (3-63 lower-case letters, digits, '.', '-')";
        }
        for (String segment : prefix.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                return "prefix '" + prefix + "' must not contain '.' or '..' segments";
            }
        }
        if (prefix.contains("?") || prefix.contains("#")) {
            return "prefix '" + prefix + "' must not contain '?' or '#'";
        }
        if (region != null && !region.matches("[a-z0-9-]+")) {
            return "region '" + region + "' is not a region name such as eu-west-1";
        }
        if (endpoint != null) {
            URI uri;
            try {
                uri = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                return "endpoint is not a URL";
            }
            if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                return "endpoint must be an http(s):// URL with a host";
            }
            if (uri.getUserInfo() != null) {
                return "endpoint must not contain credentials; use credentialsId";
            }
            if (endpoint.contains("&") || endpoint.contains("?")) {
                return "endpoint must not have a query";
            }
        }
        return null;
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
