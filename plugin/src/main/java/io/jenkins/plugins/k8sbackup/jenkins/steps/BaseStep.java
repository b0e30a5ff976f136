package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * A step that does its work off the CPS thread and returns a plain value (Map or List) to the pipeline.
 * Any failure becomes an {@link AbortException} with a clear message and secrets masked.
 */
public abstract class BaseStep<T> extends Step {

    /** The pipeline function name, used in log prefixes and messages. */
    protected abstract String functionName();

    /** The work, on the controller; heavy parts go to the agent through FilePath.act. */
    abstract T execute(StepRun run) throws Exception;

    @Override
    public StepExecution start(StepContext context) {
        return new Execution<>(this, context);
    }

    static final class Execution<T> extends SynchronousNonBlockingStepExecution<T> {
        private static final long serialVersionUID = 1L;
        private final transient BaseStep<T> step;

        Execution(BaseStep<T> step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected T run() throws Exception {
            StepRun run = StepRun.of(getContext(), step.functionName());
            try {
                return step.execute(run);
            } catch (AbortException | InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw run.abort(e);
            }
        }
    }
}
