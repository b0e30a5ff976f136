package hudson.model;

/** Test access to the stand-in's count of {@link Descriptor#save()} calls. */
public final class TestDescriptors {
    private TestDescriptors() {}

    public static int saves(Descriptor<?> descriptor) {
        return descriptor.saveCount();
    }
}
