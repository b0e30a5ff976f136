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

        var page = PagedLister.page(body.getBytes(StandardCharsets.UTF_8), false);

        assertThat(page.continueToken()).isEqualTo("tok==");
        assertThat(page.items()).hasSize(2);
        assertThat(new String(page.items().get(0).raw(), StandardCharsets.UTF_8))
                .isEqualTo("{\"metadata\": {\"name\": \"a\", \"namespace\": \"n\"}, \"data\": {\"k\": \"}{\"}}");
        assertThat(page.items().get(0).tree()).isEqualTo(Json.MAPPER.readTree("{\"metadata\": {\"name\": \"a\", \"namespace\": \"n\"}}"));
        assertThat(page.items().get(1).tree()).isEqualTo(Json.MAPPER.readTree(page.items().get(1).raw()));
        assertThat(PagedLister.page("{\"items\":[]}".getBytes(StandardCharsets.UTF_8), false).continueToken()).isNull();
    }

    private static final String FULL_ITEM = "{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\","
            + "\"metadata\":{\"name\":\"s\",\"namespace\":\"n\",\"uid\":\"u-1\",\"resourceVersion\":\"9\","
            + "\"labels\":{\"app\":\"db\"},\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{...}\"},"
            + "\"managedFields\":[{\"manager\":\"m\"}],\"selfLink\":\"/x\",\"ownerReferences\":[{\"controller\":true}],"
            + "\"finalizers\":[\"f\"]},\"type\":\"Opaque\",\"data\":{\"k\":\"dmFsdWU=\"},\"stringData\":{\"a\":\"b\"},"
            + "\"binaryData\":{},\"spec\":{\"volumeName\":\"pv\"},\"status\":{\"phase\":\"Bound\"}}";
    private static final String READ_METADATA = "\"metadata\":{\"name\":\"s\",\"namespace\":\"n\",\"labels\":{\"app\":\"db\"},"
            + "\"managedFields\":null,\"selfLink\":null,\"ownerReferences\":[{\"controller\":true}]}";

    @Test
    void theSummaryIsWhatABackupReadsAndNoMore() throws Exception {
        var item = PagedLister.page(("{\"items\":[" + FULL_ITEM + "]}").getBytes(StandardCharsets.UTF_8), false).items().get(0);

        assertThat(item.tree()).isEqualTo(Json.MAPPER.readTree("{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\","
                + READ_METADATA + "}"));
        assertThat(new String(item.raw(), StandardCharsets.UTF_8)).isEqualTo(FULL_ITEM); // the stored bytes keep everything
    }

    @Test
    void theSpecIsReadOnlyWhenAsked() throws Exception {
        var tree = PagedLister.page(("{\"items\":[" + FULL_ITEM + "]}").getBytes(StandardCharsets.UTF_8), true).items().get(0).tree();

        assertThat(tree).isEqualTo(Json.MAPPER.readTree("{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\","
                + READ_METADATA + ",\"spec\":{\"volumeName\":\"pv\"}}"));
    }

    @Test
    void aBodyThatIsNotAListIsAnError() {
        assertThatThrownBy(() -> PagedLister.page("{\"items\":[1]}".getBytes(StandardCharsets.UTF_8), false))
                .hasMessageContaining("not an array of objects");
        assertThatThrownBy(() -> PagedLister.page("<html>".getBytes(StandardCharsets.UTF_8), false)).isInstanceOf(java.io.IOException.class);
    }
}
