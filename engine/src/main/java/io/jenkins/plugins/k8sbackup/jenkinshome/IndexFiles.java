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
                    return Json.MAPPER.readValue(parser, FileEntry.class);
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

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
