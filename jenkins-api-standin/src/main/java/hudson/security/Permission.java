package hudson.security;

public final class Permission {
    private final String id;

    private Permission(String id) {
        this.id = id;
    }

    public String getId() {
        return id;
    }

    @Override
    public String toString() {
        return "Permission[" + id + "]";
    }
}
