package org.newswatch.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** The JSON Schemas kept in the repository describe exactly what the records write. */
class EventSchemaTest {

    private static final String SCHEMA_BASE = "https://schemas.newswatch.org/";
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void articleCollectedMatchesItsSchema() throws Exception {
        assertEquals(List.of(), validate("article-collected.v1.schema.json", json(Events.collected())));
    }

    @Test
    void articleClassifiedMatchesItsSchema() throws Exception {
        assertEquals(List.of(), validate("article-classified.v1.schema.json", json(Events.classified())));
    }

    @Test
    void schemaRejectsWhatTheRecordsReject() throws Exception {
        ObjectNode event = (ObjectNode) json(Events.classified());
        ((ObjectNode) event.at("/classification/topics/0")).put("score", 1.5);
        ((ObjectNode) event.get("article")).remove("id");
        List<Error> errors = validate("article-classified.v1.schema.json", event);
        assertEquals(2, errors.size(), errors.toString());
    }

    @Test
    void everyRecordComponentIsDescribedInTheSchema() throws Exception {
        JsonNode properties = JSON.readTree(getClass().getResource("/schemas/article-collected.v1.schema.json"))
                .get("properties");
        for (var component : ArticleCollected.class.getRecordComponents()) {
            assertFalse(properties.path(component.getName()).isMissingNode(),
                    "article-collected schema lacks " + component.getName());
        }
    }

    private static JsonNode json(Object event) throws Exception {
        return JSON.readTree(EventJson.write(event));
    }

    private static List<Error> validate(String schemaFile, JsonNode instance) {
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of(SCHEMA_BASE + schemaFile));
        return schema.validate(instance);
    }
}
