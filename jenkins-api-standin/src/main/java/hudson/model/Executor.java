package hudson.model;

/** Stand-in: an executor registers with its computer; tests override {@link #getCurrentExecutable()}. */
public class Executor extends Thread implements ModelObject {
    protected final Computer owner;

    public Executor(Computer owner, int n) {
        this.owner = owner;
        owner.executors.add(this);
    }

    public Queue.Executable getCurrentExecutable() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Executor #" + getName();
    }

    public Computer getOwner() {
        return owner;
    }
}
