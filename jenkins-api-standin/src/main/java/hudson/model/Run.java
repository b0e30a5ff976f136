package hudson.model;

import java.io.File;
import java.io.IOException;

/** Stand-in: the build directory is "builds/NUMBER" under the system temp directory unless overridden. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    protected final JobT project;
    public int number;
    protected Result result;

    protected Run(JobT job) throws IOException {
        this.project = job;
    }

    public JobT getParent() {
        return project;
    }

    public int getNumber() {
        return number;
    }

    public String getUrl() {
        return "job/" + project.getFullName().replace("/", "/job/") + "/" + number + "/";
    }

    /** "job/full/name#number", as upstream. */
    public String getExternalizableId() {
        return project.getFullName() + "#" + number;
    }

    public String getFullDisplayName() {
        return project.getFullName() + " #" + number;
    }

    public File getRootDir() {
        return new File(System.getProperty("java.io.tmpdir"), "builds/" + number);
    }

    public Result getResult() {
        return result;
    }

    /** As in Jenkins: a result can only get worse. */
    public void setResult(Result r) {
        if (result == null || r.isWorseThan(result)) {
            result = r;
        }
    }
}
