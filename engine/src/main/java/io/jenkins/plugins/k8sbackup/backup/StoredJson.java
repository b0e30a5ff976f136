package io.jenkins.plugins.k8sbackup.backup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The bytes a backup stores for one listed object of a type, spliced from the API server's own JSON: the object's
 * members exactly as they came, minus {@code metadata.managedFields} and {@code metadata.selfLink} (bookkeeping the
 * API server rebuilds), with {@code apiVersion} and {@code kind} first when the list items lack them (list items
 * do). uid, resourceVersion and status stay: restore relinks owners by uid and verify compares against them;
 * restore strips them before writing. Copying byte ranges instead of re-serialising the parsed tree is what keeps
 * a backup close to the speed of the LIST itself.
 */
final class StoredJson {
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();
    static final Set<String> DROPPED = Set.of("managedFields", "selfLink");

    private final byte[] apiVersionMember;
    private final byte[] kindMember;

    StoredJson(String apiVersion, String kind) throws IOException {
        this.apiVersionMember = member("apiVersion", apiVersion);
        this.kindMember = member("kind", kind);
    }

    private static byte[] member(String name, String value) throws IOException {
        return (Json.MAPPER.writeValueAsString(name) + ":" + Json.MAPPER.writeValueAsString(value)).getBytes(StandardCharsets.UTF_8);
    }

    private record Member(String name, int start, int end) {}

    /**
     * {@code raw}: one object as the API server sent it (a JSON object, UTF-8); {@code parsed}: the same object
     * parsed (its summary will do: it keeps the names of the metadata members), which says whether there is
     * anything to drop or add. Only the members up to the end of metadata are
     * tokenised (API servers write metadata first); the rest, usually most of the bytes, is copied as it is.
     */
    byte[] of(byte[] raw, JsonNode parsed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + apiVersionMember.length + kindMember.length + 4);
        out.write('{');
        boolean first = true;
        if (!parsed.has("apiVersion")) {
            first = append(out, apiVersionMember, first);
        }
        if (!parsed.has("kind")) {
            first = append(out, kindMember, first);
        }
        int body = skipWhiteSpace(raw, 1);
        JsonNode metadata = parsed.get("metadata");
        if (metadata != null && dropsAny(metadata)) {
            try (JsonParser p = FACTORY.createParser(raw)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    int start = offset(p);
                    String name = p.currentName();
                    if (p.nextToken() == JsonToken.START_OBJECT && name.equals("metadata")) {
                        int before = valueEnd(raw, body, start);
                        if (before > body) {
                            first = separate(out, first);
                            out.write(raw, body, before - body);
                        }
                        separate(out, first);
                        List<Member> inner = members(p, raw);
                        int end = offset(p) + 1; // past metadata's closing brace
                        out.write(raw, start, (inner.isEmpty() ? end - 1 : inner.get(0).start()) - start); // "metadata": {
                        boolean firstInner = true;
                        for (Member m : inner) {
                            if (!DROPPED.contains(m.name())) {
                                firstInner = separate(out, firstInner);
                                out.write(raw, m.start(), m.end() - m.start());
                            }
                        }
                        out.write('}');
                        out.write(raw, end, raw.length - end); // the members after metadata and the closing brace
                        return out.toByteArray();
                    }
                    p.skipChildren();
                }
            }
        }
        if (raw[body] != '}') {
            separate(out, first);
        }
        out.write(raw, body, raw.length - body);
        return out.toByteArray();
    }

    private static boolean dropsAny(JsonNode metadata) {
        for (String dropped : DROPPED) {
            if (metadata.has(dropped)) {
                return true;
            }
        }
        return false;
    }

    private static int skipWhiteSpace(byte[] raw, int from) {
        int i = from;
        while (i < raw.length && isWhiteSpace(raw[i])) {
            i++;
        }
        return i;
    }

    private static boolean isWhiteSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static boolean append(ByteArrayOutputStream out, byte[] member, boolean first) {
        separate(out, first);
        out.write(member, 0, member.length);
        return false;
    }

    private static boolean separate(ByteArrayOutputStream out, boolean first) {
        if (!first) {
            out.write(',');
        }
        return false;
    }

    /**
     * The members of the object whose START_OBJECT the parser is on, as byte ranges of {@code raw} (name through
     * value, without the separating comma); leaves the parser on its END_OBJECT.
     */
    private static List<Member> members(JsonParser p, byte[] raw) throws IOException {
        List<Member> found = new ArrayList<>();
        String name = null;
        int start = -1;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            int at = offset(p);
            if (name != null) {
                found.add(new Member(name, start, valueEnd(raw, start, at)));
            }
            name = p.currentName();
            start = at;
            p.nextToken();
            p.skipChildren();
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IOException("the API server sent malformed JSON");
        }
        if (name != null) {
            found.add(new Member(name, start, valueEnd(raw, start, offset(p))));
        }
        return found;
    }

    private static int offset(JsonParser p) {
        return (int) p.currentTokenLocation().getByteOffset();
    }

    /** Between a value and the next token there is only white space and at most one comma. */
    private static int valueEnd(byte[] raw, int start, int nextToken) {
        int end = nextToken;
        while (end > start && (raw[end - 1] == ',' || isWhiteSpace(raw[end - 1]))) {
            end--;
        }
        return end;
    }
}
