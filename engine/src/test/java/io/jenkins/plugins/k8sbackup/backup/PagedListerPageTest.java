package io.jenkins.plugins.k8sbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.util.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A list page is read once: each item's tree, and its exact bytes for storing. */
class PagedListerPageTest {
    @Test
    void keepsEachItemsBytesAndTheContinueToken() throws Exception {
        String body = """
                {"kind": "ConfigMapList", "apiVersion": "v1",
                 "metadata": {"resourceVersion": "7", "continue": "tok=="},
                 "items": [
                   {"metadata": {"name": "a", "namespace": "n"}, "data": {"k": "}{"}} ,
                   {"metadata": {"name": "b", "namespace": "n"}}
                 ]}
                """;

        var page = PagedLister.page(body.getBytes(StandardCharsets.UTF_8));

        assertThat(page.continueToken()).isEqualTo("tok==");
        assertThat(page.items()).hasSize(2);
        assertThat(new String(page.items().get(0).raw(), StandardCharsets.UTF_8))
                .isEqualTo("{\"metadata\": {\"name\": \"a\", \"namespace\": \"n\"}, \"data\": {\"k\": \"}{\"}}");
        assertThat(page.items().get(0).tree()).isEqualTo(Json.MAPPER.readTree("{\"metadata\": {\"name\": \"a\", \"namespace\": \"n\"}}"));
        assertThat(page.items().get(1).tree()).isEqualTo(Json.MAPPER.readTree(page.items().get(1).raw()));
        assertThat(PagedLister.page("{\"items\":[]}".getBytes(StandardCharsets.UTF_8)).continueToken()).isNull();
    }

    @Test
    void theSummaryLeavesOutPayloadsAndManagedFieldsButKeepsTheRest() throws Exception {
        String body = "{\"items\":[{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"s\",\"managedFields\":[{\"manager\":\"m\"}],"
                + "\"ownerReferences\":[{\"controller\":true}]},\"type\":\"Opaque\",\"data\":{\"k\":\"dmFsdWU=\"},"
                + "\"stringData\":{\"a\":\"b\"},\"binaryData\":{},\"spec\":{\"volumeName\":\"pv\"}}]}";

        var item = PagedLister.page(body.getBytes(StandardCharsets.UTF_8)).items().get(0).tree();

        assertThat(item).isEqualTo(Json.MAPPER.readTree("{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"s\",\"managedFields\":null,"
                + "\"ownerReferences\":[{\"controller\":true}]},\"type\":\"Opaque\",\"spec\":{\"volumeName\":\"pv\"}}"));
    }

    @Test
    void aBodyThatIsNotAListIsAnError() {
        assertThatThrownBy(() -> PagedLister.page("{\"items\":[1]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not an array of objects");
        assertThatThrownBy(() -> PagedLister.page("<html>".getBytes(StandardCharsets.UTF_8))).isInstanceOf(java.io.IOException.class);
    }
}
