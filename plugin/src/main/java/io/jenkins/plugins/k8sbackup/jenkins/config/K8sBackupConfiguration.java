package io.jenkins.plugins.k8sbackup.jenkins.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Descriptor;
import hudson.scheduler.CronTab;
import hudson.security.Permission;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import io.jenkins.plugins.k8sbackup.jenkins.util.UiText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins » System » Kubernetes backup (JCasC: {@code unclassified: k8sBackup:}): predefined storage
 * locations, the jobs allowed to back up and restore JENKINS_HOME, where JENKINS_HOME backups go and with which keys,
 * where restores may write, the optional periodic JENKINS_HOME backup, and whether jobs may use the controller's own
 * cluster and AWS identity. Only administrators may change it: pipelines usually run as SYSTEM, so a permission check
 * inside a step proves nothing, and these settings are what bound the steps (docs/security.md, "Threat model").
 */
@Extension
@Symbol("k8sBackup")
public class K8sBackupConfiguration extends GlobalConfiguration {
    private List<PredefinedLocation> locations = new ArrayList<>();
    private String jenkinsBackupAllowedJobs = "";
    private boolean allowJobPatterns;
    private boolean allowControllerIdentity;
    private String jenkinsHomeLocation;
    private String jenkinsHomeEncryptionCredentialsId;
    private String jenkinsHomeMasterKeyCredentialsId;
    private Integer jenkinsHomeKeepFull;
    private String jenkinsHomeRestoreRoot;
    private String fullBackupSchedule;
    private String diffBackupSchedule;
    /** True for the copy a form is bound to: its setters must not write the configuration file. */
    private transient boolean detached;

    public K8sBackupConfiguration() {
        load();
    }

    /** A detached copy that the form is bound to and validated on before anything changes (not loaded, not saved). */
    private K8sBackupConfiguration(K8sBackupConfiguration from) {
        detached = true;
        adopt(from);
    }

    @Override
    public void save() {
        if (!detached) {
            super.save();
        }
    }

    private void adopt(K8sBackupConfiguration from) {
        locations = new ArrayList<>(from.locations);
        jenkinsBackupAllowedJobs = from.jenkinsBackupAllowedJobs;
        allowJobPatterns = from.allowJobPatterns;
        allowControllerIdentity = from.allowControllerIdentity;
        jenkinsHomeLocation = from.jenkinsHomeLocation;
        jenkinsHomeEncryptionCredentialsId = from.jenkinsHomeEncryptionCredentialsId;
        jenkinsHomeMasterKeyCredentialsId = from.jenkinsHomeMasterKeyCredentialsId;
        jenkinsHomeKeepFull = from.jenkinsHomeKeepFull;
        jenkinsHomeRestoreRoot = from.jenkinsHomeRestoreRoot;
        fullBackupSchedule = from.fullBackupSchedule;
        diffBackupSchedule = from.diffBackupSchedule;
    }

    public static K8sBackupConfiguration get() {
        return ExtensionList.lookupSingleton(K8sBackupConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return UiText.get("K8sBackupConfiguration.DisplayName");
    }

    @Override
    public Permission getRequiredGlobalConfigPagePermission() {
        return Jenkins.ADMINISTER;
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws Descriptor.FormException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        // Validate a bound copy first: an invalid form changes neither the running configuration nor the file.
        K8sBackupConfiguration candidate = new K8sBackupConfiguration(this);
        // Fields the form leaves out (an emptied list, a cleared schedule) must not keep their old values.
        candidate.locations = new ArrayList<>();
        candidate.fullBackupSchedule = null;
        candidate.diffBackupSchedule = null;
        candidate.allowJobPatterns = false;
        candidate.allowControllerIdentity = false;
        req.bindJSON(candidate, json);
        String problem = candidate.validate();
        if (problem != null) {
            throw new Descriptor.FormException(problem, "locations");
        }
        adopt(candidate);
        save();
        return true;
    }

    /** What makes this configuration unusable, or null. */
    String validate() {
        Set<String> names = new HashSet<>();
        for (PredefinedLocation l : locations) {
            String problem = PredefinedLocation.nameProblem(l.getName());
            if (problem != null) {
                return "storage location name '" + l.getName() + "': " + problem;
            }
            if (!names.add(l.getName())) {
                return "storage location name '" + l.getName() + "' is used twice";
            }
            if (l.getLocation() == null) {
                return "storage location '" + l.getName() + "' has no location";
            }
        }
        for (String cron : new String[] {fullBackupSchedule, diffBackupSchedule}) {
            String problem = cronProblem(cron);
            if (problem != null) {
                return problem;
            }
        }
        if ((fullBackupSchedule != null || diffBackupSchedule != null) && location(jenkinsHomeLocation).isEmpty()) {
            return "the periodic JENKINS_HOME backup needs one of the predefined storage locations as JENKINS_HOME backup location";
        }
        List<String> allowListProblems = allowList().problems();
        if (!allowListProblems.isEmpty()) {
            return "jobs allowed to run jenkinsBackup and jenkinsRestore: " + String.join("; ", allowListProblems);
        }
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        return jenkinsHomeRestoreRoot == null || jenkins == null ? null
                : RestoreRoot.problem(jenkinsHomeRestoreRoot, jenkins.getRootDir().toPath());
    }

    static String cronProblem(String cron) {
        if (cron == null) {
            return null;
        }
        try {
            new CronTab(cron);
            return null;
        } catch (RuntimeException e) {
            return "invalid schedule '" + cron + "': " + e.getMessage();
        }
    }

    public List<PredefinedLocation> getLocations() {
        return List.copyOf(locations);
    }

    @DataBoundSetter
    public void setLocations(List<PredefinedLocation> locations) {
        this.locations = locations == null ? new ArrayList<>() : new ArrayList<>(locations);
        save();
    }

    public Optional<PredefinedLocation> location(String name) {
        return name == null ? Optional.empty() : locations.stream().filter(l -> name.equals(l.getName())).findFirst();
    }

    public String getJenkinsBackupAllowedJobs() {
        return jenkinsBackupAllowedJobs;
    }

    @DataBoundSetter
    public void setJenkinsBackupAllowedJobs(String jenkinsBackupAllowedJobs) {
        this.jenkinsBackupAllowedJobs = jenkinsBackupAllowedJobs == null ? "" : jenkinsBackupAllowedJobs.strip();
        save();
    }

    public JobAllowList allowList() {
        return JobAllowList.parse(jenkinsBackupAllowedJobs, allowJobPatterns);
    }

    public boolean isAllowJobPatterns() {
        return allowJobPatterns;
    }

    /** Patterns in the allow-list are honoured only with this explicit opt-in (and still skip SCM-driven jobs). */
    @DataBoundSetter
    public void setAllowJobPatterns(boolean allowJobPatterns) {
        this.allowJobPatterns = allowJobPatterns;
        save();
    }

    public boolean isAllowControllerIdentity() {
        return allowControllerIdentity;
    }

    /**
     * Lets steps without credentials that run on the built-in node use the controller's own kubeconfig, service
     * account or AWS role. Off by default: that identity is the controller's, not the job's.
     */
    @DataBoundSetter
    public void setAllowControllerIdentity(boolean allowControllerIdentity) {
        this.allowControllerIdentity = allowControllerIdentity;
        save();
    }

    public String getFullBackupSchedule() {
        return fullBackupSchedule;
    }

    @DataBoundSetter
    public void setFullBackupSchedule(String fullBackupSchedule) {
        this.fullBackupSchedule = Forms.trimToNull(fullBackupSchedule);
        save();
    }

    public String getDiffBackupSchedule() {
        return diffBackupSchedule;
    }

    @DataBoundSetter
    public void setDiffBackupSchedule(String diffBackupSchedule) {
        this.diffBackupSchedule = Forms.trimToNull(diffBackupSchedule);
        save();
    }

    public String getJenkinsHomeLocation() {
        return jenkinsHomeLocation;
    }

    /** The predefined location every JENKINS_HOME backup goes to (periodic, jenkinsBackup) and restores read from. */
    @DataBoundSetter
    public void setJenkinsHomeLocation(String jenkinsHomeLocation) {
        this.jenkinsHomeLocation = Forms.trimToNull(jenkinsHomeLocation);
        save();
    }

    public String getJenkinsHomeEncryptionCredentialsId() {
        return jenkinsHomeEncryptionCredentialsId;
    }

    /** Encrypts the JENKINS_HOME archives; a System-scoped credential, so no job can read it. */
    @DataBoundSetter
    public void setJenkinsHomeEncryptionCredentialsId(String jenkinsHomeEncryptionCredentialsId) {
        this.jenkinsHomeEncryptionCredentialsId = Forms.trimToNull(jenkinsHomeEncryptionCredentialsId);
        save();
    }

    public String getJenkinsHomeMasterKeyCredentialsId() {
        return jenkinsHomeMasterKeyCredentialsId;
    }

    /** Encrypts master.key into its own object; without it master.key is not backed up. System-scoped. */
    @DataBoundSetter
    public void setJenkinsHomeMasterKeyCredentialsId(String jenkinsHomeMasterKeyCredentialsId) {
        this.jenkinsHomeMasterKeyCredentialsId = Forms.trimToNull(jenkinsHomeMasterKeyCredentialsId);
        save();
    }

    public Integer getJenkinsHomeKeepFull() {
        return jenkinsHomeKeepFull;
    }

    /** Retention of the JENKINS_HOME location: the newest N full backups with their diffs; null keeps all. */
    @DataBoundSetter
    public void setJenkinsHomeKeepFull(Integer jenkinsHomeKeepFull) {
        this.jenkinsHomeKeepFull = jenkinsHomeKeepFull != null && jenkinsHomeKeepFull > 0 ? jenkinsHomeKeepFull : null;
        save();
    }

    public String getJenkinsHomeRestoreRoot() {
        return jenkinsHomeRestoreRoot;
    }

    /** The only directory JENKINS_HOME restores may write below (never the running home, nor around it). */
    @DataBoundSetter
    public void setJenkinsHomeRestoreRoot(String jenkinsHomeRestoreRoot) {
        this.jenkinsHomeRestoreRoot = Forms.trimToNull(jenkinsHomeRestoreRoot);
        save();
    }

    @POST
    public FormValidation doCheckFullBackupSchedule(@QueryParameter String value) {
        return checkCron(value);
    }

    @POST
    public FormValidation doCheckDiffBackupSchedule(@QueryParameter String value) {
        return checkCron(value);
    }

    private FormValidation checkCron(String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String problem = cronProblem(Forms.trimToNull(value));
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }

    @POST
    public FormValidation doCheckJenkinsBackupAllowedJobs(@QueryParameter String value, @QueryParameter boolean allowJobPatterns) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        JobAllowList list = JobAllowList.parse(value, allowJobPatterns);
        if (!list.problems().isEmpty()) {
            return FormValidation.error(String.join("; ", list.problems()));
        }
        return list.isEmpty()
                ? FormValidation.ok("No job may run jenkinsBackup or jenkinsRestore.")
                : FormValidation.warning("These jobs can trigger JENKINS_HOME backups to the configured location and "
                        + "restores below the restore root: only allow jobs whose configuration only administrators can change.");
    }

    @POST
    public FormValidation doCheckJenkinsHomeRestoreRoot(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String root = Forms.trimToNull(value);
        if (root == null) {
            return FormValidation.ok("No restore root: jenkinsRestore and the restore page refuse to write anywhere.");
        }
        String problem = RestoreRoot.problem(root, Jenkins.get().getRootDir().toPath());
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }

    @POST
    public ListBoxModel doFillJenkinsHomeEncryptionCredentialsIdItems(@QueryParameter String jenkinsHomeEncryptionCredentialsId) {
        return systemKeyItems(jenkinsHomeEncryptionCredentialsId);
    }

    @POST
    public ListBoxModel doFillJenkinsHomeMasterKeyCredentialsIdItems(@QueryParameter String jenkinsHomeMasterKeyCredentialsId) {
        return systemKeyItems(jenkinsHomeMasterKeyCredentialsId);
    }

    private static ListBoxModel systemKeyItems(String current) {
        return Forms.credentialItems(null, current, CredentialsMatchers.anyOf(
                CredentialsMatchers.instanceOf(StringCredentials.class), CredentialsMatchers.instanceOf(FileCredentials.class)));
    }
}
