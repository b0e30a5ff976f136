package hudson.model;

import hudson.util.StreamTaskListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Stand-in: {@link #doRun()} runs {@link #execute} at once, in the calling thread. */
public abstract class AsyncPeriodicWork extends PeriodicWork {
    public final String name;

    protected AsyncPeriodicWork(String name) {
        this.name = name;
    }

    public final void doRun() {
        try {
            execute(createListener());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    protected StreamTaskListener createListener() {
        return new StreamTaskListener(System.out, StandardCharsets.UTF_8);
    }

    protected abstract void execute(TaskListener listener) throws IOException, InterruptedException;
}
