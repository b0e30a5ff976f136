package org.jenkinsci.plugins.workflow.steps;

/** Stand-in: {@link #start()} runs {@link #run()} in the calling thread (Jenkins uses a thread pool). */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        try {
            getContext().onSuccess(run());
        } catch (Throwable t) {
            getContext().onFailure(t);
        }
        return false;
    }
}
