package io.jenkins.plugins.k8sbackup.jenkins.report;

import hudson.model.Run;
import io.jenkins.plugins.k8sbackup.jenkins.util.UiText;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;

/**
 * The "Kubernetes backup" page of a build: one entry per backup, restore, verification or JENKINS_HOME
 * step, with its summary, counts per type, warnings and errors, and the full JSON report, which is stored in
 * the build's directory and kept and deleted with the build.
 */
public class BackupReportAction implements RunAction2 {
    static final String DIRECTORY = "k8s-backup";

    private final List<ReportEntry> entries = new CopyOnWriteArrayList<>();
    private transient Run<?, ?> run;

    /** Adds {@code entry} to the build's report page (creating it), storing {@code json} as its report file. */
    public static synchronized BackupReportAction record(Run<?, ?> run, ReportEntry entry, Map<String, Object> json)
            throws IOException {
        BackupReportAction action = run.getAction(BackupReportAction.class);
        boolean created = action == null;
        if (created) {
            action = new BackupReportAction();
            action.run = run;
        }
        String file = entry.getStep() + "-" + (action.entries.size() + 1) + ".json";
        File dir = new File(run.getRootDir(), DIRECTORY);
        Files.createDirectories(dir.toPath());
        File tmp = new File(dir, file + ".tmp");
        Json.PRETTY.writeValue(tmp, json);
        Files.move(tmp.toPath(), new File(dir, file).toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        entry.setReportFile(file);
        action.entries.add(entry);
        if (created) {
            run.addAction(action);
        }
        return action;
    }

    public List<ReportEntry> getEntries() {
        return List.copyOf(entries);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "document.png";
    }

    @Override
    public String getDisplayName() {
        return UiText.get("BackupReportAction.DisplayName");
    }

    @Override
    public String getUrlName() {
        return "k8s-backup";
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** {@code .../k8s-backup/report?file=k8sBackup-1.json}: only the files this action recorded. */
    public HttpResponse doReport(@QueryParameter String file) throws MalformedURLException {
        File f = reportFile(file);
        if (f == null) {
            return HttpResponses.notFound();
        }
        return HttpResponses.staticResource(f.toURI().toURL());
    }

    File reportFile(String name) {
        if (run == null || name == null || entries.stream().noneMatch(e -> name.equals(e.getReportFile()))) {
            return null;
        }
        File f = new File(new File(run.getRootDir(), DIRECTORY), name);
        return f.isFile() ? f : null;
    }
}
