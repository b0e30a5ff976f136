package io.jenkins.plugins.k8sbackup.jenkins.config;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Descriptor;
import hudson.scheduler.CronTab;
import hudson.security.Permission;
import hudson.util.FormValidation;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins » System » Kubernetes backup (JCasC: {@code unclassified: k8sBackup:}): predefined storage
 * locations, the jobs allowed to back up and restore JENKINS_HOME, and the optional periodic JENKINS_HOME
 * backup. Only administrators may change it: pipelines usually run as SYSTEM, so a permission check inside a
 * step proves nothing, and this allow-list is what gates the administrative steps.
 */
@Extension
@Symbol("k8sBackup")
public class K8sBackupConfiguration extends GlobalConfiguration {
    private List<PredefinedLocation> locations = new ArrayList<>();
    private String jenkinsBackupAllowedJobs = "";
    private String fullBackupSchedule;
    private String diffBackupSchedule;
    private String scheduleLocation;
    private Integer scheduleKeepFull;
    private String scheduleKeyCredentialsId;

    public K8sBackupConfiguration() {
        load();
    }

    public static K8sBackupConfiguration get() {
        return ExtensionList.lookupSingleton(K8sBackupConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return "Kubernetes backup";
    }

    @Override
    public Permission getRequiredGlobalConfigPagePermission() {
        return Jenkins.ADMINISTER;
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws Descriptor.FormException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        // Fields the form leaves out (an emptied list, a cleared schedule) must not keep their old values.
        locations = new ArrayList<>();
        fullBackupSchedule = null;
        diffBackupSchedule = null;
        req.bindJSON(this, json);
        String problem = validate();
        if (problem != null) {
            throw new Descriptor.FormException(problem, "locations");
        }
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
        if ((fullBackupSchedule != null || diffBackupSchedule != null) && location(scheduleLocation).isEmpty()) {
            return "the periodic JENKINS_HOME backup needs one of the predefined storage locations";
        }
        return null;
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
        return JobAllowList.parse(jenkinsBackupAllowedJobs);
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

    public String getScheduleLocation() {
        return scheduleLocation;
    }

    @DataBoundSetter
    public void setScheduleLocation(String scheduleLocation) {
        this.scheduleLocation = Forms.trimToNull(scheduleLocation);
        save();
    }

    public Integer getScheduleKeepFull() {
        return scheduleKeepFull;
    }

    @DataBoundSetter
    public void setScheduleKeepFull(Integer scheduleKeepFull) {
        this.scheduleKeepFull = scheduleKeepFull != null && scheduleKeepFull > 0 ? scheduleKeepFull : null;
        save();
    }

    public String getScheduleKeyCredentialsId() {
        return scheduleKeyCredentialsId;
    }

    @DataBoundSetter
    public void setScheduleKeyCredentialsId(String scheduleKeyCredentialsId) {
        this.scheduleKeyCredentialsId = Forms.trimToNull(scheduleKeyCredentialsId);
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
    public FormValidation doCheckJenkinsBackupAllowedJobs(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return JobAllowList.parse(value).isEmpty()
                ? FormValidation.ok("No job may run jenkinsBackup or jenkinsRestore.")
                : FormValidation.warning("These jobs can read and write JENKINS_HOME backups, secrets included: "
                        + "only allow jobs whose configuration only administrators can change.");
    }
}
