package hudson.util;

import hudson.model.TaskListener;
import java.io.Closeable;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

public class StreamTaskListener implements TaskListener, Closeable {
    private static final long serialVersionUID = 1L;
    private final transient PrintStream out;

    public StreamTaskListener(OutputStream out, Charset charset) {
        this.out = out instanceof PrintStream ps ? ps : new PrintStream(out, true, charset);
    }

    @Override
    public PrintStream getLogger() {
        return out;
    }

    @Override
    public void close() throws java.io.IOException {
        out.flush();
    }
}
