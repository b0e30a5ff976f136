package hudson.scheduler;

import java.util.Calendar;

/** Stand-in: keeps the text; {@link #ceil(long)} says every minute matches. The real class parses crontab syntax. */
public final class CronTab {
    private final String spec;

    public CronTab(String format) {
        if (format == null || format.trim().split("\\s+").length != 5) {
            throw new IllegalArgumentException("invalid crontab entry: " + format);
        }
        this.spec = format.trim();
    }

    public Calendar ceil(long t) {
        Calendar c = Calendar.getInstance();
        c.setTimeInMillis(t);
        return c;
    }

    public String checkSanity() {
        return null;
    }

    @Override
    public String toString() {
        return spec;
    }
}
