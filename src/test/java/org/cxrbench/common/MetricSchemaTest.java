package org.cxrbench.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The results schema's {@code params} and {@code details} name exactly the keys of {@link MetricParams} and
 * {@link MetricDetails} (a key added to a record without the schema, or the other way, fails here), and an entry
 * with every part set validates; a wrongly typed value does not.
 */
class MetricSchemaTest {
    static JsonNode schema() throws Exception {
        return Json.MAPPER.readTree(Files.readString(Path.of("schema/results.schema.json")));
    }

    static List<String> schemaKeys(String def) throws Exception {
        List<String> keys = new ArrayList<>();
        schema().at("/$defs/" + def + "/properties").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static List<String> recordKeys(JsonNode written) {
        List<String> keys = new ArrayList<>();
        written.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void theSchemaNamesEveryKeyOfTheRecordsAndNoOther() throws Exception {
        JsonNode entry = Json.MAPPER.readTree(Json.toString(Map.of("fid", MetricResultJsonTest.full()))).get("fid");
        assertThat(schemaKeys("metric_params")).containsExactlyElementsOf(recordKeys(entry.get("params")));
        assertThat(schemaKeys("metric_details")).containsExactlyElementsOf(recordKeys(entry.get("details")));
    }

    @Test
    void anEntryWithEveryPartValidatesAndAWrongTypeDoesNot() throws Exception {
        var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonNode results = Json.MAPPER.readTree("{\"schema_version\": 1, \"metrics\": "
                + Json.toString(Map.of("fid", MetricResultJsonTest.full())) + "}");
        JsonNode fid = results.at("/metrics/fid");
        JsonNode params = fid.get("params");
        JsonNode details = fid.get("details");
        var s = factory.getSchema(schema().at("/$defs/metric_details"));
        assertThat(s.validate(details)).isEmpty();
        assertThat(factory.getSchema(schema().at("/$defs/metric_params")).validate(params)).isEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode) details).put("rank_real", "two hundred");
        assertThat(s.validate(details)).isNotEmpty();
    }
}
