package io.jenkins.plugins.k8sbackup.jenkinshome;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.luben.zstd.ZstdInputStream;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;

/**
 * The {@code files} of a stored {@link FileIndex}, parsed one entry at a time from its (decrypted) zstd bytes, so
 * reading an index costs one entry of memory instead of one object per file. The other fields are skipped.
 */
final class IndexFiles implements Closeable {
    private final JsonParser parser;
    private boolean inFiles;
    private boolean done;

    IndexFiles(byte[] zstdJson) throws IOException {
        parser = Json.MAPPER.getFactory().createParser(new ZstdInputStream(new ByteArrayInputStream(zstdJson)));
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("the file index is not a JSON object");
        }
    }

    /** The next file entry, or null after the last. */
    FileEntry next() throws IOException {
        while (!done) {
            if (inFiles) {
                JsonToken t = parser.nextToken();
                if (t == JsonToken.START_OBJECT) {
                    return entry();
                }
                if (t != JsonToken.END_ARRAY) {
                    throw new IOException("the file index's files are not a list of objects");
                }
                inFiles = false;
                continue;
            }
            JsonToken t = parser.nextToken();
            if (t == null || t == JsonToken.END_OBJECT) {
                done = true;
            } else if (t == JsonToken.FIELD_NAME) {
                JsonToken value = parser.nextToken();
                if ("files".equals(parser.currentName()) && value == JsonToken.START_ARRAY) {
                    inFiles = true;
                } else {
                    parser.skipChildren();
                }
            } else {
                throw new IOException("the file index is malformed at " + parser.currentLocation());
            }
        }
        return null;
    }

    /**
     * One entry read with the streaming parser: a diff reads every entry of its base, and data binding per entry
     * cost more than the rest of the comparison. Reads what Jackson would bind to {@link FileEntry}: unknown fields
     * are skipped, a missing number is 0, a missing string null.
     */
    private FileEntry entry() throws IOException {
        String path = null;
        String sha256 = null;
        String stamp = null;
        long size = 0;
        long mtimeMillis = 0;
        int mode = 0;
        for (String field; (field = parser.nextFieldName()) != null; ) {
            JsonToken value = parser.nextToken();
            boolean isNull = value == JsonToken.VALUE_NULL;
            switch (field) {
                case "path" -> path = isNull ? null : text(field);
                case "sha256" -> sha256 = isNull ? null : text(field);
                case "stamp" -> stamp = isNull ? null : text(field);
                case "size" -> size = isNull ? 0 : number(field).getLongValue();
                case "mtimeMillis" -> mtimeMillis = isNull ? 0 : number(field).getLongValue();
                case "mode" -> mode = isNull ? 0 : number(field).getIntValue();
                default -> parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("the file index is malformed at " + parser.currentLocation());
        }
        return new FileEntry(path, size, mode, sha256, mtimeMillis, stamp);
    }

    private String text(String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new IOException("the file index's " + field + " is not a string at " + parser.currentLocation());
        }
        return parser.getText();
    }

    /** The parser, positioned on a whole number (its value is read as long or int; out of range fails). */
    private JsonParser number(String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new IOException("the file index's " + field + " is not a whole number at " + parser.currentLocation());
        }
        return parser;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
