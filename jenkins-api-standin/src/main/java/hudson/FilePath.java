package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.file.Files;

/** Stand-in: a local path; {@link #act} runs the callable in this JVM. */
public final class FilePath implements Serializable {
    private static final long serialVersionUID = 1L;

    private final transient VirtualChannel channel;
    private final String remote;

    public FilePath(VirtualChannel channel, String remote) {
        this.channel = channel;
        this.remote = remote;
    }

    public FilePath(File localPath) {
        this(null, localPath.getPath());
    }

    public String getRemote() {
        return remote;
    }

    public String getName() {
        return new File(remote).getName();
    }

    public boolean isRemote() {
        return channel != null;
    }

    public VirtualChannel getChannel() {
        return channel;
    }

    public FilePath child(String relOrAbsolute) {
        File f = new File(relOrAbsolute);
        return new FilePath(channel, f.isAbsolute() ? f.getPath() : new File(remote, relOrAbsolute).getPath());
    }

    public boolean exists() throws IOException, InterruptedException {
        return new File(remote).exists();
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        return new File(remote).isDirectory();
    }

    public void mkdirs() throws IOException, InterruptedException {
        Files.createDirectories(new File(remote).toPath());
    }

    public String readToString() throws IOException, InterruptedException {
        return Files.readString(new File(remote).toPath(), Charset.defaultCharset());
    }

    public void write(String content, String encoding) throws IOException, InterruptedException {
        Files.writeString(new File(remote).toPath(), content, encoding == null ? Charset.defaultCharset() : Charset.forName(encoding));
    }

    public <T> T act(FileCallable<T> callable) throws IOException, InterruptedException {
        return callable.invoke(new File(remote), channel);
    }

    public static interface FileCallable<T> extends Serializable {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
